"""Questions and their versions, quizzes, attempts and the responses students give."""

import datetime as dt
import hashlib
import random
import textwrap
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from accounts.roles import is_instructor
from lessons.models import Course, Enrollment, Lesson
from tutor.rows import columns, concrete_fields, instances, select

from . import grading


class QuestionType(models.TextChoices):
    SINGLE_CHOICE = grading.SINGLE_CHOICE, "Multiple choice"
    MULTIPLE_RESPONSE = grading.MULTIPLE_RESPONSE, "Select all that apply"
    TRUE_FALSE = grading.TRUE_FALSE, "True / false"
    SHORT_ANSWER = grading.SHORT_ANSWER, "Short answer"
    CLOZE = grading.CLOZE, "Fill in the blanks"
    NUMERICAL = grading.NUMERICAL, "Numerical"
    MATCHING = grading.MATCHING, "Matching"


class Origin(models.TextChoices):
    AUTHORED = "authored", "Authored"
    GENERATED = "generated", "Generated"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    RETIRED = "retired", "Retired"


class TextFormat(models.TextChoices):
    PLAIN = "plain", "Plain text"
    MARKDOWN = "markdown", "Markdown"
    HTML = "html", "HTML"
    MOODLE = "moodle", "Moodle auto-format"


class QuestionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Status.APPROVED)

    def for_lesson(self, lesson):
        return self.filter(lesson=lesson)

    def for_course(self, course):
        return self.filter(lesson__course=course)

    def in_order(self):
        return self.order_by("order", "pk")

    def with_choices(self):
        return self.prefetch_related(
            models.Prefetch("choices", queryset=Choice.objects.order_by("order", "pk"))
        )

    def sibling_keys(self):
        """The sibling keys of these questions (those with a source sentence), for ``__in``."""
        return self.exclude(sibling_key="").values("sibling_key")

    def generated(self):
        return self.filter(origin=Origin.GENERATED)

    def acceptance_by_generator(self) -> list["GeneratorAcceptance"]:
        """Per generator, how instructors judged these generated questions, with the reasons
        they gave (two grouped queries, whatever the number of questions)."""
        reasons: dict[str, list[tuple[str, int]]] = {}
        decisions = QuestionDecision.objects.filter(question__in=self.generated().values("pk"))
        for row in decisions.reason_counts():
            label = RejectionReason(row["reason"]).label
            reasons.setdefault(row["question__generator"], []).append((label, row["count"]))
        return [
            GeneratorAcceptance(**row, reasons=reasons.get(row["generator"], []))
            for row in self.outcomes_by_generator()
        ]

    def with_rejection_reason(self):
        """Annotate ``rejection_reason``: the reason given with the latest rejection, if any."""
        latest = QuestionDecision.objects.filter(
            question=OuterRef("pk"), kind=DecisionKind.REJECTED
        ).order_by("-decided_at", "-pk")
        return self.annotate(rejection_reason=Subquery(latest.values("reason")[:1]))

    def outcomes_by_generator(self):
        """Per generator, where these generated questions stand, in one grouped query:
        ``approved`` by an instructor, ``auto_approved`` (approved on generation and never
        touched since), ``edited``, ``rejected``, ``waiting`` (drafts) and ``judged`` (approved
        by an instructor, edited or rejected: the questions someone looked at)."""
        instructor_approved = Exists(
            QuestionDecision.objects.filter(question=OuterRef("pk"), kind=DecisionKind.APPROVED)
        )
        unedited = Q(edited_at__isnull=True)
        return (
            self.generated()
            .values("generator")
            .annotate(
                total=Count("pk"),
                approved=Count(
                    "pk", filter=Q(status=Status.APPROVED) & unedited & instructor_approved
                ),
                auto_approved=Count(
                    "pk", filter=Q(status=Status.APPROVED) & unedited & ~instructor_approved
                ),
                edited=Count("pk", filter=~Q(status=Status.REJECTED) & ~unedited),
                rejected=Count("pk", filter=Q(status=Status.REJECTED)),
                waiting=Count("pk", filter=Q(status=Status.DRAFT) & unedited),
            )
            .order_by("generator")
        )

    def not_siblings_of(self, keys):
        """Questions whose source sentence is none of ``keys`` (sibling keys, a list or a query)."""
        return self.exclude(sibling_key__in=keys)


