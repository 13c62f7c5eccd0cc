"""Closed content leaves review at once: a course unpublished and a lesson archived are no longer
served, answered, revealed or counted as due, on the session, the dashboard and the course
page (issue 13)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lessons.models import LessonProgress
from review.models import ReviewLog, StudentReviewSettings
from tests.factories import ReviewCardFactory

from .conftest import right_choice

pytestmark = pytest.mark.django_db
SESSION = reverse("review_session")
DASHBOARD = reverse("dashboard")


@pytest.fixture
def due_card(learner, course_questions):
    for lesson in {q.lesson for q in course_questions}:
        LessonProgress.record_open(student=learner, lesson=lesson, at=timezone.now())
    return ReviewCardFactory(
        student=learner, question=course_questions[0], due=timezone.now() - dt.timedelta(days=1)
    )


def _answer(client, question):
    return client.post(
        reverse("review_answer"), {"question": question.pk, "answer": right_choice(question)}
    )


def _close(what, course, lesson):
    if what == "unpublished":
        course.published = False
        course.save(update_fields=["published"])
    else:
        lesson.archived_at = timezone.now()
        lesson.save(update_fields=["archived_at"])


@pytest.mark.parametrize("what", ["unpublished", "archived"])
def test_closed_content_is_not_served_answered_or_counted(
    client_for, learner, course, due_card, what
):
    client = client_for(learner)
    question, lesson = due_card.question, due_card.question.lesson
    before = client.get(DASHBOARD).context["summary"]
    assert before["due"] == 1 and before["new"] == 3
    assert question.prompt in client.get(SESSION).text

    _close(what, course, lesson)

    page = client.get(SESSION).text
    assert question.prompt not in page
    assert _answer(client, question).status_code == 404
    assert not ReviewLog.objects.exists()
    assert client.get(SESSION, {"lesson": lesson.pk}).status_code == 404
    summary = client.get(DASHBOARD).context["summary"]  # not the figures cached before
    assert summary["due"] == 0
    assert summary["new"] == (0 if what == "unpublished" else 2)


def test_an_unpublished_course_leaves_the_dashboard(client_for, learner, course, due_card):
    client = client_for(learner)
    assert [c.pk for c in client.get(DASHBOARD).context["enrolled"]] == [course.pk]
    _close("unpublished", course, None)
    context = client.get(DASHBOARD).context
    assert context["enrolled"] == [] and context["cards_total"] == 0
    assert context["forecast_total"] == 0


def test_a_pending_rating_of_a_closed_course_is_dropped(client_for, learner, course, due_card):
    StudentReviewSettings.objects.create(student=learner, self_rating=True)
    client = client_for(learner)
    client.get(SESSION)
    _answer(client, due_card.question)
    _close("unpublished", course, None)
    client.post(reverse("review_rate"), {"rating": "3"})
    assert not ReviewLog.objects.exists()
    assert due_card.question.prompt not in client.get(SESSION).text
