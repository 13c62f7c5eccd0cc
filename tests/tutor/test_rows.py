"""tutor.rows.one: a row read in plain SQL loads the instance the ORM's get() loads."""

import datetime as dt

import pytest
from django.forms.models import model_to_dict

from lessons.models import LessonProgress
from tests.factories import LessonFactory, StudentFactory
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
