"""An instructor's journey in Chromium, at desktop and phone sizes, with axe checks on each page:
import a document, fix its lesson tree (by keyboard too), curate the generated questions, write
one question of each type, import and export GIFT, compose a quiz, and read the results."""

from pathlib import Path

import pytest

from lessons.models import Lesson
from quizzes.models import Question, QuestionType, Quiz
from results.services import class_seed, simulated_username
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCUMENT = """# Rivers of Europe

## The Danube

The Danube is the second-longest river in Europe. It rises in the Black Forest of Germany and
flows for 2,850 kilometres to the Black Sea. Vienna, Budapest and Belgrade stand on its banks.

## The Rhine

The Rhine rises in the Swiss Alps and flows north to the North Sea. It forms part of the border
between Germany and France. Cologne and Basel are cities on the Rhine.

## Deltas

A delta forms where a river deposits sediment as it enters the sea. The Danube Delta in Romania
is the best preserved river delta in Europe.
"""

WRITTEN = [
    ("single_choice", "Which of these cities stands on the Danube?",
     [{"text": "Vienna", "weight": 1}, {"text": "Cologne", "weight": 0}]),
    ("multiple_response", "Which cities stand on the Danube?",
     [{"text": "Vienna", "weight": 0.5}, {"text": "Budapest", "weight": 0.5},
      {"text": "Basel", "weight": -0.5}]),
    ("true_false", "The Danube flows into the Black Sea.", []),  # True is right by default
    ("cloze", "The Danube rises in the _____ of Germany.", [{"blank": 1, "text": "Black Forest"}]),
    ("numerical", "How long is the Danube, in kilometres?",
     [{"numeric_value": 2850, "tolerance": 50}]),
    ("matching", "Match each city to its river.",
     [{"text": "Vienna", "match_text": "Danube"}, {"text": "Cologne", "match_text": "Rhine"}]),
]  # fmt: skip
ANSWERS = {
    "single_choice": "Vienna", "multiple_response": "Vienna; Budapest", "true_false": "True",
    "short_answer": "Budapest", "cloze": "Black Forest", "numerical": "2850 (± 50)",
    "matching": "Vienna → Danube; Cologne → Rhine",
}  # fmt: skip

GIFT = """::Danube sea:: Which sea does the Danube reach? {=Black Sea ~North Sea ~Baltic Sea}

::Rhine source:: The Rhine rises in the {=Swiss Alps =Alps}.
"""