def sibling_key_for(
    sentence: str, *, lesson_id: int | None = None, start: int | None = None
) -> str:
    """What questions drawn from the same sentence share. A generated question knows where its
    sentence starts in the lesson, and that place is the key (a list question quotes its lead-in
    with or without the items, but starts at the same place); otherwise it is the sentence's text
    with case and spacing ignored. "" for a question with neither: it has no siblings."""
    if lesson_id is not None and start is not None:
        return hashlib.sha256(f"lesson {lesson_id} at {start}".encode()).hexdigest()[:32]
    text = " ".join(sentence.split()).casefold()
    return hashlib.sha256(text.encode()).hexdigest()[:32] if text else ""


def one_per_sibling_group(rows) -> list[int]:
    """The question ids of ``(id, sibling_key)`` rows, in order, keeping only the first question
    of each sentence: a sibling's feedback (the source sentence, the answer) would give away the
    others' answers, and their prompts often contain each other's answers."""
    seen: set[str] = set()
    kept = []
    for pk, key in rows:
        if key:
            if key in seen:
                continue
            seen.add(key)
        kept.append(pk)
    return kept


class Question(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="questions")
    type = models.CharField(max_length=20, choices=QuestionType.choices)
    title = models.CharField(max_length=200, blank=True)
    prompt = models.TextField(
        help_text=f"For fill-in-the-blank, mark each blank with {grading.BLANK}."
    )
    general_feedback = models.TextField(blank=True, help_text="Explanation shown after answering.")
    source_sentence = models.TextField(blank=True)
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)
    sibling_key = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        db_index=True,
        help_text="Shared by questions drawn from the same source sentence (sibling_key_for).",
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.AUTHORED)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authored_questions",
    )
    order = models.PositiveIntegerField(default=0)
    text_format = models.CharField(
        max_length=10, choices=TextFormat.choices, default=TextFormat.PLAIN
    )
    category = models.CharField(max_length=255, blank=True, help_text="GIFT $CATEGORY on import.")
    exchange = models.JSONField(
        default=dict,
        blank=True,
        help_text="Details only GIFT exchange needs (cloze blank kinds, numeric ranges).",
    )
    typo_tolerance = models.PositiveSmallIntegerField(
        default=0, help_text="Letters a typed answer may be off by and still count (0–3)."
    )
    version = models.PositiveIntegerField(default=1)
    generator = models.CharField(max_length=40, blank=True)
    generator_version = models.CharField(max_length=20, blank=True)
    quality_score = models.FloatField(null=True, blank=True)
    fact_key = models.CharField(max_length=255, blank=True, db_index=True)
    edited_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when an instructor edits a generated question."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["lesson", "order", "pk"]
        indexes = [models.Index(fields=["lesson", "status", "order"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(typo_tolerance__lte=3), name="question_typo_tolerance_range"
            ),
            models.CheckConstraint(
                condition=Q(quality_score__isnull=True)
                | Q(quality_score__gte=0, quality_score__lte=1),
                name="question_quality_score_range",
            ),
        ]

    def __str__(self) -> str:
        # Cut at a word, never inside one, so two long prompts still read as different.
        return self.title or textwrap.shorten(self.prompt, 100, placeholder=" …")

    def save(self, *args, **kwargs):
        self.sibling_key = sibling_key_for(
            self.source_sentence, lesson_id=self.lesson_id, start=self.source_start
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"source_sentence", "source_start", "lesson"} & set(
            update_fields
        ):
            kwargs["update_fields"] = {*update_fields, "sibling_key"}
        super().save(*args, **kwargs)

    @classmethod
    def with_choices_by_pk(cls, pk: int) -> "Question | None":
        """Question ``pk`` with its choices loaded in order, as ``objects.with_choices()`` loads
        them, or None; in one query.

        Plain SQL: every answer reads its question, and compiling the ORM's query and its
        prefetch cost several times more than running them."""
        quote = connection.ops.quote_name
        question_fields, choice_fields = concrete_fields(cls), concrete_fields(Choice)
        question_columns = columns(cls, question_fields, "q")
        choice_columns = columns(Choice, choice_fields, "c")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {question_columns}, {choice_columns} FROM {quote(cls._meta.db_table)} q"
                f" LEFT JOIN {quote(Choice._meta.db_table)} c ON c.question_id = q.id"
                f" WHERE q.id = %s ORDER BY c.{quote('order')}, c.id",
                [pk],
            )
            rows = cursor.fetchall()
        if not rows:
            return None
        count = len(question_fields)
        (question,) = instances(cls, question_fields, [rows[0][:count]])
        # A question with no choices has the outer join's one empty row.
        choice_rows = [row[count:] for row in rows if row[count] is not None]
        question._keep_choices(instances(Choice, choice_fields, choice_rows))
        return question

    def load_choices(self) -> None:
        """Load this question's choices in order, as ``prefetch_related("choices")`` with
        Question.ordered_choices's order loads them, in plain SQL: the review page shows one
        question per request, and compiling the prefetch cost more than running it."""
        self._keep_choices(select(Choice, order_by=("order", "id"), question_id=self.pk))

    def _keep_choices(self, choices: list["Choice"]) -> None:
        for choice in choices:
            choice.question = self
        # What prefetch_related leaves: choices.all() answers from these, with no query.
        loaded = self.choices.all()
        loaded._result_cache, loaded._prefetch_done = choices, True
        self._prefetched_objects_cache = {"choices": loaded}

    def ordered_choices(self) -> list["Choice"]:
        return sorted(self.choices.all(), key=lambda c: (c.order, c.pk))

    def spec(self) -> grading.QuestionSpec:
        return grading.QuestionSpec(
            type=self.type,
            prompt=self.prompt,
            choices=tuple(choice.spec() for choice in self.ordered_choices()),
            typo_tolerance=self.typo_tolerance,
        )

    def grade(self, answer) -> grading.Grade:
        return grading.grade(self.spec(), answer)

    def correct_answer_text(self) -> str:
        return grading.correct_answer_text(self.spec())

    def snapshot(self) -> dict:
        """Everything a response's meaning depends on, frozen for this version."""
        return {
            "type": self.type,
            "prompt": self.prompt,
            "general_feedback": self.general_feedback,
            "typo_tolerance": self.typo_tolerance,
            "choices": [c.as_dict() for c in self.ordered_choices()],
        }

    def validate_with_choices(self, choices: list[grading.ChoiceSpec] | None = None) -> None:
        """Raise ValidationError unless the question and its choices hold the type's invariants."""
        spec = (
            self.spec()
            if choices is None
            else grading.QuestionSpec(
                type=self.type,
                prompt=self.prompt,
                choices=tuple(choices),
                typo_tolerance=self.typo_tolerance,
            )
        )
        errors = grading.validation_errors(spec)
        if errors:
            raise ValidationError(errors)

    def freeze_version(self) -> "QuestionVersion":
        """Record the current content as version ``self.version`` (idempotent)."""
        # The snapshot is passed uncalled: get_or_create builds it only when it inserts, not on
        # every answer to a version already frozen.
        version, _ = QuestionVersion.objects.get_or_create(
            question=self, number=self.version, defaults={"snapshot": self.snapshot}
        )
        return version

    @transaction.atomic
    def bump_version(self) -> None:
        """Call before editing content that students may already have answered."""
        self.freeze_version()
        Question.objects.filter(pk=self.pk).update(version=F("version") + 1)
        self.refresh_from_db(fields=["version"])

    def latest_rejection_reason(self) -> str:
        latest = self.decisions.filter(kind=DecisionKind.REJECTED).order_by("-decided_at", "-pk")
        return latest.values_list("reason", flat=True).first() or ""

    @property
    def rejection_reason_label(self) -> str:
        """The latest rejection's reason as words (needs ``with_rejection_reason``)."""
        reason = getattr(self, "rejection_reason", "") or ""
        return RejectionReason(reason).label if reason else ""

    @transaction.atomic
    def decide(
        self, status: str, *, by, at, reason: str = "", note: str = ""
    ) -> "QuestionDecision":
        """Set the status an instructor chose and record the decision; a rejection may say why."""
        self.status = status
        self.save(update_fields=["status", "updated_at"])
        return QuestionDecision.objects.create(
            question=self,
            kind=status,
            reason=reason,
            note=note,
            quality_score=self.quality_score,
            decided_by=by,
            decided_at=at,
        )


