"""Keyboard shortcuts in a real browser: 1-4 pick or rate, Enter/Space reveal and continue."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from review.models import ReviewLog, StudentReviewSettings
from tests.factories import EnrollmentFactory, ReviewCardFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(page, live_server, client, student, course):
    """The student's page, logged in through a session cookie."""
    EnrollmentFactory(course=course, student=student)
    client.force_login(student)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return page


def _due_card(student, course):
    from tests.factories import LessonFactory, QuestionFactory

    question = QuestionFactory(lesson=LessonFactory(course=course))
    return ReviewCardFactory(
        student=student, question=question, due=timezone.now() - dt.timedelta(days=1)
    )


def test_pick_reveal_and_continue_with_keys(page, live_server, student, course):
    _due_card(student, course)
    page.goto(f"{live_server.url}/review/")
    page.locator("body").press("1")
    assert page.locator("[data-key='1']").is_checked()
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-review-reveal]")
    assert "Rated" in page.inner_text("#review-pane")
    assert ReviewLog.objects.filter(student=student).count() == 1
    page.keyboard.press("Space")
    page.wait_for_selector("text=All done for now")


def test_rate_with_number_keys(page, live_server, student, course):
    StudentReviewSettings.objects.create(student=student, self_rating=True)
    _due_card(student, course)
    page.goto(f"{live_server.url}/review/")
    page.locator("body").press("2")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-review-rate]")
    page.keyboard.press("4")
    page.wait_for_selector("text=All done for now")
    assert ReviewLog.objects.get(student=student).rating == 4
