"""The simulated class bench/load.py serves: one published course, its students and their history.

Run by bench/load.py in a child process (`python bench/serving/data.py MANIFEST STUDENTS SEED`)
with DATABASE_URL naming an empty database; it migrates it, writes the rows with bulk_create
and writes MANIFEST (JSON): who the students are, their session keys, the course's lessons and
questions, and the quiz answered in the load.

Per student, on average: 100 quiz responses (practice attempts over 14 lessons), 50 review
cards with 2 logs each, 15 lessons opened. The course is the demo document, 14 lessons of it or
more, with 200 approved single-choice questions (three choices each) spread over them.
"""

import datetime as dt
import json
import os
import random
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.serving.settings")

RESPONSES_PER_STUDENT = 100
CARDS_PER_STUDENT = 50
QUESTIONS = 200
PASSWORD = "bench-load-password"
BATCH = 2000


def build(manifest_path: Path, students: int, seed: int) -> None:
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone

    from lessons.models import Enrollment, Lesson, LessonProgress
    from lessons.services import course_import
    from quizzes.models import Attempt, Choice, Question, Quiz, QuizItem, Response
    from review.models import CardState, ReviewCard, ReviewDay, ReviewLog, review_day

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    now = timezone.now()

    with transaction.atomic():
        text = (ROOT / "fixtures" / "military_alliances.txt").read_text()
        # No generation: its task would run in the server's worker during the measurement and
        # add questions midway; the data set's questions are the ones made below.
        course = course_import(
            slug="load", text=text, title="Military alliances", generate_questions=False
        ).course
        course.published = True
        course.save(update_fields=["published"])
        lessons = list(Lesson.objects.for_course(course).active().in_order())

        questions = []
        for index in range(QUESTIONS):
            lesson = lessons[index % len(lessons)]
            questions.append(
                Question(
                    lesson=lesson,
                    type="single_choice",
                    prompt=f"Which answer fits fact {index}?",
                    status="approved",
                    origin="authored",
                    order=index,
                    general_feedback="Each lesson states it in its opening paragraph.",
                )
            )
        Question.objects.bulk_create(questions, batch_size=BATCH)
        choices = []
        for question in questions:
            for order, (label, weight) in enumerate([("right", 1.0), ("wrong", 0.0), ("no", 0.0)]):
                choices.append(
                    Choice(
                        question=question,
                        order=order,
                        weight=weight,
                        text=f"The {label} answer to {question.pk}",
                    )
                )
        Choice.objects.bulk_create(choices, batch_size=BATCH)
        choice_ids: dict[int, list[int]] = {}
        for choice in choices:
            choice_ids.setdefault(choice.question_id, []).append(choice.pk)
        by_lesson: dict[int, list[Question]] = {}
        for question in questions:
            by_lesson.setdefault(question.lesson_id, []).append(question)

        # The quiz the closed loop answers: every question, one at a time, unlimited attempts.
        quiz = Quiz.objects.create(
            course=course,
            title="Whole course",
            display="one",
            feedback_timing="immediate",
            attempts_allowed=None,
        )
        QuizItem.objects.bulk_create(
            QuizItem(quiz=quiz, question=q, order=i) for i, q in enumerate(questions)
        )
        practice = {lesson.pk: Quiz.practice_for(lesson) for lesson in lessons}

    password = make_password(PASSWORD)  # one hash for all: hashing 2,000 would take minutes
    users = [
        User(username=f"student{i:05d}", password=password, date_joined=now - dt.timedelta(days=60))
        for i in range(students)
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    Enrollment.objects.bulk_create(
        (Enrollment(course=course, student=u) for u in users), batch_size=BATCH
    )

    # The bulk of the rows go in through executemany with ids given here: the ORM's bulk_create
    # spends minutes compiling SQL for half a million rows.
    def adapt(value):
        return (
            connection.ops.adapt_datetimefield_value(value)
            if isinstance(value, dt.datetime)
            else value
        )

    tables: dict[type, tuple[list[str], list[tuple]]] = {
        Attempt: (
            [
                "id",
                "quiz",
                "student",
                "number",
                "seed",
                "question_ids",
                "started_at",
                "submitted_at",
                "score",
            ],
            [],
        ),
        Response: (
            [
                "attempt",
                "question",
                "question_version",
                "answer",
                "normalised_answer",
                "mark",
                "time_taken_ms",
                "typo",
                "answered_at",
            ],
            [],
        ),
        ReviewCard: (
            [
                "id",
                "student",
                "question",
                "lesson",
                "due",
                "stability",
                "difficulty",
                "state",
                "step",
                "last_review",
                "reps",
                "lapses",
                "is_leech",
                "created_at",
            ],
            [],
        ),
        ReviewLog: (
            [
                "card",
                "student",
                "rating",
                "reviewed_at",
                "duration_ms",
                "state_before",
                "stability_after",
                "due_after",
                "source",
                "auto_rated",
            ],
            [],
        ),
        LessonProgress: (["student", "lesson", "first_opened_at", "last_opened_at"], []),
        Session: (["session_key", "session_data", "expire_date"], []),
        ReviewDay: (["student", "day", "reviews", "retention_reviews", "retention_passed"], []),
    }
    json_field = Attempt._meta.get_field("question_ids")

    def add(model, *values):
        tables[model][1].append(tuple(adapt(v) for v in values))

    attempt_id = card_id = 0
    manifest_students = []
    for user in users:
        studied = rng.sample(lessons, k=len(lessons))
        answered: list[Question] = []
        for lesson in studied:
            if len(answered) >= RESPONSES_PER_STUDENT:
                break
            lesson_questions = by_lesson.get(lesson.pk, [])[: RESPONSES_PER_STUDENT - len(answered)]
            if not lesson_questions:
                continue
            opened = now - dt.timedelta(days=rng.uniform(1, 45))
            add(LessonProgress, user.pk, lesson.pk, opened, opened)
            attempt_id += 1
            marks = []
            for question in lesson_questions:
                right = rng.random() < 0.75
                chosen = str(choice_ids[question.pk][0 if right else 1])
                marks.append(1.0 if right else 0.0)
                add(
                    Response,
                    attempt_id,
                    question.pk,
                    1,
                    json_field.get_db_prep_save(chosen, connection),
                    chosen,
                    marks[-1],
                    rng.randint(2000, 20000),
                    False,
                    opened,
                )
                answered.append(question)
            add(
                Attempt,
                attempt_id,
                practice[lesson.pk].pk,
                user.pk,
                1,
                rng.getrandbits(40),
                json_field.get_db_prep_save([q.pk for q in lesson_questions], connection),
                opened,
                opened + dt.timedelta(minutes=5),
                sum(marks) / len(marks),
            )
        days: dict[dt.date, list[int]] = {}
        for question in rng.sample(answered, k=min(CARDS_PER_STUDENT, len(answered))):
            card_id += 1
            stability = rng.uniform(0.5, 60)
            last = now - dt.timedelta(days=rng.uniform(0, 40))
            lapses = rng.choice([0, 0, 0, 1, 2, 9]) if rng.random() < 0.2 else 0
            due = last + dt.timedelta(days=stability * rng.uniform(0.5, 1.5))
            add(
                ReviewCard,
                card_id,
                user.pk,
                question.pk,
                question.lesson_id,
                due,
                stability,
                rng.uniform(2, 9),
                CardState.REVIEW,
                None,
                last,
                2,
                lapses,
                lapses >= 8,
                last - dt.timedelta(days=3),
            )
            for back, state_before in ((3, 0), (0, CardState.LEARNING)):
                reviewed = last - dt.timedelta(days=back)
                rating = rng.choice([1, 3, 3, 3, 4])
                add(
                    ReviewLog,
                    card_id,
                    user.pk,
                    rating,
                    reviewed,
                    rng.randint(2000, 9000),
                    state_before,
                    stability,
                    due,
                    "quiz" if back else "session",
                    True,
                )
                counts = days.setdefault(review_day(reviewed), [0, 0, 0])
                counts[0] += 1  # neither state counts for true retention (not yet Review)
        for day, (reviews, retention, passed) in days.items():
            add(ReviewDay, user.pk, day, reviews, retention, passed)
        session_key = secrets.token_hex(16)
        data = SessionStore().encode(
            {
                SESSION_KEY: str(user.pk),
                BACKEND_SESSION_KEY: "accounts.backends.RoleAwareBackend",
                HASH_SESSION_KEY: user.get_session_auth_hash(),
            }
        )
        add(Session, session_key, data, now + dt.timedelta(days=14))
        manifest_students.append([user.username, session_key])

    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for model, (fields, rows) in tables.items():
            columns = ", ".join(quote(model._meta.get_field(f).column) for f in fields)
            marks = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
            for start in range(0, len(rows), BATCH * 5):
                cursor.executemany(sql, rows[start : start + BATCH * 5])
        for sql in connection.ops.sequence_reset_sql(no_style(), [Attempt, ReviewCard]):
            cursor.execute(sql)
    counts = {model._meta.model_name: len(rows) for model, (_, rows) in tables.items()}

    manifest = {
        "students": manifest_students,
        "password": PASSWORD,
        "course": course.slug,
        "lessons": [lesson.slug for lesson in lessons],
        "lesson_ids": [lesson.pk for lesson in lessons],
        "quiz": quiz.pk,
        "quiz_questions": len(questions),
        # In the quiz's order (a hand-picked quiz asks them so): question, right choice, others.
        "quiz_items": [[q.pk, choice_ids[q.pk]] for q in questions],
        "counts": {
            "students": len(users),
            "lessons": len(lessons),
            "questions": len(questions),
            **counts,
        },
        "build_seconds": round(time.monotonic() - started, 1),
    }
    manifest_path.write_text(json.dumps(manifest))
    print(f"built {manifest['counts']} in {manifest['build_seconds']} s", file=sys.stderr)


if __name__ == "__main__":
    build(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
