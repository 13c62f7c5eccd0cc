"""Content-Security-Policy violations a page reports, as Chromium logs them on the console
("Refused to apply inline style…", "Refused to execute inline script…", "Refused to load…")."""


def watch(page) -> list[str]:
    """Start collecting the page's CSP violations; returns the list they are appended to."""
    found: list[str] = []

    def on_console(message):
        text = message.text
        if text.startswith("Refused to") or "Content Security Policy" in text:
            found.append(f"{page.url}: {text}")

    page.on("console", on_console)
    return found
