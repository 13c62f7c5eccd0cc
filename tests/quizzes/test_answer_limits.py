"""A typed answer is at most 1,000 characters and holds no null character, in quizzes and in
review alike: refused with a message, nothing recorded (issue 13, defects 2 and 12)."""

import pytest
from django.urls import reverse

from quizzes.answering import MAX_ANSWER_CHARS
from quizzes.models import Attempt, Quiz, Response
from review.models import ReviewLog
from tests.quizzes.conftest import make_question

pytestmark = pytest.mark.django_db

REFUSED = {
    "x" * (MAX_ANSWER_CHARS + 1): "at most 1,000 characters",
    "x" * 1_000_000: "at most 1,000 characters",
    "Spr\x00ings": "null character",
}


@pytest.fixture
def typed(lesson):
    return make_question(
        lesson, "short_answer", "Where do rivers start?", [{"text": "Springs", "weight": 1}]
    )


@pytest.fixture
def attempt(client, enrolled_student, typed):
    client.force_login(enrolled_student)
    client.post(reverse("quiz_start", args=[Quiz.practice_for(typed.lesson).pk]))
    return Attempt.objects.get()


@pytest.mark.parametrize("answer", REFUSED)
def test_a_quiz_refuses_an_answer_too_long_or_with_a_null(client, attempt, typed, answer):
    url = reverse("attempt_question", args=[attempt.pk, 1])
    response = client.post(url, {f"q{typed.pk}-answer": answer})
    assert response.status_code == 200
    assert REFUSED[answer] in response.text
    assert not Response.objects.exists()


def test_a_quiz_takes_an_answer_of_exactly_the_limit(client, attempt, typed):
    url = reverse("attempt_question", args=[attempt.pk, 1])
    client.post(url, {f"q{typed.pk}-answer": "x" * MAX_ANSWER_CHARS})
    assert Response.objects.get().answer == "x" * MAX_ANSWER_CHARS


def test_finishing_with_a_refused_answer_scores_it_as_unanswered(client, attempt, typed):
    finish = client.post(
        reverse("attempt_finish", args=[attempt.pk]), {f"q{typed.pk}-answer": "a\x00b"}
    )
    assert finish.status_code == 302
    assert not Response.objects.exists()
    attempt.refresh_from_db()
    assert attempt.is_finished


def test_a_page_caps_typed_answers_where_it_asks_for_them(client, attempt):
    page = client.get(reverse("attempt_question", args=[attempt.pk, 1]))
    assert f'maxlength="{MAX_ANSWER_CHARS}"' in page.text


@pytest.mark.parametrize("answer", REFUSED)
def test_review_refuses_an_answer_too_long_or_with_a_null(client, enrolled_student, typed, answer):
    client.force_login(enrolled_student)
    response = client.post(reverse("review_answer"), {"question": typed.pk, "answer": answer})
    assert response.status_code == 200
    assert REFUSED[answer] in response.text
    assert not ReviewLog.objects.exists()
