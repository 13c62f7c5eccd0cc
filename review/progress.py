"""Learner progress: each lesson's status, the mastery rule, and the student dashboard's figures.

Lesson status, from least to most:
* not started - the student has neither opened the lesson nor answered any of its questions;
* read - the lesson was opened or marked as read (reading progress is recorded on both);
* practised - the student has a review card for at least one of its approved questions;
* mastered - the lesson has approved questions, the student has a card for every one of them,
  the mean retrievability of those cards now is at least the desired retention (the student's
  override, else the course's) and every one of them has a stability of at least 21 days
  (fsrs expects it to be remembered for three weeks).

Every figure is aggregated by the database, so the number of queries does not grow with cards.
Card figures (cards, questions known, leeches) cover the courses the student is enrolled in;
the due count and forecast cover every card a review session may serve.

What grows with the student's cards, and how the dashboard keeps it cheap:
* memory figures (retrievability sums, lowest stability, leeches) and the due count: one pass
  over the student's cards that reads only an index holding every card column it needs;
* the forecast: only the cards due in the next 30 days, a range of the same index;
* new questions waiting: approved questions minus cards, per opened lesson, from the lesson
  figures above rather than a search of every question for a missing card;
* activity heatmap, streak and true retention: ``ReviewDay`` rows (one per day with reviews,
  kept in step with the logs) instead of the logs themselves.
"""

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import F, Min
from django.db.models.functions import Coalesce
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.roles import is_instructor
from lessons.models import Course, Enrollment, Lesson, LessonProgress, lesson_url
from quizzes.models import Question, Quiz, QuizKind, Status
from tutor.rows import concrete_fields, converted, instances

from . import charts
from .models import (
    MASTERY_STABILITY_DAYS,
    WRONG,
    CourseReviewSettings,
    FloatValue,
    ReviewCard,
    ReviewDay,
    ReviewLog,
    StudentReviewSettings,
    greatest_sql,
    least_sql,
    retrievability_sql,
    whole_days_sql,
)
from .services import day_start, due_summary

NOT_STARTED, READ, PRACTISED, MASTERED = "not_started", "read", "practised", "mastered"
STATUS_LABELS = {
    NOT_STARTED: "Not started",
    READ: "Read",
    PRACTISED: "Practised",
    MASTERED: "Mastered",
}
FORECAST_DAYS = 30
# Cached figures are reused this long at most: what the student does changes their stamp at
# once; time passing (cards falling due) and instructors' changes show within this.
FIGURES_TIMEOUT = 120
HEATMAP_WEEKS = 26
WEAKEST_LESSONS = 5


def lesson_status(
    *,
    opened: bool,
    approved: int,
    cards: int,
    mean_retrievability: float | None,
    min_stability: float | None,
    desired_retention: float,
) -> str:
    """The mastery rule of the module docstring, as plain data in and a status out."""
    if (
        approved
        and cards >= approved
        and (mean_retrievability or 0) >= desired_retention
        and (min_stability or 0) >= MASTERY_STABILITY_DAYS
    ):
        return MASTERED
    if cards:
        return PRACTISED
    if opened:
        return READ
    return NOT_STARTED


@dataclass
class LessonState:
    lesson: Lesson
    status: str
    approved: int = 0
    cards: int = 0
    mean_retrievability: float | None = None
    min_stability: float | None = None
    desired_retention: float = 0.9
    known: float = 0.0
    leeches: int = 0
    wrong: int = 0
    opened: bool = False

    @property
    def unanswered(self) -> int:
        """Approved questions the student has no card for (each card is one distinct question)."""
        return max(0, self.approved - self.cards)

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def badge(self) -> str:
        """The status as the course page and the dashboard show it beside the lesson (HTML)."""
        return f'<span class="status status-{escape(self.status)}">{escape(self.label)}</span>'

    @property
    def percent_retrievability(self) -> int | None:
        if self.mean_retrievability is None:
            return None
        return round(100 * self.mean_retrievability)