class DecisionKind(models.TextChoices):
    APPROVED = Status.APPROVED.value, "Approved"
    EDITED = "edited", "Edited"
    REJECTED = Status.REJECTED.value, "Rejected"
    RETIRED = Status.RETIRED.value, "Retired"
    DRAFT = Status.DRAFT.value, "Back to draft"


class RejectionReason(models.TextChoices):
    TRIVIAL = "trivial", "Trivial: not worth asking"
    AMBIGUOUS = "ambiguous", "Ambiguous: more than one defensible answer"
    NEEDS_CONTEXT = "needs_context", "Needs context: not self-contained"
    BAD_DISTRACTORS = "bad_distractors", "Bad distractors"
    WRONG = "wrong", "Wrong: the lesson says otherwise"
    DEBRIS = "debris", "Debris: markup or broken text"


# The decisions that say whether a generated question was good enough as generated.
VERDICTS = {"approved": True, "edited": False, "rejected": False}


class QuestionDecisionQuerySet(models.QuerySet):
    def for_course(self, course):
        return self.filter(question__lesson__course=course)

    def of_generated(self):
        return self.filter(question__origin=Origin.GENERATED)

    def reason_counts(self):
        """How often each reason was given, per generator, in one grouped query."""
        return (
            self.exclude(reason="")
            .values("question__generator", "reason")
            .annotate(count=Count("pk"))
            .order_by("question__generator", "-count", "reason")
        )

    def labelled_examples(self) -> list[dict]:
        """One labelled example per judged question, from its latest verdict (approved, edited
        or rejected): the quality score it had then, its generator and type, and whether the
        instructor kept it as generated (approved) or not (edited or rejected), with the reason."""
        rows = (
            self.filter(kind__in=list(VERDICTS))
            .order_by("question_id", "-decided_at", "-pk")
            .values_list(
                "question_id",
                "question__generator",
                "question__type",
                "quality_score",
                "kind",
                "reason",
                "decided_at",
            )
        )
        examples, seen = [], set()
        for question_id, generator, type_, score, kind, reason, decided_at in rows:
            if question_id in seen:
                continue
            seen.add(question_id)
            examples.append(
                {
                    "question": question_id,
                    "generator": generator,
                    "type": type_,
                    "quality_score": score,
                    "accepted": VERDICTS[kind],
                    "decision": kind,
                    "reason": reason,
                    "decided_at": decided_at.isoformat(),
                }
            )
        return examples


