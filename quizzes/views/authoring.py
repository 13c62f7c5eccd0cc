"""Instructor pages for a lesson's questions: list and filter, create, edit with preview, review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from lessons.access import require_teaches, taught_course
from lessons.models import Course, Lesson
from tutor.http import HtmxHttpRequest

from .. import grading
from ..answering import question_layout
from ..forms import (
    CHOICE_LABELS,
    QuestionDecisionForm,
    QuestionFilterForm,
    QuestionForm,
    QuestionPreviewForm,
    QuestionsApproveForm,
    choice_formset,
    choice_specs,
    choices_from_formset,
)
from ..models import Question, QuestionType, RejectionReason, Status
from ..services import question_save, questions_bulk_approve, questions_reorder

TEACHERS_ONLY = "Only this course's instructors may edit its questions."

# Which status each review button sets.
STATUS_ACTIONS = {
    "approve": Status.APPROVED,
    "reject": Status.REJECTED,
    "retire": Status.RETIRED,
    "draft": Status.DRAFT,
}


def _authorable_lesson(request: HtmxHttpRequest, course_slug: str, slug: str) -> Lesson:
    course = taught_course(request.user, TEACHERS_ONLY, slug=course_slug)
    lesson = get_object_or_404(Lesson.objects.select_related("course"), course=course, slug=slug)
    return lesson


def _authorable_question(request: HtmxHttpRequest, pk: int) -> Question:
    question = get_object_or_404(
        Question.objects.select_related("lesson__course")
        .with_choices()
        .filter(lesson__course__in=Course.objects.visible_to(request.user)),
        pk=pk,
    )
    require_teaches(request.user, question.lesson.course, TEACHERS_ONLY)
    return question


def _list_url(lesson: Lesson) -> str:
    return reverse("question_list", args=[lesson.course.slug, lesson.slug])


@vary_on_headers("HX-Request")
@require_GET
@login_required
def question_list(request: HtmxHttpRequest, course_slug: str, slug: str):
    return _render_list(request, _authorable_lesson(request, course_slug, slug))


def _render_list(request: HtmxHttpRequest, lesson: Lesson):
    filters = QuestionFilterForm(request.GET or None)
    questions = filters.filter(
        Question.objects.for_lesson(lesson)
        .in_order()
        .annotate(response_count=Count("responses"))
        .with_rejection_reason()
        .prefetch_related("choices")
    )
    context = {
        "lesson": lesson,
        "course": lesson.course,
        "questions": questions,
        "filters": filters,
        "types": QuestionType.choices,
        "reasons": RejectionReason.choices,
    }
    template = "quizzes/question_list.html"
    if request.htmx:
        template += "#question-table"
    return render(request, template, context)


def _row(request: HtmxHttpRequest, question: Question, error: str = ""):
    """One row of the question list, for htmx swaps after a change (with ``error`` if it failed)."""
    question.response_count = question.responses.count()
    question.rejection_reason = question.latest_rejection_reason()
    context = {
        "question": question,
        "lesson": question.lesson,
        "course": question.lesson.course,
        "reasons": RejectionReason.choices,
        "row_error": error,
    }
    return render(request, "quizzes/question_list.html#question-row", context)


def _editor(request, lesson, question, form, formset, choice_errors=(), status=200):
    """The question form with its preview: a page, or a list row when editing inline (htmx)."""
    inline = bool(request.htmx) and question.pk is not None
    if question.pk:
        form_action = reverse("question_edit", args=[question.pk])
    else:
        form_action = reverse("question_create", args=[lesson.course.slug, lesson.slug])
        form_action += f"?type={question.type}"
    context = {
        "inline": inline,
        "form_action": form_action,
        "lesson": lesson,
        "course": lesson.course,
        "question": question,
        "form": form,
        "formset": formset,
        "choice_errors": list(choice_errors),
        "choices_label": CHOICE_LABELS[question.type],
        "preview": _preview(question, form, formset),
    }
    if inline:
        # htmx only swaps 2xx responses: the row with its errors comes back as 200.
        return render(request, "quizzes/question_list.html#question-edit-row", context)
    return render(request, "quizzes/question_form.html", context, status=status)


def _preview(question: Question, form, formset) -> dict:
    """What a student would see, and the answer they would need, for the form's current data."""
    prompt = form.data.get("prompt", question.prompt) if form.is_bound else question.prompt
    if formset.is_bound:
        formset.is_valid()
        rows = choices_from_formset(question.type, formset)
    else:
        rows = [c.as_dict() for c in (question.ordered_choices() if question.pk else [])]
    spec = grading.QuestionSpec(
        type=question.type,
        prompt=prompt or "",
        choices=tuple(choice_specs(rows)),
        typo_tolerance=question.typo_tolerance,
    )
    return {
        "layout": question_layout(spec, None),
        "correct_answer": grading.correct_answer_text(spec),
        "errors": [m for messages_ in grading.validation_errors(spec).values() for m in messages_],
    }