def desired_retentions(
    prefs: StudentReviewSettings, saved: dict[int, float | None]
) -> dict[int, float]:
    """Each course's desired retention for the student whose ``prefs`` these are: their
    override wins, else the course's ``saved`` setting (None where it has none)."""
    default = CourseReviewSettings._meta.get_field("desired_retention").default
    return {cid: prefs.desired_retention or value or default for cid, value in saved.items()}


def lesson_states(
    student,
    lessons: list[Lesson],
    now,
    memory: dict[int, dict] | None = None,
    retention: dict[int, float] | None = None,
    studied: set[int] | None = None,
) -> dict[int, LessonState]:
    """Status and memory figures for each study lesson of ``lessons``, in one query whatever
    their size. Reference lessons (the document's back matter) have no status: they are not
    studied, so progress, completion and the next step leave them out.

    ``memory`` may give each lesson's ``lesson_memory`` row, and ``retention`` each course's
    ``desired_retentions``, when the caller has them already. Without ``memory``, the figures
    cover the cards ``ReviewCard.objects.served_to(student)`` serves; ``studied`` may give the
    ids of the lessons' courses the student studies (``Course.objects.studied_by``) when the
    caller knows them.
    """
    lessons = [lesson for lesson in lessons if not lesson.is_reference]
    if not lessons:
        return {}
    ids = [lesson.pk for lesson in lessons]
    if memory is None and studied is None:
        studied = set(
            Course.objects.studied_by(student)
            .filter(pk__in={lesson.course_id for lesson in lessons})
            .values_list("pk", flat=True)
        )
    # Plain SQL: compiling these through the ORM cost several times more than running them.
    in_ids = ", ".join(["%s"] * len(ids))
    quote = connection.ops.quote_name
    lesson, progress, question, card, prefs, settings = (
        quote(model._meta.db_table)
        for model in (
            Lesson,
            LessonProgress,
            Question,
            ReviewCard,
            StudentReviewSettings,
            CourseReviewSettings,
        )
    )
    columns = [
        f"EXISTS(SELECT 1 FROM {progress} p WHERE p.student_id = %s AND p.lesson_id = l.id)",
        f"(SELECT COUNT(*) FROM {question} q WHERE q.lesson_id = l.id AND q.status = %s)",
    ]
    params = [student.pk, Status.APPROVED]
    if retention is None:
        columns.append(
            f"COALESCE((SELECT s.desired_retention FROM {prefs} s WHERE s.student_id = %s),"
            f" (SELECT r.desired_retention FROM {settings} r WHERE r.course_id = l.course_id),"
            " %s)"
        )
        default = CourseReviewSettings._meta.get_field("desired_retention").default
        params += [student.pk, default]
    join, join_params = "", []
    if memory is None and studied:
        columns += ["m.cards", "m.known", "m.min_stability", "m.leeches", "m.wrong"]
        join = (
            "LEFT JOIN (SELECT c.lesson_id, COUNT(*) AS cards,"
            f" SUM({retrievability_sql(connection.vendor)}) AS known,"
            f" MIN(COALESCE(c.stability, {0.0!r})) AS min_stability,"
            " COUNT(*) FILTER (WHERE c.is_leech) AS leeches,"
            " COUNT(*) FILTER (WHERE c.last_rating = %s) AS wrong"
            f" FROM {card} c JOIN {question} q ON q.id = c.question_id"
            f" WHERE c.student_id = %s AND q.status = %s AND c.lesson_id IN ({in_ids})"
            " GROUP BY c.lesson_id) m ON m.lesson_id = l.id AND l.archived_at IS NULL"
            f" AND l.course_id IN ({', '.join(['%s'] * len(studied))})"
        )
        join_params = [
            connection.ops.adapt_datetimefield_value(now),
            WRONG,
            student.pk,
            Status.APPROVED,
            *ids,
            *studied,
        ]
    sql = f"SELECT l.id, {', '.join(columns)} FROM {lesson} l {join} WHERE l.id IN ({in_ids})"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *join_params, *ids])
        rows = {row[0]: row[1:] for row in cursor.fetchall()}
    if memory is None:
        memory = {}
        for pk, row in rows.items():
            figures = row[-5:] if studied else (None,)
            if figures[0]:
                cards, known, min_stability, leeches, wrong = figures
                memory[pk] = {
                    "cards": cards,
                    "known": known,
                    "mean_retrievability": known / cards,
                    "min_stability": min_stability,
                    "leeches": leeches,
                    "wrong": wrong,
                }
    states = {}
    for lesson in lessons:
        opened, approved, *rest = rows[lesson.pk]
        opened = bool(opened)
        row = memory.get(lesson.pk, {})
        state = LessonState(
            lesson=lesson,
            status=NOT_STARTED,
            approved=approved,
            cards=row.get("cards", 0),
            mean_retrievability=row.get("mean_retrievability"),
            min_stability=row.get("min_stability"),
            desired_retention=rest[0] if retention is None else retention[lesson.course_id],
            known=row.get("known") or 0.0,
            leeches=row.get("leeches", 0),
            wrong=row.get("wrong", 0),
            opened=opened,
        )
        state.status = lesson_status(
            opened=opened,
            approved=state.approved,
            cards=state.cards,
            mean_retrievability=state.mean_retrievability,
            min_stability=state.min_stability,
            desired_retention=state.desired_retention,
        )
        states[lesson.pk] = state
    return states