def test_instructor_journey(page, live_server, instructor, check_page, worker):
    url = live_server.url
    page.goto(f"{url}/accounts/login/")
    check_page(page)
    page.fill("input[name=username]", instructor.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/dashboard/")
    check_page(page)

    # Import: preview the lesson tree, then confirm.
    page.goto(f"{url}/import/")
    check_page(page)
    page.fill("textarea[name=text]", DOCUMENT)
    page.fill("input[name=slug]", "rivers-of-europe")
    page.click("button:has-text('Preview lessons')")
    page.wait_for_selector("text=Preview: Rivers of Europe")
    check_page(page)
    page.click("button:has-text('Confirm import')")
    page.wait_for_url("**/courses/rivers-of-europe/outline/", timeout=120_000)
    check_page(page)

    # Fix the tree: rename a lesson in place; the new tree keeps the focus in its title.
    deltas = Lesson.objects.get(course__slug="rivers-of-europe", slug="deltas")
    title = page.locator(f"#title-{deltas.pk}")
    title.fill("River deltas")
    title.press("Enter")
    page.wait_for_selector("input[value='River deltas']")
    page.wait_for_function(f"() => document.activeElement.id === 'title-{deltas.pk}'")
    check_page(page)

    # By keyboard: move it up with Enter; the focus stays on the same button.
    page.locator(f"[data-focus-key='{deltas.pk}:up']").focus()
    with page.expect_response(lambda response: f"/{deltas.pk}/up/" in response.url):
        page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.activeElement.dataset.focusKey === '{deltas.pk}:up'")
    titles = Lesson.objects.filter(course__slug="rivers-of-europe").in_order()
    assert [lesson.title for lesson in titles] == ["The Danube", "River deltas", "The Rhine"]
    check_page(page)

    # Previewing the same document again warns that it would undo both edits (not confirmed).
    page.click("a:has-text('Import a new version')")
    page.fill("textarea[name=text]", DOCUMENT)
    page.click("button:has-text('Preview lessons')")
    page.wait_for_selector("#tree-changes")
    undone = page.inner_text("#tree-changes")
    assert "“River deltas” is renamed “Deltas”" in undone and "moves to where" in undone
    check_page(page)

    # Confirming queued question generation: the task worker runs it.
    with worker():
        pass

    # Curate the generated questions of the Danube lesson.
    page.goto(f"{url}/courses/rivers-of-europe/lessons/the-danube/questions/")
    check_page(page)
    generated = Question.objects.filter(lesson__slug="the-danube", origin="generated")
    assert generated.exists()
    first = generated.order_by("order", "pk").first()
    row = page.locator(f"#question-{first.pk}")
    if first.status == "approved":
        row.locator("button:has-text('Retire')").click()
        page.wait_for_selector(f"#question-{first.pk} .badge:has-text('Retired')")
    else:
        row.locator("button:has-text('Approve')").click()
        page.wait_for_selector(f"#question-{first.pk} .badge:has-text('Approved')")
    check_page(page)

    # Write a short-answer question: accepted answers start at full marks.
    page.click("a:has-text('Short answer')")
    check_page(page)
    page.fill("textarea[name=prompt]", "Which city on the Danube is the capital of Hungary?")
    page.fill("input[name='choices-0-text']", "Budapest")
    page.click("button:has-text('Save question')")
    page.wait_for_selector("text=Which city on the Danube is the capital of Hungary?")
    check_page(page)
    written = Question.objects.get(prompt__startswith="Which city on the Danube")
    assert written.grade("budapest").mark == 1.0

    # One question of each other type, from the list's "new question" links.
    for kind, prompt, rows in WRITTEN:
        page.click(f"main a[href$='questions/new/?type={kind}']")
        page.wait_for_selector("textarea[name=prompt]")
        check_page(page)
        page.fill("textarea[name=prompt]", prompt)
        for index, row in enumerate(rows):
            for name, value in row.items():
                page.fill(f"[name='choices-{index}-{name}']", str(value))
        page.click("button:has-text('Save question')")
        page.wait_for_selector(f"text={prompt}")
    check_page(page)
    authored = Question.objects.filter(lesson__slug="the-danube", origin="authored")
    assert sorted(authored.values_list("type", flat=True)) == sorted(QuestionType.values)
    assert {q.type: q.correct_answer_text() for q in authored} == ANSWERS

    # GIFT import into the Rhine lesson, then export.
    page.goto(f"{url}/courses/rivers-of-europe/gift/import/?lesson=the-rhine")
    check_page(page)
    page.fill("textarea[name=text]", GIFT)
    page.click("main button:has-text('Import')")
    page.wait_for_selector("text=2 questions imported.")
    check_page(page)
    with page.expect_download() as download:
        page.click("text=Download all of this course's questions as GIFT")
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert "::Danube sea::" in exported and "$CATEGORY:" in exported

    # Compose a quiz: search the bank, take a whole lesson, publish it.
    page.goto(f"{url}/courses/rivers-of-europe/quizzes/new/")
    check_page(page)
    page.fill("input[name=title]", "Rivers test")
    assert page.locator("[data-section=random]").is_hidden()
    page.fill("[data-filter=search]", "Black Sea")
    page.get_by_role("button", name="Select all in The Rhine").click()
    rhine = page.locator("[data-lesson-group]").filter(
        has=page.get_by_role("button", name="Select all in The Rhine")
    )
    assert rhine.locator("[data-group-count]").inner_text().startswith("1 of ")
    check_page(page)
    page.check("input[name=published]")
    page.click("button:has-text('Save quiz')")
    page.wait_for_selector("text=Saved “Rivers test”")
    check_page(page)
    quiz = Quiz.objects.get(title="Rivers test")
    assert [q.title for q in quiz.questions.all()] == ["Danube sea"]

    # Read the results: a small class has practised; the course page leads to the gradebook,
    # a student's drill-down and the item analysis.
    course = quiz.course
    class_seed(course=course, students=3, days=2, seed=1)
    page.goto(f"{url}{course.get_absolute_url()}")
    check_page(page)
    page.click("main a:has-text('Results')")
    page.wait_for_selector("h1:has-text('Results of')")
    check_page(page)
    student = simulated_username(course, 0)
    assert page.locator(".gradebook tbody tr").count() == 3
    page.click(f"main a:has-text('{student}')")
    page.wait_for_selector(f"h1:has-text('{student}')")
    check_page(page)
    page.goto(f"{url}/courses/{course.slug}/results/items/")
    check_page(page)
    assert "Practice and review answers per question" in page.inner_text("main")
