"""The course export: the stable JSON contract other tools read (documented in the README)."""

from collections.abc import Callable, Iterable

from .models import Course, Lesson

FORMAT_VERSION = 1

QuestionsForLessons = Callable[[Iterable[Lesson]], dict[int, list[dict]]]


def no_questions(lessons: Iterable[Lesson]) -> dict[int, list[dict]]:
    """Lessons alone; quizzes' ``export_course`` command passes its questions in instead."""
    return {}


def course_export(
    course: Course, questions_for_lessons: QuestionsForLessons = no_questions
) -> dict:
    """The course, every lesson (archived ones flagged) and each lesson's questions.

    ``questions_for_lessons`` receives the lessons and returns {lesson pk: [question dict]}.
    """
    lessons = list(Lesson.objects.for_course(course).select_related("parent").order_by("order"))
    questions = questions_for_lessons(lessons) or {}
    return {
        "format_version": FORMAT_VERSION,
        "course": {
            "title": course.title,
            "slug": course.slug,
            "description": course.description,
            "published": course.published,
        },
        "lessons": [
            {
                "title": lesson.title,
                "slug": lesson.slug,
                "order": lesson.order,
                "parent": lesson.parent.slug if lesson.parent else None,
                "level": lesson.level,
                "kind": lesson.kind,
                "archived": lesson.archived,
                "text": lesson.text,
                "questions": questions.get(lesson.pk, []),
            }
            for lesson in lessons
        ],
    }
