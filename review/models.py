"""Review cards scheduled by FSRS, their review logs, and course and student review settings."""

import datetime as dt
import functools
import sqlite3

import fsrs
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, connection, models, transaction
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FloatField,
    Func,
    Min,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Power
from django.utils import timezone

from lessons.models import Course, Lesson
from tutor import rows

# fsrs has no bounds for these; these keep schedules sensible (Anki uses the same retention range).
MIN_RETENTION, MAX_RETENTION = 0.70, 0.99
MAX_INTERVAL_DAYS = 36500
MAX_STEP_MINUTES = 7 * 24 * 60
MAX_STEPS = 10
LEECH_LAPSES = 8
# A review rated Again: the answer was wrong (fsrs.Rating.Again).
WRONG = 1
MASTERY_STABILITY_DAYS = 21

# The forgetting curve's constants as fsrs defines them for its default parameters, used only to
# compute retrievability inside SQL aggregates (tests check it equals get_card_retrievability).
_DEFAULT_SCHEDULER = fsrs.Scheduler(enable_fuzzing=False)
CURVE_DECAY = _DEFAULT_SCHEDULER._DECAY
CURVE_FACTOR = _DEFAULT_SCHEDULER._FACTOR


def parse_steps(text: str) -> list[int]:
    """Learning steps written as minutes separated by commas or spaces, e.g. "1, 10"."""
    parts = text.replace(",", " ").split()
    try:
        minutes = [int(part) for part in parts]
    except ValueError:
        raise ValidationError("Write steps as whole minutes, e.g. 1, 10.") from None
    if len(minutes) > MAX_STEPS:
        raise ValidationError(f"Use at most {MAX_STEPS} steps.")
    if any(not 1 <= m <= MAX_STEP_MINUTES for m in minutes):
        raise ValidationError(f"Each step is between 1 and {MAX_STEP_MINUTES} minutes (a week).")
    return minutes


def validate_steps(text: str) -> None:
    parse_steps(text)


def retention_validators():
    return [MinValueValidator(MIN_RETENTION), MaxValueValidator(MAX_RETENTION)]


class CourseReviewSettings(models.Model):
    """How FSRS schedules reviews of one course's questions."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="review_settings")
    desired_retention = models.FloatField(
        default=0.9,
        validators=retention_validators(),
        help_text="Chance of remembering a card when it falls due (0.70–0.99).",
    )
    maximum_interval = models.PositiveIntegerField(
        default=MAX_INTERVAL_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_INTERVAL_DAYS)],
        help_text=f"Longest gap between reviews, 1–{MAX_INTERVAL_DAYS} days.",
    )
    learning_steps = models.CharField(
        max_length=100,
        default="1, 10",
        blank=True,
        validators=[validate_steps],
        help_text="Minutes between the first reviews of a new card, e.g. 1, 10.",
    )
    relearning_steps = models.CharField(
        max_length=100,
        default="10",
        blank=True,
        validators=[validate_steps],
        help_text="Minutes between reviews after a forgotten card, e.g. 10.",
    )

    class Meta:
        verbose_name_plural = "course review settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(desired_retention__gte=MIN_RETENTION)
                & Q(desired_retention__lte=MAX_RETENTION),
                name="course_review_retention_range",
            ),
            models.CheckConstraint(
                condition=Q(maximum_interval__gte=1, maximum_interval__lte=MAX_INTERVAL_DAYS),
                name="course_review_max_interval_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Review settings for {self.course}"

    @classmethod
    def for_course(cls, course) -> "CourseReviewSettings":
        """The saved settings, or unsaved defaults for a course nobody has configured."""
        course_id = getattr(course, "pk", course)
        return cls.objects.filter(course_id=course_id).first() or cls(course_id=course_id)

    @classmethod
    def for_lesson(cls, lesson_id: int) -> "CourseReviewSettings":
        """The settings of the lesson's course, in one query, or unsaved defaults."""
        try:  # get(), not first(): one row at most, and no ORDER BY to compile and run
            return cls.objects.get(course__lessons=lesson_id)
        except cls.DoesNotExist:
            return cls()

    @classmethod
    def for_lesson_and_student(
        cls, lesson_id: int, student_id: int
    ) -> tuple["CourseReviewSettings", float | None]:
        """The settings of the lesson's course (``for_lesson``) and the student's desired
        retention override (``StudentReviewSettings.desired_retention``, None without one), in
        one query: what scheduling a review of their card of a question in the lesson needs.

        Plain SQL: compiling the two ORM lookups cost several times more than running them, on
        every answer that reviews a card."""
        quote = connection.ops.quote_name
        fields = cls._meta.concrete_fields  # the primary key first: None for no saved row
        names = [field.attname for field in fields]
        columns = ", ".join(f"s.{quote(field.column)}" for field in fields)
        student_table = quote(StudentReviewSettings._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns}, (SELECT p.desired_retention FROM {student_table} p"
                " WHERE p.student_id = %s)"
                f" FROM {quote(Lesson._meta.db_table)} l"
                f" LEFT JOIN {quote(cls._meta.db_table)} s ON s.course_id = l.course_id"
                " WHERE l.id = %s",
                [student_id, lesson_id],
            )
            row = cursor.fetchone()
        if row is None:  # no such lesson: the defaults, as for_lesson gives
            return cls(), None
        *values, retention = row
        if values[0] is None:  # nobody configured the course
            return cls(), retention
        return cls(**dict(zip(names, values, strict=True))), retention

    def scheduler(self, desired_retention: float | None = None) -> fsrs.Scheduler:
        return fsrs.Scheduler(
            desired_retention=desired_retention or self.desired_retention,
            learning_steps=[dt.timedelta(minutes=m) for m in parse_steps(self.learning_steps)],
            relearning_steps=[dt.timedelta(minutes=m) for m in parse_steps(self.relearning_steps)],
            maximum_interval=self.maximum_interval,
            enable_fuzzing=settings.TUTOR_REVIEW_FUZZING,
        )


