"""CPU time per request of each student page, in this process, over bench/load.py's data set.

    .venv/bin/python bench/page_cpu.py [--n 200] [--page lesson ...] [--profile lesson]
                                       [--sort tottime] [--queries]

A quick companion to bench/load.py for working on one page: no server, no load generator, so
the figures don't depend on what else the machine runs (CPU time, not wall time). It copies the
SQLite data set that `bench/load.py` built in bench/out/ (run that once first), migrates the
copy, collects static files, and requests each page through Django's full middleware stack
(DEBUG off, HTTPS, the students' own sessions), each request from the next student as the
closed loop does. It prints per page the mean and median CPU ms per request, its ratio to the
baseline view's (what bench/load.py's CPU ratio estimates) and the queries of one request.
`--profile PAGE` prints the 30 costliest functions of that page (cProfile, cumulative, or as
`--sort` says); `--queries` prints each page's SQL. On a busy machine CPU time still drifts
(the baseline read 2.5 to 4.7 ms within an hour at load average 7): compare figures of one run,
or the profile's function calls per request, which hardly move.

What it leaves out, and bench/load.py's CPU per request includes: gunicorn's HTTP work (a sync
worker parses each request and closes its connection: about 1.5 ms more for the baseline, with
one client and two workers), and the cost of five workers, the task worker and Locust sharing
two cores (context switches, cold CPU caches: the same requests cost about twice the CPU there).
So load.py's figures are higher in absolute terms, and its ratios nearer 1 than these (the
HTTP work is the same for every page). The test client keeps one database connection
throughout, as a server's workers now do (CONN_MAX_AGE, on SQLite too).

The review pages are the open loop's session: `review` (GET /review/), `review-answer` (the htmx
answer to the question on screen, auto-rated) and `review-continue` (the htmx Continue after it,
which serves the next card). What each needs first (the question shown, the answer given) is
requested before the clock starts.
"""

import argparse
import cProfile
import json
import os
import pstats
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

PAGES = [
    "baseline",
    "lesson",
    "course",
    "review",
    "review-answer",
    "review-continue",
    "answer",
    "dashboard",
]
QUESTION_RE = re.compile(r'name="question" value="(\d+)"')
CHOICE_RE = re.compile(r'name="answer" value="(\d+)"')


def _data_set() -> tuple[Path, dict]:
    manifests = [
        path
        for path in OUT.glob("load-*.json")
        if not path.stem.endswith("-postgresql") and path.with_suffix(".sqlite3").exists()
    ]
    if not manifests:
        sys.exit(
            "No data set in bench/out/: run `.venv/bin/python bench/load.py --only sqlite` once."
        )
    manifest = max(manifests, key=lambda path: path.stat().st_mtime)
    copy = OUT / "page-cpu.sqlite3"
    for old in OUT.glob("page-cpu.sqlite3*"):
        old.unlink()
    shutil.copyfile(manifest.with_suffix(".sqlite3"), copy)
    return copy, json.loads(manifest.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200, help="measured requests per page")
    parser.add_argument("--page", action="append", choices=PAGES, help="only these pages")
    parser.add_argument("--profile", choices=PAGES, help="cProfile this page")
    parser.add_argument("--sort", default="cumulative", help="the profile's order (pstats key)")
    parser.add_argument("--queries", action="store_true", help="print each page's queries")
    parser.add_argument("--restrict", action="append", help="only profile lines matching this")
    args = parser.parse_args()

    database, manifest = _data_set()
    os.environ.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="bench.serving.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-load-secret-key-not-for-production-0123456789abcdef",
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    students = [key for _, key in manifest["students"]]
    lessons, course, quiz = manifest["lessons"], manifest["course"], manifest["quiz"]
    items = manifest["quiz_items"]
    client = Client()
    attempts: dict[int, list] = {}  # student index -> [attempt id, next position]
    turn = 0

    def prepare(page: str):
        """The next student's untimed first steps for ``page``; the timed request follows."""
        nonlocal turn
        index = turn % len(students)
        turn += 1
        client.cookies["sessionid"] = students[index]
        if page not in ("review-answer", "review-continue"):
            return None
        htmx = {"HX-Request": "true"}
        client.post("/review/continue/", secure=True, headers=htmx)  # a reveal left on screen
        pane = client.get("/review/", secure=True).content.decode()
        question, choices = QUESTION_RE.search(pane), CHOICE_RE.findall(pane)
        if not (question and choices):
            sys.exit(f"{page}: student {index} has nothing to review")
        form = {"question": question.group(1), "answer": choices[0]}
        if page == "review-continue":
            client.post("/review/answer/", form, secure=True, headers=htmx)
        return form

    def request(page: str, form):
        index = (turn - 1) % len(students)
        if page == "review-answer":
            return client.post("/review/answer/", form, secure=True, headers={"HX-Request": "true"})
        if page == "review-continue":
            return client.post("/review/continue/", secure=True, headers={"HX-Request": "true"})
        if page == "baseline":
            return client.get("/bench/baseline/", secure=True)
        if page == "lesson":
            return client.get(
                f"/courses/{course}/lessons/{lessons[turn % len(lessons)]}/", secure=True
            )
        if page == "course":
            return client.get(f"/courses/{course}/", secure=True)
        if page == "review":
            return client.get("/review/", secure=True)
        if page == "dashboard":
            return client.get("/dashboard/", secure=True)
        # answer: 20 students answer the quiz in turn, as bench/load.py's closed loop does
        index %= 20
        client.cookies["sessionid"] = students[index]
        state = attempts.get(index)
        if state is None or state[1] == len(items):
            response = client.post(f"/quizzes/{quiz}/start/", secure=True)
            state = attempts[index] = [response["Location"].rstrip("/").rsplit("/", 1)[-1], 0]
        question, choices = items[state[1]]
        state[1] += 1
        return client.post(
            f"/attempts/{state[0]}/questions/{state[1]}/",
            {f"q{question}-answer": choices[0]},
            secure=True,
            headers={"HX-Request": "true"},
        )

    pages = args.page or PAGES
    if "baseline" not in pages:
        pages = ["baseline", *pages]
    results = {}
    for page in pages:
        for _ in range(20):  # warm up: templates, connections, first-use caches
            response = request(page, prepare(page))
            if response.status_code != 200:
                sys.exit(f"{page}: status {response.status_code}")
        queries: list[str] = []  # Django empties connection.queries as a request starts

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        form = prepare(page)
        with connection.execute_wrapper(count):
            request(page, form)
        if args.queries:
            print(f"-- {page}: {len(queries)} queries", *queries, sep="\n", end="\n\n")
        times = []
        profiler = cProfile.Profile() if page == args.profile else None
        for _ in range(args.n):
            form = prepare(page)
            started = time.process_time()
            if profiler:
                profiler.enable()
            request(page, form)
            if profiler:
                profiler.disable()
            times.append((time.process_time() - started) * 1000)
        results[page] = (statistics.fmean(times), statistics.median(times), len(queries))
        if profiler:
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(*(args.restrict or []), 30)

    base = results["baseline"][0]
    print(f"{'page':<16} {'CPU ms/req':>10} {'median':>7} {'ratio':>6} {'queries':>7}")
    for page, (mean, median, queries) in results.items():
        print(f"{page:<16} {mean:>10.1f} {median:>7.1f} {base / mean:>6.2f} {queries:>7}")


if __name__ == "__main__":
    main()