@dataclass
class GeneratorAcceptance:
    """How instructors judged one generator's questions in a course."""

    generator: str
    total: int
    approved: int
    auto_approved: int
    edited: int
    rejected: int
    waiting: int
    reasons: list[tuple[str, int]]

    @property
    def judged(self) -> int:
        """Questions an instructor looked at: approved, edited or rejected them."""
        return self.approved + self.edited + self.rejected

    @property
    def acceptance_rate(self) -> float | None:
        """Share of the judged questions kept as generated (approved without an edit); an
        auto-approved question nobody touched is not counted either way."""
        return self.approved / self.judged if self.judged else None


class QuestionDecision(models.Model):
    """An instructor's decision on a question: approved, edited, rejected (with an optional
    reason and note), retired or sent back to draft. Decisions on generated questions measure
    each generator and label examples for calibrating auto-approval."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=10, choices=DecisionKind.choices)
    reason = models.CharField(max_length=20, choices=RejectionReason.choices, blank=True)
    note = models.TextField(blank=True)
    quality_score = models.FloatField(
        null=True, blank=True, help_text="The question's quality score when it was decided."
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField()

    objects = QuestionDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reason="") | Q(kind__in=["rejected", "edited"]),
                name="decision_reason_for_rejections_and_edits",
            )
        ]

    def __str__(self) -> str:
        reason = f" ({self.get_reason_display()})" if self.reason else ""
        return f"{self.get_kind_display()}{reason} · {self.question_id}"


class Choice(models.Model):
    """One choice, accepted answer, numeric answer or matching pair of a question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True)
    weight = models.FloatField(default=0.0, help_text="Share of the mark, -1.0 to 1.0.")
    feedback = models.TextField(blank=True)
    match_text = models.CharField(max_length=500, blank=True)
    numeric_value = models.FloatField(null=True, blank=True)
    tolerance = models.FloatField(default=0.0)
    blank = models.PositiveSmallIntegerField(default=0, help_text="Which cloze blank (0-based).")

    class Meta:
        ordering = ["question", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=-1.0, weight__lte=1.0), name="choice_weight_range"
            ),
            models.CheckConstraint(condition=Q(tolerance__gte=0), name="choice_tolerance_positive"),
        ]

    def __str__(self) -> str:
        return self.text[:80] or self.match_text[:80]

    def as_dict(self) -> dict:
        """The choice's content as plain data (version snapshots, form previews)."""
        return {
            "id": self.pk,
            "text": self.text,
            "weight": self.weight,
            "feedback": self.feedback,
            "match_text": self.match_text,
            "numeric_value": self.numeric_value,
            "tolerance": self.tolerance,
            "blank": self.blank,
        }

    def spec(self) -> grading.ChoiceSpec:
        return grading.ChoiceSpec(
            id=self.pk,
            text=self.text,
            weight=self.weight,
            feedback=self.feedback,
            match_text=self.match_text,
            numeric_value=self.numeric_value,
            tolerance=self.tolerance,
            blank=self.blank,
        )


