from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from quizzes.grading import InvalidAnswer
from quizzes.models import Attempt, Quiz, Response
from quizzes.services import (
    AttemptClosed,
    QuizUnavailable,
    attempt_start,
    attempt_submit,
    question_save,
    response_record,
)
from tests.factories import LessonFactory, QuestionFactory, QuizFactory
from tests.quizzes.conftest import make_question

pytestmark = pytest.mark.django_db


def right_choice(question):
    return next(c.pk for c in question.ordered_choices() if c.weight == 1)


def test_practice_quiz_asks_the_lessons_approved_questions_in_order(lesson, enrolled_student):
    second = QuestionFactory(lesson=lesson, order=2)
    first = QuestionFactory(lesson=lesson, order=1)
    QuestionFactory(lesson=lesson, order=0, status="draft")
    QuestionFactory(lesson=lesson, order=3, status="retired")
    QuestionFactory(order=0)  # another lesson
    attempt = attempt_start(
        quiz=Quiz.practice_for(lesson), student=enrolled_student, at=timezone.now()
    )
    assert attempt.question_ids == [first.pk, second.pk]
    assert Quiz.practice_for(lesson) == attempt.quiz  # one practice quiz per lesson


def test_hand_picked_quiz_keeps_item_order_and_skips_unapproved(course, enrolled_student):
    a, b = QuestionFactory(lesson__course=course), QuestionFactory(lesson__course=course)
    draft = QuestionFactory(lesson__course=course, status="draft")
    quiz = QuizFactory(course=course, questions=[b, draft, a])
    attempt = attempt_start(quiz=quiz, student=enrolled_student, at=timezone.now())
    assert attempt.question_ids == [b.pk, a.pk]


def test_random_draw_is_fixed_for_the_attempt_and_varies_between_attempts(course, enrolled_student):
    lessons = [LessonFactory(course=course), LessonFactory(course=course)]
    pool = {QuestionFactory(lesson=lessons[i % 2]).pk for i in range(30)}
    QuestionFactory(lesson__course=course)  # a lesson not drawn from
    quiz = QuizFactory(course=course, selection="random", draw_count=5)
    quiz.draw_lessons.set(lessons)
    now = timezone.now()
    draws = []
    for _ in range(4):
        attempt = attempt_start(quiz=quiz, student=enrolled_student, at=now)
        assert len(attempt.question_ids) == 5 and set(attempt.question_ids) <= pool
        # Resuming the unfinished attempt keeps its draw.
        assert attempt_start(quiz=quiz, student=enrolled_student, at=now).question_ids == (
            attempt.question_ids
        )
        assert attempt.questions() == sorted(
            attempt.questions(), key=lambda q: attempt.question_ids.index(q.pk)
        )
        draws.append(tuple(attempt.question_ids))
        attempt_submit(attempt=attempt, at=now)
    assert len(set(draws)) > 1
    assert quiz.draw_question_ids(123) == quiz.draw_question_ids(123)


def test_attempts_allowed_and_open_dates(course, enrolled_student):
    now = timezone.now()
    quiz = QuizFactory(
        course=course,
        questions=[QuestionFactory(lesson__course=course)],
        attempts_allowed=2,
        opens_at=now,
        closes_at=now + timedelta(days=1),
    )
    with pytest.raises(QuizUnavailable, match="not open"):
        attempt_start(quiz=quiz, student=enrolled_student, at=now - timedelta(minutes=1))
    for _ in range(2):
        attempt_submit(attempt=attempt_start(quiz=quiz, student=enrolled_student, at=now), at=now)
    with pytest.raises(QuizUnavailable, match="attempts"):
        attempt_start(quiz=quiz, student=enrolled_student, at=now)
    with pytest.raises(QuizUnavailable, match="not open"):
        attempt_start(
            quiz=QuizFactory(course=course, published=False), student=enrolled_student, at=now
        )
    with pytest.raises(QuizUnavailable, match="not open"):
        attempt_start(quiz=quiz, student=enrolled_student, at=now + timedelta(days=1))
    assert Attempt.objects.filter(quiz=quiz).count() == 2


