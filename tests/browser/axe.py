"""axe-core checks for the pages a browser test visits: no serious or critical violations."""

from pathlib import Path

AXE_SOURCE = (Path(__file__).parent / "assets" / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = {"serious", "critical"}


def violations(page) -> list[dict]:
    """The serious and critical axe violations of the page as it is now."""
    # Evaluated through the DevTools protocol, so the page's Content-Security-Policy allows it.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    results = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations'], "
        "runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
        "'best-practice']}})"
    )
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def describe(found: list[dict]) -> str:
    lines = []
    for violation in found:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']} at {targets}")
    return "\n".join(lines)
