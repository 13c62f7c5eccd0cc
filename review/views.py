"""Review pages: the session, a student's settings and exports, an instructor's course page, and
the pages that show review progress beside lessons and quizzes (the dashboard, a course's page)."""

import datetime as dt
import json
import re
from dataclasses import fields

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.timesince import timeuntil
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.roles import is_instructor, role_of
from lessons.access import taught_course, visible_course
from lessons.models import Course, Lesson, outline, outline_version
from quizzes import answering
from quizzes.grading import Grade, InvalidAnswer
from quizzes.models import Question
from tutor.http import HtmxHttpRequest
from tutor.spreadsheet import csv_lines, csv_response

from .forms import (
    CourseReviewSettingsForm,
    ReviewAnswerForm,
    ReviewFocusForm,
    ReviewRatingForm,
    StudentReviewSettingsForm,
)
from .models import (
    LEECH_LAPSES,
    CourseReviewSettings,
    RatingChoice,
    ReviewCard,
    ReviewLog,
    ReviewSource,
    StudentReviewSettings,
)
from .progress import (
    CourseProgress,
    LessonState,
    active_lessons,
    cached_for_student,
    dashboard_figures,
    due_count,
    lesson_states,
    open_quizzes,
    published_course,
    study_now,
)
from .services import ReviewQueue, review_card_record_answer

# Session keys: the question on screen and when it was shown (to time the answer), and the
# answer revealed but not yet dismissed (or, with self-rating, not yet rated).
SERVED = "review_served"
REVEAL = "review_reveal"
SESSION_TEMPLATE = "review/session.html"
DASHBOARD_TEMPLATE = "review/dashboard.html"
DUE_COUNT_CAP = 1000


def _focus_lesson(request: HtmxHttpRequest) -> Lesson | None:
    form = ReviewFocusForm({"lesson": request.POST.get("lesson") or request.GET.get("lesson")})
    if not form.is_valid():
        raise Http404("No such lesson.")
    if form.cleaned_data["lesson"] is None:
        return None
    lesson = get_object_or_404(
        Lesson.objects.active()
        .select_related("course")
        .filter(course__in=Course.objects.visible_to(request.user)),
        pk=form.cleaned_data["lesson"],
    )
    if not lesson.course.can_read_lessons(request.user):
        raise PermissionDenied("Enrol in this course to practice it.")
    return lesson


def _session_url(lesson: Lesson | None) -> str:
    url = reverse("review_session")
    return f"{url}?lesson={lesson.pk}" if lesson else url


def _reviewable_question(request: HtmxHttpRequest, pk: int) -> Question:
    """A question the student may answer here: an approved one, in a lesson not archived, in
    a course they study (published and enrolled in), as review serves them. Anything else,
    including a card's question once its course is unpublished, is a 404."""
    return get_object_or_404(
        Question.objects.approved()
        .filter(
            lesson__archived_at__isnull=True,
            lesson__course__in=Course.objects.studied_by(request.user).values("pk"),
        )
        .select_related("lesson")  # not the course: its source text is the whole document
        .with_choices(),
        pk=pk,
    )


def _pane(request: HtmxHttpRequest, lesson: Lesson | None, **extra) -> dict:
    """Context for the session pane: the pending reveal, else the next card, else done."""
    context = {"lesson": lesson, "ratings": RatingChoice.choices, **extra}
    reveal = request.session.get(REVEAL)
    if reveal:
        context["reveal"] = reveal
        context["feedback"] = answering.Feedback(**reveal["feedback"])
        return context
    queue = ReviewQueue(
        student=request.user, now=timezone.now(), lesson=lesson, due_cap=DUE_COUNT_CAP
    )
    item = queue.next()
    context["item"] = item
    # Cards waiting because a sibling was reviewed today are not due in this session.
    context["due_left"] = len(queue.due_ids)
    context["due_cap"] = DUE_COUNT_CAP
    if item.is_empty:
        context["next_due"] = queue.next_due_at()
        request.session.pop(SERVED, None)
        return context
    question = item.question  # with its lesson
    # Ordered as Question.ordered_choices orders them, not by Choice's default ordering, whose
    # question, lesson and course joins sort nothing among one question's choices.
    question.load_choices()
    context["question"] = question
    context["layout"] = _layout(question, request.user.pk)
    # The card's review count as shown: the answer form sends it back, and only the first
    # answer to this showing reviews the card.
    context["reviews_when_shown"] = item.card.reps if item.card is not None else 0
    request.session[SERVED] = {
        "question": question.pk,
        "at": queue.now.isoformat(),
        "reviews": context["reviews_when_shown"],
    }
    return context


def _layout(question: Question, student_id: int) -> answering.QuestionLayout:
    return answering.question_layout(
        question.spec(), answering.shuffle_seed(student_id, question.pk)
    )