class QuestionVersion(models.Model):
    """A frozen copy of a question as it was when students answered it."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="question_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.question} v{self.number}"

    def spec(self) -> grading.QuestionSpec:
        return spec_from_snapshot(self.snapshot)


SNAPSHOT_CHOICE_FIELDS = (
    "id",
    "text",
    "weight",
    "feedback",
    "match_text",
    "numeric_value",
    "tolerance",
    "blank",
)


def spec_from_snapshot(snapshot: dict) -> grading.QuestionSpec:
    return grading.QuestionSpec(
        type=snapshot["type"],
        prompt=snapshot["prompt"],
        typo_tolerance=snapshot.get("typo_tolerance", 0),
        choices=tuple(
            grading.ChoiceSpec(**{name: c[name] for name in SNAPSHOT_CHOICE_FIELDS})
            for c in snapshot["choices"]
        ),
    )


class QuizKind(models.TextChoices):
    PRACTICE = "practice", "Lesson practice"
    COMPOSED = "composed", "Composed by an instructor"


class Selection(models.TextChoices):
    HAND_PICKED = "hand_picked", "Hand-picked questions"
    RANDOM = "random", "Drawn at random from lessons"


class FeedbackTiming(models.TextChoices):
    IMMEDIATE = "immediate", "After each question"
    AFTER_SUBMIT = "after_submit", "After submitting the quiz"


class Display(models.TextChoices):
    ONE_AT_A_TIME = "one", "One question at a time"
    ALL_AT_ONCE = "all", "All questions on one page"


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", "Highest attempt"
    LAST = "last", "Last attempt"
    FIRST = "first", "First attempt"
    MEAN = "mean", "Mean of attempts"


class QuizQuerySet(models.QuerySet):
    def practice(self):
        return self.filter(kind=QuizKind.PRACTICE)

    def composed(self):
        return self.filter(kind=QuizKind.COMPOSED)

    def for_course(self, course):
        return self.filter(course=course)

    def open_at(self, when):
        return self.filter(published=True).filter(
            Q(opens_at__isnull=True) | Q(opens_at__lte=when),
            Q(closes_at__isnull=True) | Q(closes_at__gt=when),
        )

    def for_student(self, user):
        """Quizzes of the published courses ``user`` is enrolled in."""
        return self.filter(course__published=True, course__enrollments__student=user)

    def open_for_student(self, user, when):
        """What a student's dashboard lists: composed quizzes open now in their courses."""
        return (
            self.composed()
            .open_at(when)
            .for_student(user)
            .select_related("course")
            .order_by("closes_at", "title")
        )


