"""An admin's journey in Chromium, at desktop and phone sizes, with axe checks on each page: find
one student's quiz attempts in the Django admin and export them, then find the same student in
the course's results and download their responses."""

import csv
import io
from pathlib import Path

import pytest

from quizzes.models import Attempt, Response
from results.services import class_seed, simulated_username
from tests.factories import PASSWORD, LessonFactory, QuestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def taught(course):
    """A course with two lessons of questions and a small simulated class that has practised."""
    for order, (title, prompts) in enumerate(
        [("Sources", ["Where do rivers start?", "What feeds a spring?"]),
         ("Deltas", ["Where do rivers end?", "What builds a delta?"])], start=1,
    ):  # fmt: skip
        lesson = LessonFactory(course=course, title=title, slug=title.lower(), order=order)
        for position, prompt in enumerate(prompts, start=1):
            QuestionFactory(lesson=lesson, prompt=prompt, order=position)
    class_seed(course=course, students=3, days=2, seed=1)
    return course


def csv_rows(download) -> list[dict]:
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_admin_finds_a_students_attempts_and_exports_them(
    page, live_server, admin_user, taught, check_page
):
    url = live_server.url
    username = simulated_username(taught, 1)
    attempts = Attempt.objects.filter(student__username=username)
    assert attempts.exists()

    page.goto(f"{url}/accounts/login/")
    check_page(page)
    page.fill("input[name=username]", admin_user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/dashboard/")
    check_page(page)

    # The Django admin: the student's attempts, found by name and downloaded as CSV.
    page.get_by_role("link", name="Admin").click()
    page.wait_for_url("**/admin/")
    check_page(page)
    page.locator("#content-main a[href$='/quizzes/attempt/']").first.click()
    page.wait_for_selector("#searchbar")
    check_page(page)
    page.fill("#searchbar", username)
    page.press("#searchbar", "Enter")
    page.wait_for_url("**q=*")
    assert page.locator("#result_list tbody tr").count() == attempts.count()
    check_page(page)
    page.check("#action-toggle")
    page.select_option("select[name=action]", "download_csv")
    with page.expect_download() as download:
        page.click("button[name=index]")
    rows = csv_rows(download)
    assert {row["student__username"] for row in rows} == {username}
    assert sorted(int(row["id"]) for row in rows) == sorted(attempts.values_list("pk", flat=True))

    # The course's results: the same student's drill-down and every response as CSV.
    page.goto(f"{url}/courses/{taught.slug}/results/?q={username}")
    check_page(page)
    page.get_by_role("link", name=username).click()
    page.wait_for_selector("h1")
    check_page(page)
    with page.expect_download() as download:
        page.click("text=Download all (CSV)")
    rows = csv_rows(download)
    assert len(rows) == Response.objects.filter(attempt__student__username=username).count()