def _show_pane(request: HtmxHttpRequest, lesson: Lesson | None, status=200, **extra):
    template = SESSION_TEMPLATE + ("#review-pane" if request.htmx else "")
    return render(request, template, _pane(request, lesson, **extra), status=status)


def _after_post(request: HtmxHttpRequest, lesson: Lesson | None):
    if request.htmx:
        return _show_pane(request, lesson)
    return redirect(_session_url(lesson))


@require_GET
@login_required
@vary_on_headers("HX-Request")
def review_session(request: HtmxHttpRequest):
    return _show_pane(request, _focus_lesson(request))


@require_POST
@login_required
def review_answer(request: HtmxHttpRequest):
    lesson = _focus_lesson(request)
    if request.session.get(REVEAL):
        # Answered already (a double submit, or a second tab): show that answer, review nothing.
        return _after_post(request, lesson)
    posted = ReviewAnswerForm(request.POST)
    if not posted.is_valid():
        raise Http404("No such question.")
    question = _reviewable_question(request, posted.cleaned_data["question"])
    now = timezone.now()
    served = request.session.get(SERVED) or {}
    duration_ms = None
    shown = posted.cleaned_data["reviews"]
    if served.get("question") == question.pk:
        shown_at = dt.datetime.fromisoformat(served["at"])
        duration_ms = max(0, int((now - shown_at).total_seconds() * 1000))
        if shown is None:
            shown = served.get("reviews")
    if shown is None:
        # Not answering a showing of this session (a form from elsewhere): it counts once
        # against the card as it is now.
        card = ReviewCard.objects.filter(student=request.user, question=question)
        shown = card.values_list("reps", flat=True).first() or 0
    spec = question.spec()
    try:
        grade = question.grade(answering.answer_from_form(spec, request.POST))
    except InvalidAnswer as error:
        # Refused as a quiz refuses it: nothing is logged, the question stays on screen.
        context = {
            "lesson": lesson,
            "error": str(error),
            "question": question,
            "layout": _layout(question, request.user.pk),
            "posted": request.POST,
            "item": None,
        }
        template = SESSION_TEMPLATE + ("#review-pane" if request.htmx else "")
        return render(request, template, context)
    reveal = {
        "question": question.pk,
        "prompt": question.prompt,
        "lesson_title": question.lesson.title,
        "normalised": grade.normalised,
        "feedback": answering.feedback(spec, grade, question.general_feedback).as_dict(),
        "duration_ms": duration_ms,
        "reviews_when_shown": shown,
        "rated": False,
    }
    prefs = StudentReviewSettings.for_student(request.user)
    if not prefs.self_rating:
        # A second answer to the same showing gets the first one's log: same feedback, no
        # second review.
        log = review_card_record_answer(
            student=request.user,
            question=question,
            grade=grade,
            time_taken_ms=duration_ms,
            at=now,
            source=ReviewSource.SESSION,
            reviews_when_shown=shown,
            prefs=prefs,
        )
        if log is None:  # counted already, with no log to show: move on
            request.session.pop(SERVED, None)
            return _after_post(request, lesson)
        reveal.update(_rated(log, now))
    request.session[REVEAL] = reveal
    request.session.pop(SERVED, None)
    return _after_post(request, lesson)


def _rated(log: ReviewLog, now) -> dict:
    return {
        "rated": True,
        "rating": log.get_rating_display(),
        "next_in": timeuntil(log.due_after, now),
        "leech": log.card.is_leech,
        "lapses": log.card.lapses,
    }


@require_POST
@login_required
def review_rate(request: HtmxHttpRequest):
    lesson = _focus_lesson(request)
    reveal = request.session.get(REVEAL)
    if not reveal or reveal["rated"]:
        return _after_post(request, lesson)
    rating = ReviewRatingForm(request.POST)
    if not rating.is_valid():
        error = " ".join(rating.errors["rating"])
        if request.htmx:
            return _show_pane(request, lesson, error=error)
        messages.error(request, error)
        return redirect(_session_url(lesson))
    try:
        question = _reviewable_question(request, reveal["question"])
    except Http404:
        # The question was deleted meanwhile: drop the answer rather than get stuck on it.
        request.session.pop(REVEAL, None)
        return _after_post(request, lesson)
    now = timezone.now()
    shown = reveal["feedback"]
    grade = Grade(mark=shown["mark"], normalised=shown["normalised"], typo=shown["typo"])
    # Rated twice at once (a double click), the card is reviewed once: the second rating finds
    # it reviewed since the showing and writes nothing.
    log = review_card_record_answer(
        student=request.user,
        question=question,
        grade=grade,
        time_taken_ms=reveal["duration_ms"],
        at=now,
        source=ReviewSource.SESSION,
        rating=rating.cleaned_data["rating"],
        reviews_when_shown=reveal.get("reviews_when_shown"),
    )
    if log is not None and log.card.is_leech:
        messages.warning(request, "That card keeps slipping away: it is flagged as a leech.")
    request.session.pop(REVEAL, None)
    return _after_post(request, lesson)