@dataclass
class CourseProgress:
    course: Course
    lessons: int = 0
    counts: dict = field(default_factory=lambda: dict.fromkeys(STATUS_LABELS, 0))
    states: list = field(default_factory=list)

    def add(self, state: LessonState) -> None:
        self.lessons += 1
        self.counts[state.status] += 1
        self.states.append(state)

    def percent(self, status: str) -> int:
        return round(100 * self.counts[status] / self.lessons) if self.lessons else 0

    @property
    def percent_mastered(self) -> int:
        return self.percent(MASTERED)

    @property
    def percent_practised(self) -> int:
        return self.percent(PRACTISED)

    @property
    def percent_read(self) -> int:
        return self.percent(READ)


@dataclass
class StudyStep:
    """The one next activity a student is offered, and why."""

    label: str
    url: str
    reason: str


def study_now(states: list[LessonState], due: int) -> StudyStep | None:
    """The next best activity: due reviews first, then the lesson with the most answers last
    given wrong (its cards come back in a lesson review), then the next lesson not yet opened,
    then questions not yet tried in a lesson already read. ``states`` in reading order."""
    if due:
        return StudyStep(
            f"Review {due} due", reverse("review_session"), f"{due} review{pluralize(due)} due"
        )
    weak = [state for state in states if state.wrong]
    if weak:
        state = max(weak, key=lambda s: (s.wrong / s.cards, s.wrong))
        right = state.cards - state.wrong
        return StudyStep(
            f"Practice {state.lesson.title}",
            f"{reverse('review_session')}?lesson={state.lesson.pk}",
            f"{state.lesson.title} is weak: {right} of {state.cards} right",
        )
    unread = next((state for state in states if state.status == NOT_STARTED), None)
    if unread:
        return StudyStep(
            f"Read {unread.lesson.title}",
            unread.lesson.get_absolute_url(),
            f"Next lesson of {unread.lesson.course.title}",
        )
    untried = next((state for state in states if state.unanswered), None)
    if untried:
        lesson = untried.lesson
        return StudyStep(
            f"Practice {lesson.title}",
            reverse("lesson_practice", args=[lesson.course.slug, lesson.slug]),
            f"{untried.unanswered} question{pluralize(untried.unanswered)} not tried yet",
        )
    return None


def _rate(passed: int, total: int) -> float | None:
    return passed / total if total else None


