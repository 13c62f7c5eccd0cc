"""The reads each answer makes in plain SQL load what the ORM's querysets load."""

import pytest
from django.db.models import Prefetch
from django.utils import timezone

from quizzes.models import Attempt, Choice, Question
from tests.factories import (
    EnrollmentFactory,
    QuestionFactory,
    QuizFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db


def fields(instance, leave_out=()) -> dict:
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.attname not in leave_out
    }


def attempt_at(quiz, student, **fields) -> Attempt:
    return Attempt.objects.create(
        quiz=quiz, student=student, seed=7, question_ids=[1, 2], started_at=timezone.now(), **fields
    )


def test_a_students_attempt_loads_as_the_orm_loads_it(enrolled_student, lesson):
    lesson.course.source_text = "The whole document."
    lesson.course.save()
    for quiz in (
        QuizFactory(course=lesson.course),
        lesson.course.quizzes.create(kind="practice", lesson=lesson, title="Practice"),
    ):
        mine = attempt_at(quiz, enrolled_student, deadline=timezone.now())
        expected = Attempt.objects.select_related("quiz__course", "quiz__lesson").get(pk=mine.pk)

        attempt = Attempt.of_student(mine.pk, enrolled_student)

        assert fields(attempt) == fields(expected)
        assert fields(attempt.quiz) == fields(expected.quiz)
        # The course's document and the lesson's text stay out: no answer shows them.
        assert fields(attempt.quiz.course, {"source_text"}) == fields(
            expected.quiz.course, {"source_text"}
        )
        assert "source_text" in attempt.quiz.course.get_deferred_fields()
        if quiz.lesson_id is None:
            assert attempt.quiz.lesson is None
        else:
            assert fields(attempt.quiz.lesson, {"body"}) == fields(expected.quiz.lesson, {"body"})
        assert attempt.student == enrolled_student


def test_no_attempt_for_another_student_or_a_course_not_studied(enrolled_student, course):
    quiz = QuizFactory(course=course)
    other = StudentFactory()
    theirs = attempt_at(quiz, other)
    assert Attempt.of_student(theirs.pk, enrolled_student) is None
    assert Attempt.of_student(theirs.pk, other) is None  # not enrolled
    EnrollmentFactory(course=course, student=other)
    assert Attempt.of_student(theirs.pk, other).pk == theirs.pk
    course.published = False
    course.save()
    assert Attempt.of_student(theirs.pk, other) is None
    assert Attempt.of_student(theirs.pk + 1000, other) is None


def test_a_question_loads_with_its_choices_in_order_as_with_choices_does(
    lesson, django_assert_num_queries
):
    question = QuestionFactory(
        lesson=lesson, source_sentence="Rivers start in hills.", exchange={"kind": "x"}
    )
    Choice.objects.filter(question=question, text="Right").update(order=5)
    expected = Question.objects.with_choices().get(pk=question.pk)

    with django_assert_num_queries(1):
        loaded = Question.with_choices_by_pk(question.pk)
        choices = list(loaded.choices.all())
        assert [choice.question for choice in choices] == [loaded] * 3
        assert loaded.spec() == expected.spec()
        assert loaded.snapshot() == expected.snapshot()

    assert fields(loaded) == fields(expected)
    assert [fields(c) for c in choices] == [fields(c) for c in expected.choices.all()]
    assert [c.text for c in choices] == ["Wrong", "Also wrong", "Right"]


def test_a_question_without_choices_or_no_question(lesson, django_assert_num_queries):
    question = QuestionFactory(lesson=lesson, type="short_answer", choices=[])
    with django_assert_num_queries(1):
        assert list(Question.with_choices_by_pk(question.pk).choices.all()) == []
    assert Question.with_choices_by_pk(question.pk + 1000) is None


def test_a_questions_choices_load_in_order_as_the_orms_prefetch_loads_them(
    lesson, django_assert_num_queries
):
    question = QuestionFactory(lesson=lesson)
    Choice.objects.filter(question=question, text="Right").update(order=5)
    expected = Question.objects.prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("order", "pk"))
    ).get(pk=question.pk)
    loaded = Question.objects.get(pk=question.pk)

    with django_assert_num_queries(1):
        loaded.load_choices()
        choices = list(loaded.choices.all())
        assert [choice.question for choice in choices] == [loaded] * 3
        assert loaded.spec() == expected.spec()

    assert [fields(c) for c in choices] == [fields(c) for c in expected.choices.all()]
    assert [c.text for c in choices] == ["Wrong", "Also wrong", "Right"]
    empty = QuestionFactory(lesson=lesson, type="short_answer", choices=[])
    with django_assert_num_queries(1):
        empty.load_choices()
        assert list(empty.choices.all()) == []
