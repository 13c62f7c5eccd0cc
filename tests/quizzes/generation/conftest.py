"""Fixtures for the generation tests: analyse small texts of our own, as a course."""

import pytest

from quizzes.generation.analysis import analyse_lessons
from quizzes.generation.distractors import DistractorPool
from quizzes.generation.questions import LessonText


@pytest.fixture
def analyse():
    """analyse(text, *more_lessons) -> (analysis of the first lesson, the course's pool)."""

    def run(text: str, *others: str):
        lessons = [
            LessonText(key=str(i), title=f"L{i}", text=t) for i, t in enumerate((text, *others))
        ]
        analyses = analyse_lessons(lessons)
        return analyses[0], DistractorPool(analyses)

    return run
