"""A new student's journey in Chromium, at desktop and phone sizes, with axe checks on each page:
sign up, enrol, Study now from the dashboard, practise with feedback, review by keyboard once the
clock has moved, and the dashboard."""

import datetime as dt

import pytest
from django.utils import timezone

from review.models import ReviewCard, ReviewLog
from tests.factories import LessonFactory, QuestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def rivers(course):
    sources = LessonFactory(
        course=course,
        title="Sources",
        slug="sources",
        order=1,
        body="Most rivers start at a spring high in the hills.",
    )
    LessonFactory(
        course=course, title="Deltas", slug="deltas", order=2, body="Rivers end in deltas."
    )
    QuestionFactory(
        lesson=sources,
        prompt="Where do most rivers start?",
        order=1,
        choices=[("At a spring", 1.0), ("At the sea", 0.0), ("In a delta", 0.0)],
        general_feedback="Springs feed most rivers.",
    )
    QuestionFactory(
        lesson=sources,
        prompt="Where do rivers end?",
        order=2,
        choices=[("In a delta", 1.0), ("At a spring", 0.0)],
    )
    return course


def test_student_journey(page, live_server, rivers, check_page):
    url = live_server.url
    page.goto(f"{url}/accounts/signup/")
    check_page(page)
    page.fill("input[name=username]", "newcomer")
    page.fill("input[name=email]", "newcomer@example.com")
    page.fill("input[name=password1]", "a long river passphrase 42")
    page.fill("input[name=password2]", "a long river passphrase 42")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{url}/")
    check_page(page)

    page.click(f"main a[href='{rivers.get_absolute_url()}']")
    check_page(page)
    page.click("button:has-text('Enrol in this course')")
    page.wait_for_selector("text=You are enrolled")
    check_page(page)

    # The dashboard leads with one action; a single click reaches the first lesson.
    page.click("nav >> text=Dashboard")
    page.wait_for_selector("#study-now-heading")
    check_page(page)
    assert page.inner_text(".study-now-reason") == f"Next lesson of {rivers.title}"
    page.click(".study-now-action")
    page.wait_for_selector("h1:has-text('Sources')")
    check_page(page)

    page.click("text=Practice this lesson")
    check_page(page)
    page.click("main button:has-text('Start')")
    page.wait_for_selector("text=Where do most rivers start?")
    check_page(page)
    page.check("label:has-text('At a spring') input")
    page.click("button:has-text('Check answer')")
    page.wait_for_selector(".answer-feedback")
    feedback = page.inner_text(".answer-feedback")
    assert "Right" in feedback and "Springs feed most rivers." in feedback
    check_page(page)
    page.click("text=Next question")
    page.wait_for_selector("text=Where do rivers end?")
    check_page(page)
    page.check("label:has-text('At a spring') input")  # wrong on purpose
    page.click("button:has-text('Check answer')")
    page.wait_for_selector(".answer-feedback")
    assert "In a delta" in page.inner_text(".answer-feedback")  # the correct answer is shown
    check_page(page)
    page.click("button:has-text('Finish and see your score')")
    page.wait_for_selector("text=Score")
    check_page(page)

    # The clock moves on: both cards fall due, and the review session takes them by keyboard.
    ReviewCard.objects.filter(student__username="newcomer").update(
        due=timezone.now() - dt.timedelta(days=2)
    )
    page.goto(f"{url}/review/")
    for _ in range(2):
        page.wait_for_selector("[data-review-question]")
        check_page(page)
        page.locator("body").press("1")
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-review-reveal]")
        check_page(page)
        page.keyboard.press("Space")
    page.wait_for_selector("text=All done for now")
    check_page(page)
    assert ReviewLog.objects.filter(student__username="newcomer", source="session").count() == 2

    page.goto(f"{url}/dashboard/")
    check_page(page)
    assert "Your dashboard" in page.inner_text("h1")
    assert page.locator(".study-now-action").count() <= 1  # one primary action at most
