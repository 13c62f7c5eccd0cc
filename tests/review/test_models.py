import datetime as dt

import fsrs
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from review.models import (
    CardState,
    CourseReviewSettings,
    ReviewCard,
    ReviewLog,
    StudentReviewSettings,
)
from review.services import review_card_record_answer
from tests.factories import QuestionFactory, ReviewCardFactory

from .conftest import right_choice, wrong_choice

pytestmark = pytest.mark.django_db


def answer(student, question, choice, at, source="session"):
    return review_card_record_answer(
        student=student,
        question=question,
        grade=question.grade(choice),
        time_taken_ms=None,
        at=at,
        source=source,
    )


def test_review_writes_fsrs_card_back_to_columns_and_logs(student, t0):
    card = ReviewCardFactory(
        student=student,
        state=1,
        step=0,
        stability=None,
        difficulty=None,
        last_review=None,
        due=t0,
        reps=0,
    )
    log = card.review(fsrs.Rating.Good, t0, 4200, mark=1.0)
    expected, _ = fsrs.Scheduler(enable_fuzzing=False).review_card(
        fsrs.Card(card_id=1, due=t0), fsrs.Rating.Good, t0
    )
    card.refresh_from_db()
    assert (card.state, card.step, card.due, card.last_review) == (
        expected.state.value,
        expected.step,
        expected.due,
        t0,
    )
    assert card.stability == pytest.approx(expected.stability)
    assert card.difficulty == pytest.approx(expected.difficulty)
    assert card.reps == 1
    assert (log.rating, log.duration_ms, log.mark, log.state_before) == (3, 4200, 1.0, 0)
    assert log.retrievability_before is None
    assert log.due_after == card.due


def test_simulated_month_intervals_grow_then_a_lapse_relearns(student, course_questions, t0):
    question = course_questions[0]
    clock = t0
    answer(student, question, right_choice(question), clock)
    card = ReviewCard.objects.get(student=student, question=question)
    review_intervals = []
    while clock < t0 + dt.timedelta(days=30):
        clock = card.due  # the student comes back exactly when fsrs asks
        answer(student, question, right_choice(question), clock)
        card.refresh_from_db()
        if card.state == CardState.REVIEW:
            review_intervals.append(card.interval_days)
    assert len(review_intervals) >= 3
    assert review_intervals == sorted(review_intervals)
    assert len(set(review_intervals)) == len(review_intervals), "each interval is longer"
    longest = review_intervals[-1]
    stability_before = card.stability

    clock = card.due
    log = answer(student, question, wrong_choice(question), clock)
    card.refresh_from_db()
    assert log.rating == fsrs.Rating.Again
    assert card.state == CardState.RELEARNING
    assert card.lapses == 1
    assert card.due - clock == dt.timedelta(minutes=10)  # the default relearning step
    assert card.stability < stability_before

    clock = card.due
    answer(student, question, right_choice(question), clock)
    card.refresh_from_db()
    assert card.state == CardState.REVIEW
    assert card.interval_days < longest
    assert ReviewLog.objects.filter(card=card).count() == card.reps


def test_retrievability_in_sql_matches_fsrs(student, t0):
    now = t0 + dt.timedelta(days=40, hours=5)
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    cards = [
        ReviewCardFactory(student=student, stability=stability, last_review=t0 + dt.timedelta(d))
        for stability, d in [(0.5, 0), (3.2, 10), (21.0, 1), (180.0, 39), (7.5, 40), (2.0, 41)]
    ]
    annotated = dict(
        ReviewCard.objects.filter(pk__in=[c.pk for c in cards])
        .with_retrievability(now)
        .values_list("pk", "retrievability")
    )
    for card in cards:
        expected = scheduler.get_card_retrievability(card.fsrs_card(), now)
        assert annotated[card.pk] == pytest.approx(expected, rel=1e-9), card.stability


def test_leech_after_eight_lapses(student, t0):
    card = ReviewCardFactory(
        student=student, lapses=7, last_review=t0, due=t0 + dt.timedelta(days=3)
    )
    card.review(fsrs.Rating.Again, t0 + dt.timedelta(days=3))
    card.refresh_from_db()
    assert card.lapses == 8 and card.is_leech


