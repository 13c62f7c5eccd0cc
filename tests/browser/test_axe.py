"""The axe check itself: it finds what it should, so a clean journey means something."""

import pytest

from tests.browser.axe import violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_axe_reports_serious_violations(page):
    page.set_content(
        '<html lang="en"><body><main><h1>Bad</h1><img src="x.png">'
        '<p style="color:#aaa;background:#fff">faint</p></main></body></html>'
    )
    found = {violation["id"] for violation in violations(page)}
    assert {"image-alt", "color-contrast"} <= found
