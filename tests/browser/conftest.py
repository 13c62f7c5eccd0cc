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
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()
