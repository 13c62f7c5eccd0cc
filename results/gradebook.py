"""The class gradebook: every enrolled student's status and best practice score per lesson,
read in a fixed number of grouped queries whatever the class size."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Min
from django.db.models.functions import Coalesce
from django.utils import timezone

from lessons.models import Course, Enrollment, Lesson, LessonProgress
from quizzes.models import Attempt, Question, QuizKind
from review.models import (
    CourseReviewSettings,
    FloatValue,
    ReviewCard,
    StudentReviewSettings,
    retrievability_expression,
)
from review.progress import MASTERED, NOT_STARTED, PRACTISED, READ, STATUS_LABELS, lesson_status

STATUS_ORDER = [NOT_STARTED, READ, PRACTISED, MASTERED]
SORTS = {"student", "-student", "progress", "-progress"}


@dataclass
class Cell:
    lesson: Lesson
    status: str
    best: float | None = None
    attempts: int = 0

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class StudentRow:
    student: object
    cells: list[Cell]

    @property
    def progress(self) -> int:
        """Lessons practised or mastered, in percent of the course's lessons."""
        done = sum(c.status in {PRACTISED, MASTERED} for c in self.cells)
        return round(100 * done / len(self.cells)) if self.cells else 0

    def best_in(self, lesson_id: int) -> float:
        """Best score in the lesson's practice; -1 without one, so it sorts below a 0."""
        best = next((c.best for c in self.cells if c.lesson.pk == lesson_id), None)
        return -1.0 if best is None else best


@dataclass
class LessonSummary:
    lesson: Lesson
    attempts: int = 0
    mean_score: float | None = None
    completed: int = 0
    enrolled: int = 0
    statuses: Counter = field(default_factory=Counter)

    @property
    def completion_rate(self) -> float | None:
        return self.completed / self.enrolled if self.enrolled else None


@dataclass
class Gradebook:
    course: Course
    lessons: list[Lesson]
    rows: list[StudentRow]
    enrolled: int
    lesson_summaries: list[LessonSummary]
    statuses: Counter

    def percent(self, status: str) -> int:
        total = sum(self.statuses.values())
        return round(100 * self.statuses[status] / total) if total else 0

    @property
    def status_shares(self) -> list[tuple[str, str, int]]:
        return [(s, STATUS_LABELS[s], self.percent(s)) for s in reversed(STATUS_ORDER)]


def gradebook(
    course: Course, *, search: str = "", status: str = "", sort: str = "student", now=None
) -> Gradebook:
    """Rows for the enrolled students whose name contains ``search`` (and, with ``status``,
    who have a lesson in that status), sorted by ``sort`` (student, progress, lesson-<id>,
    each with a leading - for descending)."""
    now = now or timezone.now()
    # Reference lessons (back matter) are not studied: no column, no share of progress.
    lessons = list(Lesson.objects.for_course(course).active().for_study().in_order())
    enrollments = Enrollment.objects.filter(course=course).select_related("student")
    enrolled = enrollments.count()
    if search:
        enrollments = enrollments.filter(student__username__icontains=search)
    students = [e.student for e in enrollments.order_by("student__username")]
    ids = [s.pk for s in students]
    opened = set(
        LessonProgress.objects.filter(lesson__course=course, student_id__in=ids).values_list(
            "student_id", "lesson_id"
        )
    )
    approved = dict(
        Question.objects.approved()
        .for_course(course)
        .values("lesson")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("lesson", "n")
    )
    memory = {
        (row["student"], row["lesson"]): row
        for row in ReviewCard.objects.for_course(course)
        .active()
        .filter(student_id__in=ids)
        .values("student", "lesson")
        .annotate(
            cards=Count("pk"),
            mean_retrievability=Avg(retrievability_expression(now)),
            min_stability=Min(Coalesce("stability", FloatValue(0.0))),
        )
        .order_by()
    }
    best = {
        (row["student"], row["quiz__lesson"]): row
        for row in Attempt.objects.filter(
            quiz__course=course, quiz__kind=QuizKind.PRACTICE, student_id__in=ids
        )
        .finished()
        .values("student", "quiz__lesson")
        .annotate(best=Max("score"), n=Count("pk"))
        .order_by()
    }
    course_retention = CourseReviewSettings.for_course(course).desired_retention
    overrides = dict(
        StudentReviewSettings.objects.filter(
            student_id__in=ids, desired_retention__isnull=False
        ).values_list("student_id", "desired_retention")
    )
    rows, statuses = [], Counter()
    for student in students:
        cells = []
        for lesson in lessons:
            row = memory.get((student.pk, lesson.pk), {})
            state = lesson_status(
                opened=(student.pk, lesson.pk) in opened,
                approved=approved.get(lesson.pk, 0),
                cards=row.get("cards", 0),
                mean_retrievability=row.get("mean_retrievability"),
                min_stability=row.get("min_stability"),
                desired_retention=overrides.get(student.pk, course_retention),
            )
            scores = best.get((student.pk, lesson.pk), {})
            cells.append(Cell(lesson, state, scores.get("best"), scores.get("n", 0)))
            statuses[state] += 1
        rows.append(StudentRow(student, cells))
    summaries = _lesson_summaries(course, lessons, rows)
    if status in STATUS_LABELS:
        rows = [r for r in rows if any(c.status == status for c in r.cells)]
    return Gradebook(
        course=course,
        lessons=lessons,
        rows=_sorted(rows, sort),
        enrolled=enrolled,
        lesson_summaries=summaries,
        statuses=statuses,
    )


def _sorted(rows: list[StudentRow], sort: str) -> list[StudentRow]:
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key == "progress":
        return sorted(rows, key=lambda r: (r.progress, r.student.username), reverse=descending)
    if key.startswith("lesson-") and key[7:].isascii() and key[7:].isdecimal():
        lesson_id = int(key[7:])
        return sorted(
            rows, key=lambda r: (r.best_in(lesson_id), r.student.username), reverse=descending
        )
    return sorted(rows, key=lambda r: r.student.username, reverse=descending)


def _lesson_summaries(course, lessons, rows: list[StudentRow]) -> list[LessonSummary]:
    """Per lesson over the whole class: practice attempts, their mean score, and how many
    students finished its practice at least once."""
    figures = {
        row["quiz__lesson"]: row
        for row in Attempt.objects.filter(quiz__course=course, quiz__kind=QuizKind.PRACTICE)
        .finished()
        .values("quiz__lesson")
        .annotate(n=Count("pk"), mean=Avg("score"), students=Count("student", distinct=True))
        .order_by()
    }
    enrolled = Enrollment.objects.filter(course=course).count()
    summaries = []
    for index, lesson in enumerate(lessons):
        row = figures.get(lesson.pk, {})
        summary = LessonSummary(
            lesson=lesson,
            attempts=row.get("n", 0),
            mean_score=row.get("mean"),
            completed=row.get("students", 0),
            enrolled=enrolled,
        )
        summary.statuses = Counter(r.cells[index].status for r in rows)
        summaries.append(summary)
    return summaries
