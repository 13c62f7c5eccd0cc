"""Workflows that span several lessons: importing a document and editing a course's lesson tree."""

import bisect
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import Course, Lesson
from .parsing import (
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_MAX_PAGES,
    DEFAULT_MAX_SECTIONS,
    TEXT_FORMATS,
    DocumentError,
    ParsedDocument,
    Section,
    decode_document,
    parse_document,
)
from .signals import course_imported

# Two bodies at least this similar are the same lesson, lightly edited.
SIMILARITY_THRESHOLD = 0.6

Progress = Callable[[int, int], None]


@dataclass
class ImportSummary:
    course: Course
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    archived: int = 0
    course_created: bool = False
    # Lessons whose text is new or changed: the ones that need their questions (re)generated.
    content_changed: list = field(default_factory=list)
    questions_generated: int | None = None
    # Set when the questions of the changed lessons are queued for the task worker.
    questions_pending: bool = False
    # What the import does to the lesson tree as it stands, in reading order: renames, moves,
    # new text, lessons archived or restored. It undoes the outline editor's edits, so the
    # preview lists them.
    tree_changes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.archived} archived"
        ) + (
            f"; {self.questions_generated} questions generated"
            if self.questions_generated is not None
            else "; questions are being generated"
            if self.questions_pending
            else ""
        )


def unique_slug(title: str, taken: set[str], max_length: int = 80) -> str:
    base = slugify(title)[: max_length - 6].strip("-") or "lesson"
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug


