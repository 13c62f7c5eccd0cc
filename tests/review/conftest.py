"""Fixtures for review tests: exact fsrs intervals, a course with questions, a fixed clock."""

import datetime as dt

import pytest

from tests.factories import EnrollmentFactory, LessonFactory, QuestionFactory


@pytest.fixture(autouse=True)
def no_fuzzing(settings):
    # fsrs adds random days to intervals unless told not to; tests need exact intervals.
    settings.TUTOR_REVIEW_FUZZING = False


@pytest.fixture
def t0():
    return dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def course_questions(course):
    """Two lessons with two approved single-choice questions each, and one draft question."""
    first = LessonFactory(course=course, title="Sources", slug="sources", order=1)
    second = LessonFactory(course=course, title="Deltas", slug="deltas", order=2)
    questions = [QuestionFactory(lesson=lesson) for lesson in (first, first, second, second)]
    QuestionFactory(lesson=second, status="draft")
    return questions


@pytest.fixture
def learner(student, course):
    EnrollmentFactory(course=course, student=student)
    return student


def right_choice(question):
    return next(c for c in question.ordered_choices() if c.weight >= 1).pk


def wrong_choice(question):
    return next(c for c in question.ordered_choices() if c.weight == 0).pk
