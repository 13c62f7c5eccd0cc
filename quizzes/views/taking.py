"""Pages for sitting a quiz: start, answer (one at a time or all at once), submit, results."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from accounts.roles import is_instructor
from lessons.access import readable_course
from lessons.models import Course, Lesson
from tutor.http import HtmxHttpRequest

from .. import grading
from ..answering import (
    Feedback,
    QuestionLayout,
    answer_from_form,
    chosen_keys,
    feedback,
    question_layout,
)
from ..models import Attempt, Display, Question, QuestionVersion, Quiz, Response, Selection
from ..services import AttemptClosed, QuizUnavailable, attempt_start, attempt_submit
from ..services import response_record as record


@dataclass
class Slot:
    """One question of an attempt as the page shows it."""

    position: int
    question: Question
    layout: QuestionLayout
    response: Response | None = None
    reveal: bool = False
    verdict: Feedback | None = None
    chosen: set[str] = field(default_factory=set)
    error: str = ""

    @property
    def prefix(self) -> str:
        return f"q{self.question.pk}-"


def _quiz_for(request: HtmxHttpRequest, pk: int) -> Quiz:
    quiz = get_object_or_404(
        Quiz.objects.select_related("course", "lesson").filter(
            course__in=Course.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    if not quiz.can_take(request.user):
        if not quiz.published or quiz.of_archived_lesson:
            raise Http404("No such quiz.")
        raise PermissionDenied("Enrol in this course to take its quizzes.")
    return quiz


def _own_attempt(request: HtmxHttpRequest, pk: int) -> Attempt:
    # Another student's attempt is a 404: its existence is nobody else's business. So is one in
    # a course the student may no longer study (unpublished) or of a lesson archived since.
    student = not request.user.is_staff and not is_instructor(request.user)
    if student:
        attempt = Attempt.of_student(pk, request.user)
        if attempt is None:
            raise Http404("No such attempt.")
    else:
        attempt = get_object_or_404(
            Attempt.objects.select_related("quiz__course", "quiz__lesson").in_courses_readable_by(
                request.user
            ),
            pk=pk,
            student=request.user,
        )
    if attempt.quiz.of_archived_lesson and not attempt.quiz.course.is_taught_by(request.user):
        raise Http404("This lesson was removed from the course.")
    attempt.student = request.user  # recording an answer needs the student: no query for it
    if student:
        # A student reads only the courses they are enrolled in: recording asks, no query.
        attempt.quiz.course.found_enrolled(request.user)
    return attempt


def _slots(
    attempt: Attempt,
    questions: list[Question],
    error_for: dict | None = None,
    responses: dict[int, Response] | None = None,
):
    """Build every slot with a constant number of queries, whatever the question count.

    ``responses`` (by question id) are the attempt's responses to ``questions`` when the caller
    already holds them, e.g. the one it just recorded."""
    current = {q.pk: q.version for q in questions}
    if responses is None:
        responses = {r.question_id: r for r in attempt.responses.filter(question_id__in=current)}
    stale = {
        (r.question_id, r.question_version)
        for r in responses.values()
        if r.question_version != current.get(r.question_id)
    }
    snapshots = {}
    if stale:
        versions = QuestionVersion.objects.filter(question_id__in={qid for qid, _ in stale})
        snapshots = {(v.question_id, v.number): v for v in versions}
    reveal = attempt.quiz.shows_immediate_feedback or attempt.is_finished
    slots = []
    for position, question in enumerate(questions, start=1):
        response = responses.get(question.pk)
        spec, general = question.spec(), question.general_feedback
        if response and (question.pk, response.question_version) in snapshots:
            # The question was edited after this answer: show it as the student saw it.
            version = snapshots[(question.pk, response.question_version)]
            spec, general = version.spec(), version.snapshot.get("general_feedback", "")
        slot = Slot(
            position=position,
            question=question,
            layout=question_layout(spec, attempt.choice_seed(question.pk)),
            response=response,
            error=(error_for or {}).get(question.pk, ""),
        )
        if response:
            slot.chosen = chosen_keys(response.answer)
            slot.reveal = reveal
            if reveal:
                try:
                    grade = grading.grade(spec, response.answer)
                except grading.InvalidAnswer:
                    grade = grading.Grade(mark=0.0, normalised="")
                # The stored mark stands even if the question was regraded since.
                grade.mark, grade.typo = response.mark, response.typo
                slot.verdict = feedback(spec, grade, general)
        slots.append(slot)
    return slots


def _finish_if_expired(attempt: Attempt, request: HtmxHttpRequest) -> bool:
    if not attempt.is_finished and attempt.is_past_deadline(timezone.now()):
        attempt_submit(attempt=attempt, at=timezone.now())
        attempt.refresh_from_db()
        messages.info(
            request, f"{attempt.ended_because} Your attempt was submitted with the answers given."
        )
        return True
    return attempt.is_finished


@require_GET
@login_required
def lesson_practice(request: HtmxHttpRequest, course_slug: str, slug: str):
    course = readable_course(
        request.user, "Enrol in this course to practice its lessons.", slug=course_slug
    )
    lesson = get_object_or_404(Lesson.objects.select_related("course"), course=course, slug=slug)
    if lesson.archived and not course.is_taught_by(request.user):
        raise Http404("This lesson was removed from the course.")
    return redirect(Quiz.practice_for(lesson))


@require_GET
@login_required
def quiz_detail(request: HtmxHttpRequest, pk: int):
    quiz = _quiz_for(request, pk)
    now = timezone.now()
    attempts = list(Attempt.objects.filter(quiz=quiz).for_student(request.user).order_by("number"))
    finished = [a for a in attempts if a.is_finished]
    if quiz.selection == Selection.RANDOM and not quiz.is_practice:
        question_count = quiz.draw_count
    else:
        question_count = len(quiz.draw_question_ids(0))
    context = {
        "quiz": quiz,
        "course": quiz.course,
        "attempts": attempts,
        "in_progress": next((a for a in attempts if not a.is_finished), None),
        "kept_score": quiz.kept_score_for(request.user) if finished else None,
        "attempts_left": (
            None if quiz.attempts_allowed is None else max(quiz.attempts_allowed - len(attempts), 0)
        ),
        "is_open": quiz.is_open(now),
        "question_count": question_count,
        "can_teach": quiz.course.is_taught_by(request.user),
    }
    return render(request, "quizzes/quiz_detail.html", context)


@require_POST
@login_required
def quiz_start(request: HtmxHttpRequest, pk: int):
    quiz = _quiz_for(request, pk)
    try:
        attempt = attempt_start(
            quiz=quiz,
            student=request.user,
            at=timezone.now(),
            preview=quiz.course.is_taught_by(request.user),
        )
    except QuizUnavailable as error:
        messages.error(request, str(error))
        return redirect(quiz)
    return redirect(attempt)


@require_GET
@login_required
def attempt_detail(request: HtmxHttpRequest, pk: int):
    attempt = _own_attempt(request, pk)
    questions = attempt.questions()
    if _finish_if_expired(attempt, request):
        slots = _slots(attempt, questions)
        context = {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "slots": slots,
            "to_review": [s for s in slots if not (s.response and s.response.correct)],
            "kept_score": attempt.quiz.kept_score_for(request.user),
        }
        return render(request, "quizzes/attempt_result.html", context)
    if attempt.quiz.display == Display.ONE_AT_A_TIME:
        answered = set(attempt.responses.values_list("question_id", flat=True))
        position = next(
            (i for i, q in enumerate(questions, start=1) if q.pk not in answered), len(questions)
        )
        return redirect("attempt_question", pk=attempt.pk, position=max(position, 1))
    context = {"attempt": attempt, "quiz": attempt.quiz, "slots": _slots(attempt, questions)}
    return render(request, "quizzes/attempt_all.html", context)


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
@login_required
def attempt_question(request: HtmxHttpRequest, pk: int, position: int):
    """One question of an attempt; POST records its answer (the no-JS and the htmx path)."""
    attempt = _own_attempt(request, pk)
    if _finish_if_expired(attempt, request):
        if request.htmx:
            return HttpResponseClientRedirect(attempt.get_absolute_url())
        return redirect(attempt)
    if not 1 <= position <= len(attempt.question_ids):
        raise Http404("No such question in this attempt.")
    question = Question.with_choices_by_pk(attempt.question_ids[position - 1])
    if question is None:
        raise Http404("This question was deleted.")
    errors = {}
    responses = None
    if request.method == "POST":
        try:
            answer = answer_from_form(question.spec(), request.POST, f"q{question.pk}-")
            response = record(attempt=attempt, question=question, answer=answer, at=timezone.now())
            responses = {question.pk: response}
        except grading.InvalidAnswer as error:
            errors[question.pk] = str(error)
        except AttemptClosed as error:
            attempt_submit(attempt=attempt, at=timezone.now())
            messages.info(request, str(error))
            if request.htmx:
                return HttpResponseClientRedirect(attempt.get_absolute_url())
            return redirect(attempt)
        if not errors and not request.htmx:
            if attempt.quiz.display == Display.ALL_AT_ONCE:
                return redirect(f"{attempt.get_absolute_url()}#q{position}")
            return redirect("attempt_question", pk=attempt.pk, position=position)
    slot = _slots(attempt, [question], errors, responses)[0]
    slot.position = position
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "slot": slot,
        "total": len(attempt.question_ids),
        "standalone": attempt.quiz.display == Display.ONE_AT_A_TIME,
    }
    template = "quizzes/attempt_question.html"
    if request.htmx:
        template = "quizzes/_question_card.html"
    return render(request, template, context)


FINISH_GRACE = dt.timedelta(seconds=10)


@require_POST
@login_required
def attempt_finish(request: HtmxHttpRequest, pk: int):
    """Submit the attempt; on the all-at-once page this first records every answer given."""
    attempt = _own_attempt(request, pk)
    now = timezone.now()
    # The page's countdown sends the answers on screen when time is up; they may arrive a
    # moment late, and still count, as given at the deadline.
    if not attempt.is_finished and not attempt.is_past_deadline(now - FINISH_GRACE):
        at = min(now, attempt.ends_at) if attempt.ends_at else now
        answered = set(attempt.responses.values_list("question_id", flat=True))
        for question in attempt.questions():
            if question.pk in answered:
                continue
            try:
                answer = answer_from_form(question.spec(), request.POST, f"q{question.pk}-")
                record(attempt=attempt, question=question, answer=answer, at=at)
            except grading.InvalidAnswer:
                continue  # Left blank or unreadable: it scores 0 like any unanswered question.
    attempt = attempt_submit(attempt=attempt, at=now)
    messages.success(request, f"Submitted. Your score: {attempt.score:.0%}.")
    return redirect(attempt)
