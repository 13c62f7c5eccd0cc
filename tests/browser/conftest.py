"""Playwright fixtures: one Chromium per test module, a fresh context per test at each viewport."""

import os
import threading

import pytest
from django.db import connections

from tests.browser.chromium import CHROMIUM_ARGS, chromium_path

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 812}}


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API keeps an event loop running in this thread while Django's ORM stays
    # sync. The flag is set only while this module's browser is open: leaked into later tests it
    # would make `check --deploy` in tests/test_settings.py fail with async.E001.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
        # Each live-server thread still serving a kept-alive connection holds a database
        # connection; wait for them, then close ours, so the test database can be dropped.
        for thread in threading.enumerate():
            if "process_request_thread" in thread.name:
                thread.join(timeout=10)
        connections.close_all()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request):
    return request.param


@pytest.fixture
def page(browser, viewport):
    """A page with the site's Content-Security-Policy in force: any violation on any page the
    test visits fails it (axe-core runs through the DevTools protocol, which the CSP allows)."""
    from tests.browser.csp import watch

    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.csp_violations = watch(page)
    try:
        yield page
    finally:
        context.close()
    assert not page.csp_violations, "\n".join(page.csp_violations)


@pytest.fixture
def log_in(live_server, client):
    """Give ``page`` the session cookie of ``user``, logged in through the test client."""
    from django.conf import settings

    def log_in(page, user):
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
        return page

    return log_in


@pytest.fixture
def check_page():
    """Call after each page a journey reaches: the page broke no Content-Security-Policy rule,
    axe-core finds no serious or critical violation there, and the page fits the viewport's width
    (nothing scrolls sideways)."""
    from tests.browser.axe import describe, violations

    checked = []

    def check(page):
        refused = getattr(page, "csp_violations", [])
        assert not refused, "\n".join(refused)
        found = violations(page)
        assert not found, f"{page.url}\n{describe(found)}"
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 1:
            widest = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right
                                 > document.documentElement.clientWidth + 1)
                    .slice(-3).map(e => e.outerHTML.slice(0, 160))"""
            )
            raise AssertionError(f"{page.url} is {overflow}px wider than the screen: {widest}")
        checked.append(page.url)

    check.pages = checked
    return check
