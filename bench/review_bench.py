"""Times the next due card and the dashboard for students with 100, 10,000 and 100,000 cards.

Run from the repository root: `.venv/bin/python bench/review_bench.py`. It uses a temporary SQLite
file, or, when DATABASE_URL is set, a throwaway PostgreSQL database named test_<your database>
(created, migrated and dropped by the script). Prints the median of several runs per figure.
"""

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tutor.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")
TEMP_DIR = None
if not os.environ.get("DATABASE_URL"):
    TEMP_DIR = tempfile.TemporaryDirectory(prefix="tutor-review-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{TEMP_DIR.name}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from lessons.models import Course, Enrollment, Lesson, LessonProgress  # noqa: E402
from quizzes.models import Choice, Question  # noqa: E402
from review.models import ReviewCard, ReviewDay, ReviewLog  # noqa: E402
from review.services import review_next  # noqa: E402

SIZES = [100, 10_000, 100_000]
LESSONS = 50
RUNS = 7
BATCH = 5000


def build_database():
    """Migrate a fresh database: a temporary SQLite file, or test_<name> on PostgreSQL."""
    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
        return None
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return old_name


def seed(now):
    rng = random.Random(6)
    course = Course.objects.create(title="Bench course", slug="bench", published=True)
    lessons = Lesson.objects.bulk_create(
        Lesson(course=course, title=f"Lesson {i}", slug=f"lesson-{i}", order=i)
        for i in range(1, LESSONS + 1)
    )
    total = max(SIZES)
    questions = Question.objects.bulk_create(
        (
            Question(
                lesson=lessons[i % LESSONS],
                type="single_choice",
                prompt=f"Question {i}?",
                status="approved",
                order=i,
            )
            for i in range(total)
        ),
        batch_size=BATCH,
    )
    Choice.objects.bulk_create(
        (
            Choice(question=q, text=text, weight=weight, order=order)
            for q in questions
            for order, (text, weight) in enumerate([("Right", 1.0), ("Wrong", 0.0), ("No", 0.0)])
        ),
        batch_size=BATCH,
    )
    students = {}
    User = get_user_model()
    for size in SIZES:
        student = User.objects.create_user(username=f"student{size}", password="bench-pass-123")
        Enrollment.objects.create(course=course, student=student)
        LessonProgress.objects.bulk_create(
            LessonProgress(
                student=student, lesson=lesson, first_opened_at=now, last_opened_at=now, read_at=now
            )
            for lesson in lessons
        )
        cards = []
        for question in questions[:size]:
            stability = rng.uniform(0.5, 120)
            last_review = now - dt.timedelta(days=rng.uniform(1, 150))
            due = last_review + dt.timedelta(days=stability * rng.uniform(0.8, 1.2))
            cards.append(
                ReviewCard(
                    student=student,
                    question=question,
                    lesson_id=question.lesson_id,
                    due=due,
                    stability=stability,
                    difficulty=rng.uniform(1, 10),
                    state=2,
                    step=None,
                    last_review=last_review,
                    reps=rng.randint(1, 12),
                    lapses=rng.randint(0, 9),
                    created_at=last_review,
                )
            )
        for card in cards:
            card.is_leech = card.lapses >= 8
        cards = ReviewCard.objects.bulk_create(cards, batch_size=BATCH)
        ReviewLog.objects.bulk_create(
            (
                ReviewLog(
                    card=card,
                    student=student,
                    rating=rng.choice([1, 2, 3, 3, 3, 4]),
                    reviewed_at=card.last_review,
                    duration_ms=rng.randint(2000, 20000),
                    state_before=2,
                    due_after=card.due,
                    source="session",
                )
                for card in cards
            ),
            batch_size=BATCH,
        )
        students[size] = student
    # bulk_create skips ReviewLog.save, which keeps the per-day counts in step.
    ReviewDay.objects.rebuild(list(students.values()))
    return students


def median_ms(action, runs=RUNS):
    action()  # warm caches and connections once
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main():
    setup_test_environment()
    old_name = build_database()
    try:
        now = timezone.now()
        started = time.perf_counter()
        students = seed(now)
        with connection.cursor() as cursor:
            # Fresh statistics and visibility maps, as autovacuum (PostgreSQL) or a long-lived
            # database would have.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        print(f"database: {connection.vendor}; seeded in {time.perf_counter() - started:.1f} s")
        headings = ["next card (ms)", "review page (ms)", "dashboard (ms)", "dashboard queries"]
        print(f"{'cards':>8}  " + "  ".join(f"{h:>17}" for h in headings))
        results = {}
        for size, student in students.items():
            client = Client()
            client.force_login(student)

            def next_card(student=student):
                item = review_next(student=student, now=timezone.now())
                assert item.card is not None
                list(item.question.choices.all())

            def review_page(client=client):
                assert client.get(reverse("review_session")).status_code == 200

            def dashboard(client=client):
                assert client.get(reverse("dashboard")).status_code == 200

            row = (median_ms(next_card), median_ms(review_page), median_ms(dashboard, runs=5))
            results[size] = row
            with CaptureQueriesContext(connection) as dashboard_queries:
                dashboard()
            print(
                f"{size:>8}  "
                + "  ".join(f"{value:>17.2f}" for value in row)
                + f"  {len(dashboard_queries):>17}"
            )
        small, large = results[min(SIZES)], results[max(SIZES)]
        print(
            "ratio 100,000 / 100 cards: "
            f"next card {large[0] / small[0]:.2f}x, review page {large[1] / small[1]:.2f}x, "
            f"dashboard {large[2] / small[2]:.2f}x (goal: within 3x)"
        )
    finally:
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
