"""ReviewDay: per-day review counts kept in step with the review logs."""

import datetime as dt

import fsrs
import pytest

from review.models import ReviewDay
from tests.factories import ReviewCardFactory, ReviewLogFactory, StudentFactory

pytestmark = pytest.mark.django_db


def rows(student):
    return list(
        ReviewDay.objects.for_student(student).values_list(
            "day", "reviews", "retention_reviews", "retention_passed"
        )
    )


def test_each_review_counts_in_its_day(student, t0):
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
    card.review(fsrs.Rating.Good, t0)  # first review: not a Review-state card
    card.review(fsrs.Rating.Good, t0 + dt.timedelta(minutes=10))
    card.refresh_from_db()
    assert card.state == 2
    later = t0 + dt.timedelta(days=3)
    card.review(fsrs.Rating.Again, later)  # a lapse: counted for retention, not passed
    card.refresh_from_db()
    card.review(fsrs.Rating.Good, later + dt.timedelta(minutes=20))  # relearning, not counted
    assert rows(student) == [(t0.date(), 2, 0, 0), (later.date(), 2, 1, 0)]


def test_rebuild_counts_bulk_written_logs_like_saving_them(student, t0):
    card = ReviewCardFactory(student=student)
    other = ReviewCardFactory(student=StudentFactory(username="other"))
    for days_ago, rating, state_before in [(0, 3, 2), (0, 1, 2), (1, 4, 2), (1, 3, 0), (9, 2, 3)]:
        ReviewLogFactory(
            card=card,
            rating=rating,
            state_before=state_before,
            reviewed_at=t0 - dt.timedelta(days=days_ago),
        )
    ReviewLogFactory(card=other, reviewed_at=t0)
    saved = rows(student)
    assert saved == [
        (t0.date() - dt.timedelta(days=9), 1, 0, 0),
        (t0.date() - dt.timedelta(days=1), 2, 1, 1),
        (t0.date(), 2, 2, 1),
    ]
    ReviewDay.objects.for_student(student).update(reviews=50)  # out of step
    ReviewDay.objects.rebuild([student])
    assert rows(student) == saved
    assert ReviewDay.objects.filter(reviews=1, day=t0.date()).count() == 1  # the other student's


def test_days_are_dates_in_the_site_time_zone(student, settings):
    settings.TIME_ZONE = "America/New_York"
    late_evening = dt.datetime(2026, 3, 3, 2, 30, tzinfo=dt.UTC)  # 21:30 on the 2nd in New York
    ReviewLogFactory(card=ReviewCardFactory(student=student), reviewed_at=late_evening)
    assert rows(student) == [(dt.date(2026, 3, 2), 1, 1, 1)]