def _save(request, lesson, question, form, formset):
    """Validate the question form and its choices together; save or re-render with errors."""
    form_ok, formset_ok = form.is_valid(), formset.is_valid()
    choice_errors = []
    if form_ok and formset_ok:
        question = form.instance
        rows = choices_from_formset(question.type, formset)
        errors = grading.validation_errors(
            grading.QuestionSpec(
                type=question.type,
                prompt=question.prompt,
                choices=tuple(choice_specs(rows)),
                typo_tolerance=question.typo_tolerance,
            )
        )
        for field in ("prompt", "typo_tolerance"):
            for message in errors.get(field, []):
                form.add_error(field, message)
        choice_errors = errors.get("choices", [])
        if not errors:
            try:
                question_save(
                    question=question,
                    choices=rows,
                    author=request.user,
                    at=timezone.now(),
                    reason=form.cleaned_data.get("reason", ""),
                    note=form.cleaned_data.get("note", ""),
                )
            except ValidationError as error:
                choice_errors = error.messages
            else:
                if request.htmx and request.POST.get("inline"):
                    return _row(request, question)
                messages.success(request, "Question saved.")
                return redirect(f"{_list_url(lesson)}#question-{question.pk}")
    return _editor(request, lesson, question, form, formset, choice_errors, status=422)


@require_http_methods(["GET", "POST"])
@login_required
def question_create(request: HtmxHttpRequest, course_slug: str, slug: str):
    lesson = _authorable_lesson(request, course_slug, slug)
    question_type = (
        request.POST.get("type") or request.GET.get("type") or QuestionType.SINGLE_CHOICE
    )
    if question_type not in QuestionType.values:
        raise Http404("No such question type.")
    last = Question.objects.for_lesson(lesson).order_by("-order").values_list("order", flat=True)
    question = Question(lesson=lesson, type=question_type, order=(last.first() or 0) + 1)
    form = QuestionForm(request.POST or None, instance=question)
    formset = choice_formset(question, request.POST or None)
    if request.method == "POST":
        return _save(request, lesson, question, form, formset)
    return _editor(request, lesson, question, form, formset)


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
@login_required
def question_edit(request: HtmxHttpRequest, pk: int):
    question = _authorable_question(request, pk)
    form = QuestionForm(request.POST or None, instance=question)
    formset = choice_formset(question, request.POST or None)
    if request.method == "POST":
        return _save(request, question.lesson, question, form, formset)
    return _editor(request, question.lesson, question, form, formset)


@require_POST
@login_required
def question_preview(request: HtmxHttpRequest, course_slug: str, slug: str):
    """The live preview (htmx): the posted, unsaved question as a student would see it."""
    lesson = _authorable_lesson(request, course_slug, slug)
    question = Question(lesson=lesson, type=request.POST.get("type", ""))
    picked = QuestionPreviewForm(request.POST)
    if not picked.is_valid():
        raise Http404("No such question.")
    if picked.cleaned_data["question"] is not None:
        question = _authorable_question(request, picked.cleaned_data["question"])
    if question.type not in QuestionType.values:
        raise Http404("No such question type.")
    form = QuestionForm(request.POST, instance=question)
    formset = choice_formset(question, request.POST)
    context = {"preview": _preview(question, form, formset), "question": question}
    return render(request, "quizzes/question_form.html#question-preview", context)


@require_POST
@login_required
def question_status(request: HtmxHttpRequest, pk: int):
    question = _authorable_question(request, pk)
    status = STATUS_ACTIONS.get(request.POST.get("action", ""))
    if status is None:
        raise Http404("No such action.")
    if status == Status.APPROVED:
        try:
            question.validate_with_choices()
        except ValidationError as error:
            messages.error(request, f"Cannot approve: {' '.join(error.messages)}")
            return redirect(_list_url(question.lesson))
    why = QuestionDecisionForm(request.POST if status == Status.REJECTED else None)
    if why.is_bound and not why.is_valid():
        errors = " ".join(e for field in why.errors.values() for e in field)
        if request.htmx:
            return _row(request, question, error=f"Not rejected: {errors}")
        messages.error(request, f"Not rejected: {errors}")
        return redirect(f"{_list_url(question.lesson)}#question-{question.pk}")
    reasons = why.cleaned_data if why.is_bound else {}
    question.decide(
        status,
        by=request.user,
        at=timezone.now(),
        reason=reasons.get("reason", ""),
        note=reasons.get("note", ""),
    )
    if request.htmx:
        return _row(request, question)
    messages.success(request, f"Question {question.get_status_display().lower()}.")
    return redirect(f"{_list_url(question.lesson)}#question-{question.pk}")


@require_POST
@login_required
def questions_approve(request: HtmxHttpRequest, course_slug: str, slug: str):
    """Bulk approve: every selected question of this lesson that holds its type's invariants."""
    lesson = _authorable_lesson(request, course_slug, slug)
    picked = QuestionsApproveForm(request.POST)
    ids = picked.cleaned_data["question"] if picked.is_valid() else []
    approved, skipped = [], []
    for question in Question.objects.for_lesson(lesson).filter(pk__in=ids).with_choices():
        if grading.validation_errors(question.spec()):
            skipped.append(question)
        else:
            approved.append(question.pk)
    questions_bulk_approve(
        questions=Question.objects.filter(pk__in=approved), by=request.user, at=timezone.now()
    )
    if approved:
        messages.success(request, f"Approved {len(approved)} question{'s' * (len(approved) != 1)}.")
    if skipped:
        messages.error(
            request,
            "Not approved (fix them first): " + "; ".join(str(q) for q in skipped),
        )
    if not ids:
        messages.error(request, "Select the questions to approve.")
    return redirect(_list_url(lesson))


@require_POST
@login_required
def question_move(request: HtmxHttpRequest, pk: int):
    question = _authorable_question(request, pk)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        raise Http404("Move up or down.")
    questions_reorder(question=question, direction=direction)
    if request.htmx:
        return _render_list(request, question.lesson)
    return redirect(f"{_list_url(question.lesson)}#question-{question.pk}")