class Quiz(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="quizzes")
    lesson = models.ForeignKey(
        Lesson,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quizzes",
        help_text="Set for a lesson's practice quiz.",
    )
    kind = models.CharField(max_length=10, choices=QuizKind.choices, default=QuizKind.COMPOSED)
    title = models.CharField(max_length=200)
    selection = models.CharField(
        max_length=12, choices=Selection.choices, default=Selection.HAND_PICKED
    )
    questions = models.ManyToManyField(Question, through="QuizItem", blank=True)
    draw_lessons = models.ManyToManyField(Lesson, blank=True, related_name="drawn_by_quizzes")
    draw_count = models.PositiveIntegerField(null=True, blank=True)
    attempts_allowed = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for unlimited attempts."
    )
    feedback_timing = models.CharField(
        max_length=12, choices=FeedbackTiming.choices, default=FeedbackTiming.IMMEDIATE
    )
    display = models.CharField(max_length=3, choices=Display.choices, default=Display.ONE_AT_A_TIME)
    pass_mark = models.PositiveSmallIntegerField(default=60, help_text="Percent needed to pass.")
    time_limit_minutes = models.PositiveIntegerField(null=True, blank=True)
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    grading_method = models.CharField(
        max_length=10, choices=GradingMethod.choices, default=GradingMethod.HIGHEST
    )
    published = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuizQuerySet.as_manager()

    class Meta:
        ordering = ["course", "title"]
        verbose_name_plural = "quizzes"
        constraints = [
            models.UniqueConstraint(
                fields=["lesson"], condition=Q(kind="practice"), name="one_practice_quiz_per_lesson"
            ),
            models.CheckConstraint(
                condition=Q(kind="composed") | Q(lesson__isnull=False),
                name="practice_quiz_has_lesson",
            ),
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="quiz_pass_mark_range"),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=F("opens_at")),
                name="quiz_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=~Q(selection="random") | Q(draw_count__gte=1),
                name="random_quiz_draws_questions",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("quiz_detail", kwargs={"pk": self.pk})

    @classmethod
    def practice_for(cls, lesson: Lesson) -> "Quiz":
        """The lesson's practice quiz, created on first use."""
        quiz, _ = cls.objects.get_or_create(
            kind=QuizKind.PRACTICE,
            lesson=lesson,
            defaults={"course_id": lesson.course_id, "title": f"Practice: {lesson.title}"},
        )
        return quiz

    def can_take(self, user) -> bool:
        """Enrolled students take published quizzes, except the practice of a lesson archived
        since; the course's instructors may preview any."""
        if self.course.is_taught_by(user):
            return True
        return (
            self.published
            and not self.of_archived_lesson
            and self.course.published
            and self.course.is_enrolled(user)
        )

    @property
    def of_archived_lesson(self) -> bool:
        """A practice quiz whose lesson a re-import or merge removed from the course."""
        return self.lesson_id is not None and self.lesson.archived

    @property
    def is_practice(self) -> bool:
        return self.kind == QuizKind.PRACTICE

    def is_open(self, when) -> bool:
        return (
            self.published
            and (self.opens_at is None or self.opens_at <= when)
            and (self.closes_at is None or when < self.closes_at)
        )

    @property
    def shows_immediate_feedback(self) -> bool:
        return self.feedback_timing == FeedbackTiming.IMMEDIATE

    def passes(self, score: float | None) -> bool:
        return score is not None and score * 100 >= self.pass_mark - 1e-9

    def draw_question_ids(self, seed: int) -> list[int]:
        """The approved questions one attempt will ask, in order; random draws follow ``seed``.

        An attempt never holds two siblings (questions from one sentence): a practice round asks
        one of each sentence's questions, picked by ``seed`` so later rounds ask the others, in
        the lesson's order; a random draw skips the siblings of questions already drawn; a
        hand-picked quiz keeps the first of any siblings picked before the form refused them.
        """
        approved = Question.objects.approved()
        rng = random.Random(seed)
        if self.kind == QuizKind.PRACTICE:
            rows = list(
                approved.for_lesson(self.lesson_id).in_order().values_list("pk", "sibling_key")
            )
            picked = set(one_per_sibling_group(rng.sample(rows, len(rows))))
            return [pk for pk, _ in rows if pk in picked]
        if self.selection == Selection.RANDOM:
            pool = list(
                approved.filter(lesson__in=self.draw_lessons.all())
                .order_by("lesson__order", "order", "pk")
                .values_list("pk", "sibling_key")
            )
            drawn = one_per_sibling_group(rng.sample(pool, len(pool)))
            return drawn[: self.draw_count or 0]
        return one_per_sibling_group(
            approved.filter(quiz_items__quiz=self)
            .order_by("quiz_items__order", "quiz_items__pk")
            .values_list("pk", "sibling_key")
        )

    def kept_score_for(self, student) -> float | None:
        """The grade kept for ``student`` over their finished attempts, by the grading method."""
        return (
            Attempt.objects.filter(quiz=self).for_student(student).kept_score(self.grading_method)
        )


