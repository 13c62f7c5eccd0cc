"""Instructor pages for generated questions: regenerate, the course's auto-approve rule, and how
instructors judged each generator's questions."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from lessons.access import taught_course
from lessons.models import Course, Lesson
from tutor.http import HtmxHttpRequest

from ..models import Question
from ..services import questions_generate

TEACHERS_ONLY = "Only this course's instructors may generate its questions."


class GenerationSettingsForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["auto_approve_generated", "auto_approve_threshold"]
        widgets = {"auto_approve_threshold": forms.NumberInput(attrs={"step": "0.05"})}

    def clean_auto_approve_threshold(self):
        value = self.cleaned_data["auto_approve_threshold"]
        if not 0 <= value <= 1:
            raise forms.ValidationError("The threshold is a score between 0 and 1.")
        return value


@require_POST
@login_required
def course_questions_generate(request: HtmxHttpRequest, course_slug: str):
    course = taught_course(request.user, TEACHERS_ONLY, slug=course_slug)
    lesson = None
    if request.POST.get("lesson"):
        lesson = get_object_or_404(
            Lesson.objects.active(), course=course, slug=request.POST["lesson"]
        )
    summary = questions_generate(course=course, lessons=[lesson] if lesson else None)
    messages.success(request, f"Questions regenerated: {summary}.")
    if lesson is not None:
        return redirect("question_list", course_slug=course.slug, slug=lesson.slug)
    return redirect("quiz_list", course_slug=course.slug)


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
