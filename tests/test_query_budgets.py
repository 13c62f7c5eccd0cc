"""Every page a student uses answers in a fixed number of queries, with many rows in play.

Each page is requested once over a small class and once over a large one (many lessons,
questions, cards, logs, attempts and other students); both must fit the same budget, so a
query per row shows up as a failure.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lessons.models import Enrollment, Lesson, LessonProgress
from quizzes.models import Attempt, Choice, Question, Quiz, QuizItem, Response
from review.models import ReviewCard, ReviewDay, ReviewLog, StudentReviewSettings
from tests.factories import CourseFactory, StudentFactory

pytestmark = pytest.mark.django_db

SIZES = {"small": (2, 2, 1), "large": (60, 5, 25)}  # lessons, questions per lesson, classmates


def _class(size: str):
    """A published course with ``size``'s lessons and questions; the student has opened every
    lesson, answered every question (attempts, cards, two logs each) and so have classmates."""
    lesson_count, per_lesson, classmates = SIZES[size]
    now = timezone.now()
    course = CourseFactory(slug="big", title="Big course")
    lessons = Lesson.objects.bulk_create(
        Lesson(
            course=course,
            title=f"Lesson {i}",
            slug=f"lesson-{i}",
            order=i + 1,
            body=f"Paragraph **{i}**.\n\n- a list\n- of items",
            level=1 + (i % 3 == 2),
        )
        for i in range(lesson_count)
    )
    for lesson in lessons[2::3]:  # every third lesson is a sub-lesson of the one before
        lesson.parent = lessons[lessons.index(lesson) - 1]
    Lesson.objects.bulk_update(lessons, ["parent"])
    questions = Question.objects.bulk_create(
        Question(
            lesson=lesson,
            type="single_choice",
            prompt=f"Q{lesson.pk}.{n}?",
            status="approved",
            order=n,
        )
        for lesson in lessons
        for n in range(per_lesson)
    )
    Choice.objects.bulk_create(
        Choice(question=q, text=text, weight=weight, order=i)
        for q in questions
        for i, (text, weight) in enumerate([("Yes", 1.0), ("No", 0.0)])
    )
    quiz = Quiz.objects.create(course=course, title="Everything", attempts_allowed=None)
    QuizItem.objects.bulk_create(
        QuizItem(quiz=quiz, question=q, order=i) for i, q in enumerate(questions)
    )
    student = StudentFactory(username="learner")
    students = [student] + [StudentFactory(username=f"mate{i}") for i in range(classmates)]
    for person in students:
        Enrollment.objects.create(course=course, student=person)
        LessonProgress.objects.bulk_create(
            LessonProgress(student=person, lesson=lesson, first_opened_at=now, last_opened_at=now)
            for lesson in lessons
        )
        for number, lesson in enumerate(lessons, start=1):
            practice = Quiz.practice_for(lesson)
            mine = [q for q in questions if q.lesson_id == lesson.pk]
            attempt = Attempt.objects.create(
                quiz=practice,
                student=person,
                number=1,
                seed=number,
                started_at=now,
                question_ids=[q.pk for q in mine],
                submitted_at=now,
                score=1.0,
            )
            Response.objects.bulk_create(
                Response(
                    attempt=attempt,
                    question=q,
                    question_version=1,
                    answer="x",
                    mark=1.0,
                    answered_at=now,
                )
                for q in mine
            )
        cards = ReviewCard.objects.bulk_create(
            ReviewCard(
                student=person,
                question=q,
                lesson_id=q.lesson_id,
                state=2,
                stability=5.0 + i % 40,
                difficulty=5.0,
                reps=2,
                lapses=i % 9,
                is_leech=i % 9 == 8,
                last_review=now - dt.timedelta(days=i % 20),
                due=now + dt.timedelta(hours=i * 7 - 100),
            )
            for i, q in enumerate(questions)
        )
        ReviewLog.objects.bulk_create(
            ReviewLog(
                card=card,
                student=person,
                rating=1 + i % 4,
                state_before=i % 3,
                reviewed_at=now - dt.timedelta(days=(i * back) % 150),
                due_after=card.due,
                source="session",
            )
            for i, card in enumerate(cards)
            for back in (1, 3)
        )
    ReviewDay.objects.rebuild(students)
    return course, lessons, quiz, student


# Queries each page may make, whatever the data, its first time (the course page and the
# dashboard are then cached until the student changes something): session and user with role
# included, and the writes' SAVEPOINT/RELEASE statements, since the test runs in a transaction.
BUDGETS = {
    "home": 5,
    "course page": 7,  # one counts the due reviews for Study now
    "lesson page": 7,  # one of them for the course outline beside the lesson (sidebar)
    "practice link": 5,
    "quiz page": 6,
    "quiz question": 5,
    "answer a quiz question": 19,
    "review page": 8,
    "review answer": 12,
    "review continue": 8,
    "dashboard": 15,
    "review settings": 3,
    "progress export": 15,
}


@pytest.mark.parametrize("size", SIZES)
def test_every_student_page_fits_its_query_budget(client_for, size, django_assert_max_num_queries):
    course, lessons, quiz, student = _class(size)
    client = client_for(student)
    lesson = lessons[len(lessons) // 2]

    def check(page, method, url, data=None, status=200, **headers):
        with django_assert_max_num_queries(BUDGETS[page], info=f"{page} ({size})"):
            response = getattr(client, method)(url, data, headers=headers)
        assert response.status_code == status, page
        return response

    check("home", "get", reverse("home"))
    page = check("course page", "get", course.get_absolute_url())
    assert "Lesson 0" in page.text and "status-practised" in page.text
    check("lesson page", "get", lesson.get_absolute_url())
    check(
        "practice link",
        "get",
        reverse("lesson_practice", args=[course.slug, lesson.slug]),
        status=302,
    )
    check("quiz page", "get", quiz.get_absolute_url())
    start = client.post(reverse("quiz_start", args=[quiz.pk]))
    attempt = Attempt.objects.get(quiz=quiz, student=student, submitted_at=None)
    assert start.url == attempt.get_absolute_url()
    question_url = reverse("attempt_question", args=[attempt.pk, 1])
    check("quiz question", "get", question_url)
    first = Question.objects.get(pk=attempt.question_ids[0])
    right = first.choices.get(weight=1.0)
    check(
        "answer a quiz question",
        "post",
        question_url,
        {f"q{first.pk}-answer": right.pk},
        HX_Request="true",
    )
    assert Response.objects.filter(attempt=attempt).count() == 1

    pane = check("review page", "get", reverse("review_session"))
    served = int(pane.text.split('name="question" value="')[1].split('"')[0])
    choice = Choice.objects.filter(question_id=served).first()
    logs = ReviewLog.objects.filter(student=student).count()
    check(
        "review answer",
        "post",
        reverse("review_answer"),
        {"question": served, "answer": choice.pk},
        HX_Request="true",
    )
    assert ReviewLog.objects.filter(student=student).count() == logs + 1
    check("review continue", "post", reverse("review_continue"), {}, HX_Request="true")
    check("dashboard", "get", reverse("dashboard"))
    check("review settings", "get", reverse("review_settings"))
    check("progress export", "get", reverse("review_export_progress_csv"))


# The rest of what a student reaches: the quiz's start, sitting and finish, marking a lesson
# read, practising one lesson, rating a card themselves, saving settings, the other exports,
# the account pages, and an instructor's page refused.
MORE_BUDGETS = {  # same rule as BUDGETS
    "mark read": 6,
    "enrol again": 4,
    "quiz start": 12,
    "attempt page": 6,
    "finish": 11,
    "attempt result": 7,
    "lesson review": 10,
    "self-rated answer": 6,
    "rate": 15,
    "save review settings": 13,
    "history export": 3,
    "json export": 14,
    "password change": 2,
    "course review refused": 3,
}


@pytest.mark.parametrize("size", SIZES)
def test_the_rest_of_the_student_pages_fit_their_query_budgets(
    client_for, size, django_assert_max_num_queries
):
    course, lessons, quiz, student = _class(size)
    client = client_for(student)
    lesson = lessons[len(lessons) // 2]

    def check(page, method, url, data=None, status=200, **headers):
        with django_assert_max_num_queries(MORE_BUDGETS[page], info=f"{page} ({size})"):
            response = getattr(client, method)(url, data, headers=headers)
            if response.streaming:  # an export's queries run as it streams
                response.body = b"".join(response.streaming_content)
        assert response.status_code == status, page
        return response

    check(
        "mark read",
        "post",
        reverse("lesson_mark_read", args=[course.slug, lesson.slug]),
        HX_Request="true",
    )
    assert LessonProgress.objects.get(student=student, lesson=lesson).read_at is not None
    check("enrol again", "post", reverse("course_enrol", args=[course.slug]), status=302)
    check("quiz start", "post", reverse("quiz_start", args=[quiz.pk]), status=302)
    attempt = Attempt.objects.get(quiz=quiz, student=student, submitted_at=None)
    check("attempt page", "get", attempt.get_absolute_url(), status=302)  # to its question
    check("finish", "post", reverse("attempt_finish", args=[attempt.pk]), status=302)
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None
    check("attempt result", "get", attempt.get_absolute_url())

    pane = check("lesson review", "get", f"{reverse('review_session')}?lesson={lesson.pk}")
    assert lesson.title in pane.text

    StudentReviewSettings.objects.create(student=student, self_rating=True)
    pane = client.get(reverse("review_session")).text
    served = int(pane.split('name="question" value="')[1].split('"')[0])
    choice = Choice.objects.filter(question_id=served).first()
    logs = ReviewLog.objects.filter(student=student).count()
    check(
        "self-rated answer",
        "post",
        reverse("review_answer"),
        {"question": served, "answer": choice.pk},
        HX_Request="true",
    )
    assert ReviewLog.objects.filter(student=student).count() == logs  # not rated yet
    check("rate", "post", reverse("review_rate"), {"rating": 3}, HX_Request="true")
    assert ReviewLog.objects.filter(student=student).count() == logs + 1
    settings = {"self_rating": "", "new_cards_per_day": 10, "reviews_per_day": 100}
    check("save review settings", "post", reverse("review_settings"), settings, status=302)
    assert not StudentReviewSettings.objects.get(student=student).self_rating

    history = check("history export", "get", reverse("review_export_history_csv"))
    assert len(history.body.splitlines()) == logs + 2  # the header and every log, the rated one too
    export = check("json export", "get", reverse("review_export_json"))
    assert len(export.json()["history"]) == logs + 1
    check("password change", "get", reverse("password_change"))
    check("course review refused", "get", reverse("review_course", args=[course.slug]), status=403)
