"""The import page (upload → preview → confirm) and the lesson-tree editor, through HTTP."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lessons.models import Course, Lesson, LessonProgress
from lessons.services import course_lessons_import
from tests.factories import InstructorFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("course_import")
DOC = "# Tides\n\nThe sea rises.\n\n## Moon\n\nIt pulls.\n\n## Sun\n\nIt pulls less.\n"


@pytest.fixture
def user_for(student, instructor, admin_user):
    def make(role):
        return {
            "anonymous": None,
            "student": student,
            "instructor": instructor,
            "other_instructor": InstructorFactory(username="elsewhere"),
            "admin": admin_user,
        }[role]

    return make


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("student", 403),
        ("instructor", 200),
        ("other_instructor", 200),
        ("admin", 200),
    ],
)
def test_import_page_by_role(client_for, user_for, role, expected):
    client = client_for(user_for(role))
    assert client.get(IMPORT_URL).status_code == expected
    response = client.post(IMPORT_URL, {"text": DOC, "slug": "tides", "format": "auto"})
    assert response.status_code == expected
    assert not Course.objects.filter(slug="tides").exists()  # a preview saves nothing


def test_preview_then_confirm(client_for, instructor):
    client = client_for(instructor)
    upload = SimpleUploadedFile("tides.md", DOC.encode("utf-8-sig"), "text/markdown")
    response = client.post(IMPORT_URL, {"file": upload, "slug": "tides", "format": "auto"})
    assert response.status_code == 200
    assert "Preview: Tides" in response.text
    titles = [node["section"].title for node in response.context["preview"]]
    assert titles == ["Introduction", "Moon", "Sun"]
    assert not Course.objects.exists()
    token = response.context["token"]

    response = client.post(IMPORT_URL, {"token": token})
    course = Course.objects.get(slug="tides")
    assert response.status_code == 302
    assert response.url == reverse("course_outline", args=["tides"])
    assert course.title == "Tides" and course.is_taught_by(instructor)
    assert list(course.lessons.values_list("title", flat=True)) == ["Introduction", "Moon", "Sun"]
    assert "3 created" in client.get(response.url).text


def test_tampered_token_is_refused(client_for, instructor):
    client = client_for(instructor)
    response = client.post(IMPORT_URL, {"text": DOC, "slug": "tides", "format": "auto"})
    token = response.context["token"]
    response = client.post(IMPORT_URL, {"token": token[:-3] + "abc"})
    assert response.status_code == 302 and response.url == IMPORT_URL
    assert not Course.objects.exists()


def test_another_users_preview_token_is_refused(client_for, instructor):
    """A token is good for the user who made the preview only (a leaked token, a shared
    screen): another instructor confirming it imports nothing."""
    preview = client_for(instructor).post(
        IMPORT_URL, {"text": DOC, "slug": "tides", "format": "auto"}
    )
    token = preview.context["token"]
    other = client_for(InstructorFactory(username="colleague"))
    response = other.post(IMPORT_URL, {"token": token})
    assert response.status_code == 302 and response.url == IMPORT_URL
    assert not Course.objects.exists()


def test_htmx_preview_returns_the_partial(client_for, instructor):
    response = client_for(instructor).post(
        IMPORT_URL,
        {"text": DOC, "slug": "tides", "format": "auto"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="import-area">')
    assert "Confirm import" in response.text and "<html" not in response.text


def test_upload_form_shows_work_under_way(client_for, instructor):
    html = client_for(instructor).get(IMPORT_URL).text
    assert 'hx-indicator="#import-progress"' in html
    assert "hx-disabled-elt" in html
    assert 'enctype="multipart/form-data"' in html


@pytest.mark.parametrize(
    "data,message",
    [
        ({"text": "", "slug": "x"}, "Choose a file or paste"),
        ({"file": SimpleUploadedFile("a.bin", b"\x00\x01\x02\x03"), "slug": "x"}, "binary"),
        ({"file": SimpleUploadedFile("a.txt", b"%PDF-1.7\n%%EOF"), "slug": "x"}, "but it is a PDF"),
        ({"file": SimpleUploadedFile("a.txt", b""), "slug": "x"}, "empty"),
        ({"text": "-- ** --", "slug": "x"}, "no text"),
        ({"text": "# A\n\n" * 2000, "slug": "x"}, "2000 sections"),
        ({"text": DOC, "slug": "not a slug!"}, "valid"),
    ],
)
def test_bad_input_rerenders_form_with_message(client_for, instructor, data, message):
    response = client_for(instructor).post(IMPORT_URL, {"format": "auto", **data})
    assert response.status_code == 200
    assert message in response.text
    assert response.context["form"].errors
    assert not Course.objects.exists()


def test_too_large_upload_is_refused(client_for, instructor, settings):
    settings.TUTOR_MAX_DOCUMENT_BYTES = 100
    upload = SimpleUploadedFile("big.txt", b"Some words. " * 50)
    response = client_for(instructor).post(IMPORT_URL, {"file": upload, "slug": "big"})
    assert "larger than" in response.text
    assert not Course.objects.exists()


def test_importing_into_a_course_you_do_not_teach_is_refused(client_for, course):
    other = InstructorFactory(username="elsewhere")
    client = client_for(other)
    response = client.post(IMPORT_URL, {"text": DOC, "slug": course.slug, "format": "auto"})
    assert "exists and you don&#x27;t teach it" in response.text
    assert not course.lessons.exists()


def test_reimport_through_the_page_keeps_progress(client_for, instructor, course, student):
    course_lessons_import(slug=course.slug, text=DOC)
    moon = course.lessons.get(slug="moon")
    LessonProgress.record_open(student=student, lesson=moon, at=moon.created_at)
    client = client_for(instructor)
    edited = DOC.replace("It pulls.", "It pulls hard.").replace("## Sun\n\nIt pulls less.\n", "")
    preview = client.post(IMPORT_URL, {"text": edited, "slug": course.slug, "format": "auto"})
    assert "0 created, 1 updated, 1 unchanged, 1 archived" in preview.text
    assert course.lessons.get(slug="moon").body == "It pulls."  # the dry run left no trace
    assert not course.lessons.archived().exists()
    response = client.post(IMPORT_URL, {"token": preview.context["token"]})
    assert response.status_code == 302
    moon.refresh_from_db()
    assert moon.body == "It pulls hard."
    assert LessonProgress.objects.filter(lesson=moon, student=student).exists()
    course.refresh_from_db()
    assert course.title == "Rivers"  # title left empty: the course keeps its own


# --- The lesson-tree editor ----------------------------------------------------------------

TREE_DOC = """\
# Parent A

