"""Slow work off the request: confirming a large import, and students writing while the task
worker generates its questions.

Run from the repository root: `.venv/bin/python bench/task_bench.py` (options: --sizes 200,800
in KB, --students 64). It uses a throwaway SQLite database (WAL, as configured in settings) in a
temporary directory and starts a real `manage.py run_worker` beside it.

For each size it prints how long confirming the import took (the request queues the import and
returns), how long the worker took to import the lessons and to generate the questions, and,
while the questions were being generated, how 64 students each marking a lesson read in
parallel fared: how many writes succeeded and how long the slowest waited. The last line is
JSON for tests/test_tasks.py.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_tmp = tempfile.TemporaryDirectory(prefix="tutor-task-bench-")
DATABASE_URL = f"sqlite:///{_tmp.name}/bench.sqlite3"
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tutor.settings")
# The bench documents have many short sections; the production cap would refuse them.
os.environ["TUTOR_MAX_SECTIONS"] = "10000"
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core import signing  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.import_bench import build_document  # noqa: E402
from lessons.models import Course, CourseTask, Enrollment, Lesson, LessonProgress  # noqa: E402
from lessons.views import IMPORT_SALT  # noqa: E402
from tests.factories import InstructorFactory, StudentFactory  # noqa: E402


def wait_for(predicate, timeout: float, what: str) -> float:
    started = time.perf_counter()
    while not predicate():
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.05)
    return time.perf_counter() - started


def student_writes(course: Course, students: list) -> dict:
    """Every student marks a lesson read at once, each through its own connection."""
    lessons = list(Lesson.objects.for_course(course).active().in_order()[: len(students)])
    results: list[tuple[int, float, str]] = []
    barrier = threading.Barrier(len(students))

    def write(student, lesson):
        client = Client()
        client.force_login(student)
        url = reverse("lesson_mark_read", args=[course.slug, lesson.slug])
        barrier.wait()
        started = time.perf_counter()
        try:
            status, error = client.post(url).status_code, ""
        except Exception as exc:  # a "database is locked" would surface here
            status, error = 500, str(exc)
        results.append((status, time.perf_counter() - started, error))
        django.db.connection.close()

    threads = [
        threading.Thread(target=write, args=(s, lessons[i % len(lessons)]))
        for i, s in enumerate(students)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    waits = sorted(seconds for _, seconds, _ in results)
    return {
        "writes": len(results),
        "succeeded": sum(1 for status, _, _ in results if status == 302),
        "errors": sorted({error for _, _, error in results if error})[:3],
        "slowest_s": round(waits[-1], 3),
        "median_s": round(waits[len(waits) // 2], 3),
    }


def run(size_kb: int, students: list, instructor, finish: bool) -> dict:
    slug = f"bench-{size_kb}"
    document = build_document(size_kb * 1000, "markdown")
    client = Client()
    client.force_login(instructor)
    token = signing.dumps(
        {"slug": slug, "title": "", "format": "auto", "text": document},
        salt=IMPORT_SALT,
        compress=True,
    )
    client.get(reverse("course_import"))  # first-request costs (imports, templates) aside
    started = time.perf_counter()
    response = client.post(reverse("course_import"), {"token": token})
    confirm_s = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    import_task = CourseTask.objects.get(course_slug=slug, kind=CourseTask.Kind.IMPORT)
    import_s = wait_for(
        lambda: CourseTask.objects.get(pk=import_task.pk).finished, 600, "the import task"
    )
    import_task.refresh_from_db()
    assert import_task.state == CourseTask.State.DONE, import_task.error
    course = Course.objects.get(slug=slug)
    Course.objects.filter(pk=course.pk).update(published=True)
    Enrollment.objects.bulk_create(Enrollment(course=course, student=s) for s in students)
    generating = CourseTask.objects.filter(course=course, kind=CourseTask.Kind.GENERATE)
    wait_for(lambda: generating.exclude(state=CourseTask.State.QUEUED).exists(), 600, "generation")
    started = time.perf_counter()
    writes = student_writes(course, students)
    writes["during_generation"] = generating.filter(state=CourseTask.State.RUNNING).exists()
    generate_s = None
    if finish:
        waited = wait_for(lambda: not generating.pending().exists(), 3600, "generation to finish")
        generate_s = round(time.perf_counter() - started + waited, 1)
    writes["recorded"] = LessonProgress.objects.filter(lesson__course=course).count()
    return {
        "size_kb": size_kb,
        "lessons": Lesson.objects.for_course(course).count(),
        "confirm_s": round(confirm_s, 3),
        "import_task_s": round(import_s, 2),
        "generation_s_after_import": generate_s,
        "generation_state": generating.first().state,
        "generation_progress": f"{generating.first().done}/{generating.first().total} lessons",
        **writes,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="200,800", help="Document sizes in KB.")
    parser.add_argument("--students", type=int, default=64)
    parser.add_argument(
        "--no-finish",
        action="store_true",
        help="Stop after the writes instead of waiting for generation to end (one size only).",
    )
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    # Bench users log in with force_login: slow password hashing would only cost set-up time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    instructor = InstructorFactory(username="bench-teacher")
    students = [StudentFactory(username=f"bench-student-{i}") for i in range(options.students)]
    command = ["run_worker", "--worker-id", "bench", "--interval", "0.2", "--verbosity", "0"]
    # The worker gets this bench's database (importing bench.import_bench changed the variable).
    env = {**os.environ, "DATABASE_URL": DATABASE_URL}
    worker = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *command], cwd=ROOT, env=env
    )
    try:
        results = [
            run(int(kb), students, instructor, finish=not options.no_finish)
            for kb in options.sizes.split(",")
        ]
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()  # it was in the middle of generating: nothing to keep
            worker.wait()
    print(
        f"{'KB':>5}{'lessons':>9}{'confirm s':>11}{'import s':>10}{'generate s':>12}"
        f"{'writes ok':>11}{'slowest s':>11}{'median s':>10}"
    )
    for r in results:
        generation = r["generation_s_after_import"] or "(not waited)"
        print(
            f"{r['size_kb']:>5}{r['lessons']:>9}{r['confirm_s']:>11.3f}{r['import_task_s']:>10.2f}"
            f"{generation:>12}{r['succeeded']:>5}/{r['writes']:<5}"
            f"{r['slowest_s']:>11.3f}{r['median_s']:>10.3f}"
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
