"""Slow work off the request: confirming a large import, and students writing while the task
worker generates its questions.

Run from the repository root: `.venv/bin/python bench/task_bench.py` (options: --sizes 200,800
in KB, --students 64). It uses a throwaway SQLite database (WAL, as configured in settings) in a
temporary directory and starts a real `manage.py run_worker` beside it.

For each size it prints how long confirming the import took (the request queues the import and
returns), how long the worker took to import the lessons and to generate the questions, and,
while the questions were being generated, how 64 students each marking a lesson read in
parallel fared: how many writes succeeded, how many started while the worker held a write batch
open (bench/worker_probe.py times them; --hold-batch 2 holds each one 2 s longer, so the writes
surely meet SQLite's write lock) and how long the slowest waited. The last line is JSON for
tests/test_tasks.py.
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
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.import_bench import build_document  # noqa: E402
from lessons.models import Course, CourseTask, Enrollment, Lesson, LessonProgress  # noqa: E402
from lessons.views import import_token  # noqa: E402
from tests.factories import InstructorFactory, StudentFactory  # noqa: E402


def wait_for(predicate, timeout: float, what: str) -> float:
    started = time.perf_counter()
    while not predicate():
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.05)
    return time.perf_counter() - started


def write_batches(probe: Path) -> list[tuple[float, float]]:
    """The generation's write batches so far, as (start, end) Unix times (end is inf while one
    is still open)."""
    batches: list[list[float]] = []
    for line in probe.read_text().splitlines() if probe.exists() else []:
        event, at = line.split()
        if event == "start":
            batches.append([float(at), float("inf")])
        elif batches:
            batches[-1][1] = float(at)
    return [(start, end) for start, end in batches]


def student_writes(course: Course, students: list, when_ready) -> dict:
    """Every student marks a lesson read at once, each through its own connection, as soon as
    ``when_ready()`` returns (they are logged in before)."""
    lessons = list(Lesson.objects.for_course(course).active().in_order()[: len(students)])
    results: list[tuple[int, float, str, float]] = []
    barrier = threading.Barrier(len(students))
    clients = []
    for student in students:
        client = Client()
        client.force_login(student)
        clients.append(client)
    when_ready()

    def write(client, lesson):
        url = reverse("lesson_mark_read", args=[course.slug, lesson.slug])
        barrier.wait()
        started, at = time.perf_counter(), time.time()
        try:
            status, error = client.post(url).status_code, ""
        except Exception as exc:  # a "database is locked" would surface here
            status, error = 500, str(exc)
        results.append((status, time.perf_counter() - started, error, at))
        django.db.connection.close()

    threads = [
        threading.Thread(target=write, args=(c, lessons[i % len(lessons)]))
        for i, c in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    waits = sorted(seconds for _, seconds, _, _ in results)
    return {
        "writes": len(results),
        "succeeded": sum(1 for status, _, _, _ in results if status == 302),
        "errors": sorted({error for _, _, error, _ in results if error})[:3],
        "started_at": [at for _, _, _, at in results],
        "slowest_s": round(waits[-1], 3),
        "median_s": round(waits[len(waits) // 2], 3),
    }


def run(size_kb: int, students: list, instructor, finish: bool, probe: Path) -> dict:
    slug = f"bench-{size_kb}"
    document = build_document(size_kb * 1000, "markdown")
    client = Client()
    client.force_login(instructor)
    token = import_token(
        {"slug": slug, "title": "", "format": "auto", "text": document}, instructor
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
    # The students write as soon as the worker opens its first write batch of questions.
    started = time.perf_counter()
    writes = student_writes(
        course,
        students,
        lambda: wait_for(lambda: write_batches(probe), 600, "the generation's first write batch"),
    )
    batches = write_batches(probe)
    writes["during_write_batch"] = sum(
        1 for at in writes.pop("started_at") if any(s <= at <= e for s, e in batches)
    )
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
        "--hold-batch",
        type=float,
        default=0.0,
        help="Keep each generation write batch's transaction open this many more seconds "
        "(makes the students' writes meet a held write lock; 0 measures as is).",
    )
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
    # The worker gets this bench's database (importing bench.import_bench changed the variable),
    # with its write batches timed into the probe file (bench/worker_probe.py).
    probe = Path(_tmp.name) / "batches.txt"
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "TUTOR_PROBE_FILE": str(probe),
        "TUTOR_PROBE_HOLD_S": str(options.hold_batch),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "bench.worker_probe", *command], cwd=ROOT, env=env
    )
    results = []
    try:
        for kb in options.sizes.split(","):
            probe.unlink(missing_ok=True)
            results.append(run(int(kb), students, instructor, not options.no_finish, probe))
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()  # it was in the middle of generating: nothing to keep
            worker.wait()
    print(
        f"{'KB':>5}{'lessons':>9}{'confirm s':>11}{'import s':>10}{'generate s':>12}"
        f"{'writes ok':>11}{'in batch':>10}{'slowest s':>11}{'median s':>10}"
    )
    for r in results:
        generation = r["generation_s_after_import"] or "(not waited)"
        print(
            f"{r['size_kb']:>5}{r['lessons']:>9}{r['confirm_s']:>11.3f}{r['import_task_s']:>10.2f}"
            f"{generation:>12}{r['succeeded']:>5}/{r['writes']:<5}{r['during_write_batch']:>10}"
            f"{r['slowest_s']:>11.3f}{r['median_s']:>10.3f}"
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
