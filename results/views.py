"""Instructors' results pages for the courses they teach: gradebook, student drill-down, item
analysis, and their CSV downloads."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from lessons.models import Course, Enrollment, Lesson
from quizzes.models import Attempt, Response
from review.models import LEECH_LAPSES, ReviewLog
from review.progress import STATUS_LABELS, lesson_states
from tutor.http import HtmxHttpRequest
from tutor.spreadsheet import csv_response

from . import exports
from .analysis import course_analysis
from .forms import GradebookQueryForm
from .gradebook import gradebook

HISTORY_SHOWN = 100


def taught_course(request: HtmxHttpRequest, slug: str) -> Course:
    """The course if the user teaches it (admins: any); a 404 for everyone else, so a
    student or another instructor learns nothing about it."""
    return get_object_or_404(Course.objects.taught_by(request.user), slug=slug)


def _gradebook(request: HtmxHttpRequest, course: Course):
    return gradebook(course, **GradebookQueryForm(request.GET).query())


@require_GET
@login_required
def course_gradebook(request: HtmxHttpRequest, slug: str):
    course = taught_course(request, slug)
    query = GradebookQueryForm(request.GET).query()
    book = gradebook(course, **query)
    return render(
        request,
        "results/gradebook.html",
        {
            "course": course,
            "book": book,
            "statuses": STATUS_LABELS,
            "q": query["search"],
            "status": query["status"],
            "sort": query["sort"],
        },
    )


@require_GET
@login_required
def gradebook_csv(request: HtmxHttpRequest, slug: str):
    course = taught_course(request, slug)
    book = _gradebook(request, course)
    header = ["student_id", "student", "progress_percent"]
    for lesson in book.lessons:
        header += [f"{lesson.slug}_status", f"{lesson.slug}_best_score"]
    rows = (
        [
            row.student.pk,
            row.student.get_username(),
            row.progress,
            *[value for cell in row.cells for value in (cell.status, cell.best)],
        ]
        for row in book.rows
    )
    return csv_response(f"{course.slug}-gradebook.csv", header, rows)


@require_GET
@login_required
def lessons_csv(request: HtmxHttpRequest, slug: str):
    course = taught_course(request, slug)
    book = gradebook(course)
    header = [
        "lesson_id",
        "lesson",
        "attempts",
        "mean_score",
        "completed",
        "enrolled",
        "completion_rate",
    ]
    rows = (
        [
            s.lesson.pk,
            s.lesson.title,
            s.attempts,
            s.mean_score,
            s.completed,
            s.enrolled,
            s.completion_rate,
        ]
        for s in book.lesson_summaries
    )
    return csv_response(f"{course.slug}-lessons.csv", header, rows)


def _student_records(course: Course, student):
    attempts = list(
        Attempt.objects.filter(quiz__course=course, student=student)
        .select_related("quiz")
        .order_by("-started_at")
    )
    responses = (
        Response.objects.filter(attempt__quiz__course=course, attempt__student=student)
        .select_related("question", "attempt__quiz")
        .order_by("-answered_at", "-pk")
    )
    return attempts, responses


@require_GET
@login_required
def student_results(request: HtmxHttpRequest, slug: str, student_id: int):
    course = taught_course(request, slug)
    student = get_object_or_404(Enrollment, course=course, student_id=student_id).student
    now = timezone.now()
    lessons = list(Lesson.objects.for_course(course).active().in_order())
    states = lesson_states(student, lessons, now) if lessons else {}
    attempts, responses = _student_records(course, student)
    history = (
        ReviewLog.objects.for_student(student)
        .filter(card__question__lesson__course=course)
        .select_related("card__question")
        .order_by("-reviewed_at", "-pk")[:HISTORY_SHOWN]
    )
    leeches = (
        student.review_cards.for_course(course)
        .leeches()
        .select_related("question")
        .order_by("-lapses", "pk")
    )
    return render(
        request,
        "results/student_detail.html",
        {
            "course": course,
            "student": student,
            "states": list(states.values()),
            "attempts": attempts,
            "responses": responses[:HISTORY_SHOWN],
            "history": history,
            "leeches": leeches,
            "leech_lapses": LEECH_LAPSES,
            "shown": HISTORY_SHOWN,
        },
    )


@require_GET
@login_required
def student_responses_csv(request: HtmxHttpRequest, slug: str, student_id: int):
    course = taught_course(request, slug)
    student = get_object_or_404(Enrollment, course=course, student_id=student_id).student
    _, responses = _student_records(course, student)
    header = [
        "attempt_id",
        "quiz",
        "attempt_number",
        "question_id",
        "question",
        "answer",
        "mark",
        "answered_at",
    ]
    rows = (
        [
            r.attempt_id,
            r.attempt.quiz.title,
            r.attempt.number,
            r.question_id,
            r.question.prompt,
            r.normalised_answer,
            r.mark,
            r.answered_at.isoformat(),
        ]
        for r in responses.iterator(chunk_size=2000)
    )
    return csv_response(f"{course.slug}-{student.get_username()}.csv", header, rows)


def _all_attempts(request: HtmxHttpRequest) -> bool:
    return request.GET.get("attempts") == "all"


@require_GET
@login_required
def item_analysis(request: HtmxHttpRequest, slug: str):
    course = taught_course(request, slug)
    analysis = course_analysis(course, all_attempts=_all_attempts(request))
    return render(request, "results/item_analysis.html", {"course": course, "analysis": analysis})


@require_GET
@login_required
def items_csv(request: HtmxHttpRequest, slug: str):
    course = taught_course(request, slug)
    analysis = course_analysis(course, all_attempts=_all_attempts(request))
    return csv_response(
        f"{course.slug}-items.csv", exports.ITEM_COLUMNS, exports.item_rows(analysis)
    )


@require_GET
@login_required
def questions_csv(request: HtmxHttpRequest, slug: str):
    course = taught_course(request, slug)
    analysis = course_analysis(course)
    return csv_response(
        f"{course.slug}-questions.csv", exports.QUESTION_COLUMNS, exports.question_rows(analysis)
    )


@require_GET
@login_required
def responses_csv(request: HtmxHttpRequest, slug: str):
    course = taught_course(request, slug)
    return csv_response(
        f"{course.slug}-responses.csv", exports.RESPONSE_COLUMNS, exports.response_rows(course)
    )
