"""Quiz workflows spanning several models: sitting a quiz, recording answers, saving questions."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone

from tutor import rows

from . import grading
from .models import (
    Attempt,
    Choice,
    DecisionKind,
    Origin,
    Question,
    QuestionDecision,
    QuestionType,
    QuestionVersion,
    Quiz,
    QuizItem,
    Response,
    Status,
    sibling_key_for,
)
from .signals import question_answered


class QuizUnavailable(Exception):
    """The student may not start this quiz now (closed, no attempts left, no questions)."""


class AttemptClosed(Exception):
    """The attempt no longer takes answers (submitted or out of time)."""


CHOICE_FIELDS = ("text", "weight", "feedback", "match_text", "numeric_value", "tolerance", "blank")


def attempt_start(*, quiz: Quiz, student, at, preview: bool = False) -> Attempt:
    """Resume the student's unfinished attempt or start a new one with its questions drawn.

    ``preview`` (an instructor trying the quiz) skips the open dates and the attempts limit.
    """
    with transaction.atomic():
        unfinished = Attempt.objects.filter(quiz=quiz, student=student).in_progress().first()
        if unfinished is not None:
            if not unfinished.is_past_deadline(at):
                return unfinished
            attempt_submit(attempt=unfinished, at=at)
        if not preview and not quiz.is_open(at):
            raise QuizUnavailable("This quiz is not open now.")
        taken = Attempt.objects.filter(quiz=quiz, student=student).count()
        if not preview and quiz.attempts_allowed is not None and taken >= quiz.attempts_allowed:
            raise QuizUnavailable("You have used all the attempts this quiz allows.")
        seed = secrets.randbits(48)
        question_ids = quiz.draw_question_ids(seed)
        if not question_ids:
            raise QuizUnavailable("This quiz has no questions yet.")
        deadline = (
            at + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
        )
        try:
            with transaction.atomic():
                return Attempt.objects.create(
                    quiz=quiz,
                    student=student,
                    number=taken + 1,
                    seed=seed,
                    question_ids=question_ids,
                    started_at=at,
                    deadline=deadline,
                )
        except IntegrityError:
            # A concurrent start (a double click, a second tab) committed first: the database
            # keeps one unfinished attempt per student and quiz, so resume that one.
            attempts = Attempt.objects.filter(quiz=quiz, student=student)
            return attempts.in_progress().first() or attempts.get(number=taken + 1)


def response_record(
    *, attempt: Attempt, question: Question, answer, time_taken_ms: int | None = None, at
) -> Response:
    """Grade and store the answer once; a repeated submit returns the response already stored.

    Raises AttemptClosed when the attempt is over and grading.InvalidAnswer for an unreadable
    answer (nothing is stored then).
    """
    with transaction.atomic():
        # Answers and the submit take the attempt's row in turn, so an answer arriving while
        # the attempt is submitted is either in its score or refused, never lost; the same
        # answer sent twice at once is stored once.
        # Plain SQL: compiling these reads through the ORM cost several times more than
        # running them. The lock's read also says whether this version of the question is
        # frozen yet (it is after its first answer, so that needs no write).
        quote = connection.ops.quote_name
        lock = ""
        if connection.features.has_select_for_update:
            lock = f" {connection.ops.for_update_sql()}"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT a.submitted_at, EXISTS(SELECT 1"
                f" FROM {quote(QuestionVersion._meta.db_table)} v"
                " WHERE v.question_id = %s AND v.number = %s)"
                f" FROM {quote(Attempt._meta.db_table)} a WHERE a.id = %s{lock}",
                [question.pk, question.version, attempt.pk],
            )
            row = cursor.fetchone()
            if row is None:
                raise Attempt.DoesNotExist("This attempt was deleted.")
            submitted_at, frozen = row
            # Read after the lock, in a statement of its own (PostgreSQL reads a statement's
            # rows as they were when it began), so an answer committed meanwhile is seen.
            cursor.execute(
                f"SELECT question_id, answered_at FROM {quote(Response._meta.db_table)}"
                " WHERE attempt_id = %s",
                [attempt.pk],
            )
            answered = dict(cursor.fetchall())
        if question.pk in answered:
            return Response.objects.get(attempt=attempt, question=question)
        if attempt.is_finished or submitted_at is not None:
            raise AttemptClosed("This attempt has been submitted.")
        if attempt.is_past_deadline(at):
            raise AttemptClosed(attempt.ended_because)
        if question.pk not in attempt.question_ids:
            raise grading.InvalidAnswer("This question is not part of this attempt.")
        grade = question.grade(answer)
        if time_taken_ms is None:
            since = (
                rows.value(Response, "answered_at", max(answered.values()))
                if answered
                else attempt.started_at
            )
            time_taken_ms = max(0, int((at - since).total_seconds() * 1000))
        if not frozen:
            question.freeze_version()
        response = Response(
            attempt=attempt,
            question=question,
            question_version=question.version,
            answer=answer,
            normalised_answer=grade.normalised,
            mark=grade.mark,
            time_taken_ms=time_taken_ms,
            typo=grade.typo,
            answered_at=at,
        )
        rows.insert(response)  # the ORM's create(), without compiling its INSERT
        # A student's answer is announced (review makes the question a card on the first
        # one); instructors' previews count for nothing.
        if attempt.quiz.course.is_enrolled(attempt.student):
            question_answered.send(
                sender=Response,
                student=attempt.student,
                question=question,
                grade=grade,
                time_taken_ms=time_taken_ms,
                at=at,
            )
    return response


def attempt_submit(*, attempt: Attempt, at) -> Attempt:
    """Close the attempt and score it: the mean mark over every drawn question, unanswered = 0."""
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)
        if attempt.is_finished:
            return attempt
        attempt.score = attempt.score_from(
            dict(attempt.responses.values_list("question_id", "mark"))
        )
        attempt.submitted_at = at
        attempt.save(update_fields=["score", "submitted_at"])
        return attempt


def question_save(
    *,
    question: Question,
    choices: list[dict],
    author=None,
    at=None,
    reason: str = "",
    note: str = "",
) -> Question:
    """Save a question and its choices; answered questions get a new version first.

    Editing a generated question records an "edited" decision by ``author``, with the optional
    ``reason`` and ``note`` saying what was wrong with it as generated.

    ``choices`` are dicts of CHOICE_FIELDS plus optional ``id`` (an existing choice to update);
    existing choices missing from the list are deleted. Old responses keep their mark and the
    frozen snapshot of the version they answered.
    """
    specs = [grading.ChoiceSpec(**{k: c[k] for k in CHOICE_FIELDS if k in c}) for c in choices]
    question.validate_with_choices(specs)
    with transaction.atomic():
        if question.pk and question.responses.exists():
            current = Question.objects.get(pk=question.pk)
            current.bump_version()
            question.version = current.version
        if question.pk is None and author is not None and question.author_id is None:
            question.author = author
        edited_generated = question.pk and question.origin == "generated" and at is not None
        if edited_generated:
            question.edited_at = at
        question.full_clean()
        question.save()
        if edited_generated:
            QuestionDecision.objects.create(
                question=question,
                kind=DecisionKind.EDITED,
                reason=reason,
                note=note,
                quality_score=question.quality_score,
                decided_by=author,
                decided_at=at,
            )
        keep = []
        for order, data in enumerate(choices):
            values = {k: data[k] for k in CHOICE_FIELDS if k in data}
            choice_id = data.get("id")
            if choice_id:
                Choice.objects.filter(pk=choice_id, question=question).update(order=order, **values)
                keep.append(choice_id)
            else:
                keep.append(Choice.objects.create(question=question, order=order, **values).pk)
        question.choices.exclude(pk__in=keep).delete()
    return question


@transaction.atomic
def questions_bulk_approve(*, questions, by, at) -> int:
    """Approve ``questions`` (a queryset) and record each newly approved one's decision."""
    changed = list(questions.exclude(status=Status.APPROVED).values_list("pk", "quality_score"))
    questions.update(status=Status.APPROVED, updated_at=at)
    QuestionDecision.objects.bulk_create(
        QuestionDecision(
            question_id=pk,
            kind=DecisionKind.APPROVED,
            quality_score=score,
            decided_by=by,
            decided_at=at,
        )
        for pk, score in changed
    )
    return len(changed)


