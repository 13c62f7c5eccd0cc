"""Requests sent at the same moment, over real HTTP to a live server with one thread per request
and one database connection each (SQLite on a file with its WAL, busy timeout and IMMEDIATE
transactions, or PostgreSQL): double clicks on review answers and ratings, quiz starts, quiz
answers and finishing, and document imports. Nothing is lost, nothing is counted twice, and no
request fails (no 5xx, no "database is locked") (issue 13)."""

import http.client
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django.utils.crypto import get_random_string

from lessons.models import Course, Lesson, LessonProgress
from quizzes.models import Attempt, Quiz, Response
from review.models import ReviewCard, ReviewLog, StudentReviewSettings
from tests.factories import (
    CourseFactory,
    EnrollmentFactory,
    InstructorFactory,
    LessonFactory,
    QuestionFactory,
    ReviewCardFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

STUDENTS = 6
COPIES = 4  # the same request sent this many times at once: a double (quadruple) click


class Visitor:
    """One browser: its own session and CSRF cookies, speaking HTTP to the live server."""

    def __init__(self, base_url: str, user=None):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.csrf = get_random_string(32)
        self.cookies = {settings.CSRF_COOKIE_NAME: self.csrf}
        if user is not None:
            client = Client()
            client.force_login(user)
            self.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[
                settings.SESSION_COOKIE_NAME
            ].value

    def request(self, method: str, path: str, data=None, htmx: bool = False):
        headers = {
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
            "X-CSRFToken": self.csrf,
        }
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if htmx:
            headers["HX-Request"] = "true"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            return response.status, response.read().decode()
        finally:
            connection.close()

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data=None, **kwargs):
        return self.request("POST", path, data or {}, **kwargs)


def at_once(calls):
    """Run every call in its own thread, released together; their results in order. The calls
    only speak HTTP: a thread of this process that queried the database would keep a
    connection open."""
    start = threading.Barrier(len(calls))

    def run(call):
        start.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def assert_no_server_error(results):
    failures = [(status, body[:2000]) for status, body in results if status >= 500]
    assert not failures, failures


def right_choice(question) -> int:
    return next(c.pk for c in question.ordered_choices() if c.weight >= 1)


@pytest.fixture
def site(live_server) -> str:
    """The live server's address, its socket taking a burst of connections: Django's test
    server queues 10 before refusing more, and a burst here opens dozens at once."""
    live_server.thread.httpd.socket.listen(128)
    return live_server.url


@pytest.fixture
def course(db):
    return CourseFactory(title="Rivers", slug="rivers")


@pytest.fixture
def questions(course):
    lesson = LessonFactory(course=course, title="Sources", slug="sources", order=1)
    return [QuestionFactory(lesson=lesson) for _ in range(3)]


@pytest.fixture
def students(course, questions):
    """Students enrolled in the course who have opened its lesson (so review has new questions
    for them) and have one card due."""
    now = timezone.now()
    people = []
    for number in range(STUDENTS):
        student = StudentFactory(username=f"s{number}")
        EnrollmentFactory(course=course, student=student)
        LessonProgress.record_open(student=student, lesson=questions[0].lesson, at=now)
        ReviewCardFactory(
            student=student, question=questions[0], due=now - timezone.timedelta(days=1)
        )
        people.append(student)
    return people


def _shown(page: str) -> dict:
    """The review form's hidden fields: the question on screen and its review count."""
    fields = dict(re.findall(r'name="(question|reviews)" value="(\d+)"', page))
    assert "question" in fields, page[:2000]
    return fields


def test_review_answers_sent_at_once_count_once(site, students, questions):
    visitors = [Visitor(site, student) for student in students]
    shown = []
    for visitor in visitors:
        status, page = visitor.get("/review/")
        assert status == 200
        shown.append(_shown(page))
    answer = {"answer": right_choice(questions[0])}

    results = at_once(
        [
            lambda visitor=visitor, fields=fields: visitor.post(
                "/review/answer/", fields | answer, htmx=True
            )
            for visitor, fields in zip(visitors, shown, strict=True)
            for _ in range(COPIES)
        ]
    )

    assert_no_server_error(results)
    assert all(status == 200 and "Rated" in body for status, body in results)
    for student in students:
        assert ReviewLog.objects.filter(student=student).count() == 1
        assert ReviewCard.objects.get(student=student).reps == 2


def test_review_ratings_sent_at_once_count_once(site, students, questions):
    StudentReviewSettings.objects.bulk_create(
        StudentReviewSettings(student=student, self_rating=True) for student in students
    )
    visitors = [Visitor(site, student) for student in students]
    for visitor in visitors:
        fields = _shown(visitor.get("/review/")[1])
        status, _ = visitor.post("/review/answer/", fields | {"answer": right_choice(questions[0])})
        assert status == 302
    assert not ReviewLog.objects.exists()

    results = at_once(
        [
            lambda visitor=visitor, rating=rating: visitor.post(
                "/review/rate/", {"rating": rating}, htmx=True
            )
            for visitor in visitors
            for rating in ["3", "4", "3", "2"][:COPIES]
        ]
    )

    assert_no_server_error(results)
    for student in students:
        assert ReviewLog.objects.filter(student=student).count() == 1
        assert ReviewCard.objects.get(student=student).reps == 2


