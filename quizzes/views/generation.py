"""Instructor pages for generated questions: regenerate, the course's auto-approve rule, and how
instructors judged each generator's questions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from lessons.access import taught_course
from lessons.models import Lesson
from tutor.http import HtmxHttpRequest

from ..forms import GenerationSettingsForm, LessonSlugForm
from ..models import Question
from ..signals import questions_generate_enqueue
from ..tasks import questions_generate_task

TEACHERS_ONLY = "Only this course's instructors may generate its questions."


@require_POST
@login_required
def course_questions_generate(request: HtmxHttpRequest, course_slug: str):
    course = taught_course(request.user, TEACHERS_ONLY, slug=course_slug)
    lesson = None
    named = LessonSlugForm(request.POST)
    if not named.is_valid():
        raise Http404("No such lesson.")
    if named.slug():
        lesson = get_object_or_404(Lesson.objects.active(), course=course, slug=named.slug())
    questions_generate_enqueue(
        questions_generate_task,
        course=course,
        lessons=[lesson] if lesson else None,
        user=request.user,
    )
    messages.success(request, "Questions are being generated; this page shows how far.")
    return redirect("course_tasks", slug=course.slug)


@require_POST
@login_required
def course_generation_settings(request: HtmxHttpRequest, course_slug: str):
    course = taught_course(request.user, TEACHERS_ONLY, slug=course_slug)
    form = GenerationSettingsForm(request.POST, instance=course)
    if form.is_valid():
        form.save()
        messages.success(request, "Question settings saved.")
    else:
        errors = "; ".join(e for field in form.errors.values() for e in field)
        messages.error(request, f"Settings not saved: {errors}")
    return redirect("quiz_list", course_slug=course.slug)


@require_GET
@login_required
def course_generation(request: HtmxHttpRequest, course_slug: str):
    """How instructors judged each generator's questions in this course, with their reasons."""
    course = taught_course(request.user, TEACHERS_ONLY, slug=course_slug)
    generators = Question.objects.for_course(course).acceptance_by_generator()
    return render(
        request, "quizzes/generation_report.html", {"course": course, "generators": generators}
    )
