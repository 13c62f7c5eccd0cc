"""Admin for review cards and logs: searchable, filtered by course, cheap with many rows."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from review.models import ReviewCard, ReviewLog
from tests.factories import QuestionFactory, StudentFactory

pytestmark = pytest.mark.django_db

ROWS = 10_000


@pytest.fixture
def many_reviews(course, lessons):
    """10,000 cards (100 students x 100 questions) and 10,000 logs."""
    questions = [QuestionFactory(lesson=lessons[0], choices=[("Right", 1.0)]) for _ in range(100)]
    students = [StudentFactory(username=f"learner{i}") for i in range(100)]
    now = timezone.now()
    cards = ReviewCard.objects.bulk_create(
        ReviewCard(
            student=s,
            question=q,
            lesson_id=q.lesson_id,
            due=now,
            stability=3.0,
            difficulty=5.0,
            state=2,
            reps=1,
            last_review=now - dt.timedelta(days=1),
        )
        for s in students
        for q in questions
    )
    ReviewLog.objects.bulk_create(
        ReviewLog(
            card=c,
            student_id=c.student_id,
            rating=3,
            reviewed_at=now,
            mark=0.5,
            state_before=2,
            due_after=now,
            source="session",
        )
        for c in cards
    )
    return course


@pytest.mark.parametrize(
    "model, course_filter",
    [("reviewcard", "lesson__course__id__exact"), ("reviewlog", "card__lesson__course__id__exact")],
)
def test_changelists_run_a_bounded_number_of_queries_with_10000_rows(
    client, admin_user, many_reviews, django_assert_max_num_queries, model, course_filter
):
    client.force_login(admin_user)
    url = reverse(f"admin:review_{model}_changelist")
    for query in [{}, {course_filter: many_reviews.pk}, {"q": "learner1"}]:
        with django_assert_max_num_queries(15):
            response = client.get(url, query)
        assert response.status_code == 200
        assert "learner" in response.content.decode()


def test_review_logs_are_read_only(client, admin_user, many_reviews):
    client.force_login(admin_user)
    log = ReviewLog.objects.first()
    assert client.get(reverse("admin:review_reviewlog_add")).status_code == 403
    client.post(reverse("admin:review_reviewlog_change", args=[log.pk]), {"rating": "1"})
    log.refresh_from_db()
    assert log.rating == 3
    assert "50%" in client.get(reverse("admin:review_reviewlog_changelist")).content.decode()
