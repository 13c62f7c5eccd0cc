"""A timed attempt counts down live and, when time is up, submits the answer on the page."""

import datetime as dt

import pytest
from django.utils import timezone

from quizzes.models import Attempt
from quizzes.services import attempt_start
from tests.factories import EnrollmentFactory, QuestionFactory, QuizFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_countdown_submits_the_chosen_answer_on_time(page, log_in, live_server, student, course):
    EnrollmentFactory(course=course, student=student)
    question = QuestionFactory(
        lesson__course=course,
        prompt="Where do rivers start?",
        choices=[("At a spring", 1.0), ("At the sea", 0.0)],
    )
    quiz = QuizFactory(course=course, questions=[question], time_limit_minutes=1)
    attempt = attempt_start(quiz=quiz, student=student, at=timezone.now())
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + dt.timedelta(seconds=15))
    log_in(page, student)

    page.goto(f"{live_server.url}/attempts/{attempt.pk}/questions/1/")
    left = page.locator("[data-countdown-left]")
    assert left.inner_text().endswith(" s")  # ticking in seconds, not "5 minutes"
    page.check("label:has-text('At a spring') input")
    # Nobody presses a button: the countdown sends the answer to "finish" before the deadline.
    page.wait_for_url(f"**/attempts/{attempt.pk}/", timeout=30_000)
    assert "Score" in page.inner_text("main")
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 1.0
