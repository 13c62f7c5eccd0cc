"""Importing documents into courses: re-import keeps learner data, bad input changes nothing."""

import json
from html.parser import HTMLParser

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lessons.export import course_export
from lessons.models import Course, Lesson, LessonProgress
from lessons.parsing import DocumentError
from lessons.services import course_lessons_import
from tests.factories import CourseFactory, LessonFactory

pytestmark = pytest.mark.django_db

DOC_V1 = """\
# Birds

## Feathers

Feathers keep birds warm and let them fly. Each feather grows from a follicle.

## Migration

Many birds fly south in winter to find food. Some cross whole oceans without stopping.

## Nests

Birds build nests from twigs, mud and moss. Some species reuse the same nest every year.
"""

# Feathers unchanged, Migration lightly edited, Nests renamed, Song new... and Nests' text kept.
DOC_V2 = """\
# Birds

## Feathers

Feathers keep birds warm and let them fly. Each feather grows from a follicle.

## Migration

Many birds fly south in winter to find food. Some cross entire oceans without a stop.

## Nesting

Birds build nests from twigs, mud and moss. Some species reuse the same nest every year.

## Song

Songbirds learn their songs from their parents.
"""

DOC_V3 = """\
## Feathers

Feathers keep birds warm and let them fly. Each feather grows from a follicle.
"""


def _progress(student, lesson):
    now = timezone.now()
    progress = LessonProgress.record_open(student=student, lesson=lesson, at=now)
    progress.mark_read(now)
    return progress


def test_first_import_creates_course_and_lessons(instructor):
    summary = course_lessons_import(slug="birds", text=DOC_V1, instructor=instructor)
    course = summary.course
    assert summary.course_created and (summary.created, summary.updated) == (3, 0)
    assert course.title == "Birds"  # from the document's single top heading
    assert course.is_taught_by(instructor)
    lessons = list(Lesson.objects.for_course(course).in_order())
    assert [(lesson.order, lesson.slug, lesson.level) for lesson in lessons] == [
        (1, "feathers", 1),
        (2, "migration", 1),
        (3, "nests", 1),
    ]
    assert all(len(lesson.content_hash) == 64 for lesson in lessons)


def test_reimport_keeps_progress_and_archives_removed_lessons(student):
    course = course_lessons_import(slug="birds", text=DOC_V1).course
    lessons = {lesson.title: lesson for lesson in course.lessons.all()}
    for lesson in lessons.values():
        _progress(student, lesson)

    summary = course_lessons_import(slug="birds", text=DOC_V2)
    assert (summary.created, summary.updated, summary.unchanged, summary.archived) == (1, 2, 1, 0)
    after = {lesson.title: lesson for lesson in course.lessons.all()}
    assert after["Feathers"].pk == lessons["Feathers"].pk  # unchanged
    assert after["Migration"].pk == lessons["Migration"].pk  # lightly edited
    assert "entire oceans" in after["Migration"].body
    assert after["Nesting"].pk == lessons["Nests"].pk  # renamed, same text
    assert after["Nesting"].slug == "nests"  # addresses stay stable
    assert LessonProgress.objects.filter(student=student, read_at__isnull=False).count() == 3

    summary = course_lessons_import(slug="birds", text=DOC_V3)
    assert (summary.unchanged, summary.archived) == (1, 3)
    assert Lesson.objects.for_course(course).count() == 4  # nothing deleted
    archived = Lesson.objects.for_course(course).archived()
    assert {lesson.title for lesson in archived} == {"Migration", "Nesting", "Song"}
    assert LessonProgress.objects.filter(student=student).count() == 3  # history kept
    assert list(Lesson.objects.for_course(course).active().values_list("order", flat=True)) == [1]

    # Bringing a section back restores the archived lesson with its history.
    summary = course_lessons_import(slug="birds", text=DOC_V2)
    assert summary.created == 0
    assert not Lesson.objects.for_course(course).archived().exists()


def test_reimport_changes_nesting_in_place():
    course = course_lessons_import(slug="birds", text=DOC_V1).course
    nested = DOC_V1.replace("## Nests", "### Nests")
    summary = course_lessons_import(slug="birds", text=nested)
    assert (summary.updated, summary.unchanged) == (1, 2)
    nests = course.lessons.get(slug="nests")
    assert nests.parent.slug == "migration" and nests.level == 2
    course_lessons_import(slug="birds", text=DOC_V1)
    nests.refresh_from_db()
    assert nests.parent is None and nests.level == 1


