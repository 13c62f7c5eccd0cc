"""seed_class: a deterministic simulated class written through the real grading and fsrs."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lessons.models import Enrollment, LessonProgress
from quizzes.models import Attempt, Question, Response
from results.services import simulated_students
from review.models import ReviewCard, ReviewDay, ReviewLog

pytestmark = pytest.mark.django_db

UNTIL = "2026-11-20"


def seed(course, *extra):
    out = StringIO()
    call_command(
        "seed_class",
        course.slug,
        "--students",
        "12",
        "--days",
        "6",
        "--until",
        UNTIL,
        *extra,
        stdout=out,
    )
    return out.getvalue()


def snapshot(course):
    """Everything the class did, by stable keys (usernames, question prompts), not by ids."""
    responses = Response.objects.filter(attempt__quiz__course=course).order_by(
        "attempt__student__username", "answered_at", "question__prompt"
    )
    logs = ReviewLog.objects.filter(card__question__lesson__course=course).order_by(
        "student__username", "reviewed_at", "card__question__prompt"
    )
    return (
        [
            (r.attempt.student.username, r.question.prompt, r.answer, r.mark, r.answered_at)
            for r in responses.select_related("attempt__student", "question")
        ],
        [
            (g.student.username, g.card.question.prompt, g.rating, g.due_after, g.source)
            for g in logs.select_related("student", "card__question")
        ],
        list(
            Attempt.objects.filter(quiz__course=course)
            .order_by("student__username", "started_at")
            .values_list("number", "score")
        ),
    )


def test_seed_class_enrols_students_who_read_practise_and_review(mixed_course):
    output = seed(mixed_course)

    students = simulated_students(mixed_course)
    assert students.count() == 12
    assert Enrollment.objects.filter(course=mixed_course, student__in=students).count() == 12
    assert LessonProgress.objects.filter(student__in=students).exists()
    assert Response.objects.filter(attempt__student__in=students).count() > 12
    assert ReviewLog.objects.filter(student__in=students, source="session").exists()
    assert "12 simulated students over 6 days" in output
    # Everything happened before the --until day.
    end = timezone.make_aware(dt.datetime(2026, 11, 20))
    assert not Response.objects.filter(answered_at__gte=end).exists()


def test_every_stored_mark_is_what_question_grade_gives(mixed_course):
    seed(mixed_course)

    responses = Response.objects.filter(attempt__quiz__course=mixed_course)
    questions = {q.pk: q for q in Question.objects.with_choices()}
    marks = {r.mark for r in responses}
    assert 0.0 in marks and 1.0 in marks  # some wrong, some right
    for response in responses:
        grade = questions[response.question_id].grade(response.answer)
        assert (response.mark, response.normalised_answer) == (grade.mark, grade.normalised)
    for attempt in Attempt.objects.filter(quiz__course=mixed_course).prefetch_related("responses"):
        marks = {r.question_id: r.mark for r in attempt.responses.all()}
        assert attempt.score == pytest.approx(sum(marks.values()) / len(attempt.question_ids))


def test_cards_hold_the_state_fsrs_left_after_their_last_log(mixed_course):
    seed(mixed_course)

    cards = ReviewCard.objects.filter(question__lesson__course=mixed_course)
    assert cards.exists()
    for card in cards.prefetch_related("logs"):
        logs = sorted(card.logs.all(), key=lambda g: (g.reviewed_at, g.pk))
        assert card.reps == len(logs)
        assert (card.due, card.stability) == (logs[-1].due_after, logs[-1].stability_after)
        assert card.lesson_id == card.question.lesson_id
    # Logs written in bulk are counted in the per-day rows the dashboard reads.
    students = simulated_students(mixed_course)
    counted = sum(ReviewDay.objects.filter(student__in=students).values_list("reviews", flat=True))
    assert counted == ReviewLog.objects.filter(student__in=students).count()


def test_the_same_seed_gives_the_same_class(mixed_course):
    seed(mixed_course, "--seed", "7")
    first = snapshot(mixed_course)
    seed(mixed_course, "--seed", "7", "--replace")
    assert snapshot(mixed_course) == first
    seed(mixed_course, "--seed", "8", "--replace")
    assert snapshot(mixed_course) != first


def test_a_second_class_is_refused_unless_replaced_or_kept(mixed_course):
    seed(mixed_course)
    with pytest.raises(CommandError, match="already has 12 simulated students"):
        seed(mixed_course)
    assert "keeping its simulated class" in seed(mixed_course, "--keep")
    assert simulated_students(mixed_course).count() == 12


def test_bad_arguments_are_refused_with_a_message(mixed_course):
    with pytest.raises(CommandError, match="No course with slug 'nope'"):
        call_command("seed_class", "nope")
    with pytest.raises(CommandError, match="at least 1"):
        call_command("seed_class", mixed_course.slug, "--students", "0")
    assert not simulated_students(mixed_course).exists()
