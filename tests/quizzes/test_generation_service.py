"""Generated questions in the database: import generates, regeneration respects instructors."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from lessons.models import Course, Lesson
from lessons.services import course_import
from quizzes.models import Question
from quizzes.services import questions_generate

pytestmark = pytest.mark.django_db

DOCUMENT = """# The Nile

## Course of the river

The Nile is the longest river in Africa. It flows north through eleven countries, including
Uganda, Sudan and Egypt, before it reaches the Mediterranean Sea. The Aswan High Dam, completed
in 1970, controls its annual flood. Lake Victoria is usually named as the river's main source.

## Farming on the banks

Ancient Egyptians farmed the narrow strip of fertile land along the Nile. The annual flood left
black silt on the fields, and farmers grew wheat, barley and flax. The shaduf, a counterweighted
bucket on a pole, lifted water into irrigation channels. Farmers paid taxes in grain to the
pharaoh's officials.

Main crops of the Nile valley included:

- Wheat for bread.
- Barley for beer.
- Flax for linen.
"""


@pytest.fixture
def imported(worker):
    """Import as the import page does: lessons now, questions by the task worker after commit."""

    def run(**arguments):
        with worker():
            summary = course_import(**arguments)
        return summary

    return run


@pytest.fixture
def nile(instructor, imported):
    return imported(slug="nile", text=DOCUMENT, instructor=instructor)


def test_import_generates_questions_for_every_lesson(nile):
    course = nile.course
    assert nile.questions_pending
    for lesson in Lesson.objects.for_course(course).active():
        questions = Question.objects.filter(lesson=lesson, origin="generated")
        assert questions.exists(), lesson.title
        for question in questions:
            assert question.source_sentence
            assert question.generator
            assert 0 <= question.quality_score <= 1
            question.validate_with_choices()  # every generated question holds its type's rules
    # Auto-approve is on by default: the course is practisable at once.
    assert Question.objects.filter(lesson__course=course, status="approved").exists()


def test_regeneration_is_stable_and_keeps_rejections_and_edits(nile):
    course = nile.course
    questions = list(Question.objects.filter(lesson__course=course).order_by("pk"))
    rejected, edited = questions[0], questions[1]
    rejected.status = "rejected"
    rejected.save()
    edited.prompt = "An instructor's own wording of this question?"
    edited.edited_at = edited.updated_at
    edited.save()

    summary = questions_generate(course=course)

    assert summary.created == 0
    assert summary.kept_rejected >= 1
    assert summary.kept_edited >= 1
    rejected.refresh_from_db()
    edited.refresh_from_db()
    assert rejected.status == "rejected"
    assert edited.prompt == "An instructor's own wording of this question?"
    # Nothing was duplicated: the same facts map to the same rows.
    assert Question.objects.filter(lesson__course=course).count() == len(questions)


def test_reimport_with_changed_lesson_retires_facts_that_left(nile, instructor, imported):
    course = nile.course
    farming = Lesson.objects.get(course=course, title="Farming on the banks")
    before = set(Question.objects.filter(lesson=farming).values_list("pk", flat=True))
    changed = DOCUMENT.split("## Farming on the banks")[0] + (
        "## Farming on the banks\n\nToday most farms along the river use electric pumps "
        "supplied by the Aswan High Dam. Cotton became an export crop in the 1820s under "
        "Muhammad Ali.\n"
    )
    summary = imported(slug="nile", text=changed, instructor=instructor)
    assert summary.updated >= 1
    farming.refresh_from_db()
    retired = Question.objects.filter(pk__in=before, status="retired")
    assert retired.exists()
    # Retired, never deleted: the rows are all still there.
    assert Question.objects.filter(pk__in=before).count() == len(before)


def test_auto_approve_off_leaves_drafts(instructor, imported):
    course = Course.objects.create(slug="vet", title="Vetted", auto_approve_generated=False)
    imported(slug="vet", text=DOCUMENT, instructor=instructor)
    generated = Question.objects.filter(lesson__course=course)
    assert generated.exists()
    assert not generated.exclude(status="draft").exists()


def test_generation_is_deterministic(instructor, imported):
    first = imported(slug="a", text=DOCUMENT, instructor=instructor).course
    second = imported(slug="b", text=DOCUMENT, instructor=instructor).course

    def shape(course):
        return [
            (q.lesson.title, q.type, q.prompt, [c.text for c in q.ordered_choices()])
            for q in Question.objects.filter(lesson__course=course)
            .select_related("lesson")
            .order_by("lesson__order", "order")
        ]

    assert shape(first) == shape(second)


def test_generate_questions_command(nile, capsys):
    Question.objects.all().delete()
    call_command("generate_questions", "--course", "nile", "--lesson", "course-of-the-river")
    assert "generated questions in 1 lesson" in capsys.readouterr().out
    lessons = set(Question.objects.values_list("lesson__slug", flat=True))
    assert lessons == {"course-of-the-river"}


@pytest.mark.parametrize("who,expected", [("student", 403), ("instructor", 302), ("admin", 302)])
def test_regenerate_button_permissions(
    client, nile, instructor, student, admin_user, who, expected
):
    Course.objects.filter(slug="nile").update(published=True)
    user = {"student": student, "instructor": instructor, "admin": admin_user}[who]
    client.force_login(user)
    url = reverse("questions_generate", args=["nile"])
    assert client.post(url, {"lesson": "course-of-the-river"}).status_code == expected
    settings_url = reverse("generation_settings", args=["nile"])
    response = client.post(
        settings_url, {"auto_approve_generated": "", "auto_approve_threshold": "0.7"}
    )
    assert response.status_code == expected
    course = Course.objects.get(slug="nile")
    assert course.auto_approve_threshold == (0.7 if expected == 302 else 0.5)


def test_bad_threshold_is_refused(client, nile, instructor):
    client.force_login(instructor)
    response = client.post(
        reverse("generation_settings", args=["nile"]),
        {"auto_approve_generated": "on", "auto_approve_threshold": "7"},
        follow=True,
    )
    assert "Settings not saved" in response.text
    assert Course.objects.get(slug="nile").auto_approve_threshold == 0.5