def test_course_scheduler_settings_are_used(student, course, course_questions, t0):
    CourseReviewSettings.objects.create(
        course=course,
        desired_retention=0.8,
        maximum_interval=5,
        learning_steps="",
        relearning_steps="30",
    )
    question = course_questions[0]
    answer(student, question, right_choice(question), t0)
    card = ReviewCard.objects.get(student=student, question=question)
    # No learning steps: straight to Review, capped at five days.
    assert card.state == CardState.REVIEW
    assert card.due - t0 <= dt.timedelta(days=5)
    scheduler = card.scheduler()
    assert scheduler.desired_retention == 0.8
    StudentReviewSettings.objects.create(student=student, desired_retention=0.95)
    assert card.scheduler().desired_retention == 0.95


@pytest.mark.parametrize(
    "field,value",
    [
        ("desired_retention", 0.5),
        ("desired_retention", 1.0),
        ("maximum_interval", 0),
        ("maximum_interval", 40000),
    ],
)
def test_course_settings_ranges_are_validated_and_constrained(course, field, value):
    settings_row = CourseReviewSettings(course=course, **{field: value})
    with pytest.raises(ValidationError):
        settings_row.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        settings_row.save()


@pytest.mark.parametrize("steps", ["ten", "0", "1, 99999", " ".join(["1"] * 11)])
def test_bad_learning_steps_are_rejected(course, steps):
    with pytest.raises(ValidationError):
        CourseReviewSettings(course=course, learning_steps=steps).full_clean()


@pytest.mark.parametrize(
    "field,value",
    [
        ("desired_retention", 0.6),
        ("reviews_per_day", 0),
        ("reviews_per_day", 9000),
        ("new_cards_per_day", 501),
    ],
)
def test_student_settings_ranges(student, field, value):
    row = StudentReviewSettings(student=student, **{field: value})
    with pytest.raises(ValidationError):
        row.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_one_card_per_student_and_question(student, t0):
    question = QuestionFactory()
    ReviewCardFactory(student=student, question=question)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewCardFactory(student=student, question=question)


def test_a_card_follows_its_question_to_another_lesson(student, course_questions, t0):
    question = course_questions[0]
    answer(student, question, right_choice(question), t0)
    card = ReviewCard.objects.get(student=student, question=question)
    assert card.lesson == question.lesson
    question.lesson = course_questions[2].lesson
    question.save()
    card.refresh_from_db()
    assert card.lesson == course_questions[2].lesson


def test_a_card_given_another_question_takes_that_question_s_lesson(student, course_questions):
    card = ReviewCardFactory(student=student, question=course_questions[0])
    card.question_id = course_questions[2].pk  # as the admin's raw id field does
    card.save()
    card.refresh_from_db()
    assert card.lesson == course_questions[2].lesson


def test_course_settings_and_student_retention_in_one_query(
    student, course_questions, django_assert_num_queries
):
    lesson_id = course_questions[0].lesson_id
    with django_assert_num_queries(1):
        settings, retention = CourseReviewSettings.for_lesson_and_student(lesson_id, student.pk)
    assert settings.pk is None and retention is None  # nobody configured anything: defaults
    assert (settings.desired_retention, settings.learning_steps) == (0.9, "1, 10")

    saved = CourseReviewSettings.objects.create(
        course=course_questions[0].lesson.course,
        desired_retention=0.8,
        maximum_interval=100,
        learning_steps="5",
        relearning_steps="",
    )
    StudentReviewSettings.objects.create(student=student, desired_retention=0.95)
    settings, retention = CourseReviewSettings.for_lesson_and_student(lesson_id, student.pk)
    expected = CourseReviewSettings.for_lesson(lesson_id)
    assert settings == saved
    assert [getattr(settings, f.attname) for f in CourseReviewSettings._meta.concrete_fields] == [
        getattr(expected, f.attname) for f in CourseReviewSettings._meta.concrete_fields
    ]
    assert retention == 0.95
    other = QuestionFactory().lesson_id  # another course, never configured
    assert CourseReviewSettings.for_lesson_and_student(other, student.pk)[0].pk is None


def test_a_card_is_read_with_its_columns_converted(student, django_assert_num_queries):
    card = ReviewCardFactory(student=student)
    expected = ReviewCard.objects.get(pk=card.pk)
    with transaction.atomic(), django_assert_num_queries(1):
        locked = ReviewCard.locked_for(student.pk, card.question_id)
    assert [getattr(locked, f.attname) for f in ReviewCard._meta.concrete_fields] == [
        getattr(expected, f.attname) for f in ReviewCard._meta.concrete_fields
    ]
    assert locked.due.tzinfo is not None
    assert ReviewCard.locked_for(student.pk, card.question_id + 1000) is None