def test_quiz_without_questions_cannot_start(lesson, enrolled_student):
    with pytest.raises(QuizUnavailable, match="no questions"):
        attempt_start(quiz=Quiz.practice_for(lesson), student=enrolled_student, at=timezone.now())


def test_time_limit_sets_a_deadline_enforced_on_answers(lesson, enrolled_student):
    question = QuestionFactory(lesson=lesson)
    quiz = QuizFactory(course=lesson.course, questions=[question], time_limit_minutes=10)
    start = timezone.now()
    attempt = attempt_start(quiz=quiz, student=enrolled_student, at=start)
    assert attempt.deadline == start + timedelta(minutes=10)
    with pytest.raises(AttemptClosed):
        response_record(
            attempt=attempt,
            question=question,
            answer=right_choice(question),
            at=start + timedelta(minutes=11),
        )
    assert not Response.objects.exists()
    # Starting again after the deadline submits the expired attempt and opens a new one.
    again = attempt_start(quiz=quiz, student=enrolled_student, at=start + timedelta(minutes=11))
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 0 and again.number == 2


def test_response_records_grade_version_and_time(lesson, enrolled_student):
    question = QuestionFactory(lesson=lesson)
    start = timezone.now()
    attempt = attempt_start(quiz=Quiz.practice_for(lesson), student=enrolled_student, at=start)
    response = response_record(
        attempt=attempt,
        question=question,
        answer=right_choice(question),
        at=start + timedelta(seconds=7),
    )
    assert response.mark == 1 and response.normalised_answer == "Right"
    assert response.question_version == 1 and response.time_taken_ms == 7000
    assert question.versions.get(number=1).snapshot["choices"][0]["text"] == "Right"


def test_double_submission_is_recorded_once(lesson, enrolled_student):
    question = QuestionFactory(lesson=lesson)
    now = timezone.now()
    attempt = attempt_start(quiz=Quiz.practice_for(lesson), student=enrolled_student, at=now)
    wrong = next(c.pk for c in question.ordered_choices() if c.weight == 0)
    first = response_record(attempt=attempt, question=question, answer=wrong, at=now)
    second = response_record(
        attempt=attempt, question=question, answer=right_choice(question), at=now
    )
    assert first.pk == second.pk and second.mark == 0
    assert Response.objects.count() == 1
    # The database itself refuses a second row for the same attempt and question.
    with pytest.raises(IntegrityError):
        Response.objects.create(
            attempt=attempt,
            question=question,
            question_version=1,
            answer=wrong,
            mark=0,
            answered_at=now,
        )


def test_invalid_answer_stores_nothing(lesson, enrolled_student):
    question = QuestionFactory(lesson=lesson)
    attempt = attempt_start(
        quiz=Quiz.practice_for(lesson), student=enrolled_student, at=timezone.now()
    )
    with pytest.raises(InvalidAnswer):
        response_record(attempt=attempt, question=question, answer=999999, at=timezone.now())
    other = QuestionFactory(lesson=LessonFactory(course=lesson.course))
    with pytest.raises(InvalidAnswer, match="not part"):
        response_record(
            attempt=attempt, question=other, answer=right_choice(other), at=timezone.now()
        )
    assert not Response.objects.exists()


def test_submit_scores_the_mean_with_unanswered_as_zero(questions_of_every_type, enrolled_student):
    lesson = questions_of_every_type[0].lesson
    now = timezone.now()
    attempt = attempt_start(quiz=Quiz.practice_for(lesson), student=enrolled_student, at=now)
    single, multi = questions_of_every_type[:2]
    response_record(attempt=attempt, question=single, answer=right_choice(single), at=now)
    rain = next(c.pk for c in multi.ordered_choices() if c.text == "Rain")
    response_record(attempt=attempt, question=multi, answer=[rain], at=now)
    attempt = attempt_submit(attempt=attempt, at=now)
    assert attempt.score == pytest.approx(1.5 / 7)
    assert attempt.is_finished and not attempt.passed
    with pytest.raises(AttemptClosed):
        response_record(attempt=attempt, question=questions_of_every_type[2], answer="true", at=now)
    assert attempt_submit(attempt=attempt, at=now + timedelta(hours=1)).submitted_at == now


