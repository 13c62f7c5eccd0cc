"""Moves questions in and out of the database: GIFT import/export and the course-export rows."""

import math
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lessons.models import Course, Lesson

from . import grading
from .gift import GiftAnswer, GiftDumpError, GiftError, GiftQuestion, dump_gift, parse_gift
from .models import Choice, Origin, Question, QuestionType, Status

# The largest blank number a choice stores (0-based, in a PositiveSmallIntegerField).
MAX_BLANK = 32_767
FIELD_NAMES = {f.name for f in Choice._meta.get_fields()}


@dataclass
class GiftImportReport:
    created: list[Question] = field(default_factory=list)
    errors: list[GiftError] = field(default_factory=list)
    # Questions with no $CATEGORY, imported without a chosen lesson, go to the first lesson.
    uncategorised: list[Question] = field(default_factory=list)
    # Questions identical to one already in their lesson (the file was imported before).
    already_there: list[GiftError] = field(default_factory=list)

    @property
    def summary(self) -> str:
        count = len(self.created)
        text = f"{count} question{'' if count == 1 else 's'} imported"
        if self.already_there:
            count = len(self.already_there)
            text += (
                f", {count} already there (identical question{'' if count == 1 else 's'} in "
                "the same lesson, not imported again)"
            )
        if self.errors:
            text += f", {len(self.errors)} skipped"
        text += "."
        if self.uncategorised:
            count = len(self.uncategorised)
            lesson = self.uncategorised[0].lesson
            text += (
                f" {count} question{' has' if count == 1 else 's have'} no $CATEGORY and went "
                f"to the first lesson, “{lesson.title}” ({lesson.slug}); choose a lesson to "
                "import into another."
            )
        return text


class GiftExportError(ValueError):
    pass


def _choice_rows(question: GiftQuestion) -> tuple[list[dict], dict]:
    """Choice fields for each GIFT answer, and what else GIFT needs to write it back."""
    rows, ranges = [], {}
    for order, answer in enumerate(question.answers):
        row = {
            "order": order,
            "text": answer.text,
            "weight": answer.fraction,
            "feedback": answer.feedback,
            "match_text": answer.match_text,
            "blank": answer.blank,
        }
        if question.type == QuestionType.NUMERICAL:
            row["numeric_value"] = answer.value
            row["tolerance"] = answer.tolerance or 0.0
            if answer.range_min is not None:
                ranges[str(order)] = [answer.range_min, answer.range_max]
        rows.append(row)
    exchange = {}
    if question.blank_kinds:
        exchange["blank_kinds"] = list(question.blank_kinds)
    if ranges:
        exchange["ranges"] = ranges
    return rows, exchange


def _lesson_for(
    question: GiftQuestion, course: Course, lesson: Lesson | None, lessons: dict, first: Lesson
):
    if lesson is not None:
        return lesson
    if not question.category.strip() and first is not None:
        return first
    leaf = question.category.rstrip("/").rsplit("/", 1)[-1].strip().casefold()
    if leaf and leaf in lessons:
        return lessons[leaf]
    where = f"category “{question.category}”" if question.category else "no $CATEGORY"
    raise ValidationError(
        f"{where} names no lesson of {course.title}; choose a lesson to import into."
    )


@dataclass
class _Ready:
    """A question checked in full against the model and its columns, ready to be written."""

    line: int
    question: Question
    choices: list[Choice]
    uncategorised: bool

    def fingerprint(self) -> tuple:
        return _fingerprint(self.question, self.choices)


def _fingerprint(question: Question, choices) -> tuple:
    """What makes two questions the same question, whoever wrote them and whenever."""
    return (
        question.type,
        question.title,
        question.prompt,
        question.general_feedback,
        question.text_format,
        tuple(
            (
                c.text,
                float(c.weight),
                c.feedback,
                c.match_text,
                None if c.numeric_value is None else float(c.numeric_value),
                float(c.tolerance),
                c.blank,
            )
            for c in sorted(choices, key=lambda c: c.order)
        ),
    )