class StudentReviewSettings(models.Model):
    """One student's review preferences: rating mode, daily limits, retention override."""

    student = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_settings"
    )
    self_rating = models.BooleanField(
        default=False,
        help_text="Rate each card yourself (Again/Hard/Good/Easy) instead of automatically.",
    )
    new_cards_per_day = models.PositiveSmallIntegerField(
        default=20,
        validators=[MaxValueValidator(500)],
        help_text="New questions introduced per day in review sessions (0–500).",
    )
    reviews_per_day = models.PositiveIntegerField(
        default=200,
        validators=[MinValueValidator(1), MaxValueValidator(5000)],
        help_text="Reviews of known cards per day (1–5000).",
    )
    desired_retention = models.FloatField(
        null=True,
        blank=True,
        validators=retention_validators(),
        help_text="Overrides each course's desired retention (0.70–0.99); empty: follow it.",
    )

    class Meta:
        verbose_name_plural = "student review settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(new_cards_per_day__lte=500), name="student_review_new_limit_range"
            ),
            models.CheckConstraint(
                condition=Q(reviews_per_day__gte=1, reviews_per_day__lte=5000),
                name="student_review_limit_range",
            ),
            models.CheckConstraint(
                condition=Q(desired_retention__isnull=True)
                | (
                    Q(desired_retention__gte=MIN_RETENTION)
                    & Q(desired_retention__lte=MAX_RETENTION)
                ),
                name="student_review_retention_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Review settings for {self.student}"

    @classmethod
    def for_student(cls, student) -> "StudentReviewSettings":
        """The student's settings, or unsaved defaults. Plain SQL: compiling the ORM's get()
        cost several times more than running it, on the dashboard and every review page."""
        student_id = getattr(student, "pk", student)
        found = rows.one(cls, student_id=student_id)  # one row at most: a student has one
        if found is not None:
            return found
        return cls(student_id=student_id)


class CardState(models.IntegerChoices):
    LEARNING = fsrs.State.Learning.value, "Learning"
    REVIEW = fsrs.State.Review.value, "Review"
    RELEARNING = fsrs.State.Relearning.value, "Relearning"


class RatingChoice(models.IntegerChoices):
    AGAIN = fsrs.Rating.Again.value, "Again"
    HARD = fsrs.Rating.Hard.value, "Hard"
    GOOD = fsrs.Rating.Good.value, "Good"
    EASY = fsrs.Rating.Easy.value, "Easy"


class ReviewSource(models.TextChoices):
    QUIZ = "quiz", "Quiz answer"
    SESSION = "session", "Review session"


def _at(value):
    """A fixed datetime as an SQL value, or a column name as a column."""
    if isinstance(value, str):
        return F(value)
    return Value(value, output_field=models.DateTimeField())


class WholeDays(Func):
    """Whole days from ``start`` to ``end`` (datetimes or column names), computed in SQL.

    Floored like ``timedelta.days`` when ``end`` is after ``start``; callers clamp the rest to 0.
    On SQLite it avoids Django's Python-level FLOOR, which would run once per row.
    """

    output_field = models.IntegerField()

    def __init__(self, start, end, **extra):
        super().__init__(_at(end), _at(start), **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            # DATE_PART gives double precision; EXTRACT's numeric is several times slower.
            template="FLOOR(DATE_PART('epoch', %(expressions)s) / 86400)::integer",
            arg_joiner=" - ",
            **extra,
        )


@functools.cache
def _sqlite_has_pow() -> bool:
    # Same library Django's connections use; without its math functions, fall back to Django's
    # POWER, which is correct but runs in Python once per row.
    try:
        sqlite3.connect(":memory:").execute("SELECT pow(2, 2)")
    except sqlite3.OperationalError:
        return False
    return True


class CurvePower(Power):
    def as_sqlite(self, compiler, connection, **extra):
        function = "pow" if _sqlite_has_pow() else "POWER"
        return self.as_sql(compiler, connection, function=function, **extra)


def retrievability_expression(now):
    """fsrs's forgetting curve, R = (1 + FACTOR * whole days elapsed / S) ** DECAY, in SQL.

    Mirrors ``fsrs.Scheduler.get_card_retrievability`` so that sums and means over many cards
    are computed by the database; cards never reviewed count as 0, as in fsrs.
    """
    elapsed = Greatest(WholeDays("last_review", now), Value(0))
    curve = CurvePower(
        FloatValue(1.0) + FloatValue(CURVE_FACTOR) * elapsed / F("stability"),
        FloatValue(CURVE_DECAY),
    )
    return Case(
        When(last_rating=WRONG, then=FloatValue(0.0)),
        default=Coalesce(curve, FloatValue(0.0), output_field=FloatField()),
        output_field=FloatField(),
    )


def whole_days_sql(vendor: str, start: str, end: str) -> str:
    """``WholeDays(start, end)`` as plain SQL, ``start`` and ``end`` being SQL (a column, %s)."""
    if vendor == "postgresql":
        return f"FLOOR(DATE_PART('epoch', {end} - {start}) / 86400)::integer"
    return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"


def greatest_sql(vendor: str) -> str:
    """Django's ``Greatest`` on each database (SQLite's MAX is NULL if any argument is)."""
    return "GREATEST" if vendor == "postgresql" else "MAX"


def least_sql(vendor: str) -> str:
    return "LEAST" if vendor == "postgresql" else "MIN"


def retrievability_sql(vendor: str) -> str:
    """``retrievability_expression`` as plain SQL over the card alias ``c``, with one parameter
    (now, as ``connection.ops.adapt_datetimefield_value`` gives it), for queries written in
    SQL: the SQL the ORM compiles that expression to on each database."""
    elapsed = f"{greatest_sql(vendor)}({whole_days_sql(vendor, 'c.last_review', '%s')}, 0)"
    power = "pow" if vendor == "sqlite" and _sqlite_has_pow() else "POWER"
    number = "CAST({!r} AS DOUBLE PRECISION)".format
    curve = (
        f"{power}({number(1.0)} + {number(CURVE_FACTOR)} * {elapsed} / c.stability,"
        f" {number(CURVE_DECAY)})"
    )
    return (
        f"CASE WHEN c.last_rating = {WRONG} THEN {number(0.0)}"
        f" ELSE COALESCE({curve}, {number(0.0)}) END"
    )


class FloatValue(Cast):
    """A float constant typed as one: PostgreSQL reads a bare 0.9 as numeric, and arithmetic
    mixing numeric with a float column is several times slower per row."""

    def __init__(self, number: float):
        super().__init__(Value(number), FloatField())


class ReviewCardQuerySet(models.QuerySet):
    def for_student(self, student):
        return self.filter(student=student)

    def for_course(self, course):
        return self.filter(question__lesson__course=course)

    def for_lesson(self, lesson):
        return self.filter(question__lesson=lesson)

    def active(self):
        """Cards whose question is still approved (retired or rejected ones are not served)."""
        return self.filter(question__status="approved")

    def served_to(self, student):
        """The cards a review session serves ``student``: theirs, of approved questions, in
        lessons not archived, in courses they study (``Course.objects.studied_by``: for a
        student, published and enrolled in). Every count of what is due goes through this."""
        return (
            self.for_student(student)
            .active()
            .filter(
                lesson__archived_at__isnull=True,
                lesson__course__in=Course.objects.studied_by(student).values("pk"),
            )
        )

    def due(self, now):
        return self.filter(due__lte=now)

    def leeches(self):
        return self.filter(is_leech=True)

    def most_overdue_first(self):
        return self.order_by("due", "pk")

    def reviewed_since(self, when):
        return self.filter(last_review__gte=when)

    def sibling_keys(self) -> list[str]:
        """The distinct sibling keys of these cards' questions (those with a source sentence)."""
        keys = self.exclude(question__sibling_key="").order_by().distinct()
        return list(keys.values_list("question__sibling_key", flat=True))

    def apart_from_siblings(self, keys: list[str], since):
        """One student's cards without the siblings of those reviewed since ``since``, whose
        sibling ``keys`` are given (``sibling_keys()`` of those, read once per request so the
        queue's queries carry no subqueries); the reviewed cards themselves stay."""
        if not keys:
            return self
        return self.filter(Q(last_review__gte=since) | ~Q(question__sibling_key__in=keys))

    def siblings(self, keys: list[str], since):
        """The cards ``apart_from_siblings(keys, since)`` leaves out."""
        if not keys:
            return self.none()
        return self.exclude(last_review__gte=since).filter(question__sibling_key__in=keys)

    def with_retrievability(self, now):
        return self.annotate(retrievability=retrievability_expression(now))

    def lesson_memory(self, now):
        """Per lesson: card count, summed and mean retrievability, lowest stability and leech
        count, in one grouped query (a single pass over the cards)."""
        retrievability = retrievability_expression(now)
        return (
            self.values("question__lesson")
            .annotate(
                cards=Count("pk"),
                known=Sum(retrievability),
                mean_retrievability=Avg(retrievability),
                min_stability=Min(Coalesce("stability", FloatValue(0.0))),
                leeches=Count("pk", filter=Q(is_leech=True)),
                wrong=Count("pk", filter=Q(last_rating=WRONG)),
            )
            .order_by()
        )


class ReviewCard(models.Model):
    """One student's memory of one question, as the fsrs Card fields in real columns."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_cards"
    )
    question = models.ForeignKey(
        "quizzes.Question", on_delete=models.CASCADE, related_name="review_cards"
    )
    # The question's lesson, copied so a student's cards are grouped by lesson from an index
    # alone; set on save and kept in step when a question moves (review/signals.py).
    lesson = models.ForeignKey(
        "lessons.Lesson", on_delete=models.CASCADE, related_name="review_cards", editable=False
    )
    due = models.DateTimeField()
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    state = models.PositiveSmallIntegerField(choices=CardState.choices, default=CardState.LEARNING)
    step = models.PositiveSmallIntegerField(null=True, blank=True, default=0)
    last_review = models.DateTimeField(null=True, blank=True)
    # The rating of the latest review: a card last rated Again counts as weak (recall 0) on
    # every figure until it is answered right, whatever its forgetting curve says.
    last_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    is_leech = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReviewCardQuerySet.as_manager()

    class Meta:
        ordering = ["due", "pk"]
        indexes = [
            models.Index(fields=["student", "due"], name="review_card_student_due"),
            # Every card column the dashboard's pass reads, in lesson order: the pass reads
            # this index alone and groups by lesson without sorting.
            models.Index(
                fields=[
                    "student",
                    "lesson",
                    "due",
                    "last_review",
                    "stability",
                    "is_leech",
                    "last_rating",
                ],
                name="review_card_student_lesson",
            ),
            # Leeches are few: a partial index finds them without reading every card.
            models.Index(
                fields=["student", "-lapses", "id"],
                condition=Q(is_leech=True),
                name="review_card_student_leeches",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["student", "question"], name="review_card_unique"),
            models.CheckConstraint(condition=Q(state__in=[1, 2, 3]), name="review_card_state"),
            models.CheckConstraint(
                condition=Q(stability__isnull=True) | Q(stability__gt=0),
                name="review_card_stability_positive",
            ),
            models.CheckConstraint(
                condition=Q(difficulty__isnull=True) | Q(difficulty__gte=1, difficulty__lte=10),
                name="review_card_difficulty_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} · {self.question_id} (due {self.due:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.question_id is not None and (update_fields is None or "question" in update_fields):
            self.lesson_id = self.question.lesson_id
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "lesson"}
        # Every review writes its card: a new one inserted, a reviewed one's schedule updated,
        # in plain SQL (tutor.rows), as the ORM would write them without compiling the SQL.
        if not args and not kwargs and self._state.adding and self.pk is None:
            rows.insert(self)
        elif not args and kwargs.keys() == {"update_fields"} and update_fields and self.pk:
            rows.update(self, list(kwargs["update_fields"]))
        else:
            super().save(*args, **kwargs)

    @classmethod
    def locked_for(cls, student_id: int, question_id: int) -> "ReviewCard | None":
        """The student's card for the question, or None; inside a transaction its row stays
        locked until it ends (SQLite's write transaction holds the whole database anyway).

        Plain SQL: every answer reads its card, and compiling the ORM's lookup cost several
        times more than running it."""
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in cls._meta.concrete_fields)
        lock = (
            f" {connection.ops.for_update_sql()}"
            if connection.features.has_select_for_update
            else ""
        )
        cards = cls.objects.raw(
            f"SELECT {columns} FROM {quote(cls._meta.db_table)}"
            f" WHERE student_id = %s AND question_id = %s{lock}",
            [student_id, question_id],
        )
        return next(iter(cards), None)

    def fsrs_card(self) -> fsrs.Card:
        def utc(value):
            return value.astimezone(dt.UTC) if value is not None else None

        return fsrs.Card(
            card_id=self.pk or 0,
            state=fsrs.State(self.state),
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=utc(self.due),
            last_review=utc(self.last_review),
        )

    def scheduler(self) -> fsrs.Scheduler:
        """The course's scheduler with the student's desired-retention override, if any."""
        # The card's own copy of its lesson finds the settings without loading question and lesson.
        lesson_id = self.lesson_id if self.lesson_id is not None else self.question.lesson_id
        course_settings, retention = CourseReviewSettings.for_lesson_and_student(
            lesson_id, self.student_id
        )
        return course_settings.scheduler(retention)

    def retrievability(self, at, scheduler: fsrs.Scheduler | None = None) -> float:
        if self.last_rating == WRONG:
            return 0.0
        scheduler = scheduler or _DEFAULT_SCHEDULER
        return scheduler.get_card_retrievability(self.fsrs_card(), at.astimezone(dt.UTC))

    def apply_review(
        self,
        rating,
        at,
        duration_ms: int | None = None,
        *,
        mark: float | None = None,
        source: str = ReviewSource.SESSION,
        auto_rated: bool = True,
        scheduler: fsrs.Scheduler | None = None,
    ) -> "ReviewLog":
        """Let fsrs reschedule the card in memory; return the (unsaved) log of the review.

        ``review`` saves both; writers of many reviews at once (a simulated class) save them in
        bulk and then rebuild the students' ``ReviewDay`` rows.
        """
        rating = fsrs.Rating(int(rating))
        at = at.astimezone(dt.UTC)
        scheduler = scheduler or self.scheduler()
        before = self.fsrs_card()
        retrievability = scheduler.get_card_retrievability(before, at) if self.last_review else None
        after, _ = scheduler.review_card(before, rating, at, duration_ms)
        state_before = self.state if self.reps else 0
        if self.state == CardState.REVIEW and rating == fsrs.Rating.Again:
            self.lapses += 1
        self.reps += 1
        self.state = after.state.value
        self.step = after.step
        self.stability = after.stability
        self.difficulty = after.difficulty
        self.due = after.due
        self.last_review = after.last_review
        self.last_rating = rating.value
        self.is_leech = self.is_leech or self.lapses >= LEECH_LAPSES
        return ReviewLog(
            card=self,
            student_id=self.student_id,
            rating=rating.value,
            reviewed_at=at,
            duration_ms=duration_ms,
            retrievability_before=retrievability,
            mark=mark,
            state_before=state_before,
            stability_after=self.stability,
            due_after=self.due,
            source=source,
            auto_rated=auto_rated,
        )

    # Nothing catches an error between these writes: inside a caller's transaction (recording
    # an answer) they need no savepoint of their own, and an error rolls back the whole answer.
    @transaction.atomic(savepoint=False)
    def review(
        self,
        rating,
        at,
        duration_ms: int | None = None,
        *,
        mark: float | None = None,
        source: str = ReviewSource.SESSION,
        auto_rated: bool = True,
        scheduler: fsrs.Scheduler | None = None,
    ) -> "ReviewLog":
        """Let fsrs reschedule the card after a review rated ``rating`` at ``at``; log it."""
        log = self.apply_review(
            rating,
            at,
            duration_ms,
            mark=mark,
            source=source,
            auto_rated=auto_rated,
            scheduler=scheduler,
        )
        if self.pk is None:
            self.save()
        else:
            self.save(
                update_fields=[
                    "reps",
                    "lapses",
                    "state",
                    "step",
                    "stability",
                    "difficulty",
                    "due",
                    "last_review",
                    "last_rating",
                    "is_leech",
                ]
            )
        log.card = self
        log.save()
        return log

    @property
    def interval_days(self) -> float | None:
        if self.last_review is None:
            return None
        return (self.due - self.last_review).total_seconds() / 86400


class ReviewLogQuerySet(models.QuerySet):
    def for_student(self, student):
        return self.filter(student=student)

    def since(self, when):
        return self.filter(reviewed_at__gte=when)

    def first_reviews(self):
        return self.filter(state_before=0)

    def repeat_reviews(self):
        return self.exclude(state_before=0)

    def done_today(self) -> dict:
        """Repeat reviews (``reviews``) and first reviews (``new``: every card's first review is
        logged when it is created) among these logs, in one query."""
        first = Q(state_before=0)
        return self.aggregate(reviews=Count("pk", filter=~first), new=Count("pk", filter=first))


class ReviewLog(models.Model):
    """One review of one card: the rating and what fsrs made of it."""

    card = models.ForeignKey(ReviewCard, on_delete=models.CASCADE, related_name="logs")
    # Copied from the card so a student's history and activity are read without a join.
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_logs"
    )
    rating = models.PositiveSmallIntegerField(choices=RatingChoice.choices)
    reviewed_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    retrievability_before = models.FloatField(null=True, blank=True)
    mark = models.FloatField(null=True, blank=True)
    state_before = models.PositiveSmallIntegerField(
        help_text="0 for the card's first review, else the fsrs state it was in."
    )
    stability_after = models.FloatField(null=True, blank=True)
    due_after = models.DateTimeField()
    source = models.CharField(max_length=10, choices=ReviewSource.choices)
    auto_rated = models.BooleanField(default=True)

    objects = ReviewLogQuerySet.as_manager()

    class Meta:
        ordering = ["reviewed_at", "pk"]
        indexes = [models.Index(fields=["student", "reviewed_at"], name="review_log_student_time")]
        constraints = [
            models.CheckConstraint(condition=Q(rating__in=[1, 2, 3, 4]), name="review_log_rating"),
            models.CheckConstraint(
                condition=Q(mark__isnull=True) | Q(mark__gte=0, mark__lte=1),
                name="review_log_mark_range",
            ),
            models.CheckConstraint(
                condition=Q(retrievability_before__isnull=True)
                | Q(retrievability_before__gte=0, retrievability_before__lte=1),
                name="review_log_retrievability_range",
            ),
            models.CheckConstraint(
                condition=Q(state_before__in=[0, 1, 2, 3]), name="review_log_state_before"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.card} rated {self.get_rating_display()} at {self.reviewed_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        adding = self._state.adding
        with transaction.atomic(savepoint=False):
            if adding and self.pk is None and not args and not kwargs:
                rows.insert(self)  # every review logs: the ORM's INSERT, without compiling it
            else:
                super().save(*args, **kwargs)
            if adding:
                ReviewDay.objects.add(self)

    @property
    def counts_for_retention(self) -> bool:
        """True retention counts only reviews of cards already in the Review state."""
        return self.state_before == CardState.REVIEW

    @property
    def passed(self) -> bool:
        return self.rating > RatingChoice.AGAIN


class ReviewDayQuerySet(models.QuerySet):
    def for_student(self, student):
        return self.filter(student=student)

    def since(self, day: dt.date):
        return self.filter(day__gte=day)

    def add(self, log: "ReviewLog") -> None:
        """Count a new review log in its student's day, creating the day's row if needed."""
        retention = int(log.counts_for_retention)
        passed = int(retention and log.passed)
        day = review_day(log.reviewed_at)
        quote = connection.ops.quote_name

        def increment() -> int:
            # Plain SQL: every review runs it, and compiling the ORM's UPDATE with its three F()
            # expressions cost several times more than running it.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {quote(ReviewDay._meta.db_table)} SET reviews = reviews + 1,"
                    " retention_reviews = retention_reviews + %s,"
                    " retention_passed = retention_passed + %s"
                    f" WHERE student_id = %s AND {quote('day')} = %s",
                    [retention, passed, log.student_id, connection.ops.adapt_datefield_value(day)],
                )
                return cursor.rowcount

        # The day's row exists after its first review: then one UPDATE is all it takes.
        if increment():
            return
        try:
            with transaction.atomic():
                self.create(
                    student_id=log.student_id,
                    day=day,
                    reviews=1,
                    retention_reviews=retention,
                    retention_passed=passed,
                )
        except IntegrityError:  # another review of that day created it meanwhile
            increment()

    def rebuild(self, students) -> None:
        """Recount these students' days from their review logs, for logs written in bulk."""
        counts: dict[tuple[int, dt.date], list[int]] = {}
        logs = ReviewLog.objects.filter(student__in=students).order_by()
        for log in logs.only("student_id", "reviewed_at", "state_before", "rating").iterator():
            row = counts.setdefault((log.student_id, review_day(log.reviewed_at)), [0, 0, 0])
            row[0] += 1
            row[1] += log.counts_for_retention
            row[2] += log.counts_for_retention and log.passed
        with transaction.atomic():
            self.filter(student__in=students).delete()
            self.bulk_create(
                (
                    ReviewDay(
                        student_id=student_id,
                        day=day,
                        reviews=reviews,
                        retention_reviews=retention,
                        retention_passed=passed,
                    )
                    for (student_id, day), (reviews, retention, passed) in counts.items()
                ),
                batch_size=1000,
            )


def review_day(at: dt.datetime) -> dt.date:
    """The day a review counts for: its date in the site's time zone, where days start."""
    return timezone.localdate(at)


class ReviewDay(models.Model):
    """How many reviews one student logged on one day, kept in step with ReviewLog.

    The dashboard's heatmap, streak and true retention read these rows (at most one per day)
    instead of every review log. ``ReviewLog.save`` counts each new log in the same
    transaction; logs written with ``bulk_create`` need ``ReviewDay.objects.rebuild``. A day
    keeps its counts when logs are later deleted (with their question, say): the student did
    review that day. Days are dates in the site's time zone (``TIME_ZONE``); after changing it,
    rebuild.
    """

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_days"
    )
    day = models.DateField()
    reviews = models.PositiveIntegerField(default=0)
    retention_reviews = models.PositiveIntegerField(
        default=0, help_text="Reviews of cards in the Review state (true retention counts these)."
    )
    retention_passed = models.PositiveIntegerField(
        default=0, help_text="Of those, reviews rated above Again."
    )

    objects = ReviewDayQuerySet.as_manager()

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["student", "day"], name="review_day_unique"),
            models.CheckConstraint(
                condition=Q(retention_passed__lte=F("retention_reviews"))
                & Q(retention_reviews__lte=F("reviews")),
                name="review_day_counts_nested",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} · {self.day}: {self.reviews} reviews"
