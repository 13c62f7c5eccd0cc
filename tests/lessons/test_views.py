import re

import pytest
from django.urls import reverse

from lessons.models import Enrollment, Lesson
from tests.factories import CourseFactory, LessonFactory

pytestmark = pytest.mark.django_db


def _status(client_for, user, url):
    return client_for(user).get(url).status_code


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 200),
        ("outsider", 200),
        ("enrolled", 200),
        ("instructor", 200),
        ("other_instructor", 200),
        ("admin", 200),
    ],
)
def test_home_and_published_course_page(client_for, user_for_role, course, lessons, role, expected):
    user = user_for_role(role)
    assert _status(client_for, user, reverse("home")) == expected
    assert _status(client_for, user, course.get_absolute_url()) == expected


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("enrolled", 200),
        ("instructor", 200),
        ("other_instructor", 403),
        ("admin", 200),
    ],
)
def test_lesson_page(client_for, user_for_role, lessons, role, expected):
    user = user_for_role(role)
    assert _status(client_for, user, lessons[0].get_absolute_url()) == expected


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 404),
        ("outsider", 404),
        ("enrolled", 404),
        ("instructor", 200),
        ("other_instructor", 404),
        ("admin", 200),
    ],
)
def test_unpublished_course_is_hidden(client_for, user_for_role, course, lessons, role, expected):
    course.published = False
    course.save()
    user = user_for_role(role)
    assert _status(client_for, user, course.get_absolute_url()) == expected
    home = client_for(user).get(reverse("home"))
    assert (course.title in home.text) == (expected == 200)


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("outsider", 200),
        ("enrolled", 200),
        ("instructor", 200),
        ("other_instructor", 200),
        ("admin", 200),
    ],
)
def test_dashboard(client_for, user_for_role, role, expected):
    assert _status(client_for, user_for_role(role), reverse("dashboard")) == expected


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("outsider", 302),
        ("enrolled", 302),
        ("instructor", 302),
        ("other_instructor", 302),
        ("admin", 200),
    ],
)
def test_admin_only_for_staff(client_for, user_for_role, course, role, expected):
    user = user_for_role(role)
    assert _status(client_for, user, reverse("admin:index")) == expected
    if expected == 200:
        for name in ["course", "lesson", "enrollment"]:
            assert _status(client_for, user, reverse(f"admin:lessons_{name}_changelist")) == 200


def test_student_enrols_then_reads(client_for, student, course, lessons):
    client = client_for(student)
    assert client.get(lessons[0].get_absolute_url()).status_code == 403
    response = client.post(reverse("course_enrol", args=[course.slug]))
    assert response.status_code == 302
    assert Enrollment.objects.filter(course=course, student=student).exists()
    assert client.get(lessons[0].get_absolute_url()).status_code == 200
    # Enrolling twice keeps one enrolment.
    client.post(reverse("course_enrol", args=[course.slug]))
    assert Enrollment.objects.filter(course=course, student=student).count() == 1


def test_enrol_requires_login_and_post(client, course):
    response = client.post(reverse("course_enrol", args=[course.slug]))
    assert response.status_code == 302
    assert reverse("login") in response.url
    assert client.get(reverse("course_enrol", args=[course.slug])).status_code == 405


def test_cannot_enrol_in_unpublished_course(client_for, student, course):
    course.published = False
    course.save()
    response = client_for(student).post(reverse("course_enrol", args=[course.slug]))
    assert response.status_code == 404
    assert not Enrollment.objects.exists()


def test_course_outline_nests_subsections(client_for, enrolled_student, course, lessons):
    page = client_for(enrolled_student).get(course.get_absolute_url()).text
    outline = page[page.index('<ol class="outline">') :]
    sources, deltas, mud_flats = (
        outline.index(f">{title}</a>") for title in ("Sources", "Deltas", "Mud Flats")
    )
    # Sources' item, then Deltas' holding a list of its own with Mud Flats in it.
    inner, inner_end = outline.index('<ol class="outline">', 1), outline.index("</ol>")
    assert sources < outline.index("</li>") < deltas < inner < mud_flats < inner_end
    deltas_end = outline.index("</li>", inner_end)
    assert deltas_end < outline.index("</ol>", inner_end + 1)


def test_lesson_page_links_previous_and_next(client_for, enrolled_student, lessons):
    client = client_for(enrolled_student)
    response = client.get(lessons[1].get_absolute_url())
    assert response.context["previous"] == lessons[0]
    assert response.context["next"] == lessons[2]
    first = client.get(lessons[0].get_absolute_url())
    assert first.context["previous"] is None


def test_lesson_page_shows_the_course_outline_beside_it(client_for, enrolled_student, lessons):
    html = client_for(enrolled_student).get(lessons[2].get_absolute_url()).text
    sidebar = html[html.index('<nav class="lesson-sidebar"') :]
    for lesson in lessons:
        assert f'href="{lesson.get_absolute_url()}"' in sidebar
    assert f'href="{lessons[2].get_absolute_url()}" aria-current="page">Mud Flats' in sidebar


def test_lesson_body_is_rendered_and_sanitised(client_for, enrolled_student, course):
    lesson = LessonFactory(
        course=course,
        slug="xss",
        body="Hello **world**\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))",
    )
    html = client_for(enrolled_student).get(lesson.get_absolute_url()).text
    assert "<strong>world</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert 'href="javascript' not in html


