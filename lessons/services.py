"""Workflows that span several models: building a course from a document."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from .models import Course, Lesson
from .parsing import parse_plain_text


@dataclass
class ImportSummary:
    course: Course
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


def unique_slug(title: str, taken: set[str], max_length: int = 80) -> str:
    base = slugify(title)[: max_length - 6].strip("-") or "lesson"
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug


@transaction.atomic
def course_import(*, slug: str, text: str, title: str | None = None) -> ImportSummary:
    """Create or update the course ``slug`` from ``text``, one lesson per section."""
    sections = parse_plain_text(text)
    if not sections:
        raise ValueError("The document has no text to turn into lessons.")
    course, created = Course.objects.get_or_create(
        slug=slug, defaults={"title": title or slug.replace("-", " ").title()}
    )
    if title and course.title != title:
        course.title = title
    course.source_text = text
    course.full_clean()
    course.save()

    summary = ImportSummary(course=course)
    existing = {lesson.slug: lesson for lesson in course.lessons.all()}
    taken: set[str] = set()
    kept: set[int] = set()
    for order, section in enumerate(sections, start=1):
        lesson_slug = unique_slug(section.title, taken)
        lesson = existing.get(lesson_slug)
        if lesson is None:
            lesson = Lesson(course=course, slug=lesson_slug)
            summary.created += 1
        elif (lesson.title, lesson.body, lesson.order) == (section.title, section.body, order):
            summary.unchanged += 1
            kept.add(lesson.pk)
            continue
        else:
            summary.updated += 1
        lesson.title, lesson.body, lesson.order = section.title, section.body, order
        lesson.full_clean(validate_constraints=False)
        lesson.save()
        kept.add(lesson.pk)
    stale = course.lessons.exclude(pk__in=kept)
    summary.removed = stale.count()
    stale.delete()
    return summary
