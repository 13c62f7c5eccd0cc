"""An instructor's journey in Chromium, at desktop and phone sizes, with axe checks on each page:
import a document, fix its lesson tree, curate the generated questions, write a question, compose
a quiz, and import and export GIFT."""

from pathlib import Path

import pytest

from quizzes.models import Question, Quiz
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

    # Fix the tree: rename a lesson in place.
    title = page.locator("input[name=title]").nth(2)
    title.fill("River deltas")
    title.press("Enter")
    page.wait_for_selector("input[value='River deltas']")
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
