"""Content-Security-Policy: every page carries it, it allows no inline script or style, and no
template (nor HTML written in Python) holds what it would refuse. The browser tests load the
pages with the policy on and fail on any violation (tests/browser/test_csp.py)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

# What a policy without 'unsafe-inline' refuses: style attributes, <style> and <script> blocks
# without a src, on…= event handlers, javascript: URLs and htmx's hx-on (it needs eval).
REFUSED = re.compile(
    r"""\sstyle\s*=|<style[\s>]|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+\s*=\s*["']"""
    r"""|javascript:|\shx-on""",
    re.IGNORECASE,
)


def _markup_sources():
    base = Path(settings.BASE_DIR)
    yield from (base / "templates").rglob("*.html")
    for app in ("accounts", "lessons", "quizzes", "review", "results", "tutor"):
        yield from (base / app).rglob("templatetags/*.py")
        yield from (base / app).rglob("templates/**/*.html")


def test_no_template_holds_inline_script_style_or_handlers():
    found = []
    for path in _markup_sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if REFUSED.search(line):
                found.append(f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("url_name", ["home", "login", "signup", "admin:login"])
def test_pages_carry_a_policy_without_unsafe_inline(client, url_name):
    response = client.get(reverse(url_name))
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'none'"


def test_htmx_is_told_not_to_inject_its_style_and_tutor_css_carries_it(client):
    page = client.get(reverse("home")).content.decode()
    assert '"includeIndicatorStyles": false' in page
    css = (Path(settings.BASE_DIR) / "static/css/tutor.css").read_text(encoding="utf-8")
    assert ".htmx-request .htmx-indicator" in css