class QuizItem(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="quiz_items")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["quiz", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "question"], name="quiz_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.quiz} · {self.question}"


class AttemptQuerySet(models.QuerySet):
    def for_student(self, user):
        return self.filter(student=user)

    def in_courses_readable_by(self, user):
        """Attempts at quizzes of the courses ``user`` may study (``Course.readable_by``)."""
        if user.is_authenticated and not user.is_staff and not is_instructor(user):
            # A student reads the published courses they are enrolled in: joined directly, not
            # as a subquery, whose compiling is a quarter of an answer's attempt query.
            return self.filter(
                quiz__course__published=True, quiz__course__enrollments__student=user
            )
        return self.filter(quiz__course__in=Course.objects.readable_by(user))

    def finished(self):
        return self.filter(submitted_at__isnull=False)

    def in_progress(self):
        return self.filter(submitted_at__isnull=True)

    def kept_score(self, grading_method: str) -> float | None:
        """Highest, last, first or mean score of these attempts' finished ones (None if none)."""
        scores = list(self.finished().order_by("number").values_list("score", flat=True))
        if not scores:
            return None
        if grading_method == GradingMethod.LAST:
            return scores[-1]
        if grading_method == GradingMethod.FIRST:
            return scores[0]
        if grading_method == GradingMethod.MEAN:
            return sum(scores) / len(scores)
        return max(scores)