def test_archived_lessons_are_hidden_from_students(client_for, enrolled_student, course):
    course_lessons_import(slug=course.slug, text=DOC_V1)
    course_lessons_import(slug=course.slug, text=DOC_V3)
    gone = course.lessons.get(slug="migration")
    client = client_for(enrolled_student)
    page = client.get(course.get_absolute_url())
    assert "Migration" not in page.text and "Feathers" in page.text
    assert client.get(gone.get_absolute_url()).status_code == 404


BAD_INPUTS = [
    (b"", "empty"),
    (b"\x00\x01\x02binary\x00", "binary"),
    (b"\xff\xfe\xfa not utf-16!", "not valid UTF-16"),
    (b"... --- ...", "no text"),
    ("".join(f"# H{n}\n\nx\n\n" for n in range(2000)).encode(), "2000 sections"),
]


@pytest.mark.parametrize("data,message", BAD_INPUTS)
def test_bad_input_changes_nothing(data, message, student):
    course = course_lessons_import(slug="birds", text=DOC_V1).course
    lesson = course.lessons.get(slug="feathers")
    _progress(student, lesson)
    before = list(Lesson.objects.values_list("pk", "title", "body", "order", "archived_at"))
    with pytest.raises(DocumentError, match=message):
        course_lessons_import(slug="birds", text=data, title="Changed")
    with pytest.raises(DocumentError, match=message):
        course_lessons_import(slug="new-course", text=data)
    assert list(Lesson.objects.values_list("pk", "title", "body", "order", "archived_at")) == before
    assert Course.objects.get().title == "Birds"
    assert not Course.objects.filter(slug="new-course").exists()


def test_too_large_document_is_refused(settings):
    settings.TUTOR_MAX_DOCUMENT_BYTES = 1000
    with pytest.raises(DocumentError, match="larger than the largest accepted"):
        course_lessons_import(slug="big", text=b"Words here.\n" * 200)
    assert not Course.objects.exists()


def test_section_cap_is_configurable(settings):
    many = "".join(f"# Heading {n}\n\nText {n}.\n\n" for n in range(30))
    settings.TUTOR_MAX_SECTIONS = 20
    with pytest.raises(DocumentError, match="30 sections; at most 20"):
        course_lessons_import(slug="many", text=many)
    assert course_lessons_import(slug="many", text=many, max_sections=30).created == 30