def questions_reorder(*, question: Question, direction: str) -> None:
    """Swap the question with its neighbour in the lesson ("up" or "down"), renumbering all."""
    with transaction.atomic():
        siblings = list(Question.objects.for_lesson(question.lesson_id).in_order())
        index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(siblings):
            siblings[index], siblings[other] = siblings[other], siblings[index]
        for order, sibling in enumerate(siblings):
            if sibling.order != order:
                sibling.order = order
                sibling.save(update_fields=["order"])


def quiz_save(*, quiz: Quiz, questions: list[Question], draw_lessons, by=None) -> Quiz:
    """Save a composed quiz with its hand-picked questions (in the order given) and draw lessons."""
    with transaction.atomic():
        if quiz.pk is None:
            quiz.created_by = by
        quiz.kind = "composed"
        quiz.full_clean()
        quiz.save()
        quiz.draw_lessons.set(draw_lessons)
        wanted = [q.pk for q in questions]
        QuizItem.objects.filter(quiz=quiz).exclude(question_id__in=wanted).delete()
        existing = {item.question_id: item for item in QuizItem.objects.filter(quiz=quiz)}
        for order, question_id in enumerate(wanted):
            item = existing.get(question_id)
            if item is None:
                QuizItem.objects.create(quiz=quiz, question_id=question_id, order=order)
            elif item.order != order:
                item.order = order
                item.save(update_fields=["order"])
    return quiz


