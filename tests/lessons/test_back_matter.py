"""Back matter (references, notes, links): marked at import, kept in the course's tree, labelled
on its pages, and left out of a student's progress, the pager and the gradebook."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from lessons.models import Lesson
from lessons.parsing import REFERENCE, STUDY, parse_text
from lessons.services import course_lessons_import
from results.gradebook import gradebook
from review.progress import dashboard_figures
from tests.factories import EnrollmentFactory

DOCUMENT = """\
# Steel

## Production

Steel is made by adding carbon to iron in a furnace. Most steel today comes from the basic
oxygen process, which blows pure oxygen through molten pig iron.

## Notes on method

The figures below were measured at room temperature. Each sample was polished and etched
before it was weighed, so that surface rust would not change the result.

## Sources of energy

Early furnaces burned charcoal made from wood. Coke, made by heating coal without air,
replaced charcoal in the eighteenth century and let furnaces grow much larger.

## Notes

Heat treatment changes steel more than most readers expect. A blade quenched in water and
then tempered gently is both harder and tougher than the same blade left to cool in air.

## See also

- Cast iron
- Wrought iron

## 10. Notes & References

1. ^ Smith, John (2001). *Steel*. Oxford University Press. p. 12.
2. ^ Jones, A. (1999). "Furnaces". *Metals* 4 (2): 10–19.

## External links

### Data

- World Steel Association statistics
- Steel prices, monthly

## Languages