@pytest.mark.parametrize(
    "method,expected", [("highest", 1.0), ("last", 0.5), ("first", 0.0), ("mean", 0.5)]
)
def test_kept_grade_follows_the_grading_method(course, enrolled_student, method, expected):
    rain = make_question(
        LessonFactory(course=course),
        "multiple_response",
        "Which?",
        [{"text": "Rain", "weight": 0.5}, {"text": "Snow", "weight": 0.5}, {"text": "Sand"}],
    )
    quiz = QuizFactory(course=course, questions=[rain], grading_method=method, pass_mark=50)
    by_text = {c.text: c.pk for c in rain.ordered_choices()}
    now = timezone.now()
    assert quiz.kept_score_for(enrolled_student) is None
    for answer in (["Sand"], ["Rain", "Snow"], ["Rain"]):
        attempt = attempt_start(quiz=quiz, student=enrolled_student, at=now)
        response_record(attempt=attempt, question=rain, answer=[by_text[a] for a in answer], at=now)
        attempt_submit(attempt=attempt, at=now)
    assert quiz.kept_score_for(enrolled_student) == pytest.approx(expected)
    assert quiz.passes(quiz.kept_score_for(enrolled_student)) == (expected >= 0.5)


def test_editing_an_answered_question_keeps_old_responses_meaning(lesson, enrolled_student):
    question = QuestionFactory(lesson=lesson, prompt="Where do rivers start?")
    now = timezone.now()
    attempt = attempt_start(quiz=Quiz.practice_for(lesson), student=enrolled_student, at=now)
    old_right = right_choice(question)
    response = response_record(attempt=attempt, question=question, answer=old_right, at=now)
    choices = [
        {"id": c.pk, "text": c.text, "weight": c.weight, "feedback": ""}
        for c in question.ordered_choices()
    ]
    # The instructor changes which choice is right and rewords the prompt.
    choices[0]["weight"], choices[1]["weight"] = 0.0, 1.0
    question.prompt = "Where do rivers end?"
    question_save(question=question, choices=choices, at=now)
    question.refresh_from_db()
    response.refresh_from_db()
    assert question.version == 2
    assert response.mark == 1 and response.question_version == 1
    old = question.versions.get(number=1)
    assert old.snapshot["prompt"] == "Where do rivers start?"
    assert old.spec().choices[0].weight == 1
    # A new attempt is graded by the new version.
    attempt_submit(attempt=attempt, at=now)
    new_attempt = attempt_start(quiz=Quiz.practice_for(lesson), student=enrolled_student, at=now)
    new_response = response_record(attempt=new_attempt, question=question, answer=old_right, at=now)
    assert new_response.mark == 0 and new_response.question_version == 2


def test_editing_an_unanswered_question_keeps_its_version(lesson):
    question = QuestionFactory(lesson=lesson)
    choices = [
        {"id": c.pk, "text": c.text + "!", "weight": c.weight} for c in question.ordered_choices()
    ]
    question_save(question=question, choices=choices)
    question.refresh_from_db()
    assert question.version == 1 and not question.versions.exists()
    assert [c.text for c in question.ordered_choices()] == ["Right!", "Wrong!", "Also wrong!"]


def test_instructor_preview_ignores_dates_and_attempt_limits(course, instructor):
    quiz = QuizFactory(
        course=course,
        questions=[QuestionFactory(lesson__course=course)],
        published=False,
        attempts_allowed=1,
    )
    now = timezone.now()
    for _ in range(2):
        attempt = attempt_start(quiz=quiz, student=instructor, at=now, preview=True)
        attempt_submit(attempt=attempt, at=now)
    with pytest.raises(QuizUnavailable):
        attempt_start(quiz=quiz, student=instructor, at=now)