def test_lesson_of_another_course_is_404(client_for, enrolled_student, course, lessons):
    other = CourseFactory()
    url = reverse("lesson_detail", kwargs={"course_slug": other.slug, "slug": lessons[0].slug})
    assert client_for(enrolled_student).get(url).status_code == 403
    url = reverse("lesson_detail", kwargs={"course_slug": course.slug, "slug": "missing"})
    assert client_for(enrolled_student).get(url).status_code == 404


def test_pages_use_local_htmx_and_no_inline_script(client):
    html = client.get(reverse("home")).text
    assert '<script src="/static/django_htmx/htmx-2.min.js"' in html
    assert "<script>" not in html
    assert "hx-headers" in html


def test_opening_a_lesson_records_progress_and_mark_read_works(
    client_for, enrolled_student, lessons
):
    from lessons.models import LessonProgress

    client = client_for(enrolled_student)
    client.get(lessons[0].get_absolute_url())
    progress = LessonProgress.objects.get(student=enrolled_student, lesson=lessons[0])
    assert progress.read_at is None
    url = reverse("lesson_mark_read", args=[lessons[0].course.slug, lessons[0].slug])
    response = client.post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Read ✓" in response.text
    assert "<html" not in response.text
    progress.refresh_from_db()
    assert progress.read_at is not None
    # Without htmx the same POST redirects back to the lesson.
    response = client.post(url)
    assert response.status_code == 302


def test_mark_read_refused_for_non_enrolled(client_for, student, instructor, lessons):
    url = reverse("lesson_mark_read", args=[lessons[0].course.slug, lessons[0].slug])
    assert client_for(student).post(url).status_code == 403
    client_for(None).logout()
    assert client_for(None).post(url).status_code == 302


def test_instructors_reach_import_questions_and_quizzes_from_nav_and_course(
    client_for, instructor, course, lessons
):
    client = client_for(instructor)
    import_url = reverse("course_import")
    assert f'href="{import_url}"' in client.get(reverse("home")).text
    page = client.get(course.get_absolute_url()).text
    assert f'href="{import_url}?course={course.slug}"' in page
    assert f'href="{reverse("quiz_list", args=[course.slug])}"' in page
    for lesson in lessons:
        assert f'href="{reverse("question_list", args=[course.slug, lesson.slug])}"' in page


def test_students_see_no_import_or_question_links(client_for, enrolled_student, course, lessons):
    page = client_for(enrolled_student).get(course.get_absolute_url()).text
    assert reverse("course_import") not in page
    assert "/questions/" not in page


def test_import_a_new_version_fills_in_the_course_address(client_for, instructor, course):
    page = client_for(instructor).get(reverse("course_import") + f"?course={course.slug}").text
    assert f'value="{course.slug}"' in page


def test_outline_editor_titles_are_text_inputs_with_question_links(
    client_for, instructor, course, lessons
):
    page = client_for(instructor).get(reverse("course_outline", args=[course.slug])).text
    for lesson in lessons:
        assert f'type="text" id="title-{lesson.pk}"' in page
        assert f'href="{reverse("question_list", args=[course.slug, lesson.slug])}"' in page


def test_outline_buttons_that_cannot_apply_are_disabled(client_for, instructor, course, lessons):
    """Sources, Deltas and its child Mud Flats: each move the tree allows is a button, the others
    are shown disabled (the service would refuse them)."""
    Lesson.objects.filter(pk=lessons[2].pk).update(level=2)
    page = client_for(instructor).get(reverse("course_outline", args=[course.slug])).text
    found = re.findall(r'data-focus-key="(\d+):(up|down|in|out|merge)"( disabled)?', page)
    enabled = {(int(pk), action) for pk, action, disabled in found if not disabled}
    sources, deltas, mud_flats = (lesson.pk for lesson in lessons)
    assert len(found) == 15
    assert enabled == {
        (sources, "down"),
        (sources, "merge"),
        (deltas, "up"),
        (deltas, "in"),
        (deltas, "merge"),
        (mud_flats, "out"),
    }
    assert page.count('<use href="/static/icons/outline.svg#') >= 15  # each button has its icon


def test_new_student_dashboard_explains_how_to_start(client_for, enrolled_student, course):
    page = client_for(enrolled_student).get(reverse("dashboard")).text
    assert "Getting started" in page
    assert f'href="{course.get_absolute_url()}"' in page
    assert "data-figure=" not in page  # no wall of zeros before the first answer
    assert "Reviews due in the next 30 days" not in page


def test_instructor_publishes_and_unpublishes_their_course(client_for, instructor, course, lessons):
    course.published = False
    course.save()
    client = client_for(instructor)
    url = reverse("course_publish", args=[course.slug])
    assert f'action="{url}"' in client.get(course.get_absolute_url()).text
    response = client.post(url, {"published": "1"})
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.published
    client.post(url, {"published": "0"})
    course.refresh_from_db()
    assert not course.published


@pytest.mark.parametrize("role", ["outsider", "enrolled", "other_instructor"])
def test_only_the_course_instructors_may_publish(client_for, user_for_role, course, role):
    course.published = False
    course.save()
    url = reverse("course_publish", args=[course.slug])
    # A draft is not theirs to see: 404, as at every other URL of the course.
    assert client_for(user_for_role(role)).post(url, {"published": "1"}).status_code == 404
    course.refresh_from_db()
    assert not course.published
    assert client_for(None).get(url).status_code == 405