def _choice_errors(choices: list[Choice]) -> list[str]:
    """What in the choices the database could not store (a column's length or range)."""
    if max((choice.blank for choice in choices), default=0) > MAX_BLANK:
        return [f"a cloze question may have at most {MAX_BLANK + 1:,} blanks"]
    problems = []
    for number, choice in enumerate(choices, start=1):
        for value in (choice.numeric_value, choice.tolerance, choice.weight):
            if value is not None and not math.isfinite(value):
                problems.append(f"answer {number}: the number is too large")
        try:
            # Fields only: the check constraints (one query each) are the grading rules'.
            choice.clean_fields(exclude=["question"])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                label = Choice._meta.get_field(name).verbose_name if name in FIELD_NAMES else name
                problems += [f"answer {number} ({label}): {message}" for message in messages]
    return problems


def _checked(
    gift_question: GiftQuestion, *, target: Lesson, approve: bool, author
) -> tuple[Question, list[Choice]]:
    """The question and its choices as they would be saved; ValidationError if any part of
    them breaks a rule of the model or would not fit its column."""
    rows, exchange = _choice_rows(gift_question)
    question = Question(
        lesson=target,
        type=gift_question.type,
        title=gift_question.title[:200],
        prompt=gift_question.prompt,
        general_feedback=gift_question.general_feedback,
        text_format=gift_question.text_format,
        category=gift_question.category[:255],
        exchange=exchange,
        origin=Origin.AUTHORED,
        status=Status.APPROVED if approve else Status.DRAFT,
        author=author,
    )
    choices = [Choice(**row) for row in rows]
    problems = _choice_errors(choices)
    if problems:
        raise ValidationError(problems)
    question.validate_with_choices(
        [grading.ChoiceSpec(**{k: v for k, v in row.items() if k != "order"}) for row in rows]
    )
    question.full_clean()
    return question, choices


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return " ".join(m for ms in exc.message_dict.values() for m in ms)
    return " ".join(exc.messages)


def gift_import(
    *, course: Course, text: str, lesson: Lesson | None = None, author=None, approve: bool = True
) -> GiftImportReport:
    """Import every good question of a GIFT document; report the rest by line, saving none of it.

    Every question is checked in full (the model's rules, each column's length and range)
    before anything is written; then the good ones are written in one transaction, so a
    failure leaves nothing half-imported. A question identical to one already in its lesson
    is not imported again but reported, so importing the same file twice adds nothing.
    """
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        message = "the file holds a null character: it is not GIFT text, nothing was imported"
        return GiftImportReport(errors=[GiftError(line, message)])
    parsed = parse_gift(text)
    report = GiftImportReport(errors=list(parsed.errors))
    lessons = {}
    for candidate in Lesson.objects.for_course(course):
        lessons.setdefault(candidate.slug.casefold(), candidate)
        lessons.setdefault(candidate.title.casefold(), candidate)
    first = None if lesson else Lesson.objects.for_course(course).active().in_order().first()
    ready: list[_Ready] = []
    for gift_question in parsed.questions:
        if gift_question.type == "essay":
            report.errors.append(
                GiftError(
                    gift_question.line,
                    "essay questions need an instructor to grade them; Tutor does not support "
                    "them, so this question was skipped",
                )
            )
            continue
        try:
            target = _lesson_for(gift_question, course, lesson, lessons, first)
            question, choices = _checked(
                gift_question, target=target, approve=approve, author=author
            )
        except ValidationError as exc:
            report.errors.append(GiftError(gift_question.line, _messages(exc)))
            continue
        uncategorised = lesson is None and not gift_question.category.strip()
        ready.append(_Ready(gift_question.line, question, choices, uncategorised))
    with transaction.atomic():
        _write(ready, report)
    report.errors.sort(key=lambda error: error.line)
    return report


def _write(ready: list[_Ready], report: GiftImportReport) -> None:
    """Save the checked questions, after the questions already in their lessons."""
    targets = {item.question.lesson_id for item in ready}
    # Locked, so two imports of one file at once cannot both find it new (PostgreSQL).
    list(Lesson.objects.select_for_update().filter(pk__in=targets).order_by("pk"))
    existing: dict[int, set[tuple]] = {pk: set() for pk in targets}
    next_order = dict.fromkeys(targets, 0)
    for question in Question.objects.filter(lesson_id__in=targets).with_choices():
        existing[question.lesson_id].add(_fingerprint(question, question.ordered_choices()))
        next_order[question.lesson_id] = max(next_order[question.lesson_id], question.order + 1)
    for item in ready:
        question = item.question
        if item.fingerprint() in existing[question.lesson_id]:
            where = f"“{question.lesson.title}”"
            report.already_there.append(
                GiftError(item.line, f"an identical question is already in {where}")
            )
            continue
        question.order = next_order[question.lesson_id]
        next_order[question.lesson_id] += 1
        question.save()
        for choice in item.choices:
            choice.question = question
        Choice.objects.bulk_create(item.choices)
        report.created.append(question)
        if item.uncategorised:
            report.uncategorised.append(question)


