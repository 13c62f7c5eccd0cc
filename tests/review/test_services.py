import datetime as dt

import fsrs
import pytest

from lessons.models import LessonProgress
from review.models import ReviewCard, ReviewLog, StudentReviewSettings
from review.services import DailyAllowance, daily_allowance, review_card_record_answer, review_next
from tests.factories import ReviewCardFactory, ReviewLogFactory

from .conftest import right_choice, wrong_choice

pytestmark = pytest.mark.django_db


def record(student, question, choice, at, time_ms=None, source="quiz"):
    return review_card_record_answer(
        student=student,
        question=question,
        grade=question.grade(choice),
        time_taken_ms=time_ms,
        at=at,
        source=source,
    )


def test_first_answer_creates_the_card_and_reviews_it(learner, course_questions, t0):
    question = course_questions[0]
    assert not ReviewCard.objects.exists()
    log = record(learner, question, right_choice(question), t0, time_ms=3000)
    card = ReviewCard.objects.get(student=learner, question=question)
    assert (card.reps, card.created_at, card.last_review) == (1, t0, t0)
    assert (log.card, log.rating, log.state_before, log.source) == (card, 3, 0, "quiz")
    assert log.duration_ms == 3000


def test_first_wrong_answer_rates_again(learner, course_questions, t0):
    question = course_questions[0]
    log = record(learner, question, wrong_choice(question), t0)
    assert log.rating == fsrs.Rating.Again
    assert log.card.due == t0 + dt.timedelta(minutes=1)  # the first learning step


def test_later_quiz_answers_count_only_when_due_or_wrong(learner, course_questions, t0):
    question = course_questions[0]
    record(learner, question, right_choice(question), t0)
    card = ReviewCard.objects.get()
    early = card.due - dt.timedelta(seconds=30)
    assert record(learner, question, right_choice(question), early) is None
    assert ReviewLog.objects.count() == 1
    wrong = record(learner, question, wrong_choice(question), early)
    assert wrong.rating == fsrs.Rating.Again and ReviewLog.objects.count() == 2
    card.refresh_from_db()
    on_time = record(learner, question, right_choice(question), card.due)
    assert on_time is not None and ReviewLog.objects.count() == 3


def test_session_answers_always_review(learner, course_questions, t0):
    question = course_questions[0]
    record(learner, question, right_choice(question), t0, source="session")
    log = record(
        learner, question, right_choice(question), t0 + dt.timedelta(seconds=5), source="session"
    )
    assert log is not None and ReviewCard.objects.get().reps == 2


def test_speed_is_judged_against_the_students_own_median(learner, course_questions, t0):
    card = ReviewCardFactory(student=learner, question=course_questions[3])
    for seconds in [8, 9, 10, 11, 12]:  # median 10 s
        ReviewLogFactory(card=card, duration_ms=seconds * 1000, reviewed_at=t0)
    q0, q1, q2 = course_questions[:3]
    assert record(learner, q0, right_choice(q0), t0, time_ms=4000).rating == fsrs.Rating.Easy
    assert record(learner, q1, right_choice(q1), t0, time_ms=25000).rating == fsrs.Rating.Hard
    assert record(learner, q2, right_choice(q2), t0, time_ms=10000).rating == fsrs.Rating.Good


def test_self_rating_overrides_the_automatic_rating(learner, course_questions, t0):
    question = course_questions[0]
    log = review_card_record_answer(
        student=learner,
        question=question,
        grade=question.grade(right_choice(question)),
        time_taken_ms=None,
        at=t0,
        source="session",
        rating=fsrs.Rating.Easy,
    )
    assert (log.rating, log.auto_rated) == (fsrs.Rating.Easy, False)


def test_queue_serves_most_overdue_first_across_lessons(learner, course_questions, t0):
    q = course_questions
    due = {
        q[0]: t0 - dt.timedelta(hours=1),
        q[2]: t0 - dt.timedelta(days=3),
        q[1]: t0 - dt.timedelta(days=1),
        q[3]: t0 + dt.timedelta(days=1),
    }
    for question, when in due.items():
        ReviewCardFactory(student=learner, question=question, due=when)
    served = []
    for _ in range(3):
        item = review_next(student=learner, now=t0)
        served.append(item.question)
        item.card.review(fsrs.Rating.Good, t0)
    assert served == [q[2], q[1], q[0]]  # lessons 2, 1, 1: mixed, most overdue first
    assert review_next(student=learner, now=t0).is_empty  # q[3] is not due yet