def _card_figures(
    student, now, today_start, studied: list[int]
) -> tuple[dict[int, dict], list[int], int]:
    """Per-lesson memory figures, the 30-day forecast and the due count over the cards a
    review session serves the student (``ReviewCard.objects.served_to``), in every course;
    ``studied`` holds the ids of the courses they study (``Course.objects.studied_by``).

    The student's cards are read from indexes alone, without touching their questions (per
    lesson, and due ranges for the due count and the forecast); the cards not served (of
    questions no longer approved, of archived lessons, of courses unpublished or left) are
    then found from those lessons and questions and taken off. A lowest stability cannot be
    taken off, so a lesson whose lowest may belong to such a card is recounted.

    Plain SQL (what the ORM built before): compiling it cost ten times more than running it.
    """
    vendor, quote = connection.vendor, connection.ops.quote_name
    card, lesson, question = (
        quote(model._meta.db_table) for model in (ReviewCard, Lesson, Question)
    )
    at = connection.ops.adapt_datetimefield_value
    now_, start, end = at(now), at(today_start), at(today_start + dt.timedelta(FORECAST_DAYS))
    memory_columns = (
        f"COUNT(*), SUM({retrievability_sql(vendor)}), MIN(COALESCE(c.stability, 0.0)),"
        " COUNT(*) FILTER (WHERE c.is_leech), COUNT(*) FILTER (WHERE c.last_rating = %s)"
    )
    keys = ("cards", "known", "min_stability", "leeches", "wrong")
    with connection.cursor() as cursor:
        # The (student, lesson, due, last_review, stability, ...) index alone, in lesson order.
        cursor.execute(
            f"SELECT c.lesson_id, {memory_columns} FROM {card} c WHERE c.student_id = %s"
            " GROUP BY c.lesson_id",
            [now_, WRONG, student.pk],
        )
        memory = {row[0]: dict(zip(keys, row[1:], strict=True)) for row in cursor.fetchall()}
        # Ranges of the (student, due) index: due now and overdue, then the 30 days ahead.
        cursor.execute(
            f"SELECT COUNT(*), COUNT(*) FILTER (WHERE c.due < %s) FROM {card} c"
            " WHERE c.student_id = %s AND c.due <= %s",
            [start, student.pk, now_],
        )
        due_now, overdue = cursor.fetchone()
        forecast = [0] * FORECAST_DAYS
        cursor.execute(
            f"SELECT {whole_days_sql(vendor, '%s', 'c.due')}, COUNT(*) FROM {card} c"
            " WHERE c.student_id = %s AND c.due >= %s AND c.due < %s GROUP BY 1",
            [start, student.pk, start, end],
        )
        for offset, count in cursor.fetchall():
            forecast[max(0, offset)] += count
        retired = []
        if memory:
            lessons = ", ".join(["%s"] * len(memory))
            open_courses = ", ".join(["%s"] * len(studied))
            others = [status for status in Status.values if status != Status.APPROVED]
            statuses = ", ".join(["%s"] * len(others))
            closed = (  # every lesson when the student studies no course
                f"NOT (l.archived_at IS NULL AND l.course_id IN ({open_courses}))"
                if studied
                else "1 = 1"
            )
            due_day = (
                f"{least_sql(vendor)}({greatest_sql(vendor)}("
                f"{whole_days_sql(vendor, '%s', 'c.due')}, 0), {FORECAST_DAYS})"
            )
            cursor.execute(
                f"SELECT c.lesson_id, {due_day}, {memory_columns},"
                " COUNT(*) FILTER (WHERE c.due <= %s), COUNT(*) FILTER (WHERE c.due < %s)"
                f" FROM {card} c WHERE c.student_id = %s AND ("
                f"c.lesson_id IN (SELECT l.id FROM {lesson} l WHERE l.id IN ({lessons})"
                f" AND {closed})"
                f" OR c.question_id IN (SELECT q.id FROM {question} q"
                f" WHERE q.lesson_id IN ({lessons}) AND q.status IN ({statuses})))"
                " GROUP BY c.lesson_id, 2",
                [start, now_, WRONG, now_, start, student.pk, *memory, *studied, *memory, *others],
            )
            retired = cursor.fetchall()
    recount = set()
    for lesson_id, day, *figures, row_due_now, row_overdue in retired:
        total = memory[lesson_id]
        row = dict(zip(keys, figures, strict=True))
        for key in ("cards", "known", "leeches", "wrong"):
            total[key] -= row[key]
        due_now -= row_due_now
        overdue -= row_overdue
        if day < FORECAST_DAYS:
            forecast[day] -= row["cards"] - row_overdue  # overdue: not in range
        if row["min_stability"] <= total["min_stability"]:
            recount.add(lesson_id)
    forecast[0] += overdue  # overdue cards are due today
    memory = {lesson: row for lesson, row in memory.items() if row["cards"]}
    if recount & set(memory):
        lowest = (
            ReviewCard.objects.served_to(student)
            .filter(lesson__in=recount & set(memory))
            .values("lesson")
            .annotate(min_stability=Min(Coalesce("stability", FloatValue(0.0))))
            .order_by()
        )
        for row in lowest:
            memory[row["lesson"]]["min_stability"] = row["min_stability"]
    for row in memory.values():
        row["mean_retrievability"] = row["known"] / row["cards"]
    return memory, forecast, due_now


