"""tutor.rows: a row read in plain SQL loads the instance the ORM's get() loads; one written in
plain SQL is the row the ORM's save() writes."""

import datetime as dt

import pytest
from django.db import DatabaseError, models
from django.db.models.signals import post_save
from django.forms.models import model_to_dict

from lessons.models import LessonProgress
from quizzes.models import Attempt, Response
from review.models import ReviewCard, ReviewLog
from tests.factories import (
    LessonFactory,
    QuestionFactory,
    QuizFactory,
    ReviewCardFactory,
    StudentFactory,
)
from tutor import rows
from tutor.rows import one

pytestmark = pytest.mark.django_db


def test_one_loads_what_get_loads_and_none_without_a_row():
    student, lesson = StudentFactory(), LessonFactory()
    at = dt.datetime(2026, 6, 1, 9, 30, tzinfo=dt.UTC)
    assert one(LessonProgress, student_id=student.pk, lesson_id=lesson.pk) is None
    LessonProgress.objects.create(
        student=student, lesson=lesson, first_opened_at=at, last_opened_at=at
    )

    found = one(LessonProgress, student_id=student.pk, lesson_id=lesson.pk)

    expected = LessonProgress.objects.get(student=student, lesson=lesson)
    assert found.pk == expected.pk
    assert model_to_dict(found) == model_to_dict(expected)
    assert found.last_opened_at == at  # an aware datetime on SQLite too, as the ORM converts it
    assert one(LessonProgress, student_id=student.pk, lesson_id=lesson.pk + 1) is None


def without(instance, *names) -> dict:
    return {k: v for k, v in model_to_dict(instance).items() if k not in {"id", *names}}


def saved_alike(build, *leave_out):
    """Two instances built alike, one saved by the ORM's insert and one by rows.insert, as
    read back from the database."""
    by_orm, by_rows = build(), build()
    models.Model.save_base(by_orm, force_insert=True)
    rows.insert(by_rows)
    assert by_rows.pk is not None and not by_rows._state.adding
    model = type(by_orm)
    return model.objects.get(pk=by_orm.pk), model.objects.get(pk=by_rows.pk)


def test_select_loads_what_filter_and_order_by_load(django_assert_num_queries):
    from quizzes.models import Choice

    question = QuestionFactory(lesson=LessonFactory())
    Choice.objects.filter(question=question, text="Right").update(order=5)
    expected = list(Choice.objects.filter(question_id=question.pk).order_by("order", "id"))

    with django_assert_num_queries(1):
        found = rows.select(Choice, order_by=("order", "id"), question_id=question.pk)

    assert [c.pk for c in found] == [c.pk for c in expected]
    assert [c.text for c in found] == ["Wrong", "Also wrong", "Right"]
    assert [model_to_dict(c) for c in found] == [model_to_dict(c) for c in expected]
    assert rows.select(Choice, question_id=question.pk + 1000) == []


def test_insert_writes_the_row_the_orms_insert_writes():
    question, at = QuestionFactory(), dt.datetime(2026, 6, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
    quiz = QuizFactory(course=question.lesson.course)
    attempt = Attempt.objects.create(
        quiz=quiz, student=StudentFactory(), seed=1, question_ids=[question.pk], started_at=at
    )
    students = iter(StudentFactory.create_batch(2))
    by_orm, by_rows = saved_alike(
        lambda: ReviewCard(
            student=next(students),
            question=question,
            lesson=question.lesson,
            due=at,
            stability=2.5,
            difficulty=None,
            last_review=at,
            is_leech=True,
            created_at=at,
        )
    )
    assert without(by_rows, "student") == without(by_orm, "student")
    assert by_rows.due == at  # an aware datetime, microseconds kept, as the ORM writes it
    by_orm, by_rows = saved_alike(
        lambda: ReviewLog(
            card=by_orm,
            student=by_orm.student,
            rating=3,
            reviewed_at=at,
            state_before=2,
            due_after=at,
        )
    )
    assert without(by_rows) == without(by_orm)
    answers = iter([{"choices": [1, 2]}, {"choices": [1, 2]}])
    # One response per question and attempt: the second goes to another question.
    other = QuestionFactory(lesson=question.lesson)
    questions = iter([question, other])
    by_orm, by_rows = saved_alike(
        lambda: Response(
            attempt=attempt,
            question=next(questions),
            question_version=1,
            answer=next(answers),
            mark=0.5,
            answered_at=at,
        )
    )
    assert without(by_rows, "question") == without(by_orm, "question")
    assert by_rows.answer == {"choices": [1, 2]}


def test_update_writes_what_the_orms_update_fields_writes_and_both_signal():
    cards = ReviewCardFactory.create_batch(2)
    at = dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC)
    names = ["due", "stability", "last_rating", "is_leech"]
    for card in cards:
        card.due, card.stability, card.last_rating, card.is_leech = at, 7.25, 3, True
    seen = []

    def receiver(sender, instance, created, update_fields, **kwargs):
        seen.append((instance.pk, created, update_fields))

    post_save.connect(receiver, sender=ReviewCard)
    try:
        models.Model.save(cards[0], update_fields=names)
        rows.update(cards[1], names)
        fresh = ReviewLog(
            card=cards[1],
            student=cards[1].student,
            rating=1,
            reviewed_at=at,
            state_before=2,
            due_after=at,
        )
        rows.insert(fresh)
    finally:
        post_save.disconnect(receiver, sender=ReviewCard)
    by_orm, by_rows = (ReviewCard.objects.get(pk=card.pk) for card in cards)
    # Each card was made by the factory at its own now; the fields written are the same.
    made = ("student", "question", "lesson", "created_at", "last_review")
    assert without(by_rows, *made) == without(by_orm, *made)
    assert (by_rows.due, by_rows.stability, by_rows.is_leech) == (at, 7.25, True)
    assert seen == [(cards[0].pk, False, set(names)), (cards[1].pk, False, set(names))]
    ReviewCard.objects.filter(pk=cards[1].pk).delete()
    with pytest.raises(DatabaseError):
        rows.update(cards[1], names)