def test_new_questions_answered_at_once_make_one_card_each(site, students, questions):
    """The first answer to a new question creates its card: sent several times at once, one."""
    ReviewCard.objects.all().delete()
    visitors = [Visitor(site, student) for student in students]
    shown = [_shown(visitor.get("/review/")[1]) for visitor in visitors]
    assert {fields["reviews"] for fields in shown} == {"0"}
    right = {str(question.pk): right_choice(question) for question in questions}

    results = at_once(
        [
            lambda visitor=visitor, fields=fields: visitor.post(
                "/review/answer/", fields | {"answer": right[fields["question"]]}, htmx=True
            )
            for visitor, fields in zip(visitors, shown, strict=True)
            for _ in range(COPIES)
        ]
    )

    assert_no_server_error(results)
    for student in students:
        assert ReviewCard.objects.filter(student=student).count() == 1
        assert ReviewLog.objects.filter(student=student).count() == 1


def test_quiz_starts_sent_at_once_open_one_attempt(site, course, students, questions):
    quiz = Quiz.practice_for(questions[0].lesson)
    visitors = [Visitor(site, student) for student in students]

    results = at_once(
        [
            lambda visitor=visitor: visitor.post(f"/quizzes/{quiz.pk}/start/")
            for visitor in visitors
            for _ in range(COPIES)
        ]
    )

    assert_no_server_error(results)
    assert all(status == 302 for status, _ in results)
    for student in students:
        assert Attempt.objects.filter(quiz=quiz, student=student).count() == 1


def test_quiz_answers_and_finishing_at_once_are_recorded_and_graded_once(
    site, course, students, questions
):
    quiz = Quiz.objects.create(course=course, title="Sources test", display="all")
    quiz.questions.set(questions)
    visitors = [Visitor(site, student) for student in students]
    for visitor in visitors:
        assert visitor.post(f"/quizzes/{quiz.pk}/start/")[0] == 302
    attempts = {a.student_id: a for a in Attempt.objects.filter(quiz=quiz)}
    right = {question.pk: right_choice(question) for question in questions}

    def answer(visitor, student, position):
        attempt = attempts[student.pk]
        question_id = attempt.question_ids[position - 1]
        return visitor.post(
            f"/attempts/{attempt.pk}/questions/{position}/",
            {f"q{question_id}-answer": right[question_id]},
            htmx=True,
        )

    # Every answer, each sent twice, all at once: each is recorded once, none is lost.
    results = at_once(
        [
            lambda visitor=visitor, student=student, position=position: answer(
                visitor, student, position
            )
            for visitor, student in zip(visitors, students, strict=True)
            for position in (1, 2, 3)
            for _ in range(2)
        ]
    )
    assert_no_server_error(results)
    assert Response.objects.count() == STUDENTS * len(questions)
    # Each answer reviewed its question's card once (made it, or reviewed the one due).
    assert ReviewLog.objects.filter(source="quiz").count() == STUDENTS * len(questions)

    # Finishing sent several times at once, with answers racing it: graded once, and the
    # score is exactly what was recorded.
    results = at_once(
        [
            *(
                lambda visitor=visitor, attempt=attempts[student.pk]: visitor.post(
                    f"/attempts/{attempt.pk}/finish/"
                )
                for visitor, student in zip(visitors, students, strict=True)
                for _ in range(COPIES)
            ),
            *(
                lambda visitor=visitor, student=student: answer(visitor, student, 1)
                for visitor, student in zip(visitors, students, strict=True)
            ),
        ]
    )
    assert_no_server_error(results)
    for attempt in Attempt.objects.filter(quiz=quiz):
        assert attempt.is_finished and attempt.score == 1.0
    assert Attempt.objects.filter(quiz=quiz).count() == STUDENTS
    assert Response.objects.count() == STUDENTS * len(questions)


DOCUMENT = """# Tides

## Causes

The Moon's gravity pulls the oceans into two bulges. The Sun adds a smaller pull.

## Effects

Tides shape estuaries and mud flats. Harbours were built where the tidal range was small.

## Records

The Bay of Fundy in Canada has the highest tides in the world, about sixteen metres.
"""


def test_one_import_confirmed_several_times_at_once_imports_once(site):
    instructor = InstructorFactory(username="teach")
    visitor = Visitor(site, instructor)
    status, page = visitor.post(
        "/import/", {"slug": "tides", "title": "", "format": "auto", "text": DOCUMENT}
    )
    assert status == 200, page[:2000]
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)

    results = at_once([lambda: visitor.post("/import/", {"token": token})] * COPIES)

    assert_no_server_error(results)
    assert all(status == 302 for status, _ in results), [s for s, _ in results]
    course = Course.objects.get(slug="tides")
    assert list(Lesson.objects.for_course(course).active().values_list("title", flat=True)) == [
        "Causes",
        "Effects",
        "Records",
    ]
    assert Lesson.objects.for_course(course).count() == 3
