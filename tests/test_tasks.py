"""Slow work runs on the task worker: large imports and question generation, their state on the
pages, failure and retry, a killed worker's task picked up again, and students' writes while
questions are generated."""

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from lessons.models import Course, CourseTask, Lesson
from lessons.services import course_import
from lessons.views import import_token
from quizzes import services as quiz_services
from quizzes.models import Question

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
DOC = """# Tides

## Causes

The Moon's gravity pulls the oceans into two bulges. The Sun adds a smaller pull. Spring tides
happen when the Sun and the Moon line up, twice a month.

## Effects

Tides shape estuaries and mud flats. Harbours were built where the tidal range was small.
The Bay of Fundy in Canada has the highest tides in the world, about sixteen metres.
"""


def confirm(client, slug="tides", text=DOC):
    user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    token = import_token({"slug": slug, "title": "", "format": "auto", "text": text}, user)
    return client.post(reverse("course_import"), {"token": token})


def test_a_large_import_returns_at_once_and_the_worker_imports_it(
    client, instructor, worker, settings
):
    settings.TUTOR_TASK_IMPORT_BYTES = 100
    client.force_login(instructor)
    with worker(run=False):
        response = confirm(client)
    assert response.url == reverse("course_tasks", args=["tides"])
    assert not Course.objects.filter(slug="tides").exists()  # nothing imported yet
    page = client.get(response.url).text
    assert "Document import" in page and "Waiting for the worker" in page
    assert 'hx-trigger="every 2s"' in page  # the page polls while work is pending

    with worker():
        pass
    course = Course.objects.get(slug="tides")
    assert course.is_taught_by(instructor)
    assert Lesson.objects.for_course(course).count() == 2
    assert Question.objects.filter(lesson__course=course).exists()
    assert set(CourseTask.objects.values_list("kind", "state")) == {
        ("import", "done"),
        ("generate", "done"),
    }
    polled = client.get(response.url, headers={"HX-Request": "true"})
    assert "hx-trigger" not in polled.text and "Done" in polled.text
    assert polled["Vary"] and "HX-Request" in polled["Vary"]


def test_a_small_import_writes_lessons_and_queues_generation(client, instructor, worker):
    client.force_login(instructor)
    with worker(run=False):
        response = confirm(client)
    assert response.url == reverse("course_outline", args=["tides"])
    course = Course.objects.get(slug="tides")
    assert Lesson.objects.for_course(course).count() == 2
    assert not Question.objects.exists()  # the import transaction wrote lessons only
    lesson = Lesson.objects.for_course(course).get(slug="causes")
    assert "Questions are being generated" in client.get(lesson.get_absolute_url()).text
    assert "questions are being generated" in client.get(response.url).text

    with worker():
        pass
    assert Question.objects.filter(lesson__course=course).exists()
    assert "Questions are being generated" not in client.get(lesson.get_absolute_url()).text


