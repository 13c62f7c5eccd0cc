"""Instructor pages for a course's quizzes: the list, and composing one with all its settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from lessons.access import require_teaches, taught_course
from lessons.models import Course
from tutor.http import HtmxHttpRequest

from ..forms import GenerationSettingsForm, QuizForm
from ..models import Quiz
from ..services import quiz_save

TEACHERS_ONLY = "Only this course's instructors may compose its quizzes."


@require_GET
@login_required
def quiz_list(request: HtmxHttpRequest, course_slug: str):
    course = taught_course(request.user, TEACHERS_ONLY, slug=course_slug)
    quizzes = (
        Quiz.objects.for_course(course)
        .composed()
        .annotate(
            item_count=Count("items", distinct=True), attempt_count=Count("attempts", distinct=True)
        )
        .order_by("title")
    )
    context = {
        "course": course,
        "quizzes": quizzes,
        "generation_form": GenerationSettingsForm(instance=course),
    }
    return render(request, "quizzes/quiz_list.html", context)


def _compose(request: HtmxHttpRequest, course: Course, quiz: Quiz):
    form = QuizForm(request.POST or None, instance=quiz, course=course)
    if request.method == "POST" and form.is_valid():
        quiz = form.save(commit=False)
        try:
            quiz_save(
                quiz=quiz,
                questions=list(form.cleaned_data["picked_questions"]),
                draw_lessons=form.cleaned_data["draw_lessons"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Saved “{quiz.title}”.")
            return redirect("quiz_list", course_slug=course.slug)
    status = 422 if form.is_bound else 200
    return render(
        request,
        "quizzes/quiz_form.html",
        {"course": course, "quiz": quiz, "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def quiz_create(request: HtmxHttpRequest, course_slug: str):
    course = taught_course(request.user, TEACHERS_ONLY, slug=course_slug)
    return _compose(request, course, Quiz(course=course))


@require_http_methods(["GET", "POST"])
@login_required
def quiz_edit(request: HtmxHttpRequest, pk: int):
    quiz = get_object_or_404(
        Quiz.objects.select_related("course")
        .composed()
        .filter(course__in=Course.objects.visible_to(request.user)),
        pk=pk,
    )
    return _compose(request, require_teaches(request.user, quiz.course, TEACHERS_ONLY), quiz)