def question_to_gift(question: Question, category: str = "") -> GiftQuestion:
    ranges = question.exchange.get("ranges", {})
    answers = []
    for index, choice in enumerate(question.ordered_choices()):
        if question.type == QuestionType.NUMERICAL and str(index) in ranges:
            low, high = ranges[str(index)]
            answer = GiftAnswer.number_range(
                low, high, fraction=choice.weight, feedback=choice.feedback
            )
        elif question.type == QuestionType.NUMERICAL and choice.numeric_value is not None:
            answer = GiftAnswer.number(
                choice.numeric_value,
                choice.tolerance,
                fraction=choice.weight,
                feedback=choice.feedback,
            )
        elif question.type == QuestionType.NUMERICAL:
            answer = GiftAnswer("*", choice.weight, choice.feedback)
        else:
            answer = GiftAnswer(
                text=choice.text,
                fraction=choice.weight,
                feedback=choice.feedback,
                match_text=choice.match_text,
                blank=choice.blank,
            )
        answers.append(answer)
    blank_kinds = tuple(question.exchange.get("blank_kinds", ()))
    if question.type == QuestionType.CLOZE and not blank_kinds:
        blank_kinds = ("text",) * max(question.prompt.count(grading.BLANK), 1)
    return GiftQuestion(
        type=question.type,
        prompt=question.prompt,
        answers=answers,
        title=question.title,
        text_format=question.text_format,
        general_feedback=question.general_feedback,
        category=category,
        blank_kinds=blank_kinds,
    )


def gift_export(*, course: Course, lesson: Lesson | None = None) -> str:
    """The course's (or one lesson's) questions as GIFT, one $CATEGORY per lesson."""
    questions = Question.objects.for_course(course).exclude(status=Status.REJECTED)
    if lesson is not None:
        questions = questions.filter(lesson=lesson)
    questions = (
        questions.select_related("lesson").with_choices().order_by("lesson__order", "order", "pk")
    )
    exported = [
        question_to_gift(question, category=f"{course.slug}/{question.lesson.slug}")
        for question in questions
    ]
    try:
        body = dump_gift(exported)
    except GiftDumpError as exc:
        raise GiftExportError(str(exc)) from exc
    stamp = timezone.now().strftime("%Y-%m-%d %H:%M UTC")
    return f"// Tutor export of {course.title} ({len(exported)} questions), {stamp}\n\n{body}"


def questions_for_export(lessons) -> dict[int, list[dict]]:
    """Per lesson id, its questions in the course-export JSON shape (see README)."""
    rows: dict[int, list[dict]] = {}
    questions = (
        Question.objects.filter(lesson__in=list(lessons))
        .with_choices()
        .order_by("lesson_id", "order", "pk")
    )
    for question in questions:
        choices = question.ordered_choices()
        rows.setdefault(question.lesson_id, []).append(
            {
                "type": question.type,
                "prompt": question.prompt,
                "answers": [
                    c.text if c.numeric_value is None else c.numeric_value
                    for c in choices
                    if c.weight > 0
                ],
                "choices": [
                    {"text": c.text, "weight": c.weight, "feedback": c.feedback}
                    | ({"match": c.match_text} if c.match_text else {})
                    | (
                        {"value": c.numeric_value, "tolerance": c.tolerance}
                        if c.numeric_value is not None
                        else {}
                    )
                    for c in choices
                ],
                "correct_answer": question.correct_answer_text(),
                "source_sentence": question.source_sentence,
                "status": question.status,
                "origin": question.origin,
                "generator": question.generator,
                "quality_score": question.quality_score,
                "version": question.version,
            }
        )
    return rows