def test_queue_ignores_other_students_and_retired_questions(learner, course_questions, t0):
    from tests.factories import StudentFactory

    ReviewCardFactory(student=StudentFactory(), question=course_questions[0], due=t0)
    retired = course_questions[1]
    retired.status = "retired"
    retired.save()
    ReviewCardFactory(student=learner, question=retired, due=t0)
    assert review_next(student=learner, now=t0).is_empty


def test_daily_review_limit(learner, course_questions, t0):
    StudentReviewSettings.objects.create(student=learner, reviews_per_day=2)
    for question in course_questions:
        ReviewCardFactory(student=learner, question=question, due=t0 - dt.timedelta(days=1))
    for _ in range(2):
        item = review_next(student=learner, now=t0)
        item.card.review(fsrs.Rating.Good, t0)
    assert review_next(student=learner, now=t0).is_empty
    # Tomorrow the limit starts again.
    tomorrow = t0 + dt.timedelta(days=1)
    assert review_next(student=learner, now=tomorrow).card is not None


def test_daily_allowance_counts_todays_reviews_and_first_reviews_against_the_limits(
    learner, course_questions, t0
):
    cards = [ReviewCardFactory(student=learner, question=q) for q in course_questions[:3]]
    today = t0.replace(hour=0)
    for card, state_before, at in [
        (cards[0], 2, today),  # a repeat review at midnight counts
        (cards[1], 2, t0),
        (cards[2], 0, t0),  # a first review: a new card
        (cards[0], 2, today - dt.timedelta(seconds=1)),  # yesterday's: not today
    ]:
        ReviewLogFactory(card=card, state_before=state_before, reviewed_at=at)
    ReviewLogFactory(reviewed_at=t0)  # another student's
    # No settings of their own: the defaults (200 reviews, 20 new a day).
    assert daily_allowance(learner, t0) == DailyAllowance(reviews_left=198, new_left=19)
    prefs = StudentReviewSettings.objects.create(
        student=learner, reviews_per_day=3, new_cards_per_day=1
    )
    assert daily_allowance(learner, t0) == DailyAllowance(reviews_left=1, new_left=0)
    assert daily_allowance(learner, t0, prefs) == DailyAllowance(reviews_left=1, new_left=0)
    prefs.reviews_per_day = 1
    assert daily_allowance(learner, t0, prefs) == DailyAllowance(reviews_left=0, new_left=0)


def test_new_questions_come_from_opened_lessons_within_the_daily_limit(
    learner, course_questions, t0
):
    assert review_next(student=learner, now=t0).is_empty  # nothing opened yet
    lesson = course_questions[0].lesson
    LessonProgress.record_open(student=learner, lesson=lesson, at=t0)
    item = review_next(student=learner, now=t0)
    assert item.card is None and item.question == course_questions[0]
    StudentReviewSettings.objects.create(student=learner, new_cards_per_day=1)
    record(learner, item.question, right_choice(item.question), t0, source="session")
    # One new card today already: the lesson's second question waits until tomorrow.
    assert review_next(student=learner, now=t0 + dt.timedelta(seconds=1)).is_empty
    tomorrow = review_next(student=learner, now=t0 + dt.timedelta(days=1))
    assert tomorrow.question in {course_questions[0], course_questions[1]}


def test_practising_a_lesson_ignores_limits_and_reviews_early(learner, course_questions, t0):
    StudentReviewSettings.objects.create(student=learner, reviews_per_day=1, new_cards_per_day=0)
    lesson = course_questions[2].lesson
    card = ReviewCardFactory(
        student=learner, question=course_questions[2], due=t0 + dt.timedelta(days=4)
    )
    item = review_next(student=learner, now=t0, lesson=lesson)
    assert item.question == course_questions[3]  # the lesson's new question first
    record(learner, course_questions[3], right_choice(course_questions[3]), t0)
    ReviewCard.objects.filter(question=course_questions[3]).update(due=t0 + dt.timedelta(days=9))
    item = review_next(student=learner, now=t0, lesson=lesson)
    assert item.card == card and item.early
