"""Whether the browser tests can run: Debian's Chromium driven by Playwright, or a loud skip.

The hooks here are imported into tests/conftest.py. A test marked ``browser`` is skipped when
Chromium or Playwright is missing, and fails instead when TUTOR_REQUIRE_BROWSER=1 (CI sets it, so a
broken setup cannot pass as a skip).
"""

import os

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
REQUIRE_BROWSER = "TUTOR_REQUIRE_BROWSER"

_skipped = pytest.StashKey[list]()


def chromium_path():
    # Debian's package, never `playwright install`: nothing is downloaded at test time.
    return os.environ.get("TUTOR_CHROMIUM", "/usr/bin/chromium")


def missing_reason():
    """Why the browser tests cannot run here, or None when they can."""
    if not os.access(chromium_path(), os.X_OK):
        return f"Chromium is not installed at {chromium_path()}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[dev]')"
    return None


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives headless Chromium through Playwright")
    config.stash[_skipped] = []


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if item.get_closest_marker("browser") is None:
        return
    reason = missing_reason()
    if reason is None:
        return
    if os.environ.get(REQUIRE_BROWSER) == "1":
        pytest.fail(f"{reason}, and {REQUIRE_BROWSER}=1 requires the browser tests", pytrace=False)
    item.config.stash[_skipped].append(item.nodeid)
    pytest.skip(f"browser test skipped: {reason}")


def pytest_terminal_summary(terminalreporter, config):
    skipped = config.stash[_skipped]
    if not skipped:
        return
    bar = "*" * 96
    terminalreporter.write_line(bar, yellow=True, bold=True)
    terminalreporter.write_line(
        f"  {len(skipped)} BROWSER TESTS SKIPPED: {missing_reason()}.", yellow=True, bold=True
    )
    terminalreporter.write_line(
        "  `make test` installs Chromium when run as root with apt-get; otherwise install it "
        "(sudo apt-get install chromium).",
        yellow=True,
    )
    terminalreporter.write_line(
        f"  Set {REQUIRE_BROWSER}=1 (as CI does) to make this a failure.", yellow=True
    )
    terminalreporter.write_line(bar, yellow=True, bold=True)
