"""A real browser answers a practice question: the feedback swaps in place through htmx."""

import pytest

from quizzes.models import Quiz
from tests.factories import PASSWORD, QuestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def practice(lessons, enrolled_student):
    lesson = lessons[0]
    QuestionFactory(
        lesson=lesson,
        prompt="Where do rivers usually start?",
        order=1,
        choices=[("At a spring", 1.0), ("At the sea", 0.0)],
        general_feedback="Springs feed most rivers.",
    )
    QuestionFactory(lesson=lesson, prompt="Second question?", order=2)
    return {
        "username": enrolled_student.username,
        "lesson_url": lesson.get_absolute_url(),
        "quiz_url": Quiz.practice_for(lesson).get_absolute_url(),
    }


def test_student_answers_a_practice_question_with_htmx(live_server, practice, page):
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
