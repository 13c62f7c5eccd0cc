"""The quiz flow feeds spaced repetition: a student's first answer creates their review card."""

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Quiz
from quizzes.services import attempt_start, response_record
from review.models import ReviewCard, ReviewLog
from tests.factories import EnrollmentFactory, LessonFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(course):
    lesson = LessonFactory(course=course, slug="tides", order=1)
    return QuestionFactory(lesson=lesson)


def _right_choice(question):
    return next(c for c in question.ordered_choices() if c.weight == 1).pk


def test_first_quiz_answer_creates_one_card_with_a_log(course, question, student):
    EnrollmentFactory(course=course, student=student)
    quiz = Quiz.practice_for(question.lesson)
    attempt = attempt_start(quiz=quiz, student=student, at=timezone.now())
    response_record(
        attempt=attempt, question=question, answer=_right_choice(question), at=timezone.now()
    )
    card = ReviewCard.objects.get(student=student, question=question)
    assert card.reps == 1
    assert card.due > timezone.now()
    assert ReviewLog.objects.filter(card=card).count() == 1
    # The same answer submitted again records nothing new.
    response_record(
        attempt=attempt, question=question, answer=_right_choice(question), at=timezone.now()
    )
    assert ReviewLog.objects.filter(card=card).count() == 1


def test_instructor_preview_schedules_nothing(client, course, question, instructor):
    client.force_login(instructor)
    quiz = Quiz.practice_for(question.lesson)
    attempt = attempt_start(quiz=quiz, student=instructor, at=timezone.now(), preview=True)
    response_record(
        attempt=attempt, question=question, answer=_right_choice(question), at=timezone.now()
    )
    assert not ReviewCard.objects.exists()


def test_answering_over_http_creates_the_card(client, course, question, student):
    EnrollmentFactory(course=course, student=student)
    client.force_login(student)
    lesson = question.lesson
    response = client.get(reverse("lesson_practice", args=[course.slug, lesson.slug]))
    assert response.status_code in (200, 302)
    quiz = Quiz.objects.get(lesson=lesson, kind="practice")
    start = client.post(reverse("quiz_start", args=[quiz.pk]))
    assert start.status_code == 302
    attempt = quiz.attempts.get(student=student)
    url = reverse("attempt_question", args=[attempt.pk, 1])
    client.post(url, {f"q{question.pk}-answer": str(_right_choice(question))})
    assert ReviewCard.objects.filter(student=student, question=question).exists()
