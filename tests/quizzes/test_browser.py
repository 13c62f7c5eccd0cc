"""A real browser answers a practice question: the feedback swaps in place through htmx."""

import threading
from pathlib import Path

import pytest

from quizzes.models import Quiz
from tests.factories import PASSWORD, QuestionFactory

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread while Django's ORM stays sync.
    # Set through monkeypatch, not os.environ at import, so the flag cannot leak into other
    # tests (it would make `check --deploy` in tests/test_settings.py fail with async.E001).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # Fail loudly when Chromium is missing: CI installs it, so a skip would hide a broken setup.
    assert Path(CHROMIUM).exists(), f"Chromium is required at {CHROMIUM} for browser tests"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()
    # Chromium kept its HTTP connections alive, and each live-server thread holding one also holds
    # a database connection; wait for them to end so the test database can be dropped cleanly.
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(timeout=10)


@pytest.fixture
def practice(lesson, enrolled_student):
    """The data and URLs, built before the browser starts: Playwright's greenlet gets its own
    database connection for any ORM call made after, which is then never closed."""
    QuestionFactory(
        lesson=lesson, prompt="Where do rivers usually start?", order=1,
        choices=[("At a spring", 1.0), ("At the sea", 0.0)],
        general_feedback="Springs feed most rivers.",
    )  # fmt: skip
    QuestionFactory(lesson=lesson, prompt="Second question?", order=2)
    return {
        "username": enrolled_student.username,
        "lesson_url": lesson.get_absolute_url(),
        "quiz_url": Quiz.practice_for(lesson).get_absolute_url(),
    }


def test_student_answers_a_practice_question_with_htmx(live_server, practice, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", practice["username"])
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/dashboard/")

    page.goto(live_server.url + practice["lesson_url"])
    page.click("text=Practice this lesson")
    page.wait_for_url(f"**{practice['quiz_url']}")
    page.click("main button:has-text('Start')")
    page.wait_for_selector("text=Where do rivers usually start?")

    # Mark the document: a full page load would lose this property, an htmx swap keeps it.
    page.evaluate("window.__noReload = true")
    question_url = page.url
    page.check("label:has-text('At a spring') input")
    page.click("button:has-text('Check answer')")
    page.wait_for_selector(".answer-feedback .verdict")
    assert page.inner_text(".verdict").startswith("Right")
    assert "Springs feed most rivers." in page.inner_text(".question-card")
    assert page.evaluate("window.__noReload") is True
    assert page.url == question_url

    page.click("text=Next question")
    page.wait_for_selector("text=Second question?")
    assert page.url.endswith("/questions/2/")