First paragraph of A.

Second paragraph of A.

Third paragraph of A.

## Child A1

Text A1.

# Parent B

Text B.

# Parent C

Text C.
"""


@pytest.fixture
def tree(course):
    course_lessons_import(slug=course.slug, text=TREE_DOC)
    return course


def _outline(course):
    return [
        (lesson.title, lesson.level, lesson.parent.title if lesson.parent else None)
        for lesson in Lesson.objects.for_course(course).active().in_order()
    ]


def _edit(client, course, slug, action, htmx=False, **data):
    lesson = course.lessons.get(slug=slug)
    url = reverse("lesson_edit", args=[course.slug, lesson.pk, action])
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(url, data, headers=headers)


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("student", 403),
        ("other_instructor", 403),
        ("instructor", 200),
        ("admin", 200),
    ],
)
def test_outline_editor_by_role(client_for, user_for, tree, role, expected):
    client = client_for(user_for(role))
    assert client.get(reverse("course_outline", args=[tree.slug])).status_code == expected
    response = _edit(client, tree, "parent-b", "up")
    assert response.status_code == (302 if expected == 200 else expected)
    moved = _outline(tree)[0][0] == "Parent B"
    assert moved == (expected == 200)


def test_rename(client_for, instructor, tree):
    client = client_for(instructor)
    response = _edit(client, tree, "parent-b", "rename", title="  Second   Part ")
    assert response.status_code == 302
    assert tree.lessons.get(slug="parent-b").title == "Second Part"
    response = _edit(client, tree, "parent-b", "rename", htmx=True, title="   ")
    assert "A lesson needs a title." in response.text
    assert tree.lessons.get(slug="parent-b").title == "Second Part"


def test_move_up_and_down_carry_sub_lessons(client_for, instructor, tree):
    client = client_for(instructor)
    _edit(client, tree, "parent-b", "up")
    assert _outline(tree) == [
        ("Parent B", 1, None),
        ("Parent A", 1, None),
        ("Child A1", 2, "Parent A"),
        ("Parent C", 1, None),
    ]
    _edit(client, tree, "parent-a", "down")
    assert _outline(tree)[-2:] == [("Parent A", 1, None), ("Child A1", 2, "Parent A")]
    response = _edit(client, tree, "parent-a", "down", htmx=True)
    assert "already last" in response.text
    assert "<html" not in response.text and 'id="lesson-tree"' in response.text


def test_indent_and_outdent(client_for, instructor, tree):
    client = client_for(instructor)
    _edit(client, tree, "parent-b", "in")
    assert _outline(tree)[2] == ("Parent B", 2, "Parent A")
    _edit(client, tree, "child-a1", "out")
    assert _outline(tree) == [
        ("Parent A", 1, None),
        ("Parent B", 2, "Parent A"),
        ("Child A1", 1, None),
        ("Parent C", 1, None),
    ]
    response = _edit(client, tree, "parent-a", "out", htmx=True)
    assert "already at the top level" in response.text


def test_merge_with_next_archives_it_and_keeps_its_history(client_for, instructor, tree, student):
    b = tree.lessons.get(slug="parent-b")
    LessonProgress.record_open(student=student, lesson=b, at=b.created_at)
    client = client_for(instructor)
    _edit(client, tree, "child-a1", "merge")
    assert [t for t, _, _ in _outline(tree)] == ["Parent A", "Child A1", "Parent C"]
    merged = tree.lessons.get(slug="child-a1")
    assert merged.body == "Text A1.\n\nText B."
    b.refresh_from_db()
    assert b.archived and LessonProgress.objects.filter(lesson=b).exists()
    response = _edit(client, tree, "parent-c", "merge", htmx=True)
    assert "no next lesson" in response.text


def test_split_at_a_paragraph(client_for, instructor, tree):
    client = client_for(instructor)
    _edit(client, tree, "parent-a", "split", at="2", title="Part Two")
    lessons = list(Lesson.objects.for_course(tree).active().in_order())
    assert [lesson.title for lesson in lessons][:3] == ["Parent A", "Part Two", "Child A1"]
    assert lessons[0].body == "First paragraph of A.\n\nSecond paragraph of A."
    assert lessons[1].body == "Third paragraph of A."
    assert lessons[1].level == 1
    for bad in ("0", "9", "x"):
        response = _edit(client, tree, "parent-a", "split", htmx=True, at=bad)
        assert "split at" in response.text
    assert Lesson.objects.for_course(tree).count() == 5  # failed splits added nothing


def test_edits_on_another_course_or_unknown_action_are_refused(client_for, instructor, tree):
    other = course_lessons_import(slug="other", text=DOC).course
    lesson = other.lessons.first()
    client = client_for(instructor)
    url = reverse("lesson_edit", args=[tree.slug, lesson.pk, "up"])
    assert client.post(url).status_code == 404
    url = reverse("lesson_edit", args=[tree.slug, tree.lessons.first().pk, "explode"])
    assert client.post(url).status_code == 404
    url = reverse("lesson_edit", args=[tree.slug, tree.lessons.first().pk, "up"])
    assert client.get(url).status_code == 405


def test_outline_page_query_count_does_not_grow(
    client_for, instructor, course, django_assert_max_num_queries
):
    document = "".join(f"## Part {n}\n\nFirst {n}.\n\nSecond {n}.\n\n" for n in range(60))
    course_lessons_import(slug=course.slug, text=document)
    client = client_for(instructor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("course_outline", args=[course.slug]))
    assert response.status_code == 200
    assert response.text.count('name="title"') == 60


def test_htmx_confirm_redirects_the_browser(client_for, instructor):
    client = client_for(instructor)
    preview = client.post(IMPORT_URL, {"text": DOC, "slug": "tides", "format": "auto"})
    response = client.post(
        IMPORT_URL, {"token": preview.context["token"]}, headers={"HX-Request": "true"}
    )
    assert response.headers["HX-Redirect"] == reverse("course_outline", args=["tides"])
    assert Course.objects.get(slug="tides").lessons.count() == 3


def test_hostile_titles_are_escaped_on_every_page(client_for, instructor, course):
    course_lessons_import(
        slug=course.slug,
        text="## <script>alert(1)</script>\n\nText.\n\n## <img src=x onerror=alert(2)>\n\nMore.\n",
    )
    client = client_for(instructor)
    for url in (
        course.get_absolute_url(),
        reverse("course_outline", args=[course.slug]),
        course.lessons.first().get_absolute_url(),
    ):
        html = client.get(url).text
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    preview = client.post(
        IMPORT_URL, {"text": "## <script>alert(3)</script>\n\nx\n", "slug": "p", "format": "auto"}
    )
    assert "<script>alert(3)" not in preview.text


@pytest.mark.parametrize("action", ["rename", "split"])
def test_a_title_with_a_null_character_is_refused(client_for, instructor, tree, action):
    """PostgreSQL cannot store it: a message, not a 500 (issue 13, defect 2)."""
    before = _outline(tree)
    response = _edit(
        client_for(instructor), tree, "parent-b", action, title="Riv\x00ers", at="1", htmx=True
    )
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.text
    assert _outline(tree) == before


RIVERS = (
    "# Rivers\n\n## Danube\n\nThe Danube flows east to the Black Sea.\n\n"
    "## Rhine\n\nThe Rhine flows north to the North Sea.\n\n"
    "## Deltas\n\nA delta forms where a river meets the sea.\n\nThe Danube delta is in Romania.\n"
)


def test_reimport_preview_lists_the_outline_edits_it_undoes(client_for, instructor):
    course = course_lessons_import(slug="rivers", text=RIVERS, instructor=instructor).course
    client = client_for(instructor)
    _edit(client, course, "danube", "rename", title="The Danube river")
    _edit(client, course, "deltas", "up")
    _edit(client, course, "deltas", "split", at=1, title="The Danube delta")
    assert [title for title, _, _ in _outline(course)] == [
        "The Danube river",
        "Deltas",
        "The Danube delta",
        "Rhine",
    ]

    response = client.post(IMPORT_URL, {"text": RIVERS, "slug": "rivers", "format": "auto"})
    changes = response.context["changes"].tree_changes
    assert changes == [
        "“The Danube river” is renamed “Danube”, as in the document",
        "“Rhine” moves to where the document has it",  # past Deltas, as the fewest moves
        "“The Danube delta” is archived: the document does not have it",
    ]
    page = response.text
    assert 'id="tree-changes"' in page and "is renamed “Danube”, as in the document" in page
    assert [title for title, _, _ in _outline(course)] == [
        "The Danube river",
        "Deltas",
        "The Danube delta",
        "Rhine",
    ]  # the preview changed nothing

    # A re-import of the document as it stands lists nothing.
    client.post(IMPORT_URL, {"token": response.context["token"]})
    response = client.post(IMPORT_URL, {"text": RIVERS, "slug": "rivers", "format": "auto"})
    assert response.context["changes"].tree_changes == []
    assert 'id="tree-changes"' not in response.text
