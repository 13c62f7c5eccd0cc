"""Times a student's quiz sitting over HTTP: start, answer every question (htmx), finish, review.

Run from the repository root: .venv/bin/python bench/quiz_pages.py [QUESTIONS]
It builds a throwaway test database (SQLite by default, or DATABASE_URL's server with a test_
prefix), so it never touches development data.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tutor.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402


def main(count: int) -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(count)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(count: int) -> None:
    from django.contrib.auth import get_user_model

    from lessons.models import Course, Lesson
    from quizzes.models import Attempt, Choice, Question, Quiz

    student = get_user_model().objects.create_user("bench-student", password="x")
    course = Course.objects.create(title="Bench", slug="bench", published=True)
    course.enrol(student)
    lesson = Lesson.objects.create(course=course, title="Bench lesson", slug="bench", order=1)
    for number in range(count):
        question = Question.objects.create(
            lesson=lesson,
            type="single_choice",
            prompt=f"Question {number}?",
            status="approved",
            order=number,
            general_feedback="Because.",
            source_sentence="A sentence.",
        )
        Choice.objects.bulk_create(
            Choice(question=question, order=i, text=f"Choice {i}", weight=1.0 if i == 0 else 0.0)
            for i in range(5)
        )
    quiz = Quiz.practice_for(lesson)
    client = Client()
    client.force_login(student)

    def timed(method, url, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = getattr(client, method)(url, **kwargs)
            elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code in {200, 302}, (url, response.status_code)
        return elapsed, len(queries)

    figures: dict[str, list[tuple[float, int]]] = {}
    figures["start attempt (POST)"] = [timed("post", reverse("quiz_start", args=[quiz.pk]))]
    attempt = Attempt.objects.get()
    questions = {q.pk: q for q in Question.objects.with_choices()}
    pages, answers = [], []
    for position, question_id in enumerate(attempt.question_ids, start=1):
        url = reverse("attempt_question", args=[attempt.pk, position])
        pages.append(timed("get", url))
        right = next(c.pk for c in questions[question_id].ordered_choices() if c.weight == 1)
        answers.append(
            timed(
                "post", url, data={f"q{question_id}-answer": right}, headers={"HX-Request": "true"}
            )
        )
    figures["question page (GET)"] = pages
    figures["answer + feedback partial (htmx POST)"] = answers
    figures["finish (POST)"] = [timed("post", reverse("attempt_finish", args=[attempt.pk]))]
    figures["result page with review (GET)"] = [timed("get", attempt.get_absolute_url())]

    print(f"Quiz sitting, {count} single-choice questions x 5 choices, {connection.vendor}")
    print(f"{'step':<40} {'n':>4} {'median ms':>10} {'max ms':>8} {'queries':>8}")
    for step, rows in figures.items():
        times = [ms for ms, _ in rows]
        queries = max(q for _, q in rows)
        print(
            f"{step:<40} {len(rows):>4} {statistics.median(times):>10.1f} {max(times):>8.1f} "
            f"{queries:>8}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