class _Tags(HTMLParser):
    """Collects every tag and attribute the browser would see."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _assert_harmless(html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "img", "iframe", "object", "embed", "style")
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript"), attrs


def test_xss_in_imported_text_never_reaches_the_page(client_for, enrolled_student, course):
    hostile = (
        "# Attack\n\n<script>alert('x')</script>\n\n"
        "[click](javascript:alert(1)) and <img src=x onerror=alert(2)>\n\n"
        '<a href="javascript:alert(3)" onclick="alert(4)">link</a>\n\n'
        "[fine](https://example.com)\n"
    )
    course_lessons_import(slug=course.slug, text=hostile)
    lesson = course.lessons.get(slug="attack")
    html = client_for(enrolled_student).get(lesson.get_absolute_url()).text
    body = html.split('class="lesson-body">', 1)[1].split("</div>", 1)[0]
    _assert_harmless(body)
    assert '<a href="https://example.com"' in body  # ordinary links survive
    # Raw HTML that renders nothing (a script block) is dropped; other raw HTML shows as text.
    assert "alert('x')" not in body
    assert "&lt;img src=x" in body

    plain = "Attack\n<script>alert(5)</script> and <b onmouseover=x>bold</b>.\n"
    course_lessons_import(slug="plain", text=plain, format="text")
    lesson = Course.objects.get(slug="plain").lessons.get()
    _assert_harmless(lesson.body_html)
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in lesson.body_html


def test_import_document_command(tmp_path, capsys):
    path = tmp_path / "birds.md"
    path.write_bytes(DOC_V1.replace("\n", "\r\n").encode("utf-8-sig"))
    call_command("import_document", str(path), "--course", "birds", "--title", "All About Birds")
    captured = capsys.readouterr()
    assert "3 created, 0 updated, 0 unchanged, 0 archived" in captured.out
    assert "3/3 sections" in captured.err  # the progress bar
    course = Course.objects.get(slug="birds")
    assert course.title == "All About Birds" and course.lessons.count() == 3
    call_command("import_document", str(path), "--course", "birds")
    assert "0 created, 0 updated, 3 unchanged" in capsys.readouterr().out


@pytest.mark.parametrize("content,message", [(b"", "empty"), (b"\x00\x00", "binary")])
def test_import_document_command_refuses_bad_input(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_document", str(path), "--course", "bad")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_document", str(tmp_path / "missing.txt"), "--course", "bad")
    assert not Course.objects.exists()


def test_import_document_command_format_override(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("# Not a heading in text mode\nJust a line.\n", encoding="utf-8")
    call_command("import_document", str(path), "--course", "notes", "--format", "text")
    lesson = Course.objects.get(slug="notes").lessons.get()
    assert lesson.title == "Introduction"


def test_export_course_json_contract(capsys, student):
    nested = DOC_V1.replace("## Nests", "### Nests")
    course_lessons_import(slug="birds", text=nested)
    # A new title with new text: Migration is archived and Flight created.
    migration = nested[nested.index("## Migration") : nested.index("### Nests")]
    course_lessons_import(
        slug="birds", text=nested.replace(migration, "## Flight\n\nWings lift.\n\n")
    )
    call_command("export_course", "birds")
    data = json.loads(capsys.readouterr().out)
    assert data["format_version"] == 1
    assert data["course"] == {
        "title": "Birds",
        "slug": "birds",
        "description": "",
        "published": False,
    }
    lessons = data["lessons"]
    assert set(lessons[0]) == {
        "title",
        "slug",
        "order",
        "parent",
        "level",
        "kind",
        "archived",
        "text",
        "questions",
    }
    by_title = {lesson["title"]: lesson for lesson in lessons}
    assert by_title["Feathers"]["text"].startswith("Feathers keep birds warm")
    assert by_title["Feathers"]["questions"] == []
    assert by_title["Nests"]["parent"] == by_title["Flight"]["slug"]
    assert by_title["Nests"]["level"] == 2
    assert by_title["Migration"]["archived"] is True  # renamed away, kept as archived
    assert by_title["Flight"]["archived"] is False


def test_export_archived_flag_and_questions_hook():
    course = course_lessons_import(slug="birds", text=DOC_V1).course
    course_lessons_import(slug="birds", text=DOC_V3)
    feathers = course.lessons.get(slug="feathers")

    def questions(lessons):
        return {lesson.pk: [{"prompt": f"About {lesson.title}?"}] for lesson in lessons}

    data = course_export(course, questions_for_lessons=questions)
    flags = {lesson["slug"]: lesson["archived"] for lesson in data["lessons"]}
    assert flags == {"feathers": False, "migration": True, "nests": True}
    first = data["lessons"][0]
    assert first["slug"] == feathers.slug
    assert first["questions"] == [{"prompt": "About Feathers?"}]


def test_export_course_unknown_slug():
    with pytest.raises(CommandError, match="No course"):
        call_command("export_course", "nope")


def test_plain_text_of_a_lesson_keeps_lists():
    lesson = LessonFactory(course=CourseFactory(), body="Lead in:\n\n- one *a*\n- two\n\nEnd.")
    assert lesson.text == "Lead in:\n\n- one a\n- two\n\nEnd."


@pytest.mark.parametrize("sections", [10, 200])
def test_import_query_count_does_not_grow_with_size(sections, django_assert_max_num_queries):
    document = "".join(
        f"## Part {n}\n\nText for part {n}.\n\n### Detail {n}\n\nMore.\n\n"
        for n in range(sections // 2)
    )
    with django_assert_max_num_queries(20):
        course_lessons_import(slug="big", text=document)
    edited = document.replace("Text for part 3.", "Changed text for part 3.")
    with django_assert_max_num_queries(20):
        summary = course_lessons_import(slug="big", text=edited)
    assert (summary.updated, summary.unchanged) == (1, sections - 1)


def test_import_document_command_rejects_a_bad_slug(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text(DOC_V1, encoding="utf-8")
    with pytest.raises(CommandError, match="slug"):
        call_command("import_document", str(path), "--course", "Not A Slug!")
    assert not Course.objects.exists()
