"""Question generation: turns lesson text into scored draft questions, offline and deterministic."""

from .pipeline import generate_course, generate_lesson
from .questions import QUESTION_TYPES, GeneratedChoice, GeneratedQuestion, LessonText

__all__ = [
    "QUESTION_TYPES",
    "GeneratedChoice",
    "GeneratedQuestion",
    "LessonText",
    "generate_course",
    "generate_lesson",
]