@require_POST
@login_required
def review_continue(request: HtmxHttpRequest):
    reveal = request.session.get(REVEAL)
    if reveal and reveal["rated"]:
        request.session.pop(REVEAL, None)
    return _after_post(request, _focus_lesson(request))


# Where the course page's outline shows each lesson's status (lessons/_outline.html).
STATUS_SLOT = re.compile(r"<!--status:(\d+)-->")
# The outline is the same for every user who reads it alike: cached as long as the lesson
# page's sidebar, under a key that changes with whatever it shows.
OUTLINE_TIMEOUT = 7 * 24 * 3600


def _outline_with_statuses(course, lessons, states: dict, *, can_read: bool, can_teach: bool):
    """The course page's outline of ``lessons``, with each lesson's status from ``states``
    (none where it has no state). The outline's HTML is rendered once for every user who sees
    it alike, keyed by ``outline_version`` (titles, slugs, nesting) and the course's slug, with
    a slot per lesson for its status: a student's first view of the page fills in 18 statuses
    rather than rendering 18 nested lessons."""
    key = f"course-outline:{outline_version(lessons)}:{course.slug}:{can_read:d}:{can_teach:d}"
    html = cache.get(key)
    if html is None:
        context = {
            "nodes": outline(lessons),
            "course": course,
            "can_read": can_read,
            "can_teach": can_teach,
            "status_slots": True,
        }
        html = render_to_string("lessons/_outline.html", context)
        cache.set(key, html, OUTLINE_TIMEOUT)

    def status(slot) -> str:
        state = states.get(int(slot[1]))
        if state is None:
            return ""
        return state.badge

    return mark_safe(STATUS_SLOT.sub(status, html))


def _course_states(student, lessons, now, studied) -> dict[int, tuple]:
    """``lesson_states`` as plain values, each state's but its lesson (cheap to cache)."""
    states = lesson_states(student, lessons, now, studied=studied)
    names = [field.name for field in fields(LessonState)[1:]]
    return {pk: tuple(getattr(state, name) for name in names) for pk, state in states.items()}


@require_GET
def course_detail(request: HtmxHttpRequest, slug: str):
    """A course's outline; an enrolled student sees each lesson's progress beside it."""
    if role_of(request.user) == "student":
        course = published_course(request.user, slug)
        if course is None:
            raise Http404("No such course.")
    else:
        course = visible_course(request.user, slug=slug)
    # Each outline link needs the course's slug: the lessons are given the course, no query each.
    lessons = active_lessons({course.pk: course})
    study = [lesson for lesson in lessons if not lesson.is_reference]
    is_enrolled = course.is_enrolled(request.user)
    can_teach = course.is_taught_by(request.user)
    next_step = progress = None
    states = {}
    if is_enrolled:
        now = timezone.now()
        # A course the user sees and is enrolled in is one they study (studied_by): its
        # figures cover their cards of its active lessons' approved questions.
        studied = {course.pk} if course.can_read_lessons(request.user) else set()
        figures = cached_for_student(
            request.user,
            "course-states",
            lambda: _course_states(request.user, lessons, now, studied),
            course.pk,
            tuple((lesson.pk, lesson.course_id) for lesson in lessons),
        )
        progress = CourseProgress(course=course)
        for lesson in lessons:
            if lesson.pk in figures:  # a study lesson: reference lessons have no status
                states[lesson.pk] = LessonState(lesson, *figures[lesson.pk])
                progress.add(states[lesson.pk])
        # Reviews are served across the courses the student studies: their whole due queue.
        due = due_count(request.user, now)
        next_step = study_now(list(states.values()), due)
    context = {
        "study_now": next_step,
        "progress": progress,
        "course": course,
        "outline_html": _outline_with_statuses(
            course, lessons, states, can_read=can_teach or is_enrolled, can_teach=can_teach
        ),
        "lesson_count": len(study),
        "first_lesson": study[0] if study else None,
        "is_enrolled": is_enrolled,
        "can_teach": can_teach,
    }
    return render(request, "lessons/course_detail.html", context)


def _dashboard_regions(student, now) -> dict:
    """The dashboard's regions drawn from ``student``'s figures, as HTML, and the published
    courses among those they study (whose open quizzes the page lists). Cached as HTML: what the
    figures are is written once per change of them, not rebuilt from pickled objects per view."""
    figures = dashboard_figures(student, now)
    enrolled = [progress.course for progress in figures["courses"]]
    context = {"enrolled": enrolled, **figures}
    return {
        "head": render_to_string(DASHBOARD_TEMPLATE + "#figures-head", context),
        "body": render_to_string(DASHBOARD_TEMPLATE + "#figures-body", context),
        "published": [course for course in enrolled if course.published],
    }


