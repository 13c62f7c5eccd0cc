"""The Content-Security-Policy in a real browser: the detector catches inline script and style,
and the pages of every role (the admin's too) load with the policy on and break none of it.
(Every other browser test fails on a violation as well: see the ``page`` fixture.)"""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import build_policy

from tests.factories import (
    LessonFactory,
    QuestionFactory,
    QuizFactory,
    ReviewCardFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_the_detector_reports_inline_script_and_style(page, live_server):
    probe = f"{live_server.url}/csp-probe"
    page.route(
        probe,
        lambda route: route.fulfill(
            content_type="text/html",
            headers={"Content-Security-Policy": build_policy(settings.SECURE_CSP)},
            body='<html lang="en"><body><p style="color:red">x</p>'
            "<script>document.title = 'ran'</script></body></html>",
        ),
    )
    page.goto(probe)
    page.wait_for_timeout(200)
    assert page.title() != "ran"
    refused = " ".join(page.csp_violations)
    assert "inline style" in refused and "inline script" in refused
    page.csp_violations.clear()  # expected here; the fixture fails on any left over


@pytest.fixture
def rivers(course, enrolled_student):
    lesson = LessonFactory(course=course, title="Sources", slug="sources", order=1)
    question = QuestionFactory(
        lesson=lesson, prompt="Where do rivers start?", choices=[("A spring", 1), ("The sea", 0)]
    )
    ReviewCardFactory(
        student=enrolled_student,
        question=question,
        due=timezone.now() - dt.timedelta(days=1),
    )
    quiz = QuizFactory(course=course, time_limit_minutes=10, questions=[question])
    return {"course": course, "lesson": lesson, "question": question, "quiz": quiz}


def _visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    page.wait_for_timeout(50)  # scripts run at load (htmx would add its style then)


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_student_pages_keep_to_the_policy(page, live_server, log_in, rivers, enrolled_student):
    log_in(page, enrolled_student)
    url = live_server.url
    course, lesson = rivers["course"], rivers["lesson"]
    for path in [
        "/",
        reverse("dashboard"),
        course.get_absolute_url(),
        lesson.get_absolute_url(),
        reverse("review_session"),
        reverse("review_settings"),
        reverse("quiz_detail", args=[rivers["quiz"].pk]),
        reverse("password_change"),
    ]:
        _visit(page, url + path)
    # A timed attempt (countdown script) and an htmx answer.
    page.goto(url + reverse("quiz_detail", args=[rivers["quiz"].pk]))
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Where do rivers start?")
    page.wait_for_load_state("load")
    page.wait_for_timeout(50)  # scripts run at load (htmx would add its style then)
    assert not page.csp_violations, "\n".join(page.csp_violations)


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_instructor_and_admin_pages_keep_to_the_policy(
    page, live_server, log_in, rivers, instructor, admin_user
):
    url = live_server.url
    course, lesson = rivers["course"], rivers["lesson"]
    log_in(page, instructor)
    for path in [
        reverse("course_import"),
        reverse("course_outline", args=[course.slug]),
        reverse("question_list", args=[course.slug, lesson.slug]),
        reverse("question_create", args=[course.slug, lesson.slug]) + "?type=matching",
        reverse("question_edit", args=[rivers["question"].pk]),
        reverse("quiz_list", args=[course.slug]),
        reverse("quiz_create", args=[course.slug]),
        reverse("gift_import", args=[course.slug]),
        reverse("results_gradebook", args=[course.slug]),
        reverse("results_items", args=[course.slug]),
    ]:
        _visit(page, url + path)
    page.context.clear_cookies()
    for path in [reverse("login"), reverse("signup"), reverse("password_reset")]:
        _visit(page, url + path)
    log_in(page, admin_user)
    for path in [
        reverse("admin:index"),
        reverse("admin:lessons_course_changelist"),
        reverse("admin:lessons_course_change", args=[course.pk]),
        reverse("admin:quizzes_question_changelist"),
        reverse("admin:quizzes_question_change", args=[rivers["question"].pk]),
        reverse("admin:auth_user_changelist"),
        reverse("admin:axes_accessattempt_changelist"),
    ]:
        _visit(page, url + path)
    assert not page.csp_violations, "\n".join(page.csp_violations)