class Attempt(models.Model):
    """One sitting of one quiz by one student; its question list and shuffle are fixed at start."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveIntegerField(default=1)
    seed = models.BigIntegerField(help_text="Seeds the choice shuffle for this attempt.")
    question_ids = models.JSONField(default=list)
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True, help_text="Fraction of marks, 0 to 1.")

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "student", "number"], name="attempt_number_unique"
            ),
            # A double-clicked start (or two tabs) resumes the attempt under way instead of
            # opening a second one, which would orphan the first and use up an allowed attempt.
            models.UniqueConstraint(
                fields=["quiz", "student"],
                condition=Q(submitted_at__isnull=True),
                name="one_unfinished_attempt_per_quiz",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=1),
                name="attempt_score_range",
            ),
        ]
        indexes = [models.Index(fields=["student", "quiz"])]

    def __str__(self) -> str:
        return f"{self.student} · {self.quiz} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("attempt_detail", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.submitted_at is not None

    @property
    def ends_at(self) -> dt.datetime | None:
        """When the attempt stops taking answers: at its time limit, or when the quiz closes if
        that comes first. Closing ends the attempts under way; an instructor's preview started
        after the quiz closed is not ended by it."""
        ends = [self.deadline] if self.deadline is not None else []
        closes_at = self.quiz.closes_at
        if closes_at is not None and self.started_at < closes_at:
            ends.append(closes_at)
        return min(ends, default=None)

    def is_past_deadline(self, when) -> bool:
        ends_at = self.ends_at
        return ends_at is not None and when > ends_at

    @property
    def ended_because(self) -> str:
        """Why an attempt past ``ends_at`` takes no more answers, for the student."""
        if self.deadline is not None and self.ends_at == self.deadline:
            return "Time is up for this attempt."
        return "This quiz has closed."

    @property
    def seconds_left(self) -> int | None:
        """Whole seconds until the attempt ends (0 once past), for the page's live countdown."""
        if self.ends_at is None:
            return None
        return max(0, int((self.ends_at - timezone.now()).total_seconds()))

    @property
    def passed(self) -> bool:
        return self.quiz.passes(self.score)

    @classmethod
    def of_student(cls, pk: int, student) -> "Attempt | None":
        """The student's attempt ``pk`` with its quiz, course and lesson (their documents left
        out), when its course is one they study as a student (published, enrolled in:
        ``Attempt.objects.in_courses_readable_by`` for a student); else None.

        Plain SQL: every answer reads its attempt, and compiling the ORM's four-table query
        cost several times more than running it."""
        quote = connection.ops.quote_name
        tables = (
            (cls, concrete_fields(cls), "a"),
            (Quiz, concrete_fields(Quiz), "q"),
            (Course, concrete_fields(Course, "source_text"), "c"),
            (Lesson, concrete_fields(Lesson, "body"), "l"),
        )
        selected = ", ".join(columns(model, fields, alias) for model, fields, alias in tables)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {selected}"
                f" FROM {quote(cls._meta.db_table)} a"
                f" JOIN {quote(Quiz._meta.db_table)} q ON q.id = a.quiz_id"
                f" JOIN {quote(Course._meta.db_table)} c ON c.id = q.course_id"
                f" JOIN {quote(Enrollment._meta.db_table)} e ON e.course_id = c.id"
                f" LEFT JOIN {quote(Lesson._meta.db_table)} l ON l.id = q.lesson_id"
                " WHERE a.id = %s AND a.student_id = %s AND e.student_id = %s AND c.published",
                [pk, student.pk, student.pk],
            )
            row = cursor.fetchone()
        if row is None:
            return None
        values = iter(row)
        attempt, quiz, course = (
            instances(model, fields, [[next(values) for _ in fields]])[0]
            for model, fields, _alias in tables[:3]
        )
        quiz.course = course
        quiz.lesson = (
            instances(Lesson, tables[3][1], [list(values)])[0]
            if quiz.lesson_id is not None
            else None
        )
        attempt.quiz = quiz
        attempt.student = student
        return attempt

    def choice_seed(self, question_id: int) -> int:
        """Seed for one question's choice order: stable within the attempt, new per attempt."""
        return self.seed * 1_000_003 + question_id

    def score_from(self, marks: dict[int, float]) -> float:
        """The attempt's score from its marks by question id: the mean over every drawn
        question, unanswered ones counting 0."""
        count = len(self.question_ids)
        total = sum(marks.get(pk, 0.0) for pk in self.question_ids)
        return min(1.0, max(0.0, total / count)) if count else 0.0

    def questions(self) -> list[Question]:
        """The drawn questions with their choices, in the attempt's order (one or two queries)."""
        by_id = Question.objects.with_choices().in_bulk(self.question_ids)
        return [by_id[pk] for pk in self.question_ids if pk in by_id]


class Response(models.Model):
    """A student's answer to one question in one attempt: recorded once, never rewritten."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="responses")
    question_version = models.PositiveIntegerField()
    answer = models.JSONField(help_text="The raw answer as submitted.")
    normalised_answer = models.TextField(blank=True)
    mark = models.FloatField()
    time_taken_ms = models.PositiveIntegerField(null=True, blank=True)
    typo = models.BooleanField(default=False)
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["answered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"], name="one_response_per_question"
            ),
            models.CheckConstraint(
                condition=Q(mark__gte=0, mark__lte=1), name="response_mark_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · {self.question_id}: {self.mark:.2f}"

    @property
    def correct(self) -> bool:
        return grading.is_correct(self.mark)

    @property
    def partial(self) -> bool:
        return grading.is_partial(self.mark)
