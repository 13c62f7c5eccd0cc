"""Instructor pages to import questions from GIFT and download them as GIFT."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from lessons.access import taught_course
from lessons.models import Course, Lesson
from tutor.http import HtmxHttpRequest

from ..exchange import GiftExportError, gift_export, gift_import

TEACHERS_ONLY = "Only this course's instructors may import or export questions."

MAX_GIFT_BYTES = 2 * 1024 * 1024


class GiftImportForm(forms.Form):
    file = forms.FileField(required=False, help_text="A .gift or .txt file in UTF-8.")
    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 10}), label="Or paste GIFT text"
    )
    lesson = forms.ModelChoiceField(
        queryset=Lesson.objects.none(),
        required=False,
        empty_label="By $CATEGORY (its last part names the lesson)",
        help_text="Where the questions go.",
    )
    approve = forms.BooleanField(
        required=False, initial=True, label="Approve imported questions at once"
    )

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lesson"].queryset = Lesson.objects.for_course(course).active().in_order()

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), (cleaned.get("text") or "").strip()
        if upload and text:
            raise forms.ValidationError("Upload a file or paste text, not both.")
        if upload:
            if upload.size > MAX_GIFT_BYTES:
                raise forms.ValidationError("The file is over 2 MB; split it into smaller files.")
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    "The file is not UTF-8 text. Save it as UTF-8 and try again."
                ) from None
        if not text.strip():
            raise forms.ValidationError("Choose a GIFT file or paste some GIFT text.")
        cleaned["gift_text"] = text
        return cleaned


@require_http_methods(["GET", "POST"])
@login_required
def gift_import_page(request: HtmxHttpRequest, course_slug: str):
    course = taught_course(request.user, TEACHERS_ONLY, slug=course_slug)
    initial = {
        "lesson": Lesson.objects.filter(course=course, slug=request.GET.get("lesson")).first()
    }
    form = GiftImportForm(
        request.POST or None, request.FILES or None, course=course, initial=initial
    )
    report = None
    if request.method == "POST" and form.is_valid():
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
    if request.GET.get("lesson"):
        lesson = get_object_or_404(Lesson, course=course, slug=request.GET["lesson"])
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
