"""Results pages: who may see them, what they show, their CSV, and their query counts."""

import csv
import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from quizzes.services import attempt_start, attempt_submit, response_record
from results.services import simulated_students
from tests.factories import (
    EnrollmentFactory,
    LessonFactory,
    QuestionFactory,
    QuizFactory,
    StudentFactory,
)
from tutor.spreadsheet import safe_cell

pytestmark = pytest.mark.django_db

COURSE_PAGES = [
    "results_gradebook",
    "results_gradebook_csv",
    "results_lessons_csv",
    "results_items",
    "results_items_csv",
    "results_questions_csv",
    "results_responses_csv",
]
STUDENT_PAGES = ["results_student", "results_student_csv"]


def urls(course, student):
    return [reverse(name, args=[course.slug]) for name in COURSE_PAGES] + [
        reverse(name, args=[course.slug, student.pk]) for name in STUDENT_PAGES
    ]


def read(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize(
    "role, expected",
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("enrolled", 404),
        ("other_instructor", 404),
        ("instructor", 200),
        ("admin", 200),
    ],
)
def test_permission_matrix_of_every_results_page(
    client_for, user_for_role, course, lessons, enrolled_student, role, expected
):
    client = client_for(user_for_role(role))
    answers = {url: client.get(url).status_code for url in urls(course, enrolled_student)}
    assert answers == dict.fromkeys(answers, expected)


def test_wrong_ids_are_404_for_the_instructor(client_for, instructor, course, lessons):
    client = client_for(instructor)
    stranger = StudentFactory(username="stranger")  # exists, but not in this course
    assert (
        client.get(reverse("results_student", args=[course.slug, stranger.pk])).status_code == 404
    )
    assert client.get(reverse("results_student", args=[course.slug, 999999])).status_code == 404
    assert client.get(reverse("results_gradebook", args=["no-such-course"])).status_code == 404


def test_gradebook_shows_status_and_best_score_sorted_and_filtered(
    client_for, instructor, course, lessons
):
    question = QuestionFactory(lesson=lessons[0])
    from quizzes.models import Quiz

    practice = Quiz.practice_for(lessons[0])
    at = timezone.now() - dt.timedelta(hours=2)
    for name, right in [("ann", True), ("bob", False)]:
        student = StudentFactory(username=name)
        EnrollmentFactory(course=course, student=student)
        attempt = attempt_start(quiz=practice, student=student, at=at)
        choice = question.ordered_choices()[0 if right else 1]
        response_record(attempt=attempt, question=question, answer=str(choice.pk), at=at)
        attempt_submit(attempt=attempt, at=at)
    StudentFactory(username="cyd").enrollments.create(course=course)
    client = client_for(instructor)
    url = reverse("results_gradebook", args=[course.slug])

    page = read(client.get(url))
    assert "3</strong> enrolled students" in page
    assert "Practised</span> 100%" in page and "Practised</span> 0%" in page
    assert "Not started" in page
    by_score = read(client.get(url, {"sort": f"-lesson-{lessons[0].pk}"}))
    assert by_score.index(">ann<") < by_score.index(">bob<") < by_score.index(">cyd<")
    assert read(client.get(url, {"sort": "-student"})).index(">cyd<") < by_score.index(">ann<")
    filtered = read(client.get(url, {"q": "bo"}))
    assert ">bob<" in filtered and ">ann<" not in filtered
    not_started = read(client.get(url, {"status": "practised"}))
    assert ">cyd<" not in not_started and ">ann<" in not_started

    rows = list(
        csv.reader(StringIO(read(client.get(reverse("results_gradebook_csv", args=[course.slug])))))
    )
    assert rows[0][:3] == ["student_id", "student", "progress_percent"]
    assert [r[1] for r in rows[1:]] == ["ann", "bob", "cyd"]
    assert rows[1][3:5] == ["practised", "1"]


