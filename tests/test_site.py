"""Site-wide pages: the favicon, friendly error pages and one date format."""

import datetime as dt

import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.views import defaults

from tests.factories import QuizFactory

pytestmark = pytest.mark.django_db


def test_favicon_is_linked_and_served_at_the_usual_address(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
    assert finders.find("favicon.svg")
    assert 'rel="icon"' in client.get("/").text


def test_missing_page_is_a_friendly_404(client_for, student):
    response = client_for(student).get("/no/such/page/")
    assert response.status_code == 404
    html = response.text
    assert "<h1>Page not found</h1>" in html and "css/tutor.css" in html
    assert 'href="/dashboard/"' in html and "Back to the courses" in html


def test_forbidden_page_says_why_and_where_to_go(client_for, student, course):
    course_quizzes = f"/courses/{course.slug}/quizzes/"
    response = client_for(student).get(course_quizzes)
    assert response.status_code == 403
    assert "You can't open this page" in response.text
    assert "Back to the courses" in response.text


def test_server_error_page_stands_alone_with_the_site_style():
    response = defaults.server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html and "css/tutor.css" in html
    assert 'name="viewport"' in html  # fits a phone screen


def test_dates_and_times_share_one_format(client_for, instructor, course):
    closes = dt.datetime(2026, 12, 4, 14, 7, tzinfo=dt.UTC)
    quiz = QuizFactory(course=course, title="Deltas quiz", closes_at=closes)
    html = client_for(instructor).get(quiz.get_absolute_url()).text
    assert "Closes Fri 4 Dec 2026, 14:07" in html
