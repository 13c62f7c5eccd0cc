"""GIFT through the database: import into lessons, export, and round trips that lose nothing."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from quizzes.exchange import GiftImportReport, gift_export, gift_import, question_to_gift
from quizzes.gift import parse_gift
from quizzes.models import Choice, Question
from tests.factories import CourseFactory, LessonFactory

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "gift" / "files"


@pytest.fixture
def rivers():
    course = CourseFactory(slug="geo", title="Geography")
    LessonFactory(course=course, title="Rivers", slug="rivers", order=1)
    LessonFactory(course=course, title="Essays", slug="essays", order=2)
    return course


def _without_category(questions):
    from dataclasses import replace

    return [replace(q, category="") for q in questions]


def test_sample_file_imports_every_supported_type(rivers):
    text = (FILES / "moodle_sample.gift").read_text(encoding="utf-8")
    report = gift_import(course=rivers, text=text)
    types = {q.type for q in Question.objects.all()}
    assert types >= {
        "single_choice",
        "multiple_response",
        "true_false",
        "short_answer",
        "cloze",
        "numerical",
        "matching",
    }
    # The essay is reported by line, not imported.
    essay_line = next(q.line for q in parse_gift(text).questions if q.type == "essay")
    assert [e.line for e in report.errors if "essay" in e.message] == [essay_line]
    assert all(q.status == "approved" and q.origin == "authored" for q in report.created)
    # $CATEGORY's last part names the lesson.
    assert {q.lesson.slug for q in report.created} <= {"rivers", "essays"}


def test_export_then_import_round_trips_losslessly(rivers):
    text = (FILES / "moodle_sample.gift").read_text(encoding="utf-8")
    original = [q for q in parse_gift(text).questions if q.type != "essay"]
    gift_import(course=rivers, text=text)
    exported = gift_export(course=rivers)
    again = parse_gift(exported)
    assert again.errors == []
    assert _without_category(again.questions) == _without_category(original)

    # And through the database a second time: a new course gets identical questions.
    copy = CourseFactory(slug="geo2")
    LessonFactory(course=copy, title="Rivers", slug="rivers", order=1)
    LessonFactory(course=copy, title="Essays", slug="essays", order=2)
    gift_import(course=copy, text=exported)
    first = [question_to_gift(q) for q in Question.objects.filter(lesson__course=rivers)]
    second = [question_to_gift(q) for q in Question.objects.filter(lesson__course=copy)]
    assert first == second


def test_bad_questions_are_reported_by_line_and_save_nothing(rivers):
    lesson = rivers.lessons.get(slug="rivers")
    text = (FILES / "malformed.gift").read_text(encoding="utf-8")
    report = gift_import(course=rivers, lesson=lesson, text=text)
    good = parse_gift(text).questions
    assert len(report.created) == len(good)
    assert Question.objects.count() == len(good)
    assert {e.line for e in report.errors} >= {5, 9, 11, 15, 17}
    assert Choice.objects.filter(question__isnull=True).count() == 0


def test_question_failing_model_rules_is_skipped_whole(rivers):
    lesson = rivers.lessons.get(slug="rivers")
    # Parses as GIFT, but a weight over 100% breaks the model's invariant.
    text = "::A::Pick {=right ~%150%too much}\n\n::B::Fine? {T}\n"
    report = gift_import(course=rivers, lesson=lesson, text=text)
    assert [q.title for q in report.created] == ["B"]
    assert len(report.errors) == 1
    assert report.errors[0].line == 1
    assert Choice.objects.count() == 2  # only B's True/False


def test_unknown_category_without_lesson_is_reported(rivers):
    report = gift_import(course=rivers, text="$CATEGORY: elsewhere/Mountains\n\nHigh? {T}\n")
    assert report.created == []
    assert "Mountains" in report.errors[0].message
    assert not Question.objects.exists()


def test_import_and_export_commands(rivers, tmp_path, capsys):
    path = tmp_path / "bank.gift"
    path.write_text("Which sea does the Danube reach? {=Black Sea ~North Sea ~Baltic Sea}\n")
    call_command("import_gift", str(path), "--course", "geo", "--lesson", "rivers", "--draft")
    assert "1 question imported" in capsys.readouterr().out
    question = Question.objects.get()
    assert question.status == "draft"
    call_command("export_gift", "--course", "geo")
    out = capsys.readouterr().out
    assert "$CATEGORY: geo/rivers" in out
    assert "=Black Sea" in out


def test_import_command_errors_are_clear(rivers, tmp_path):
    with pytest.raises(CommandError, match="No course"):
        call_command("import_gift", "x.gift", "--course", "nope")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_gift", str(tmp_path / "missing.gift"), "--course", "geo")
    binary = tmp_path / "bin.gift"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_gift", str(binary), "--course", "geo")
    bad = tmp_path / "bad.gift"
    bad.write_text("Broken {=a\n")
    with pytest.raises(CommandError, match="No question"):
        call_command("import_gift", str(bad), "--course", "geo", "--lesson", "rivers")


GIFT_TEXT = "::Sea::Which sea does the Danube reach? {=Black Sea ~North Sea ~Baltic Sea}\n"


@pytest.fixture
def geo_instructor(rivers):
    from tests.factories import InstructorFactory

    teacher = InstructorFactory(username="geo-teacher")
    rivers.instructors.add(teacher)
    return teacher


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
def test_gift_pages_permissions(client, rivers, geo_instructor, role, expected):
    from django.urls import reverse

    from tests.factories import AdminFactory, InstructorFactory, StudentFactory

    user = {
        "anonymous": None,
        "student": StudentFactory(),
        "other_instructor": InstructorFactory(),
        "instructor": geo_instructor,
        "admin": AdminFactory(),
    }[role]
    if user:
        client.force_login(user)
    assert client.get(reverse("gift_import", args=["geo"])).status_code == expected
    assert client.get(reverse("gift_export", args=["geo"])).status_code == expected
    response = client.post(
        reverse("gift_import", args=["geo"]),
        {"text": GIFT_TEXT, "lesson": rivers.lessons.get(slug="rivers").pk, "approve": "on"},
    )
    assert response.status_code == expected
    assert Question.objects.count() == (1 if expected == 200 else 0)


def test_gift_upload_reports_skipped_lines_and_download(client, rivers, geo_instructor):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(geo_instructor)
    upload = SimpleUploadedFile("bank.gift", (GIFT_TEXT + "\nBroken {=a\n").encode())
    lesson = rivers.lessons.get(slug="rivers")
    response = client.post(
        reverse("gift_import", args=["geo"]), {"file": upload, "lesson": lesson.pk}
    )
    assert response.status_code == 200
    assert "1 question imported, 1 skipped" in response.text
    assert "Line 3:" in response.text
    assert Question.objects.get().status == "draft"  # the approve box was left unticked
    download = client.get(reverse("gift_export", args=["geo"]) + "?lesson=rivers")
    assert download["Content-Disposition"] == 'attachment; filename="geo-rivers.gift"'
    assert "=Black Sea" in download.content.decode()


def test_gift_form_errors_rerender(client, rivers, geo_instructor):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(geo_instructor)
    response = client.post(reverse("gift_import", args=["geo"]), {"text": "   "})
    assert response.status_code == 200
    assert "Choose a GIFT file or paste some GIFT text." in response.text
    upload = SimpleUploadedFile("bank.gift", b"\xff\xfe\x81\x00")
    response = client.post(reverse("gift_import", args=["geo"]), {"file": upload})
    assert "not UTF-8" in response.text
    assert not Question.objects.exists()


def test_import_summary_counts_in_plain_words():
    assert GiftImportReport(created=[object()]).summary == "1 question imported."
    assert GiftImportReport(created=[object(), object()]).summary == "2 questions imported."


def test_choices_made_of_punctuation_import_as_moodle_reads_them(rivers):
    """`= \\\\  # feedback` is a backslash with feedback; a slash and a pipe are other choices."""
    lesson = rivers.lessons.get(slug="rivers")
    text = (
        "::Escape:: Which character escapes the others in GIFT? {\n"
        "= \\\\  # Right, the backslash.\n"
        "~ /  # That is a slash.\n"
        "~ |  # That is a pipe.\n"
        "}\n\n"
        "::Typed:: Type the escape character. {= \\\\ # Yes.}\n"
    )
    report = gift_import(course=rivers, lesson=lesson, text=text)
    assert report.errors == []
    choice_question, typed = report.created
    assert [(c.text, c.weight, c.feedback) for c in choice_question.ordered_choices()] == [
        ("\\", 1.0, "Right, the backslash."),
        ("/", 0.0, "That is a slash."),
        ("|", 0.0, "That is a pipe."),
    ]
    assert typed.grade("\\").mark == 1.0
    assert typed.grade("/").mark == 0.0


def test_import_command_without_lesson_or_category_uses_the_first_lesson(rivers, tmp_path, capsys):
    path = tmp_path / "bank.gift"
    path.write_text(
        "Which sea does the Danube reach? {=Black Sea ~North Sea ~Baltic Sea}\n\n"
        "$CATEGORY: geo/Essays\n\nEssays are long? {T}\n"
    )
    call_command("import_gift", str(path), "--course", "geo")
    out = capsys.readouterr().out
    assert "2 questions imported." in out
    assert "1 question has no $CATEGORY and went to the first lesson, “Rivers” (rivers)" in out
    assert {q.prompt: q.lesson.slug for q in Question.objects.all()} == {
        "Which sea does the Danube reach?": "rivers",
        "Essays are long?": "essays",
    }
