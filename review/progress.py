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
Card figures (cards, questions known, leeches) cover the courses the student is enrolled in.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from lessons.models import Course, Lesson, LessonProgress
from quizzes.models import Question

from . import charts
from .models import (
    MASTERY_STABILITY_DAYS,
    CourseReviewSettings,
    RatingChoice,
    ReviewCard,
    ReviewLog,
    StudentReviewSettings,
    WholeDays,
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
HEATMAP_WEEKS = 26
WEAKEST_LESSONS = 5


def lesson_status(
    *, opened: bool, approved: int, cards: int, mean_retrievability: float | None,
    min_stability: float | None, desired_retention: float,
) -> str:  # fmt: skip
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

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def percent_retrievability(self) -> int | None:
        if self.mean_retrievability is None:
            return None
        return round(100 * self.mean_retrievability)


def desired_retentions(student, course_ids) -> dict[int, float]:
    """Each course's desired retention for this student (their override wins)."""
    override = StudentReviewSettings.for_student(student).desired_retention
    saved = dict(
        CourseReviewSettings.objects.filter(course_id__in=course_ids).values_list(
            "course_id", "desired_retention"
        )
    )
    default = CourseReviewSettings._meta.get_field("desired_retention").default
    return {cid: override or saved.get(cid, default) for cid in course_ids}


def lesson_states(student, lessons: list[Lesson], now) -> dict[int, LessonState]:
    """Status and memory figures for each of ``lessons``, in five queries whatever their size."""
    ids = [lesson.pk for lesson in lessons]
    opened = set(
        LessonProgress.objects.for_student(student)
        .filter(lesson_id__in=ids)
        .values_list("lesson_id", flat=True)
    )
    approved = dict(
        Question.objects.approved()
        .filter(lesson_id__in=ids)
        .values("lesson")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("lesson", "n")
    )
    memory = {
        row["question__lesson"]: row
        for row in ReviewCard.objects.for_student(student)
        .active()
        .filter(question__lesson_id__in=ids)
        .lesson_memory(now)
    }
    retention = desired_retentions(student, {lesson.course_id for lesson in lessons})
    states = {}
    for lesson in lessons:
        row = memory.get(lesson.pk, {})
        state = LessonState(
            lesson=lesson, status=NOT_STARTED, approved=approved.get(lesson.pk, 0),
            cards=row.get("cards", 0), mean_retrievability=row.get("mean_retrievability"),
            min_stability=row.get("min_stability"), desired_retention=retention[lesson.course_id],
            known=row.get("known") or 0.0, leeches=row.get("leeches", 0),
        )  # fmt: skip
        state.status = lesson_status(
            opened=lesson.pk in opened, approved=state.approved, cards=state.cards,
            mean_retrievability=state.mean_retrievability, min_stability=state.min_stability,
            desired_retention=state.desired_retention,
        )  # fmt: skip
        states[lesson.pk] = state
    return states


@dataclass
class CourseProgress:
    course: Course
    lessons: int = 0
    counts: dict = field(default_factory=lambda: dict.fromkeys(STATUS_LABELS, 0))
    states: list = field(default_factory=list)

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

    @property
    def percent_started(self) -> int:
        return self.percent_mastered + self.percent_practised + self.percent_read


def _rate(passed: int, total: int) -> float | None:
    return passed / total if total else None


def dashboard_figures(student, now: dt.datetime | None = None) -> dict:
    """Everything the student dashboard shows, in a bounded number of queries."""
    now = now or timezone.now()
    today_start = day_start(now)
    today = today_start.date()
    courses = list(Course.objects.enrolled(student).order_by("title"))
    lessons = list(
        Lesson.objects.filter(course__in=courses)
        .active()
        .select_related("course")
        .order_by("order")
    )
    states = lesson_states(student, lessons, now) if lessons else {}

    progress = {course.pk: CourseProgress(course=course) for course in courses}
    for state in states.values():
        course_progress = progress[state.lesson.course_id]
        course_progress.lessons += 1
        course_progress.counts[state.status] += 1
        course_progress.states.append(state)
    weakest = sorted(
        (s for s in states.values() if s.cards and s.status != MASTERED),
        key=lambda s: (s.mean_retrievability or 0, s.lesson.pk),
    )[:WEAKEST_LESSONS]

    cards = ReviewCard.objects.for_student(student).active()
    horizon = today_start + dt.timedelta(days=FORECAST_DAYS)
    per_day = (
        cards.filter(due__lt=horizon)
        .annotate(day=WholeDays(today_start, "due"))
        .values("day")
        .annotate(n=Count("pk"), due_now=Count("pk", filter=Q(due__lte=now)))
        .order_by()
        .values_list("day", "n", "due_now")
    )
    forecast = [0] * FORECAST_DAYS
    due_now = 0
    for offset, count, due in per_day:
        forecast[max(0, offset)] += count  # overdue cards are due today
        due_now += due
    forecast_labels = [
        (today + dt.timedelta(days=offset)).strftime("%a %d %b") for offset in range(FORECAST_DAYS)
    ]

    logs = ReviewLog.objects.for_student(student)
    activity_start = today_start - dt.timedelta(days=7 * HEATMAP_WEEKS)
    activity = {
        (activity_start + dt.timedelta(days=offset)).date(): count
        for offset, count in logs.since(activity_start)
        .annotate(day=WholeDays(activity_start, "reviewed_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("day", "n")
    }
    week_ago = today_start - dt.timedelta(days=6)
    month_ago = today_start - dt.timedelta(days=29)
    in_review = Q(state_before=2)  # true retention counts only cards already in the Review state
    passed = Q(rating__gt=RatingChoice.AGAIN)
    retention = logs.since(month_ago).aggregate(
        total_30=Count("pk", filter=in_review),
        passed_30=Count("pk", filter=in_review & passed),
        total_7=Count("pk", filter=in_review & Q(reviewed_at__gte=week_ago)),
        passed_7=Count("pk", filter=in_review & passed & Q(reviewed_at__gte=week_ago)),
    )
    desired = sorted(set(desired_retentions(student, [c.pk for c in courses]).values()))
    leeches = list(
        cards.leeches().select_related("question__lesson__course").order_by("-lapses", "pk")[:10]
    )

    return {
        "now": now,
        "courses": list(progress.values()),
        "states": states,
        "weakest": weakest,
        "summary": due_summary(student, now, due=due_now),
        "cards_total": sum(s.cards for s in states.values()),
        "known": sum(s.known for s in states.values()),
        "leech_count": sum(s.leeches for s in states.values()),
        "leeches": leeches,
        "forecast": charts.bar_chart(forecast, forecast_labels),
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
