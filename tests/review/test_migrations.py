"""Migrations 0002, 0003 and 0005 fill each card's lesson, the per-day counts of existing logs
and each card's latest rating."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db(transaction=True)
def test_cards_get_their_lesson_and_old_logs_are_counted_per_day():
    before = [
        ("review", "0001_initial"),
        ("lessons", "0003_lesson_level_hash_archive"),
        ("quizzes", "0002_question_exchange_fields"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    User = old.get_model("auth", "User")
    Course, Lesson = old.get_model("lessons", "Course"), old.get_model("lessons", "Lesson")
    Question = old.get_model("quizzes", "Question")
    ReviewCard, ReviewLog = (
        old.get_model("review", "ReviewCard"),
        old.get_model("review", "ReviewLog"),
    )
    student = User.objects.create(username="old-student")
    course = Course.objects.create(title="Old", slug="old")
    lessons = [
        Lesson.objects.create(course=course, title=f"L{i}", slug=f"l{i}", order=i, content_hash="")
        for i in (1, 2)
    ]
    at = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    cards = []
    for lesson in lessons:
        question = Question.objects.create(lesson=lesson, type="single_choice", prompt="Q?")
        cards.append(ReviewCard.objects.create(student=student, question=question, due=at))
    for days_ago, rating, state_before in [(0, 3, 2), (0, 1, 2), (0, 3, 0), (3, 4, 2)]:
        ReviewLog.objects.create(
            card=cards[0],
            student=student,
            rating=rating,
            state_before=state_before,
            reviewed_at=at - dt.timedelta(days=days_ago),
            due_after=at,
            source="session",
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from review.models import ReviewCard as Card
    from review.models import ReviewDay

    assert sorted(Card.objects.values_list("lesson__slug", flat=True)) == ["l1", "l2"]
    # 0005: each card's latest rating, from its newest log (the last of three at the same time).
    assert dict(Card.objects.values_list("lesson__slug", "last_rating")) == {"l1": 3, "l2": None}
    assert list(
        ReviewDay.objects.values_list("day", "reviews", "retention_reviews", "retention_passed")
    ) == [(dt.date(2026, 2, 27), 1, 1, 1), (dt.date(2026, 3, 2), 3, 2, 1)]
