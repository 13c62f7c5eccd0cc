"""Admin for attempts and responses: read-only records whose lists stay cheap with many rows."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, Response
from tests.factories import QuestionFactory, QuizFactory, StudentFactory

pytestmark = pytest.mark.django_db

ROWS = 10_000


@pytest.fixture
def many_attempts(course, lessons):
    """10,000 submitted attempts, each with one response, by 100 students."""
    question = QuestionFactory(lesson=lessons[0])
    quiz = QuizFactory(course=course, questions=[question])
    students = [StudentFactory(username=f"learner{i}") for i in range(100)]
    at = timezone.now() - dt.timedelta(days=1)
    attempts = Attempt.objects.bulk_create(
        Attempt(
            quiz=quiz,
            student=students[i % 100],
            number=i // 100 + 1,
            seed=i,
            question_ids=[question.pk],
            started_at=at,
            submitted_at=at,
            score=0.625,
        )
        for i in range(ROWS)
    )
    Response.objects.bulk_create(
        Response(
            attempt=a, question=question, question_version=1, answer="x", mark=0.625, answered_at=at
        )
        for a in attempts
    )
    return quiz


@pytest.mark.parametrize("model", ["attempt", "response"])
def test_changelists_run_a_bounded_number_of_queries_with_10000_rows(
    client, admin_user, many_attempts, django_assert_max_num_queries, model
):
    client.force_login(admin_user)
    url = reverse(f"admin:quizzes_{model}_changelist")
    course_filter = (
        "quiz__course__id__exact" if model == "attempt" else ("attempt__quiz__course__id__exact")
    )
    for query in [{}, {course_filter: many_attempts.course_id}, {"q": "learner1"}]:
        with django_assert_max_num_queries(15):
            response = client.get(url, query)
        assert response.status_code == 200
        assert response.content.decode().count("62%") >= 50  # scores and marks as percentages


def test_attempts_and_responses_are_read_only(client, admin_user, many_attempts):
    client.force_login(admin_user)
    attempt = Attempt.objects.first()
    assert client.get(reverse("admin:quizzes_attempt_add")).status_code == 403
    assert client.get(reverse("admin:quizzes_response_add")).status_code == 403
    page = client.get(reverse("admin:quizzes_attempt_change", args=[attempt.pk]))
    assert page.status_code == 200 and 'name="seed"' not in page.content.decode()
    client.post(reverse("admin:quizzes_attempt_change", args=[attempt.pk]), {"score": "1"})
    attempt.refresh_from_db()
    assert attempt.score == 0.625


def test_csv_action_downloads_selected_attempts(client, admin_user, many_attempts):
    client.force_login(admin_user)
    Attempt.objects.filter(pk=Attempt.objects.first().pk).update(score=None)
    chosen = list(Attempt.objects.order_by("pk").values_list("pk", flat=True)[:3])
    response = client.post(
        reverse("admin:quizzes_attempt_changelist"),
        {"action": "download_csv", "_selected_action": chosen},
    )
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("id,student_id,student__username,quiz_id")
    assert len(lines) == 4
