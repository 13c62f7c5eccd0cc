"""Fixtures for quiz tests: a question of every type, and a way to build more."""

import pytest

from quizzes.models import Choice, Question
from tests.factories import LessonFactory


def make_question(lesson, type, prompt, choices, **fields):
    """A question of ``type`` with choices given as dicts of Choice fields."""
    question = Question.objects.create(
        lesson=lesson, type=type, prompt=prompt, status=fields.pop("status", "approved"), **fields
    )
    for order, data in enumerate(choices):
        Choice.objects.create(question=question, order=order, **data)
    return question


@pytest.fixture
def lesson(course):
    return LessonFactory(course=course, title="Sources", slug="sources", order=1)


@pytest.fixture
def questions_of_every_type(lesson):
    """One approved question per type, in lesson order."""
    specs = [
        (
            "single_choice",
            "Where do rivers start?",
            [
                {"text": "Springs", "weight": 1, "feedback": "Yes, springs."},
                {"text": "Deltas", "weight": 0, "feedback": "Deltas are where they end."},
                {"text": "Oceans", "weight": 0},
            ],
        ),
        (
            "multiple_response",
            "Which feed rivers?",
            [
                {"text": "Rain", "weight": 0.5},
                {"text": "Snowmelt", "weight": 0.5},
                {"text": "Sand", "weight": -0.5},
            ],
        ),
        (
            "true_false",
            "Rivers flow downhill.",
            [{"text": "True", "weight": 1}, {"text": "False", "weight": 0}],
        ),
        ("short_answer", "The longest river?", [{"text": "Nile", "weight": 1}]),
        (
            "cloze",
            "The _____ flows into the _____ Sea.",
            [
                {"text": "Nile", "weight": 1, "blank": 0},
                {"text": "Mediterranean", "weight": 1, "blank": 1},
            ],
        ),
        (
            "numerical",
            "How long is the Nile in km (thousands)?",
            [{"numeric_value": 6.65, "tolerance": 0.1, "weight": 1}],
        ),
        (
            "matching",
            "Match each river to its continent.",
            [
                {"text": "Nile", "match_text": "Africa"},
                {"text": "Amazon", "match_text": "South America"},
                {"text": "Danube", "match_text": "Europe"},
            ],
        ),
    ]
    return [
        make_question(
            lesson,
            type_,
            prompt,
            choices,
            order=order,
            general_feedback="Read again.",
            source_sentence=f"Source sentence {order}.",
        )
        for order, (type_, prompt, choices) in enumerate(specs)
    ]