def test_a_failed_generation_leaves_the_lessons_shows_the_error_and_can_be_retried(
    client, instructor, worker, monkeypatch
):
    real = quiz_services.questions_generate

    def crash(**kwargs):
        raise RuntimeError("the language model ran out of memory")

    monkeypatch.setattr(quiz_services, "questions_generate", crash)
    client.force_login(instructor)
    with worker():
        confirm(client)
    course = Course.objects.get(slug="tides")
    assert Lesson.objects.for_course(course).count() == 2
    task = CourseTask.objects.get(kind="generate")
    assert task.state == "failed" and "ran out of memory" in task.error
    page = client.get(reverse("course_outline", args=["tides"])).text
    assert "ran out of memory" in page and "Retry" in page

    monkeypatch.setattr(quiz_services, "questions_generate", real)
    with worker():
        response = client.post(reverse("course_task_retry", args=[task.pk]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == "done" and task.attempts == 2
    assert Question.objects.filter(lesson__course=course).exists()
    assert Lesson.objects.for_course(course).count() == 2


@pytest.fixture
def tides(instructor):
    """The Tides course, imported without queueing its questions."""
    return course_import(
        slug="tides", text=DOC, instructor=instructor, generate_questions=False
    ).course


def _unsent_generation(course, *, age: dt.timedelta) -> CourseTask:
    """A generation task committed by a web process that died before its on-commit hook
    handed it to the worker."""
    from quizzes.tasks import questions_generate_task

    job = CourseTask.objects.create(
        kind=CourseTask.Kind.GENERATE,
        course=course,
        course_slug=course.slug,
        task_path=questions_generate_task.module_path,
        arguments={"lessons": None},
    )
    CourseTask.objects.filter(pk=job.pk).update(updated_at=timezone.now() - age)
    return job


def test_a_task_whose_web_process_died_before_sending_it_is_run_by_the_worker(tides, worker):
    stale = _unsent_generation(tides, age=dt.timedelta(minutes=5))
    with worker():
        pass
    stale.refresh_from_db()
    assert stale.state == CourseTask.State.DONE and stale.result_id
    assert Question.objects.filter(lesson__course=tides).exists()


def test_the_worker_leaves_a_just_committed_task_to_its_own_web_process(tides, worker):
    fresh = _unsent_generation(tides, age=dt.timedelta(seconds=5))
    with worker():
        pass
    fresh.refresh_from_db()
    assert (fresh.state, fresh.result_id) == (CourseTask.State.QUEUED, "")


def test_a_task_sent_twice_runs_once(tides, worker):
    from quizzes.tasks import questions_generate_task

    job = _unsent_generation(tides, age=dt.timedelta(0))
    job._send(questions_generate_task)
    job._send(questions_generate_task)
    with worker():
        pass
    job.refresh_from_db()
    assert (job.state, job.attempts) == (CourseTask.State.DONE, 1)


def test_only_the_course_instructors_see_or_retry_its_tasks(client, instructor, worker):
    with worker():
        course_import(slug="tides", text=DOC, instructor=instructor)
    task = CourseTask.objects.get()
    outsider = type(instructor).objects.create(username="nosy")
    client.force_login(outsider)
    assert client.get(reverse("course_tasks", args=["tides"])).status_code == 404
    assert client.post(reverse("course_task_retry", args=[task.pk])).status_code == 404


def test_regenerating_a_lesson_runs_on_the_worker(client, instructor, worker):
    with worker():
        course_import(slug="tides", text=DOC, instructor=instructor)
    Question.objects.all().delete()
    client.force_login(instructor)
    url = reverse("questions_generate", args=["tides"])
    with worker(run=False):
        response = client.post(url, {"lesson": "effects"})
    assert response.url == reverse("course_tasks", args=["tides"])
    assert not Question.objects.exists()
    with worker():
        pass
    assert set(Question.objects.values_list("lesson__slug", flat=True)) == {"effects"}


def _manage(*args, env):
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _task_status(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        row = connection.execute("SELECT status FROM django_tasks_database_dbtaskresult").fetchone()
    return row[0] if row else ""


def test_a_killed_workers_task_is_picked_up_again_after_restart(tmp_path):
    """A real worker process, killed with SIGKILL mid-task, restarts with the same id and runs
    the task it abandoned to the end. (Its own SQLite file, whichever database the suite uses.)"""
    db = tmp_path / "worker.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    assert _manage("migrate", "--verbosity", "0", env=env).wait(timeout=600) == 0
    code = f"from tests.worker_tasks import hold; hold.enqueue({str(tmp_path)!r})"
    assert _manage("shell", "-c", code, env=env).wait(timeout=120) == 0
    assert _task_status(db) == "READY"

    first = _manage("run_worker", "--worker-id", "w1", "--interval", "0.1", env=env)
    deadline = time.monotonic() + 120
    while not (tmp_path / "started-1").exists():
        assert time.monotonic() < deadline and first.poll() is None, first.stderr.read()
        time.sleep(0.05)
    first.kill()
    first.wait(timeout=30)
    assert _task_status(db) == "RUNNING"  # abandoned mid-task

    (tmp_path / "release").touch()
    second = _manage("run_worker", "--worker-id", "w1", "--batch", env=env)
    assert second.wait(timeout=300) == 0, second.stderr.read()
    assert _task_status(db) == "SUCCESSFUL"
    assert (tmp_path / "started-2").exists()


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="SQLite's single writer is what the lock test is about",
)
def test_students_writes_all_succeed_while_questions_are_generated():
    """bench/task_bench.py on a small document: the import is queued, the worker imports and
    generates, and 64 students each mark a lesson read at the same moment while the worker
    holds one of its generation write batches open."""
    env = {**os.environ, "TUTOR_TASK_IMPORT_BYTES": "1000"}
    bench = [sys.executable, str(ROOT / "bench" / "task_bench.py"), "--sizes", "60"]
    bench += ["--hold-batch", "2"]
    run = subprocess.run(
        [*bench, "--students", "64"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    [result] = json.loads(run.stdout.strip().splitlines()[-1])
    # Each write batch of the generation holds SQLite's write lock 2 s longer than it needs,
    # and the students all write inside that window: they queue behind it and all succeed.
    assert result["during_write_batch"] == 64, "the writes did not meet a generation write batch"
    assert result["succeeded"] == result["writes"] == 64, result["errors"]
    assert result["recorded"] == 64
    assert result["generation_state"] == "done"