@require_GET
@login_required
def dashboard(request: HtmxHttpRequest):
    """The student's courses and review progress, and the courses an instructor teaches."""
    now = timezone.now()
    figures = cached_for_student(
        request.user, "dashboard-html", lambda: _dashboard_regions(request.user, now)
    )
    # Quiz.objects.open_for_student's courses (published, enrolled in) are the published ones of
    # those studied, known already: no enrolment join, and no query when there are none.
    published = {course.pk: course for course in figures["published"]}
    # Only an instructor or an admin teaches: a student's empty queryset still cost a compile.
    teaching = Course.objects.taught_by(request.user) if is_instructor(request.user) else ()
    return render(
        request,
        DASHBOARD_TEMPLATE,
        {
            "figures": figures,
            "teaching": teaching,
            "open_quizzes": open_quizzes(published, now),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def review_settings(request: HtmxHttpRequest):
    instance = StudentReviewSettings.for_student(request.user)
    form = StudentReviewSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your review settings are saved.")
        return redirect("review_settings")
    return render(request, "review/studentreviewsettings_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def course_review(request: HtmxHttpRequest, slug: str):
    """An instructor's view of a course's review: scheduler settings and the leech list."""
    course = taught_course(
        request.user, "Only this course's instructors can see its review page.", slug=slug
    )
    form = CourseReviewSettingsForm(
        request.POST or None, instance=CourseReviewSettings.for_course(course)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Review settings saved; they apply from each card's next review.")
        return redirect("review_course", slug=course.slug)
    leeches = (
        ReviewCard.objects.for_course(course)
        .leeches()
        .select_related("student", "question__lesson")
        .order_by("-lapses", "question__lesson__order", "pk")
    )
    return render(
        request,
        "review/course_review.html",
        {"course": course, "form": form, "leeches": leeches, "leech_lapses": LEECH_LAPSES},
    )


# Exports ------------------------------------------------------------------------------------

PROGRESS_FIELDS = [
    "course",
    "lesson",
    "status",
    "approved_questions",
    "cards",
    "mean_retrievability",
    "min_stability_days",
    "desired_retention",
]
HISTORY_FIELDS = [
    "reviewed_at",
    "course",
    "lesson",
    "question_id",
    "question",
    "rating",
    "auto_rated",
    "source",
    "mark",
    "duration_ms",
    "retrievability_before",
    "stability_after",
    "due_after",
]


def _progress_rows(student) -> list[dict]:
    figures = dashboard_figures(student)
    return [
        {
            "course": state.lesson.course.title,
            "lesson": state.lesson.title,
            "status": state.status,
            "approved_questions": state.approved,
            "cards": state.cards,
            "mean_retrievability": state.mean_retrievability,
            "min_stability_days": state.min_stability,
            "desired_retention": state.desired_retention,
        }
        for state in figures["states"].values()
    ]


def _history_rows(student):
    logs = (
        ReviewLog.objects.for_student(student)
        .order_by("reviewed_at", "pk")
        .values_list(
            "reviewed_at",
            "card__question__lesson__course__title",
            "card__question__lesson__title",
            "card__question_id",
            "card__question__prompt",
            "rating",
            "auto_rated",
            "source",
            "mark",
            "duration_ms",
            "retrievability_before",
            "stability_after",
            "due_after",
        )
    )
    labels = dict(RatingChoice.choices)
    for row in logs.iterator(chunk_size=2000):
        record = dict(zip(HISTORY_FIELDS, row, strict=True))
        record["rating"] = labels[record["rating"]]
        record["reviewed_at"] = record["reviewed_at"].isoformat()
        record["due_after"] = record["due_after"].isoformat()
        yield record


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@login_required
def export_progress_csv(request: HtmxHttpRequest):
    rows = ([record[f] for f in PROGRESS_FIELDS] for record in _progress_rows(request.user))
    response = HttpResponse(
        "".join(csv_lines(PROGRESS_FIELDS, rows)), content_type="text/csv; charset=utf-8"
    )
    return _attachment(response, "tutor-progress.csv")


@require_GET
@login_required
def export_history_csv(request: HtmxHttpRequest):
    rows = ([record[f] for f in HISTORY_FIELDS] for record in _history_rows(request.user))
    return csv_response("tutor-review-history.csv", HISTORY_FIELDS, rows)


@require_GET
@login_required
def export_json(request: HtmxHttpRequest):
    payload = {
        "student": request.user.get_username(),
        "exported_at": timezone.now().isoformat(),
        "progress": _progress_rows(request.user),
        "history": list(_history_rows(request.user)),
    }
    response = HttpResponse(json.dumps(payload, indent=2), content_type="application/json")
    return _attachment(response, "tutor-progress.json")