# --- Generated questions ---------------------------------------------------------------------


@dataclass
class GenerationSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    kept_rejected: int = 0
    kept_edited: int = 0
    invalid: int = 0
    lessons: int = 0

    @property
    def generated(self) -> int:
        return self.created + self.updated + self.unchanged

    def __str__(self) -> str:
        return (
            f"{self.generated} generated questions in {self.lessons} lesson(s): "
            f"{self.created} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.retired} retired; instructors' choices kept: {self.kept_rejected} rejected, "
            f"{self.kept_edited} edited"
        )


def _generated_choices(generated) -> list[dict]:
    """The model's choice rows for a generated question."""
    kind = generated.type
    if kind in {QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE}:
        return [{"text": c.text, "weight": 1.0 if c.correct else 0.0} for c in generated.choices]
    if kind == QuestionType.MULTIPLE_RESPONSE:
        right = sum(1 for c in generated.choices if c.correct)
        wrong = len(generated.choices) - right
        # Each right pick earns its share; each wrong pick costs as much, so ticking every box
        # never scores.
        return [
            {
                "text": c.text,
                "weight": round(1.0 / right, 6)
                if c.correct
                else -round(1.0 / max(right, wrong), 6),
            }
            for c in generated.choices
        ]
    if kind == QuestionType.NUMERICAL:
        value = generated.numeric_answer
        return [
            {
                "text": f"{value:.12g}",
                "weight": 1.0,
                "numeric_value": value,
                "tolerance": generated.tolerance,
            }
        ]
    return [{"text": text, "weight": 1.0, "blank": 0} for text in generated.accepted_answers]


def _choice_signature(rows) -> list[tuple]:
    return [
        (
            r["text"],
            round(r["weight"], 6),
            r.get("numeric_value"),
            r.get("tolerance", 0.0),
            r.get("blank", 0),
        )
        for r in rows
    ]


def _stored_signature(question: Question) -> list[tuple]:
    return [
        (c.text, round(c.weight, 6), c.numeric_value, c.tolerance, c.blank)
        for c in question.ordered_choices()
    ]


def _fact_key(generated) -> str:
    key = generated.fact_key
    if len(key) <= 255:
        return key
    return key[:200] + "#" + hashlib.sha256(key.encode()).hexdigest()[:32]


# Lessons whose generated questions are written in one short transaction.
GENERATION_WRITE_BATCH = 25


def questions_generate(*, course, lessons=None, at=None, progress=None) -> GenerationSummary:
    """(Re)generate the questions of ``lessons`` (default: every live lesson of ``course``).

    Generated questions are matched to earlier ones by the fact they test. A question an
    instructor rejected is never recreated and one they edited is never overwritten; one whose
    fact left the lesson is retired, never deleted, so answers to it keep their meaning.

    The language analysis runs outside any transaction and the writes go in short ones of
    GENERATION_WRITE_BATCH lessons, so students' answers never wait long for the database
    (SQLite has one writer at a time). ``progress(done, total)`` hears after each batch.
    """
    from lessons.models import Lesson

    from .generation import LessonText, generate_course

    at = at or timezone.now()
    course_lessons = list(Lesson.objects.for_course(course).active().in_order())
    wanted = (
        course_lessons
        if lessons is None
        else [lesson for lesson in course_lessons if lesson.pk in {x.pk for x in lessons}]
    )
    summary = GenerationSummary(lessons=len(wanted))
    if not wanted:
        return summary
    generated_by_lesson = generate_course(
        [
            LessonText(
                key=str(lesson.pk),
                title=lesson.title,
                text=lesson.body,
                reference=lesson.is_reference,
            )
            for lesson in course_lessons
        ]
    )
    for start in range(0, len(wanted), GENERATION_WRITE_BATCH):
        batch = wanted[start : start + GENERATION_WRITE_BATCH]
        with transaction.atomic():
            _generated_questions_save(course, batch, generated_by_lesson, summary)
        if progress is not None:
            progress(min(start + GENERATION_WRITE_BATCH, len(wanted)), len(wanted))
    return summary


