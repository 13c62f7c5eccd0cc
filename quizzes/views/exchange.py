"""Instructor pages to import questions from GIFT and download them as GIFT."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from lessons.access import taught_course
from lessons.models import CourseTask, Lesson
from tutor.http import HtmxHttpRequest

from ..exchange import GiftExportError, gift_export, gift_import
from ..forms import GiftImportForm, LessonSlugForm
from ..tasks import gift_import_task

TEACHERS_ONLY = "Only this course's instructors may import or export questions."


@require_http_methods(["GET", "POST"])
@login_required
def gift_import_page(request: HtmxHttpRequest, course_slug: str):
    course = taught_course(request.user, TEACHERS_ONLY, slug=course_slug)
    named = LessonSlugForm(request.GET).slug()
    lesson = Lesson.objects.filter(course=course, slug=named).first() if named else None
    initial = {"lesson": lesson}
    form = GiftImportForm(
        request.POST or None, request.FILES or None, course=course, initial=initial
    )
    report = None
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["gift_text"]
        if len(text.encode()) > settings.TUTOR_TASK_IMPORT_BYTES:
            # A large file is imported by the worker; the tasks page follows it.
            lesson = form.cleaned_data["lesson"]
            CourseTask.enqueue(
                gift_import_task,
                kind=CourseTask.Kind.GIFT_IMPORT,
                course=course,
                course_slug=course.slug,
                arguments={
                    "text": text,
                    "lesson": lesson.pk if lesson else None,
                    "approve": form.cleaned_data["approve"],
                },
                created_by=request.user,
            )
            messages.success(request, "The GIFT file is being imported; this page shows how far.")
            return redirect("course_tasks", slug=course.slug)
        report = gift_import(
            course=course,
            lesson=form.cleaned_data["lesson"],
            text=form.cleaned_data["gift_text"],
            author=request.user,
            approve=form.cleaned_data["approve"],
        )
    return render(
        request, "quizzes/gift_import.html", {"course": course, "form": form, "report": report}
    )


@require_GET
@login_required
def gift_export_download(request: HtmxHttpRequest, course_slug: str):
    course = taught_course(request.user, TEACHERS_ONLY, slug=course_slug)
    lesson = None
    named = LessonSlugForm(request.GET)
    if not named.is_valid():
        raise Http404("No such lesson.")
    if named.slug():
        lesson = get_object_or_404(Lesson, course=course, slug=named.slug())
    try:
        text = gift_export(course=course, lesson=lesson)
    except GiftExportError as exc:
        return render(
            request,
            "quizzes/gift_import.html",
            {"course": course, "form": GiftImportForm(course=course), "export_error": str(exc)},
            status=422,
        )
    name = f"{course.slug}-{lesson.slug}" if lesson else course.slug
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.gift"'
    return response
