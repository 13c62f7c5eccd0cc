"""A small taught course with a question of every type, for the simulated class and results."""

import pytest

from quizzes.models import Choice
from tests.factories import LessonFactory, QuestionFactory


def _question(lesson, type, prompt, choices, order):
    question = QuestionFactory(lesson=lesson, type=type, prompt=prompt, order=order, choices=[])
    for position, fields in enumerate(choices):
        Choice.objects.create(question=question, order=position, **fields)
    return question


@pytest.fixture
def mixed_course(course):
    """``course`` (taught by ``instructor``) with two lessons and seven question types."""
    first = LessonFactory(course=course, title="Sources", slug="sources", order=1)
    second = LessonFactory(course=course, title="Deltas", slug="deltas", order=2)
    _question(
        first,
        "single_choice",
        "Longest river?",
        [
            {"text": "Nile", "weight": 1.0},
            {"text": "Thames", "weight": 0.0},
            {"text": "Seine", "weight": 0.0},
        ],
        0,
    )
    _question(
        first,
        "true_false",
        "The Nile flows north.",
        [
            {"text": "True", "weight": 1.0},
            {"text": "False", "weight": 0.0},
        ],
        1,
    )
    _question(first, "short_answer", "River through Paris?", [{"text": "Seine", "weight": 1.0}], 2)
    _question(
        first,
        "numerical",
        "Nile length in km (thousands)?",
        [
            {"text": "6.65", "weight": 1.0, "numeric_value": 6.65, "tolerance": 0.1},
        ],
        3,
    )
    _question(
        second,
        "cloze",
        "A delta forms where a river meets the _____.",
        [
            {"text": "sea", "weight": 1.0, "blank": 0},
        ],
        0,
    )
    _question(
        second,
        "multiple_response",
        "Which have deltas?",
        [
            {"text": "Nile", "weight": 0.5},
            {"text": "Mississippi", "weight": 0.5},
            {"text": "Thames", "weight": -0.5},
        ],
        1,
    )
    _question(
        second,
        "matching",
        "Match river and sea.",
        [
            {"text": "Nile", "match_text": "Mediterranean", "weight": 1.0},
            {"text": "Mississippi", "match_text": "Gulf of Mexico", "weight": 1.0},
        ],
        2,
    )
    return course