def _generated_questions_save(course, wanted, generated_by_lesson, summary) -> None:
    existing: dict[int, dict[str, Question]] = {}
    for question in (
        Question.objects.filter(lesson__in=wanted, origin=Origin.GENERATED)
        .with_choices()
        .annotate(response_count=Count("responses"))
    ):
        existing.setdefault(question.lesson_id, {})[question.fact_key] = question

    new_questions: list[tuple[Question, list[dict]]] = []
    for lesson in wanted:
        known = existing.get(lesson.pk, {})
        seen: set[str] = set()
        for position, generated in enumerate(generated_by_lesson.get(str(lesson.pk), [])):
            key = _fact_key(generated)
            if key in seen:
                continue
            seen.add(key)
            rows = _generated_choices(generated)
            spec = grading.QuestionSpec(
                type=generated.type,
                prompt=generated.prompt,
                choices=tuple(grading.ChoiceSpec(**row) for row in rows),
            )
            if grading.validation_errors(spec):
                summary.invalid += 1
                continue
            fields = {
                "type": generated.type,
                "prompt": generated.prompt,
                "source_sentence": generated.source_sentence,
                # bulk_create skips Question.save, which keeps this in step otherwise.
                "sibling_key": sibling_key_for(
                    generated.source_sentence, lesson_id=lesson.pk, start=generated.source_start
                ),
                "source_start": generated.source_start,
                "source_end": generated.source_end,
                "generator": generated.generator[:40],
                "generator_version": str(generated.generator_version)[:20],
                "quality_score": max(0.0, min(1.0, float(generated.score))),
                "order": 1000 + position,
                # A typed answer of some length may be off by a letter ("Eastern Block") and
                # still count, rated Hard for review; short ones must be exact.
                "typo_tolerance": 1
                if generated.type in {QuestionType.CLOZE, QuestionType.SHORT_ANSWER}
                and min((len(a) for a in generated.accepted_answers), default=0) >= 6
                else 0,
            }
            question = known.get(key)
            if question is None:
                approve = course.auto_approve_generated and (
                    fields["quality_score"] >= course.auto_approve_threshold
                )
                question = Question(
                    lesson=lesson,
                    origin=Origin.GENERATED,
                    status=Status.APPROVED if approve else Status.DRAFT,
                    fact_key=key,
                    **fields,
                )
                new_questions.append((question, rows))
                summary.created += 1
            elif question.status == Status.REJECTED:
                summary.kept_rejected += 1
            elif question.edited_at is not None:
                summary.kept_edited += 1
            elif (question.type, question.prompt, _stored_signature(question)) == (
                generated.type,
                generated.prompt,
                _choice_signature(rows),
            ):
                summary.unchanged += 1
            else:
                if question.response_count:
                    question.bump_version()
                for name, value in fields.items():
                    setattr(question, name, value)
                if question.status == Status.RETIRED:
                    question.status = Status.DRAFT
                question.save()
                question.choices.all().delete()
                Choice.objects.bulk_create(
                    Choice(question=question, order=i, **row) for i, row in enumerate(rows)
                )
                summary.updated += 1
        for key, question in known.items():
            if (
                key not in seen
                and question.edited_at is None
                and question.status in {Status.DRAFT, Status.APPROVED}
            ):
                question.status = Status.RETIRED
                question.save(update_fields=["status", "updated_at"])
                summary.retired += 1

    Question.objects.bulk_create([question for question, _ in new_questions], batch_size=500)
    Choice.objects.bulk_create(
        (
            Choice(question=question, order=i, **row)
            for question, rows in new_questions
            for i, row in enumerate(rows)
        ),
        batch_size=1000,
    )
