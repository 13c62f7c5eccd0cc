"""The course page's and the dashboard's figures are cached per student and recomputed as soon as
the student changes them: an answer, a lesson opened or read, an enrolment, their settings."""

import pytest
from django.urls import reverse

from lessons.models import LessonProgress
from review.progress import FIGURES_TIMEOUT, progress_stamp
from tests.factories import CourseFactory, EnrollmentFactory, LessonFactory

from .conftest import right_choice

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("dashboard")


def _dashboard(client):
    return client.get(DASHBOARD).context


def test_a_second_dashboard_view_is_served_from_the_cache(
    client_for, learner, course_questions, django_assert_max_num_queries
):
    client = client_for(learner)
    client.get(DASHBOARD)
    # Session, user, the stamp, the cached figures' page (teaching courses, open quizzes).
    with django_assert_max_num_queries(5):
        assert client.get(DASHBOARD).status_code == 200
    assert FIGURES_TIMEOUT <= 300


def test_an_answer_shows_on_the_dashboard_and_course_page_at_once(
    client_for, learner, course, course_questions
):
    client = client_for(learner)
    assert _dashboard(client)["cards_total"] == 0
    course_page = client.get(course.get_absolute_url()).text
    assert "status-practised" not in course_page
    question = course_questions[0]
    client.get(reverse("review_session"))
    answer = {"question": question.pk, "answer": right_choice(question)}
    client.post(reverse("review_answer"), answer)
    assert _dashboard(client)["cards_total"] == 1
    assert "status-practised" in client.get(course.get_absolute_url()).text


def test_opening_and_reading_a_lesson_show_at_once(client_for, learner, course, course_questions):
    client = client_for(learner)
    lesson = course_questions[0].lesson
    states = _dashboard(client)["states"]
    assert states[lesson.pk].status == "not_started"
    client.get(lesson.get_absolute_url())
    assert _dashboard(client)["states"][lesson.pk].status == "read"
    before = progress_stamp(learner)
    client.post(reverse("lesson_mark_read", args=[lesson.course.slug, lesson.slug]))
    assert LessonProgress.objects.get(student=learner, lesson=lesson).read_at is not None
    assert progress_stamp(learner) != before


def test_enrolling_and_settings_show_at_once(client_for, learner, course, course_questions):
    client = client_for(learner)
    assert [p.course for p in _dashboard(client)["courses"]] == [course]
    other = CourseFactory(title="Another", slug="another")
    LessonFactory(course=other)
    client.post(reverse("course_enrol", args=[other.slug]))
    assert {p.course for p in _dashboard(client)["courses"]} == {course, other}
    assert _dashboard(client)["desired_retention"] == [0.9]
    client.post(
        reverse("review_settings"),
        {"new_cards_per_day": 20, "reviews_per_day": 200, "desired_retention": "0.85"},
    )
    assert _dashboard(client)["desired_retention"] == [0.85]


def test_each_student_has_their_own_figures(client_for, learner, course, course_questions):
    other = EnrollmentFactory(course=course).student
    client = client_for(learner)
    question = course_questions[0]
    client.get(reverse("review_session"))
    answer = {"question": question.pk, "answer": right_choice(question)}
    client.post(reverse("review_answer"), answer)
    assert _dashboard(client)["cards_total"] == 1
    assert _dashboard(client_for(other))["cards_total"] == 0