- Deutsch
- Français
- Español
"""


def _kinds(text: str) -> dict[str, str]:
    document = parse_text(text)
    return {s.title: kind for s, kind in zip(document.flat(), document.kinds(), strict=True)}


def test_back_matter_is_told_apart_by_heading_and_body():
    kinds = _kinds(DOCUMENT)
    assert kinds == {
        "Production": STUDY,
        "Notes on method": STUDY,  # a heading that only starts like back matter
        "Sources of energy": STUDY,
        "Notes": STUDY,  # an ambiguous heading over prose: a study lesson
        "See also": REFERENCE,
        "10. Notes & References": REFERENCE,  # numbering, case and "&" ignored
        "External links": REFERENCE,
        "Data": REFERENCE,  # under back matter
        "Languages": REFERENCE,  # an ambiguous heading over a bare list
    }


def test_ambiguous_headings_over_citations_are_back_matter_and_over_prose_are_not():
    citations = "# Notes\n\n1. ^ Smith, John (2001). *Steel*. p. 12.\n2. ^ Ibid., p. 14.\n"
    assert _kinds(citations) == {"Notes": REFERENCE}
    prose = (
        "# Languages\n\nMost people in the region speak two languages at home, and schools teach"
        " in the language of the capital from the first year onwards.\n"
    )
    assert _kinds(prose) == {"Languages": STUDY}
    # Notes given as a list of prose advice are still a lesson.
    advice = (
        "# Notes\n\n- Always rinse the glassware twice with distilled water before you weigh"
        " any sample in it.\n- Keep the balance doors closed.\n"
    )
    assert _kinds(advice) == {"Notes": STUDY}


@pytest.mark.django_db
def test_import_marks_back_matter_keeps_the_tree_and_export_carries_the_kind(capsys):
    summary = course_lessons_import(slug="steel", text=DOCUMENT)
    lessons = {lesson.title: lesson for lesson in summary.course.lessons.all()}
    assert len(lessons) == 9  # every section is still a lesson of the tree
    assert lessons["External links"].kind == Lesson.Kind.REFERENCE
    assert lessons["Data"].parent == lessons["External links"]
    assert lessons["Data"].is_reference
    assert lessons["Notes on method"].kind == Lesson.Kind.STUDY
    assert lessons["Notes"].kind == Lesson.Kind.STUDY
    assert set(Lesson.objects.for_course(summary.course).for_study()) == {
        lessons[t] for t in ("Production", "Notes on method", "Sources of energy", "Notes")
    }

    call_command("export_course", "steel")
    exported = {row["title"]: row["kind"] for row in json.loads(capsys.readouterr().out)["lessons"]}
    assert exported["See also"] == "reference"
    assert exported["Production"] == "study"

    # A re-import where the notes became a bare list of citations marks that lesson, in place.
    cited = DOCUMENT.replace(
        DOCUMENT[DOCUMENT.index("## Notes\n") : DOCUMENT.index("## See also")],
        "## Notes\n\n1. ^ Brown, C. (2010). *Blades*. p. 3.\n\n",
    )
    again = course_lessons_import(slug="steel", text=cited)
    notes = Lesson.objects.get(pk=lessons["Notes"].pk)
    assert notes.kind == Lesson.Kind.REFERENCE
    assert notes in again.content_changed


@pytest.mark.django_db
def test_progress_pager_and_course_page_leave_back_matter_out(client_for, student):
    course = course_lessons_import(slug="steel", text=DOCUMENT).course
    course.published = True
    course.save()
    EnrollmentFactory(course=course, student=student)
    client = client_for(student)
    by_title = {lesson.title: lesson for lesson in course.lessons.all()}

    # The last study lesson has no "next": the back matter after it never blocks the end.
    page = client.get(by_title["Notes"].get_absolute_url()).content.decode()
    assert 'rel="next"' not in page
    assert 'rel="prev"' in page
    # The reference lesson is readable, labelled, and offers no practice.
    page = client.get(by_title["See also"].get_absolute_url()).content.decode()
    assert "Reference" in page
    assert "Practice this lesson" not in page

    # Every study lesson read: the course's progress counts those four, all read.
    for title in ("Production", "Notes on method", "Sources of energy", "Notes"):
        client.get(by_title[title].get_absolute_url())
    figures = dashboard_figures(student)
    (progress,) = figures["courses"]
    assert progress.lessons == 4
    assert progress.percent_read == 100
    assert figures["study_now"] is None  # not "Read See also"

    page = client.get(course.get_absolute_url()).content.decode()
    assert "4 lessons" in page
    assert page.count('class="badge">Reference</span>') == 5  # labelled in the outline


@pytest.mark.django_db
def test_gradebook_has_no_column_for_back_matter(client_for, instructor):
    course = course_lessons_import(slug="steel", text=DOCUMENT, instructor=instructor).course
    assert [lesson.title for lesson in gradebook(course).lessons] == [
        "Production",
        "Notes on method",
        "Sources of energy",
        "Notes",
    ]


@pytest.mark.django_db(transaction=True)
def test_migration_0007_marks_back_matter_imported_before_it():
    executor = MigrationExecutor(connection)
    executor.migrate([("lessons", "0006_course_task_result_id")])
    old = executor.loader.project_state([("lessons", "0006_course_task_result_id")]).apps
    Course, Old = old.get_model("lessons", "Course"), old.get_model("lessons", "Lesson")
    course = Course.objects.create(title="Old", slug="old")
    body = (
        "Coke replaced charcoal in the furnaces of Britain during the eighteenth century,"
        " and iron grew cheap."
    )
    Old.objects.create(course=course, title="History", slug="history", order=1, body=body)
    links = Old.objects.create(
        course=course, title="External links", slug="links", order=2, body="- A site"
    )
    Old.objects.create(course=course, title="Data", slug="data", order=3, parent=links)
    Old.objects.create(course=course, title="Notes", slug="notes", order=4, body=body)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    kinds = dict(Lesson.objects.values_list("slug", "kind"))
    assert kinds == {
        "history": "study",
        "links": "reference",
        "data": "reference",
        "notes": "study",
    }


@pytest.mark.django_db
def test_import_preview_labels_what_will_be_reference(client_for, instructor):
    response = client_for(instructor).post(
        reverse("course_import"), {"text": DOCUMENT, "slug": "steel", "format": "auto"}
    )
    assert response.status_code == 200
    nodes = {node["section"].title: node for node in response.context["preview"]}
    assert (
        nodes["External links"]["reference"] and nodes["External links"]["children"][0]["reference"]
    )
    assert not nodes["Notes on method"]["reference"]
    assert response.text.count("back matter: no questions") == 5
