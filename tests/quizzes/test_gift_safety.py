"""A GIFT import checks every value against its column before writing, writes all it imports in
one transaction, refuses null characters, and does not import the same question twice
(issue 13, defects 2 and 3)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from quizzes.exchange import MAX_BLANK, gift_import
from quizzes.models import Choice, Question
from tests.factories import CourseFactory, LessonFactory

pytestmark = pytest.mark.django_db

GOOD = "::First:: Which sea does the Danube reach? {=Black Sea ~North Sea}\n\n"
LAST = "::Last:: Rivers flow downhill. {T}\n"


@pytest.fixture
def geo(instructor):
    course = CourseFactory(slug="geo", title="Geography")
    course.instructors.add(instructor)
    LessonFactory(course=course, title="Rivers", slug="rivers", order=1)
    return course


def _long_match():
    return "::Long:: Match them. {\n=Nile -> " + "x" * 600 + "\n=Rhine -> Europe\n}\n\n"


def test_a_matching_answer_longer_than_its_column_is_reported_not_stored(geo):
    report = gift_import(course=geo, text=GOOD + _long_match() + LAST)
    assert [q.title for q in report.created] == ["First", "Last"]
    assert [e.line for e in report.errors] == [3]
    assert "at most 500 characters" in report.errors[0].message
    assert Question.objects.count() == 2
    assert not Choice.objects.filter(match_text__startswith="xxx").exists()


def test_more_blanks_than_a_column_counts_are_reported_not_stored(geo):
    blanks = "::Many:: " + "a {=b} " * (MAX_BLANK + 2) + "\n\n"
    report = gift_import(course=geo, text=GOOD + blanks + LAST)
    assert [q.title for q in report.created] == ["First", "Last"]
    assert "at most 32,768 blanks" in report.errors[0].message
    assert Question.objects.count() == 2


def test_a_failure_while_writing_leaves_nothing_imported(geo, monkeypatch):
    calls = []
    real = Choice.objects.bulk_create

    def fail_on_second(objs, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise IntegrityError("the database refused it")
        return real(objs, *args, **kwargs)

    monkeypatch.setattr(Choice.objects, "bulk_create", fail_on_second)
    with pytest.raises(IntegrityError):
        gift_import(course=geo, text=GOOD + LAST)
    assert not Question.objects.exists()
    assert not Choice.objects.exists()


def test_importing_the_same_file_again_adds_nothing_and_says_so(geo):
    first = gift_import(course=geo, text=GOOD + LAST)
    again = gift_import(course=geo, text=GOOD + LAST)
    assert len(first.created) == 2
    assert again.created == []
    assert [item.line for item in again.already_there] == [1, 3]
    assert again.summary.startswith("0 questions imported, 2 already there")
    assert Question.objects.count() == 2
    # A changed question is a new one.
    changed = gift_import(course=geo, text=GOOD.replace("North Sea", "Baltic Sea") + LAST)
    assert [q.title for q in changed.created] == ["First"]
    assert Question.objects.count() == 3


def test_the_import_page_says_which_questions_were_already_there(client, geo, instructor):
    client.force_login(instructor)
    url = reverse("gift_import", args=[geo.slug])
    client.post(url, {"text": GOOD + LAST, "approve": "on"})
    response = client.post(url, {"text": GOOD + LAST, "approve": "on"})
    assert response.status_code == 200
    assert "Already there" in response.text
    assert "2 already there" in response.text
    assert Question.objects.count() == 2


def test_an_uploaded_gift_file_with_a_null_character_is_refused(client, geo, instructor):
    client.force_login(instructor)
    upload = SimpleUploadedFile("bank.gift", (GOOD + "::Nul:: a\x00b {T}\n").encode())
    response = client.post(reverse("gift_import", args=[geo.slug]), {"file": upload})
    assert response.status_code == 200
    assert "null characters" in response.text
    assert not Question.objects.exists()
    pasted = client.post(reverse("gift_import", args=[geo.slug]), {"text": "Nul\x00? {T}"})
    assert pasted.status_code == 200
    assert not Question.objects.exists()


def test_gift_text_with_a_null_character_imports_nothing(geo):
    report = gift_import(course=geo, text=GOOD + "::Nul:: a\x00b {T}\n")
    assert report.created == []
    assert report.errors[0].line == 3
    assert "null character" in report.errors[0].message
    assert not Question.objects.exists()