def due_count(student, now) -> int:
    """``ReviewCard.objects.served_to(student).due(now).count()``: for a student (whose studied
    courses are the published ones they are enrolled in) in plain SQL, since compiling the ORM's
    three joins and subquery cost more than counting; for staff and instructors through it."""
    if not student.is_authenticated or student.is_staff or is_instructor(student):
        return ReviewCard.objects.served_to(student).due(now).count()
    quote = connection.ops.quote_name
    card, question, lesson, enrolment, course = (
        quote(model._meta.db_table) for model in (ReviewCard, Question, Lesson, Enrollment, Course)
    )
    sql = (
        f"SELECT COUNT(*) FROM {card} c JOIN {question} q ON q.id = c.question_id"
        f" JOIN {lesson} l ON l.id = c.lesson_id"
        " WHERE c.student_id = %s AND q.status = %s AND l.archived_at IS NULL AND c.due <= %s"
        f" AND l.course_id IN (SELECT e.course_id FROM {enrolment} e"
        f" JOIN {course} o ON o.id = e.course_id WHERE e.student_id = %s AND o.published = %s)"
    )
    at = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [student.pk, Status.APPROVED, at, student.pk, True])
        return cursor.fetchone()[0]


@dataclass
class Leech:
    """A card of the dashboard's leech list: its question's prompt and its lesson."""

    lapses: int
    prompt: str
    lesson_title: str
    lesson_url: str


