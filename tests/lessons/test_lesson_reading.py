"""The lesson page renders its Markdown once per content and records reading without a write on
every view."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lessons.models import (
    PROGRESS_TOUCH_INTERVAL,
    CourseTask,
    Lesson,
    LessonProgress,
    outline_lessons,
)
from lessons.rendering import render_markdown, render_markdown_cached
from lessons.services import lesson_merge_next, lesson_move, lesson_rename, lesson_split
from tests.factories import CourseFactory, LessonFactory

pytestmark = pytest.mark.django_db


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE"}]


def test_reopening_a_lesson_soon_writes_nothing(client_for, enrolled_student, lessons):
    client = client_for(enrolled_student)
    url = lessons[0].get_absolute_url()
    client.get(url)
    first = LessonProgress.objects.get(student=enrolled_student, lesson=lessons[0])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert _writes(queries.captured_queries) == []
    assert LessonProgress.objects.get(pk=first.pk).last_opened_at == first.last_opened_at


def test_reopening_after_the_interval_moves_last_opened(enrolled_student, lessons):
    start = timezone.now()
    LessonProgress.record_open(student=enrolled_student, lesson=lessons[0], at=start)
    soon = start + PROGRESS_TOUCH_INTERVAL - dt.timedelta(seconds=1)
    assert LessonProgress.record_open(student=enrolled_student, lesson=lessons[0], at=soon)
    progress = LessonProgress.objects.get(student=enrolled_student, lesson=lessons[0])
    assert progress.last_opened_at == start
    later = start + PROGRESS_TOUCH_INTERVAL
    LessonProgress.record_open(student=enrolled_student, lesson=lessons[0], at=later)
    progress.refresh_from_db()
    assert (progress.first_opened_at, progress.last_opened_at) == (start, later)


def test_lesson_html_is_cached_by_content_and_an_edit_shows_at_once(
    client_for, enrolled_student, lessons
):
    lesson = lessons[0]
    lesson.body = "First **version**."
    lesson.save()
    client = client_for(enrolled_student)
    assert "First <strong>version</strong>." in client.get(lesson.get_absolute_url()).text
    assert render_markdown_cached(lesson.body) == render_markdown(lesson.body)
    lesson.body = "Second *version* <script>alert(1)</script>."
    lesson.save()
    page = client.get(lesson.get_absolute_url()).text
    assert "Second <em>version</em>" in page and "First" not in page
    assert "<script>alert" not in page


def test_cached_html_is_the_sanitised_rendering():
    text = "[x](javascript:alert(1)) and <b>raw</b>"
    assert render_markdown_cached(text) == render_markdown(text)
    assert 'href="javascript' not in render_markdown_cached(text)
    assert "<b>" not in render_markdown_cached(text)


def _sidebar(page: str) -> str:
    return page.split('class="lesson-sidebar"')[1].split("</nav>")[0]


def test_the_cached_outline_beside_a_lesson_follows_every_change_to_the_lessons(
    client_for, enrolled_student, instructor, lessons
):
    sources, deltas, mud_flats = lessons
    client = client_for(enrolled_student)
    url = sources.get_absolute_url()
    sidebar = _sidebar(client.get(url).text)
    assert sidebar.index("Sources") < sidebar.index("Deltas") < sidebar.index("Mud Flats")
    assert 'aria-current="page">Sources' in sidebar
    # Another lesson's page marks itself, not the one cached first.
    assert 'aria-current="page">Deltas' in _sidebar(client.get(deltas.get_absolute_url()).text)

    lesson_rename(lesson=deltas, title="River mouths")
    sidebar = _sidebar(client.get(url).text)
    assert "River mouths" in sidebar and "Deltas" not in sidebar

    lesson_move(lesson=deltas, direction="up")
    sidebar = _sidebar(client.get(url).text)
    assert sidebar.index("River mouths") < sidebar.index("Sources")

    mud_flats.archived_at = timezone.now()
    mud_flats.save()
    assert "Mud Flats" not in _sidebar(client.get(url).text)

    sources.course.title = "Streams"
    sources.course.save()
    assert "Streams" in _sidebar(client.get(url).text)


def _breadcrumb(page: str) -> str:
    return page.split('class="breadcrumb"')[1].split("</nav>")[0]


def test_the_breadcrumb_links_a_lesson_to_its_parent_even_one_removed_since(
    client_for, enrolled_student, lessons
):
    _, deltas, mud_flats = lessons
    client = client_for(enrolled_student)
    breadcrumb = _breadcrumb(client.get(mud_flats.get_absolute_url()).text)
    assert f'href="{deltas.get_absolute_url()}">Deltas</a>' in breadcrumb
    assert "Deltas" not in _breadcrumb(client.get(deltas.get_absolute_url()).text)

    deltas.archived_at = timezone.now()
    deltas.save()
    page = client.get(mud_flats.get_absolute_url()).text
    assert f'href="{deltas.get_absolute_url()}">Deltas</a>' in _breadcrumb(page)
    assert "Deltas" not in _sidebar(page)


def test_an_archived_lesson_is_404_for_students_and_still_read_by_its_teachers(
    client_for, enrolled_student, instructor, lessons
):
    sources = lessons[0]
    sources.body = "Where *rivers* begin."
    sources.archived_at = timezone.now()
    sources.save()
    url = sources.get_absolute_url()
    assert client_for(enrolled_student).get(url).status_code == 404
    page = client_for(instructor).get(url)
    assert page.status_code == 200 and "Where <em>rivers</em> begin." in page.text
    assert client_for(enrolled_student).get(url.replace("sources", "no-such")).status_code == 404


def test_a_lesson_body_is_read_only_until_its_html_is_cached_and_edits_show_at_once(
    client_for, enrolled_student, lessons
):
    deltas = lessons[1]
    deltas.body = "Deltas *first*.\n\nSilt settles.\n\nLand grows."
    deltas.save()
    client = client_for(enrolled_student)
    url = deltas.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).text
    assert "Deltas <em>first</em>." in page and "Land grows." in page
    assert not any('"body"' in query["sql"] for query in queries.captured_queries)

    # The outline editor's bulk writes change the body, and its hash with it.
    lesson_split(lesson=deltas, at=2, title="Growth")
    page = client.get(url).text
    assert "Silt settles." in page and "Land grows." not in page
    lesson_merge_next(lesson=deltas)
    assert "Land grows." in client.get(url).text


def _pager(page: str) -> str:
    return page.split('class="pager"')[1].split("</nav>")[0]


def test_the_cached_pager_follows_renames_moves_and_archiving(
    client_for, enrolled_student, instructor, lessons
):
    sources, deltas, mud_flats = lessons
    client = client_for(enrolled_student)
    pager = _pager(client.get(deltas.get_absolute_url()).text)
    assert "← Sources" in pager and "Mud Flats →" in pager

    lesson_rename(lesson=sources, title="Springs")
    pager = _pager(client.get(deltas.get_absolute_url()).text)
    assert "← Springs" in pager and "Sources" not in pager

    lesson_move(lesson=deltas, direction="up")
    pager = _pager(client.get(deltas.get_absolute_url()).text)
    assert "Springs →" in pager and "←" not in pager

    # An archived lesson's teacher sees its old neighbours; a lesson added after it shows.
    mud_flats.archived_at = timezone.now()
    mud_flats.save()
    teacher = client_for(instructor)
    assert "Springs →" not in _pager(teacher.get(mud_flats.get_absolute_url()).text)
    mud_flats.order = 0
    mud_flats.save()
    assert "Deltas →" in _pager(teacher.get(mud_flats.get_absolute_url()).text)


def test_outline_lessons_are_the_orm_outline_of_the_active_lessons(course, lessons):
    _, deltas, _ = lessons
    LessonFactory(course=course, title="Old", slug="old", order=4, archived_at=timezone.now())
    LessonFactory(title="Elsewhere", order=0)  # another course
    lesson_rename(lesson=deltas, title="River mouths")
    expected = Lesson.objects.for_course(course).active().in_order().for_outline()
    found = outline_lessons(course)
    shown = ["pk", "parent_id", "title", "slug", "order", "content_hash"]
    assert [[getattr(x, f) for f in shown] for x in found] == [
        [getattr(x, f) for f in shown] for x in expected
    ]
    assert [x.title for x in found] == ["Sources", "River mouths", "Mud Flats"]
    assert all(x.course is course and "body" in x.get_deferred_fields() for x in found)


def test_generating_for_is_a_queued_or_running_generation_of_that_course(course):
    def task(kind, state, of=course):
        return CourseTask.objects.create(
            kind=kind, state=state, course=of, course_slug=of.slug, task_path="x"
        )

    Kind, State = CourseTask.Kind, CourseTask.State
    task(Kind.GENERATE, State.DONE)
    task(Kind.GENERATE, State.FAILED)
    task(Kind.IMPORT, State.RUNNING)
    task(Kind.GENERATE, State.QUEUED, of=CourseFactory(slug="other"))
    assert not CourseTask.generating_for(course)
    for state in (State.QUEUED, State.RUNNING):
        running = task(Kind.GENERATE, state)
        assert CourseTask.generating_for(course)
        assert CourseTask.objects.for_course(course).generating().exists()
        running.delete()
