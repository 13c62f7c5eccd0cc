"""Pages for reading: the course list, a course's outline, a lesson, and the dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from review.progress import dashboard_figures, lesson_states
from tutor.http import HtmxHttpRequest

from .models import Course, Lesson, LessonProgress


def _visible_course(request: HtmxHttpRequest, slug: str) -> Course:
    course = get_object_or_404(Course, slug=slug)
    if not course.is_visible_to(request.user):
        raise Http404("No such course.")
    return course


def outline(lessons: list[Lesson]) -> list[dict]:
    """Nest lessons under their parents, keeping reading order at every level."""
    nodes = {lesson.pk: {"lesson": lesson, "children": []} for lesson in lessons}
    roots = []
    for lesson in lessons:
        parent = nodes.get(lesson.parent_id)
        (parent["children"] if parent else roots).append(nodes[lesson.pk])
    return roots


@require_GET
def home(request: HtmxHttpRequest):
    courses = Course.objects.visible_to(request.user).prefetch_related("instructors")
    enrolled_ids = set()
    if request.user.is_authenticated:
        enrolled_ids = set(Course.objects.enrolled(request.user).values_list("pk", flat=True))
    return render(
        request, "lessons/course_list.html", {"courses": courses, "enrolled_ids": enrolled_ids}
    )


@require_GET
def course_detail(request: HtmxHttpRequest, slug: str):
    course = _visible_course(request, slug)
    lessons = list(Lesson.objects.for_course(course).in_order())
    is_enrolled = course.is_enrolled(request.user)
    if is_enrolled:
        # Each lesson's progress status, shown beside it in the outline.
        states = lesson_states(request.user, lessons, timezone.now())
        for lesson in lessons:
            lesson.progress_state = states[lesson.pk]
    context = {
        "course": course,
        "outline": outline(lessons),
        "lesson_count": len(lessons),
        "first_lesson": lessons[0] if lessons else None,
        "is_enrolled": is_enrolled,
        "can_teach": course.is_taught_by(request.user),
    }
    return render(request, "lessons/course_detail.html", context)


@require_POST
@login_required
def course_enrol(request: HtmxHttpRequest, slug: str):
    course = _visible_course(request, slug)
    if not course.published:
        raise PermissionDenied("This course is not open for enrolment.")
    course.enrol(request.user)
    messages.success(request, f"You are enrolled in {course.title}.")
    return redirect(course)


@require_GET
@login_required
def lesson_detail(request: HtmxHttpRequest, course_slug: str, slug: str):
    course = _visible_course(request, course_slug)
    if not course.can_read_lessons(request.user):
        raise PermissionDenied("Enrol in this course to read its lessons.")
    lesson = get_object_or_404(Lesson.objects.select_related("course", "parent"), course=course,
                               slug=slug)  # fmt: skip
    progress = None
    if course.is_enrolled(request.user):
        progress = LessonProgress.record_open(
            student=request.user, lesson=lesson, at=timezone.now()
        )
    previous, following = lesson.neighbours()
    context = {
        "course": course,
        "lesson": lesson,
        "previous": previous,
        "next": following,
        "progress": progress,
    }
    return render(request, "lessons/lesson_detail.html", context)


@require_POST
@login_required
def lesson_mark_read(request: HtmxHttpRequest, course_slug: str, slug: str):
    course = _visible_course(request, course_slug)
    if not (course.published and course.is_enrolled(request.user)):
        raise PermissionDenied("Enrol in this course to track your reading.")
    lesson = get_object_or_404(Lesson, course=course, slug=slug)
    progress = LessonProgress.record_open(student=request.user, lesson=lesson, at=timezone.now())
    progress.mark_read(timezone.now())
    if request.htmx:
        return render(
            request,
            "lessons/lesson_detail.html#mark-read",
            {"course": course, "lesson": lesson, "progress": progress},
        )
    messages.success(request, f"Marked “{lesson.title}” as read.")
    return redirect(lesson)


@require_GET
@login_required
def dashboard(request: HtmxHttpRequest):
    """The student's courses and review progress, and the courses an instructor teaches."""
    teaching = Course.objects.taught_by(request.user) if request.user.is_staff else (
        request.user.teaching_courses.all())  # fmt: skip
    figures = dashboard_figures(request.user, timezone.now())
    enrolled = [progress.course for progress in figures["courses"]]
    return render(
        request,
        "lessons/dashboard.html",
        {"enrolled": enrolled, "teaching": teaching, **figures},
    )
