"""One showing of a question is reviewed once, however many answers or ratings are sent for it
at once (issue 13: 20 concurrent answers from one session gave 19 review logs). Requests sent
at once each read the session before the others saved it; here the session is put back as it
was, which is what the later requests saw."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from review.models import ReviewCard, ReviewLog, StudentReviewSettings
from tests.factories import ReviewCardFactory

from .conftest import right_choice

pytestmark = pytest.mark.django_db
SESSION = reverse("review_session")
HTMX = {"HX-Request": "true"}


def _as_seen_before(client, saved: dict) -> None:
    """Put the session back as a request sent at the same moment read it."""
    session = client.session
    session.clear()
    session.update(saved)
    session.save()


@pytest.fixture
def due_card(learner, course_questions):
    return ReviewCardFactory(
        student=learner, question=course_questions[0], due=timezone.now() - dt.timedelta(days=1)
    )


def test_an_answer_sent_twice_for_one_showing_is_reviewed_once(client_for, learner, due_card):
    client = client_for(learner)
    page = client.get(SESSION).text
    assert 'name="reviews" value="1"' in page
    assert 'hx-sync="this:drop"' in page and 'hx-disabled-elt="find button"' in page
    before = dict(client.session)
    data = {"question": due_card.question.pk, "answer": right_choice(due_card.question)}
    client.post(reverse("review_answer"), data)
    _as_seen_before(client, before)
    second = client.post(reverse("review_answer"), data, headers=HTMX)
    assert ReviewLog.objects.count() == 1
    assert ReviewCard.objects.get().reps == 2
    assert "Rated <strong>Good" in second.text  # the same feedback as the first


def test_a_new_questions_first_answer_sent_twice_creates_one_card_and_log(
    client_for, learner, course_questions
):
    from lessons.models import LessonProgress

    question = course_questions[0]
    LessonProgress.record_open(student=learner, lesson=question.lesson, at=timezone.now())
    client = client_for(learner)
    assert 'name="reviews" value="0"' in client.get(SESSION).text
    before = dict(client.session)
    data = {"question": question.pk, "answer": right_choice(question)}
    client.post(reverse("review_answer"), data)
    _as_seen_before(client, before)
    client.post(reverse("review_answer"), data)
    assert ReviewCard.objects.count() == 1 and ReviewLog.objects.count() == 1


def test_a_rating_sent_twice_is_reviewed_once(client_for, learner, due_card):
    StudentReviewSettings.objects.create(student=learner, self_rating=True)
    client = client_for(learner)
    client.get(SESSION)
    data = {"question": due_card.question.pk, "answer": right_choice(due_card.question)}
    client.post(reverse("review_answer"), data)
    before = dict(client.session)
    client.post(reverse("review_rate"), {"rating": "3"})
    _as_seen_before(client, before)
    client.post(reverse("review_rate"), {"rating": "4"}, headers=HTMX)
    assert list(ReviewLog.objects.values_list("rating", flat=True)) == [3]
    assert ReviewCard.objects.get().reps == 2


def test_the_next_showing_counts_again(client_for, learner, due_card):
    """The same card answered again when it is next shown is a new review."""
    client = client_for(learner)
    data = {"question": due_card.question.pk, "answer": right_choice(due_card.question)}
    client.get(SESSION)
    client.post(reverse("review_answer"), data)
    client.post(reverse("review_continue"))
    ReviewCard.objects.update(due=timezone.now() - dt.timedelta(minutes=1))
    assert 'name="reviews" value="2"' in client.get(SESSION).text
    client.post(reverse("review_answer"), data)
    assert ReviewLog.objects.count() == 2 and ReviewCard.objects.get().reps == 3