def _leeches(student, studied: list[int], limit: int = 10) -> list[Leech]:
    """The student's most-lapsed leeches among the cards ``served_to`` serves them, ``studied``
    being their courses' ids: plain SQL from the (student, -lapses) partial index, since
    compiling and loading three related models cost more than the rest of the list."""
    if not studied:
        return []
    quote = connection.ops.quote_name
    card, question, lesson, course = (
        quote(model._meta.db_table) for model in (ReviewCard, Question, Lesson, Course)
    )
    sql = (
        f"SELECT c.lapses, q.prompt, l.title, l.slug, o.slug FROM {card} c"
        f" JOIN {question} q ON q.id = c.question_id JOIN {lesson} l ON l.id = c.lesson_id"
        f" JOIN {course} o ON o.id = l.course_id"
        # is_leech = %s, not a bare is_leech, for SQLite to match the index's condition.
        " WHERE c.student_id = %s AND c.is_leech = %s AND q.status = %s AND l.archived_at IS NULL"
        f" AND l.course_id IN ({', '.join(['%s'] * len(studied))})"
        " ORDER BY c.lapses DESC, c.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [student.pk, True, Status.APPROVED, *studied, limit])
        rows = cursor.fetchall()
    return [
        Leech(
            lapses=lapses,
            prompt=prompt,
            lesson_title=title,
            lesson_url=lesson_url(course_slug, lesson_slug),
        )
        for lapses, prompt, title, lesson_slug, course_slug in rows
    ]


COURSE_FIELDS = concrete_fields(Course, "source_text")
# What lists of lessons show and link to: no body, no timestamps to parse.
LESSON_FIELDS = ["id", "course_id", "parent_id", "title", "slug", "order", "level", "kind"]


def _studied_courses(student) -> list[Course]:
    """``Course.objects.studied_by(student)`` by title, without the source document, each with
    its ``saved_retention`` (its review settings' desired retention, or None). For a student
    (published courses they are enrolled in) in plain SQL: compiling the ORM's joins cost more
    than running them. Staff and instructors go through the ORM."""
    if student.is_staff or is_instructor(student):
        return list(
            Course.objects.studied_by(student)
            .defer("source_text")
            .annotate(saved_retention=F("review_settings__desired_retention"))
            .order_by("title")
        )
    quote = connection.ops.quote_name
    course, enrolment, settings = (
        quote(model._meta.db_table) for model in (Course, Enrollment, CourseReviewSettings)
    )
    columns = ", ".join(f"c.{quote(field)}" for field in COURSE_FIELDS)
    sql = (
        f"SELECT {columns}, r.desired_retention FROM {course} c"
        f" JOIN {enrolment} e ON e.course_id = c.id"
        f" LEFT JOIN {settings} r ON r.course_id = c.id"
        " WHERE e.student_id = %s AND c.published = %s ORDER BY c.title"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [student.pk, True])
        rows = cursor.fetchall()
    courses = instances(Course, COURSE_FIELDS, (row[:-1] for row in rows))
    for course, row in zip(courses, rows, strict=True):
        course.saved_retention = row[-1]
    return courses


def published_course(student, slug: str) -> Course | None:
    """For a student, ``lessons.access.visible_course(student, slug=slug)`` (a published course,
    without its source document, knowing whether they are enrolled), or None where that is a
    404, in plain SQL: compiling the ORM's enrolment subquery cost more than running it."""
    quote = connection.ops.quote_name
    course, enrolment = (quote(model._meta.db_table) for model in (Course, Enrollment))
    sql = (
        f"SELECT {', '.join(f'c.{quote(field)}' for field in COURSE_FIELDS)},"
        f" EXISTS(SELECT 1 FROM {enrolment} e WHERE e.course_id = c.id AND e.student_id = %s)"
        f" FROM {course} c WHERE c.published = %s AND c.slug = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [student.pk, True, slug])
        row = cursor.fetchone()
    if row is None:
        return None
    (found,) = instances(Course, COURSE_FIELDS, [row[:-1]])
    found.user_enrolled = bool(row[-1])
    return found


def open_quizzes(courses: dict[int, Course], now) -> list[Quiz]:
    """``Quiz.objects.composed().open_at(now).filter(course__in=courses)`` by closing time and
    title, each given its course, in plain SQL (what the dashboard lists)."""
    if not courses:
        return []
    quote = connection.ops.quote_name
    at = connection.ops.adapt_datetimefield_value(now)
    fields = concrete_fields(Quiz)
    sql = (
        f"SELECT {', '.join(quote(field) for field in fields)} FROM {quote(Quiz._meta.db_table)}"
        " WHERE kind = %s AND published = %s AND (opens_at IS NULL OR opens_at <= %s)"
        " AND (closes_at IS NULL OR closes_at > %s)"
        f" AND course_id IN ({', '.join(['%s'] * len(courses))}) ORDER BY closes_at, title"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [QuizKind.COMPOSED, True, at, at, *courses])
        quizzes = instances(Quiz, fields, cursor.fetchall())
    for quiz in quizzes:
        quiz.course = courses[quiz.course_id]
    return quizzes


def active_lessons(courses: dict[int, Course]) -> list[Lesson]:
    """``Lesson.objects.filter(course__in=courses).active().order_by("order")``, loading only
    ``LESSON_FIELDS``, in plain SQL; each lesson is given its course (no query per lesson)."""
    if not courses:
        return []
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field) for field in LESSON_FIELDS)
    sql = (
        f"SELECT {columns} FROM {quote(Lesson._meta.db_table)}"
        f" WHERE course_id IN ({', '.join(['%s'] * len(courses))}) AND archived_at IS NULL"
        f" ORDER BY {quote('order')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, list(courses))
        lessons = instances(Lesson, LESSON_FIELDS, cursor.fetchall())
    for lesson in lessons:
        lesson.course = courses[lesson.course_id]
    return lessons


def _review_days(student, since: dt.date) -> list[tuple]:
    """The student's ``ReviewDay`` rows from ``since`` on, as (day, reviews, retention reviews,
    retention passed), in plain SQL."""
    sql = (
        "SELECT day, reviews, retention_reviews, retention_passed"
        f" FROM {connection.ops.quote_name(ReviewDay._meta.db_table)}"
        " WHERE student_id = %s AND day >= %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [student.pk, connection.ops.adapt_datefield_value(since)])
        rows = cursor.fetchall()
    return converted(ReviewDay, ["day"], rows)


@functools.lru_cache(maxsize=4)
def _forecast_labels(today: dt.date) -> tuple[list[str], dict[int, str]]:
    """The forecast's day labels ("Mon 1 Jun 2026") and its axis labels, a week apart: the same
    for every student on a given day, so worked out once."""
    days = [today + dt.timedelta(days=offset) for offset in range(FORECAST_DAYS)]
    labels = [f"{day:%a} {day.day} {day:%b %Y}" for day in days]  # D j M Y
    axis = {
        offset: f"{days[offset].day} {days[offset]:%b}" if offset else "Today"
        for offset in range(0, FORECAST_DAYS, 7)
    }
    return labels, axis


def dashboard_figures(student, now: dt.datetime | None = None) -> dict:
    """Everything the student dashboard shows, in a bounded number of queries."""
    now = now or timezone.now()
    today_start = day_start(now)
    today = today_start.date()
    # Courses the student may study: an unpublished one leaves the dashboard with its cards.
    courses = _studied_courses(student)
    by_pk = {course.pk: course for course in courses}
    lessons = active_lessons(by_pk)
    memory, forecast, due_now = _card_figures(student, now, today_start, list(by_pk))
    prefs = StudentReviewSettings.for_student(student)
    course_retention = desired_retentions(prefs, {c.pk: c.saved_retention for c in courses})
    states = lesson_states(student, lessons, now, memory, course_retention) if lessons else {}

    progress = {course.pk: CourseProgress(course=course) for course in courses}
    for state in states.values():
        progress[state.lesson.course_id].add(state)
    weakest = sorted(
        (s for s in states.values() if s.cards and s.status != MASTERED),
        key=lambda s: (s.mean_retrievability or 0, s.lesson.pk),
    )[:WEAKEST_LESSONS]

    forecast_labels, forecast_axis = _forecast_labels(today)

    # Per-day counts kept in step with the review logs: at most one row per day shown.
    activity_start = today - dt.timedelta(days=7 * HEATMAP_WEEKS)
    days = _review_days(student, activity_start)
    activity = {day: reviews for day, reviews, _, _ in days if reviews}
    week_ago = today - dt.timedelta(days=6)
    month_ago = today - dt.timedelta(days=29)
    retention = {"total_7": 0, "passed_7": 0, "total_30": 0, "passed_30": 0}
    for day, _, total, passed in days:
        if day >= month_ago:
            retention["total_30"] += total
            retention["passed_30"] += passed
        if day >= week_ago:
            retention["total_7"] += total
            retention["passed_7"] += passed
    desired = sorted(set(course_retention.values()))
    # The lesson figures count the served leeches: without any, no list to look for.
    leech_count = sum(s.leeches for s in states.values())
    leeches = _leeches(student, list(by_pk)) if leech_count else []

    # What services.new_questions would count: unanswered questions of opened lessons of
    # published courses (``lessons`` holds the enrolled courses' active lessons).
    new = sum(s.unanswered for s in states.values() if s.opened and s.lesson.course.published)
    summary = due_summary(student, now, prefs=prefs, due=due_now, new=new)
    return {
        "now": now,
        "courses": list(progress.values()),
        "states": states,
        "weakest": weakest,
        "summary": summary,
        # Due reviews first, as many as the session will serve today (daily limit applied).
        "study_now": study_now(
            sorted(states.values(), key=lambda s: (s.lesson.course.title, s.lesson.order)),
            summary["reviews_today"],
        ),
        "cards_total": sum(s.cards for s in states.values()),
        "known": sum(s.known for s in states.values()),
        "leech_count": leech_count,
        "leeches": leeches,
        "forecast": charts.bar_chart(
            forecast,
            forecast_labels,
            axis=forecast_axis,
        ),
        "forecast_total": sum(forecast),
        "heatmap": charts.heatmap(activity, end=today, weeks=HEATMAP_WEEKS),
        "reviews_in_heatmap": sum(activity.values()),
        "streak": charts.streak(set(activity), today),
        "retention_7": _rate(retention["passed_7"], retention["total_7"]),
        "retention_30": _rate(retention["passed_30"], retention["total_30"]),
        "reviews_7": retention["total_7"],
        "reviews_30": retention["total_30"],
        "desired_retention": desired,
    }


def progress_stamp(student) -> tuple:
    """What changes whenever the student changes their own figures, in one query: their review
    logs (every answer that moves a card logs), lessons opened and read, enrolments and review
    settings; and whenever a course they are enrolled in is unpublished or loses a lesson, so
    closed content leaves their figures at once. Figures cached under it are right for every
    server, whatever cache it has."""
    # Plain SQL: compiling nine subqueries through the ORM cost more than running them.
    parts = [
        (ReviewLog, "COUNT(*)"),
        (LessonProgress, "COUNT(*)"),
        (LessonProgress, "MAX(read_at)"),
        (Enrollment, "COUNT(*)"),
        (Enrollment, "MAX(course_id)"),
        (StudentReviewSettings, "MAX(new_cards_per_day)"),
        (StudentReviewSettings, "MAX(reviews_per_day)"),
        (StudentReviewSettings, "MAX(desired_retention)"),
        (StudentReviewSettings, "MAX(CASE WHEN self_rating THEN 1 ELSE 0 END)"),
    ]
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(
        f"(SELECT {value} FROM {quote(model._meta.db_table)} WHERE student_id = %s)"
        for model, value in parts
    )
    enrolment, course, lesson = (
        quote(model._meta.db_table) for model in (Enrollment, Course, Lesson)
    )
    open_content = [
        f"(SELECT COUNT(*) FROM {enrolment} e JOIN {course} c ON c.id = e.course_id"
        " WHERE e.student_id = %s AND c.published)",
        f"(SELECT COUNT(*) FROM {enrolment} e JOIN {lesson} l ON l.course_id = e.course_id"
        " WHERE e.student_id = %s AND l.archived_at IS NULL)",
    ]
    sql = ", ".join([sql, *open_content])
    with connection.cursor() as cursor:
        cursor.execute(sql, [student.pk] * (len(parts) + len(open_content)))
        return tuple(cursor.fetchone())


def cached_for_student(student, name: str, compute, *parts):
    """``compute()``, cached per student under ``name`` and ``parts`` until their
    ``progress_stamp`` changes or FIGURES_TIMEOUT passes."""
    stamp = hashlib.sha256(repr((progress_stamp(student), *parts)).encode()).hexdigest()
    key = f"figures:{name}:{student.pk}:{stamp}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FIGURES_TIMEOUT)
    return value