def test_student_drill_down_lists_attempts_responses_and_reviews(
    client_for, instructor, course, lessons, enrolled_student
):
    question = QuestionFactory(lesson=lessons[0], prompt="Where does the Nile rise?")
    quiz = QuizFactory(course=course, title="Rivers test", questions=[question])
    at = timezone.now() - dt.timedelta(hours=1)
    attempt = attempt_start(quiz=quiz, student=enrolled_student, at=at)
    response_record(
        attempt=attempt, question=question, answer=str(question.ordered_choices()[0].pk), at=at
    )
    attempt_submit(attempt=attempt, at=at)
    page = read(
        client_for(instructor).get(
            reverse("results_student", args=[course.slug, enrolled_student.pk])
        )
    )
    assert "Rivers test" in page and "Where does the Nile rise?" in page
    assert "Good" in page  # the review log of the first answer
    assert "100%" in page


def test_every_csv_export_neutralises_formula_cells(client_for, instructor, course):
    lesson = LessonFactory(course=course, title="=SUM(A1:A9)", slug="-sum")
    question = QuestionFactory(lesson=lesson, prompt="@cmd|' /C calc'!A0")
    quiz = QuizFactory(course=course, title="+evil", questions=[question])
    student = StudentFactory(username='=HYPERLINK("http://x")')
    EnrollmentFactory(course=course, student=student)
    at = timezone.now() - dt.timedelta(hours=1)
    attempt = attempt_start(quiz=quiz, student=student, at=at)
    response_record(
        attempt=attempt, question=question, answer=str(question.ordered_choices()[0].pk), at=at
    )
    attempt_submit(attempt=attempt, at=at)
    client = client_for(instructor)
    pages = {
        name: read(client.get(reverse(name, args=[course.slug])))
        for name in COURSE_PAGES
        if name.endswith("_csv")
    }
    pages["student"] = read(
        client.get(reverse("results_student_csv", args=[course.slug, student.pk]))
    )
    cells = {
        name: [c for row in csv.reader(StringIO(text)) for c in row] for name, text in pages.items()
    }
    assert '\'=HYPERLINK("http://x")' in cells["results_gradebook_csv"]
    assert "'-sum_status" in cells["results_gradebook_csv"]
    assert "'=SUM(A1:A9)" in cells["results_lessons_csv"]
    assert "'+evil" in cells["results_items_csv"]
    assert "'=SUM(A1:A9)" in cells["results_questions_csv"]
    assert "'@cmd|' /C calc'!A0" in cells["student"]
    assert cells["results_responses_csv"][:7] == [
        "attempt_id",
        "student_id",
        "quiz_id",
        "question_id",
        "mark",
        "max_mark",
        "first_attempt",
    ]
    for name, values in cells.items():
        assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for v in values), name
        assert not any(v.startswith("-") and not _number(v) for v in values), name
    for text in pages.values():
        assert text.count("\n") == len(text.splitlines())  # one header, then rows


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_safe_cell_escapes_each_formula_start_and_keeps_numbers():
    for start in ["=", "+", "-", "@", "\t", "\r"]:
        assert safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert safe_cell("plain") == "plain"
    assert safe_cell(-0.25) == "-0.25"
    assert safe_cell(None) == ""


def test_pages_of_a_200_student_class_run_a_bounded_number_of_queries(
    client_for, instructor, mixed_course, django_assert_max_num_queries
):
    call_command(
        "seed_class",
        mixed_course.slug,
        "--students",
        "200",
        "--days",
        "2",
        "--until",
        "2026-11-20",
        stdout=StringIO(),
    )
    student = simulated_students(mixed_course).order_by("username").first()
    client = client_for(instructor)
    gradebook = reverse("results_gradebook", args=[mixed_course.slug])
    items = reverse("results_items", args=[mixed_course.slug])
    with django_assert_max_num_queries(20):
        page = read(client.get(gradebook))
    assert page.count('<th scope="row">') >= 200 + 2  # 200 students and 2 lessons
    with django_assert_max_num_queries(20):
        page = read(client.get(items, {"attempts": "all"}))
    assert "Practice: Sources" in page
    with django_assert_max_num_queries(20):
        client.get(reverse("results_student", args=[mixed_course.slug, student.pk]))
    with django_assert_max_num_queries(20):
        read(client.get(reverse("results_gradebook_csv", args=[mixed_course.slug])))
