"""The course page's and the dashboard's figures are cached per student and recomputed as soon as
the student changes them: an answer, a lesson opened or read, an enrolment, their settings.
The dashboard caches its figures' HTML, so these tests read the page a student sees."""

import re

import pytest
from django.urls import reverse

from lessons.models import LessonProgress
from review.progress import FIGURES_TIMEOUT, progress_stamp
from tests.factories import CourseFactory, EnrollmentFactory, LessonFactory

from .conftest import right_choice

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("dashboard")


def _dashboard(client) -> str:
    return client.get(DASHBOARD).text


def _cards(page: str) -> int:
    """The dashboard's card count (its figures are shown once there is a card)."""
    found = re.search(r"of (\d+) cards?</span>", page)
    return int(found.group(1)) if found else 0


def _status(page: str, lesson) -> str:
    """A lesson's status in the dashboard's lesson list."""
    return re.search(rf'>{lesson.title}</a> <span class="status status-(\w+)">', page).group(1)


def _answer(client, question):
    client.get(reverse("review_session"))
    answer = {"question": question.pk, "answer": right_choice(question)}
    client.post(reverse("review_answer"), answer)


def test_a_second_dashboard_view_is_served_from_the_cache(
    client_for, learner, course_questions, django_assert_max_num_queries
):
    client = client_for(learner)
    _answer(client, course_questions[0])
    first = _dashboard(client)
    # Session, user, the stamp, the cached figures' page (open quizzes).
    with django_assert_max_num_queries(4):
        again = client.get(DASHBOARD)
    assert again.status_code == 200
    assert "figures" in again.context and "cards_total" not in again.context
    # The same page, but for the per-request tokens.
    assert _without_tokens(again.text) == _without_tokens(first)
    assert _cards(first) == 1 and "status-practised" in first
    assert FIGURES_TIMEOUT <= 300


def _without_tokens(page: str) -> str:
    return re.sub(r'(nonce="|X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]+', r"\1", page)


def test_an_answer_shows_on_the_dashboard_and_course_page_at_once(
    client_for, learner, course, course_questions
):
    client = client_for(learner)
    assert _cards(_dashboard(client)) == 0
    course_page = client.get(course.get_absolute_url()).text
    assert "status-practised" not in course_page
    _answer(client, course_questions[0])
    assert _cards(_dashboard(client)) == 1
    assert "status-practised" in client.get(course.get_absolute_url()).text


def test_opening_and_reading_a_lesson_show_at_once(client_for, learner, course, course_questions):
    client = client_for(learner)
    lesson = course_questions[0].lesson
    assert _status(_dashboard(client), lesson) == "not_started"
    client.get(lesson.get_absolute_url())
    assert _status(_dashboard(client), lesson) == "read"
    before = progress_stamp(learner)
    client.post(reverse("lesson_mark_read", args=[lesson.course.slug, lesson.slug]))
    assert LessonProgress.objects.get(student=learner, lesson=lesson).read_at is not None
    assert progress_stamp(learner) != before


def test_enrolling_and_settings_show_at_once(client_for, learner, course, course_questions):
    client = client_for(learner)
    _answer(client, course_questions[0])  # the figures, desired retention among them, show
    other = CourseFactory(title="Another", slug="another")
    assert f">{course.title}</a>" in _dashboard(client)
    assert f">{other.title}</a>" not in _dashboard(client)
    LessonFactory(course=other)
    client.post(reverse("course_enrol", args=[other.slug]))
    page = _dashboard(client)
    assert f">{course.title}</a>" in page and f">{other.title}</a>" in page
    assert 'data-figure="desired">90%<' in _dashboard(client)
    client.post(
        reverse("review_settings"),
        {"new_cards_per_day": 20, "reviews_per_day": 200, "desired_retention": "0.85"},
    )
    assert 'data-figure="desired">85%<' in _dashboard(client)


def test_each_student_has_their_own_figures(client_for, learner, course, course_questions):
    other = EnrollmentFactory(course=course).student
    client = client_for(learner)
    _answer(client, course_questions[0])
    assert _cards(_dashboard(client)) == 1
    assert _cards(_dashboard(client_for(other))) == 0


def test_the_course_outline_is_shared_but_each_student_sees_their_own_statuses(
    client_for, learner, instructor, course, course_questions
):
    lesson = course_questions[0].lesson
    course.instructors.add(instructor)
    classmate = EnrollmentFactory(course=course).student
    client_for(learner).get(lesson.get_absolute_url())

    def page(user) -> str:
        return client_for(user).get(course.get_absolute_url()).text

    def status(user) -> str:
        found = re.search(rf'>{lesson.title}</a>\s*<span class="status status-(\w+)">', page(user))
        return found[1]

    assert status(learner) == "read"
    assert status(classmate) == "not_started"
    # Who teaches the course sees its question links, which students never do.
    assert "questions<span" in page(instructor)
    assert "questions<span" not in page(classmate)
    lesson.title = "Springs"
    lesson.save()
    assert status(learner) == "read" and status(classmate) == "not_started"  # renamed at once