def document_parse(
    *,
    data: bytes | str,
    format: str = "auto",
    filename: str = "",
    max_sections: int | None = None,
) -> ParsedDocument:
    """Parse with the configured limits (settings.TUTOR_MAX_DOCUMENT_BYTES for text,
    TUTOR_MAX_FILE_BYTES for Word/PDF/EPUB files, TUTOR_MAX_PDF_PAGES, TUTOR_MAX_SECTIONS)."""
    return parse_document(
        data,
        format=format,
        filename=filename,
        max_bytes=settings.TUTOR_MAX_DOCUMENT_BYTES,
        max_file_bytes=getattr(settings, "TUTOR_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES),
        max_pages=getattr(settings, "TUTOR_MAX_PDF_PAGES", DEFAULT_MAX_PAGES),
        max_sections=max_sections or getattr(settings, "TUTOR_MAX_SECTIONS", DEFAULT_MAX_SECTIONS),
    )


def _normal_title(title: str) -> str:
    return " ".join(title.casefold().split())


def _match(sections: list[Section], lessons: list[Lesson]) -> dict[int, Lesson]:
    """Pair new sections with existing lessons: same title first, then similar content."""
    matched: dict[int, Lesson] = {}
    by_title: dict[str, list[Lesson]] = {}
    for lesson in lessons:
        by_title.setdefault(_normal_title(lesson.title), []).append(lesson)
    for index, section in enumerate(sections):
        candidates = by_title.get(_normal_title(section.title))
        if candidates:
            matched[index] = candidates.pop(0)
    used = {lesson.pk for lesson in matched.values()}
    remaining = [lesson for lesson in lessons if lesson.pk not in used]
    for index, section in enumerate(sections):
        if index in matched or not remaining:
            continue
        best, best_ratio = None, SIMILARITY_THRESHOLD
        body = section.body
        for lesson in remaining:
            matcher = difflib.SequenceMatcher(None, body, lesson.body, autojunk=False)
            # The cheap upper bounds skip most pairs before the quadratic ratio() runs.
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio >= best_ratio:
                best, best_ratio = lesson, ratio
        if best is not None:
            matched[index] = best
            remaining.remove(best)
    return matched


@transaction.atomic
def course_import(*, generate_questions: bool = True, **arguments) -> ImportSummary:
    """Create or update course ``slug`` from a document (see ``course_lessons_import``), then
    announce it with ``course_imported`` so the apps above can add their part (quizzes generates
    the questions of the new and changed lessons unless ``generate_questions`` is false)."""
    summary = course_lessons_import(**arguments)
    course_imported.send(
        sender=Course,
        summary=summary,
        lessons=summary.content_changed,
        generate_questions=generate_questions,
        user=arguments.get("instructor"),
    )
    return summary


@transaction.atomic
def course_lessons_import(
    *,
    slug: str,
    text: bytes | str | None = None,
    title: str | None = None,
    format: str = "auto",
    filename: str = "",
    document: ParsedDocument | None = None,
    instructor=None,
    max_sections: int | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Create or update course ``slug`` from a document, keeping every lesson row it can.

    Lessons are matched by title, then by body similarity; matched ones are updated in place so
    progress and anything else pointing at them survive. Lessons no longer in the document are
    archived, never deleted. Raises DocumentError (nothing written) on bad input.
    """
    if document is None:
        if text is None:
            raise DocumentError("No document was given.")
        document = document_parse(
            data=text, format=format, filename=filename, max_sections=max_sections
        )
    # A course keeps its source as text: the document itself, or what was read from a file.
    if text is not None and document.format in TEXT_FORMATS:
        source = decode_document(text, max_bytes=max(len(text) * 4, 1))
    else:
        source = document.markdown()
    sections = document.flat()
    kinds = document.kinds()

    # Imports of one course take its row in turn: the same preview confirmed twice at once (a
    # double click) imports once, the second finding every lesson unchanged.
    course = Course.objects.select_for_update().filter(slug=slug).first()
    course_created = course is None
    if course is None:
        course = Course(slug=slug, title=title or document.title or slug.replace("-", " ").title())
    elif title:
        course.title = title
    course.source_text = source.lstrip("\ufeff").replace("\r\n", "\n")
    try:
        course.full_clean(validate_unique=False)
    except ValidationError as exc:
        raise DocumentError(" ".join(exc.messages)) from None
    if course_created:
        try:
            with transaction.atomic():
                course.save()
        except IntegrityError:
            # Created by an import committed meanwhile: this one updates it.
            course_created, source_text = False, course.source_text
            course = Course.objects.select_for_update().get(slug=slug)
            course.title = title or course.title
            course.source_text = source_text
    if not course_created:
        course.save()
    if instructor is not None and not instructor.is_staff:
        course.instructors.add(instructor)

    summary = ImportSummary(course=course, course_created=course_created)
    existing = list(Lesson.objects.for_course(course).order_by("order"))
    tree_before = {
        lesson.pk: (lesson.title, lesson.parent_id, lesson.archived_at) for lesson in existing
    }
    matched = _match(sections, existing)
    taken = {lesson.slug for lesson in existing}
    now = timezone.now()
    section_lessons: list[Lesson] = []
    to_create: list[Lesson] = []
    to_update: list[Lesson] = []
    total = len(sections)
    for order, (section, kind) in enumerate(zip(sections, kinds, strict=True), start=1):
        lesson = matched.get(order - 1)
        body = section.body
        if lesson is None:
            lesson = Lesson(
                course=course, slug=unique_slug(section.title, taken), title=section.title
            )
            to_create.append(lesson)
        else:
            if lesson.content_hash != Lesson.hash_content(section.title, body):
                summary.content_changed.append(lesson)
            before = (lesson.content_hash, lesson.order, lesson.level, lesson.kind)
            after = (Lesson.hash_content(section.title, body), order, section.level, kind)
            if before == after and lesson.archived_at is None:
                summary.unchanged += 1
            else:
                summary.updated += 1
                to_update.append(lesson)
        lesson.title, lesson.body, lesson.order, lesson.level, lesson.kind = (
            section.title,
            body,
            order,
            section.level,
            kind,
        )
        lesson.archived_at = None
        lesson.content_hash = Lesson.hash_content(lesson.title, body)
        section_lessons.append(lesson)
        if progress and (order % 50 == 0 or order == total):
            progress(order, total)
    summary.created = len(to_create)
    summary.content_changed.extend(to_create)

    # Field checks only: slugs are unique by construction and the database enforces the
    # constraints on write; checking them here would cost a query per lesson.
    for lesson in to_create:
        lesson.full_clean(
            exclude=["course", "parent"], validate_unique=False, validate_constraints=False
        )
    for lesson in to_update:
        lesson.full_clean(
            exclude=["course", "parent"], validate_unique=False, validate_constraints=False
        )
    Lesson.objects.bulk_create(to_create, batch_size=500)

    # Parents are known only once every lesson has a primary key.
    index_of = {id(section): i for i, section in enumerate(sections)}
    reparented: list[Lesson] = []
    for section in sections:
        for child in section.children:
            child_lesson = section_lessons[index_of[id(child)]]
            parent_lesson = section_lessons[index_of[id(section)]]
            if child_lesson.parent_id != parent_lesson.pk:
                child_lesson.parent = parent_lesson
                reparented.append(child_lesson)
    for section, lesson in zip(sections, section_lessons, strict=True):
        if section.level == 1 and lesson.parent_id is not None:
            lesson.parent = None
            reparented.append(lesson)
    changed = {lesson.pk: lesson for lesson in to_update + reparented}
    Lesson.objects.bulk_update(
        list(changed.values()),
        ["title", "body", "order", "level", "kind", "parent", "archived_at", "content_hash"],
        batch_size=500,
    )

    # Whatever the document no longer has is archived with its history, after the live lessons.
    kept = {lesson.pk for lesson in section_lessons}
    stale = [lesson for lesson in existing if lesson.pk not in kept]
    for offset, lesson in enumerate(stale, start=len(sections) + 1):
        if lesson.archived_at is None:
            summary.archived += 1
            lesson.archived_at = now
        lesson.order = offset
        lesson.parent = None
    Lesson.objects.bulk_update(stale, ["archived_at", "order", "parent"], batch_size=500)
    summary.tree_changes = _tree_changes(
        tree_before,
        section_lessons,
        [lesson for lesson in stale if tree_before[lesson.pk][2] is None],
    )
    return summary


def _kept_in_order(sequence: list[int]) -> set[int]:
    """The values of a longest increasing subsequence: the lessons that kept their relative
    order, so that only the others are reported as moved."""
    tails: list[int] = []  # tails[k]: where the best run of length k+1 found so far ends
    ends: list[int] = []  # and the value it ends with
    previous = [-1] * len(sequence)
    for i, value in enumerate(sequence):
        k = bisect.bisect_left(ends, value)
        previous[i] = tails[k - 1] if k else -1
        if k == len(tails):
            tails.append(i)
            ends.append(value)
        else:
            tails[k], ends[k] = i, value
    kept, i = set(), tails[-1] if tails else -1
    while i != -1:
        kept.add(sequence[i])
        i = previous[i]
    return kept


def _tree_changes(before: dict, lessons: list[Lesson], archived: list[Lesson]) -> list[str]:
    """Sentences for what an import changes in the tree as it was: ``before`` maps each existing
    lesson to its (title, parent id, archived at) before the import."""
    old_order = [pk for pk, (_, _, archived_at) in before.items() if archived_at is None]
    position = {pk: index for index, pk in enumerate(old_order)}
    matched = [lesson for lesson in lessons if lesson.pk in before]
    in_order = _kept_in_order([position[lesson.pk] for lesson in matched if lesson.pk in position])
    changes = []
    for lesson in matched:
        old_title, old_parent, archived_at = before[lesson.pk]
        if archived_at is not None:
            changes.append(f"“{lesson.title}” comes back from the archive")
            continue
        if old_title != lesson.title:
            changes.append(f"“{old_title}” is renamed “{lesson.title}”, as in the document")
        if lesson.parent_id != old_parent:
            where = f"under “{lesson.parent.title}”" if lesson.parent_id else "to the top level"
            changes.append(f"“{lesson.title}” moves {where}")
        elif position[lesson.pk] not in in_order:
            changes.append(f"“{lesson.title}” moves to where the document has it")
    for lesson in archived:
        changes.append(f"“{before[lesson.pk][0]}” is archived: the document does not have it")
    return changes


def course_import_dry_run(**kwargs) -> ImportSummary:
    """What course_import would do with these arguments, with every change rolled back."""
    with transaction.atomic():
        summary = course_lessons_import(**kwargs)
        transaction.set_rollback(True)
    return summary


# --- Editing the lesson tree ------------------------------------------------------------------
#
# The active lessons of a course form an outline: a list in reading order where each lesson has
# a level, and a lesson's parent is the nearest earlier lesson one level up. Every edit changes
# that list, then _outline_save renumbers orders, repairs levels and derives parents, so the
# tree and the reading order can never disagree.


class OutlineError(Exception):
    """An edit that cannot be applied; ``message`` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _outline(course: Course) -> list[Lesson]:
    return list(Lesson.objects.for_course(course).active().select_for_update().order_by("order"))


def _subtree_end(lessons: list[Lesson], index: int) -> int:
    """Index just past lesson ``index`` and its descendants."""
    end = index + 1
    while end < len(lessons) and lessons[end].level > lessons[index].level:
        end += 1
    return end


def _outline_save(lessons: list[Lesson], extra: list[Lesson] = ()) -> None:
    stack: list[Lesson] = []
    for order, lesson in enumerate(lessons, start=1):
        lesson.order = order
        lesson.level = max(1, min(lesson.level, (stack[-1].level + 1) if stack else 1))
        while stack and stack[-1].level >= lesson.level:
            stack.pop()
        lesson.parent = stack[-1] if stack else None
        stack.append(lesson)
    # Archived lessons stay after the live ones, out of the tree.
    for offset, lesson in enumerate(extra, start=len(lessons) + 1):
        lesson.order, lesson.parent = offset, None
    Lesson.objects.bulk_update(
        [*lessons, *extra],
        ["order", "level", "parent", "title", "body", "archived_at", "content_hash"],
    )


def _position(lessons: list[Lesson], lesson: Lesson) -> int:
    for index, candidate in enumerate(lessons):
        if candidate.pk == lesson.pk:
            return index
    raise OutlineError("That lesson is archived or belongs to another course.")


@transaction.atomic
def lesson_rename(*, lesson: Lesson, title: str) -> Lesson:
    title = " ".join((title or "").split())
    if not title:
        raise OutlineError("A lesson needs a title.")
    lesson.title = title
    try:
        lesson.full_clean(exclude=["course", "parent", "slug"], validate_unique=False)
    except ValidationError as exc:
        raise OutlineError(" ".join(exc.messages)) from None
    lesson.save(update_fields=["title"])
    return lesson


@transaction.atomic
def lesson_move(*, lesson: Lesson, direction: str) -> None:
    """Move a lesson with its sub-lessons: "up"/"down" past a sibling, "in"/"out" a level."""
    lessons = _outline(lesson.course)
    i = _position(lessons, lesson)
    current = lessons[i]
    end = _subtree_end(lessons, i)
    block = lessons[i:end]
    if direction in ("up", "down"):
        siblings = [k for k in range(len(lessons)) if lessons[k].parent_id == current.parent_id]
        at = siblings.index(i)
        if direction == "up":
            if at == 0:
                raise OutlineError("This lesson is already first among its siblings.")
            start = siblings[at - 1]
            lessons[start:end] = block + lessons[start:i]
        else:
            if at == len(siblings) - 1:
                raise OutlineError("This lesson is already last among its siblings.")
            other_end = _subtree_end(lessons, siblings[at + 1])
            lessons[i:other_end] = lessons[end:other_end] + block
    elif direction == "in":
        if i == 0 or lessons[i - 1].level < current.level:
            raise OutlineError("Only a lesson with a sibling before it can move in a level.")
        for item in block:
            item.level += 1
    elif direction == "out":
        if current.level == 1:
            raise OutlineError("This lesson is already at the top level.")
        # It becomes its parent's next sibling, after the rest of the parent's sub-lessons.
        parent_index = _position(lessons, current.parent)
        parent_end = _subtree_end(lessons, parent_index)
        for item in block:
            item.level -= 1
        rest = lessons[end:parent_end]
        lessons[i:parent_end] = rest + block
    else:
        raise OutlineError(f"Unknown move {direction!r}.")
    _outline_save(lessons)


@transaction.atomic
def lesson_merge_next(*, lesson: Lesson) -> Lesson:
    """Append the next lesson's text to this one and archive the next (its history is kept)."""
    lessons = _outline(lesson.course)
    i = _position(lessons, lesson)
    if i + 1 >= len(lessons):
        raise OutlineError("There is no next lesson to merge.")
    current, following = lessons[i], lessons[i + 1]
    current.body = "\n\n".join(part for part in (current.body, following.body) if part.strip())
    current.content_hash = Lesson.hash_content(current.title, current.body)
    following.archived_at = timezone.now()
    del lessons[i + 1]
    archived = list(Lesson.objects.for_course(lesson.course).archived().exclude(pk=following.pk))
    _outline_save(lessons, extra=[following, *archived])
    return current


def body_blocks(body: str) -> list[str]:
    """A lesson body split into its top-level Markdown blocks (paragraphs, lists, code...)."""
    from .parsing import _markdown

    lines = body.split("\n")
    blocks: list[str] = []
    for token in _markdown.parse(body):
        if token.level == 0 and token.nesting in (0, 1) and token.map:
            blocks.append("\n".join(lines[token.map[0] : token.map[1]]).strip("\n"))
    return blocks


@transaction.atomic
def lesson_split(*, lesson: Lesson, at: int, title: str = "") -> Lesson:
    """Cut a lesson before its block ``at``; the rest becomes a new lesson right after it."""
    lessons = _outline(lesson.course)
    i = _position(lessons, lesson)
    current = lessons[i]
    blocks = body_blocks(current.body)
    if not 0 < at < len(blocks):
        raise OutlineError("Choose a paragraph after the first one to split at.")
    title = " ".join((title or "").split()) or f"{current.title} (continued)"
    taken = set(Lesson.objects.for_course(current.course).values_list("slug", flat=True))
    new = Lesson(
        course=current.course,
        title=title[:200],
        slug=unique_slug(title, taken),
        body="\n\n".join(blocks[at:]),
        level=current.level,
        order=current.order + 1,
    )
    new.save()
    current.body = "\n\n".join(blocks[:at])
    current.content_hash = Lesson.hash_content(current.title, current.body)
    lessons.insert(i + 1, new)
    new.content_hash = Lesson.hash_content(new.title, new.body)
    _outline_save(lessons)
    return new
