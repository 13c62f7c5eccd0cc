"""Tutor under load, served the way `make serve` serves it, over a simulated class.

    .venv/bin/python bench/load.py                       # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/load.py
                                                         # SQLite, then PostgreSQL beside it

Options: --students N (default 2000), --seed S, --only sqlite|postgresql, --redis (sessions and
cache in REDIS_URL's Redis, as on several servers). For studying one loop: --load closed|open runs
only that one, --rates 40 (or 10,20,40) steps the open loop through those rates only, and
--step-seconds 60 measures each step longer than its 10 s (p95 over 400 requests moves a lot
with what falls into them). With TUTOR_ACCESS_LOG=PATH gunicorn writes an access log, and
GUNICORN_CMD_ARGS="--access-logformat '%(m)s %(U)s %(s)s %(M)s %({x-request-id}o)s'" puts each
request's time in the server (ms) and its id in it, beside the open loop's times.

Each database's load is bounded to about two minutes and a fixed number of requests; the data
set is built once (bench/serving/data.py: 2,000 students, 200,000 responses, 100,000 review
cards) and reused from bench/out/ (SQLite file, PostgreSQL template database NAME_load_<key>)
until the builder changes (DATA_VERSION).
PostgreSQL runs on a copy, database NAME_load_run; NAME itself is never touched.

For each database it starts gunicorn with tutor/gunicorn.conf.py (DEBUG off, collectstatic'd
files, workers for the cores, the task worker when there is one) on a free loopback port, as
behind a TLS proxy (X-Forwarded-Proto: https), and runs with Locust, headless, in this process:

* a closed loop: 20 concurrent students request one page as fast as they can: a minimal
  logged-in view through the same middleware (the baseline), the lesson page, the course page,
  the review page, answering a quiz question (htmx POST) and the dashboard. The pages take
  turns with the baseline (B L B C B R B A B D B, 1.5 s each), three rounds of it, and each
  page's ratio is its req/s over the mean of the two baseline measures beside it: others' work
  on the machine comes and goes within seconds, and the baseline's throughput follows it
  (half or double within one run). It prints per page the median of the rounds with their
  range, and each round's figures with who kept the cores busy meanwhile. Each request of a
  GET page comes from the next student in that page's own walk through the 2,000, so a page
  does not meet figures its own earlier requests cached until it has served every student;
* an open loop: students visit (sometimes log in; dashboard, course page, two lessons, a
  review session of five cards, dashboard) with 1-3 s of thinking between requests, and
  steps up the request rate (at least to 40 req/s) until p95 passes 250 ms. A step adds
  students who arrive spread over 3 s, each entering a visit at a random point of it, and is
  measured after 6 s: so its visits are spread over their course, with log-ins at the steady
  rate of one visit in ten, not bunched at the step's start. It prints each step with its
  log-ins against that steady rate's expectation, the endpoints of the 40 req/s step and of
  the last one, and the highest mixed rate sustained under 250 ms p95.

The machine's cores are shared by the servers and the load generator (and anything else that
runs): req/s and latencies are for this machine as it was during the run, and other work on it
makes them worse. Beside them it prints the server's CPU time per request (all of gunicorn's
processes, read from /proc), which other work on the machine barely changes, and its ratio to
the baseline's: what the throughput ratio would be on cores given to the server alone.
"""

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import collections  # noqa: E402
import contextlib  # noqa: E402
import hashlib  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from pathlib import Path  # noqa: E402
from statistics import median  # noqa: E402
from urllib.parse import urlparse  # noqa: E402

import gevent  # noqa: E402
from locust import FastHttpUser, constant, task  # noqa: E402
from locust.env import Environment  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SECRET = "bench-load-secret-key-not-for-production-0123456789abcdef"
DATA_VERSION = 3  # 3: passwords hashed with Argon2, the site's hasher since then

CONCURRENCY = 20
PAGES = ["lesson page", "course page", "review page", "answer POST", "dashboard"]
# The closed loop measures each page ROUNDS times, each time between two measures of the
# baseline (B L B C B R B A B D B), and reports per page the median over the rounds and their
# spread: something else busy on the machine for a few seconds then moves one round's figures,
# not the whole ratio.
ROUNDS = 3
WARMUP_S, SETTLE_S, MEASURE_S = 1.0, 0.2, 1.5
THINK_S = (1.0, 3.0)
# A step of the open loop: the students it adds arrive spread over ARRIVAL_SPREAD_S, each
# entering a visit at a random point of it (as if it had been visiting for a while); the step
# settles for the spread plus one think time, then is measured for STEP_MEASURE_S.
ARRIVAL_SPREAD_S = THINK_S[1]
STEP_SETTLE_S, STEP_MEASURE_S = ARRIVAL_SPREAD_S + THINK_S[1], 10.0
OPEN_RATES = [10, 20, 40, 60, 80, 100, 120, 150, 180, 220, 270, 330]
P95_LIMIT_MS = 250
TARGET_RATE = 40  # req/s: the open loop always steps at least this far
LOG_IN_SHARE = 0.1  # of visits
REVIEW_CARDS = 5  # per visit
TIME_BUDGET_S = 160  # per database, for the loads (the server's start and the data set aside)
MAX_REQUESTS = 20_000  # per measured phase or step: the load stops early past it


# --- The data set and the server -----------------------------------------------------------


def _data_key(students: int, seed: int) -> str:
    """Names the data set: bump DATA_VERSION when bench/serving/data.py changes what it builds.
    Migrations added since it was built are applied to each run's copy."""
    return hashlib.sha256(f"{DATA_VERSION}:{students}:{seed}".encode()).hexdigest()[:10]


def _server_env(database_url: str, redis: bool) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.serving.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_BEHIND_PROXY": "1",
        "TUTOR_LOG_LEVEL": "warning",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    if not redis:
        env.pop("REDIS_URL", None)
    return env


def _build(database_url: str, manifest: Path, students: int, seed: int) -> None:
    print(f"  building the data set ({students} students) ...", flush=True)
    builder = ROOT / "bench" / "serving" / "data.py"
    subprocess.run(
        [PYTHON, str(builder), str(manifest), str(students), str(seed)],
        env=_server_env(database_url, redis=False),
        check=True,
        cwd=ROOT,
    )


def prepare_sqlite(students: int, seed: int) -> tuple[str, dict]:
    key = _data_key(students, seed)
    cached, manifest = OUT / f"load-{key}.sqlite3", OUT / f"load-{key}.json"
    if not manifest.exists():
        for old in OUT.glob("load-*.sqlite3*"):
            old.unlink()
        _build(f"sqlite:///{cached}", manifest, students, seed)
    run = OUT / "load-run.sqlite3"
    for path in OUT.glob("load-run.sqlite3*"):
        path.unlink()
    shutil.copyfile(cached, run)
    return f"sqlite:///{run}", json.loads(manifest.read_text())


def prepare_postgresql(database_url: str, students: int, seed: int) -> tuple[str, dict]:
    import psycopg

    parsed = urlparse(database_url)
    name = parsed.path.lstrip("/") or "postgres"
    key = _data_key(students, seed)
    template, run = f"{name}_load_{key}", f"{name}_load_run"
    manifest = OUT / f"load-{key}-postgresql.json"
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [template]
        ).fetchone()
        if not exists or not manifest.exists():
            connection.execute(f'DROP DATABASE IF EXISTS "{template}"')
            connection.execute(f'CREATE DATABASE "{template}"')
            _build(parsed._replace(path=f"/{template}").geturl(), manifest, students, seed)
        connection.execute(f'DROP DATABASE IF EXISTS "{run}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{run}" TEMPLATE "{template}"')
    return parsed._replace(path=f"/{run}").geturl(), json.loads(manifest.read_text())


class ServerCPU:
    """CPU seconds used so far by the server's processes (gunicorn's master and workers, the
    task worker): all of them share the process group that ``server`` starts."""

    def __init__(self, group: int):
        self.group = group
        self.tick = os.sysconf("SC_CLK_TCK")

    def seconds(self) -> float:
        ticks = sum(t for _, _, group, t in _processes() if group == self.group)
        return ticks / self.tick


def _processes():
    """(pid, command, process group, CPU ticks so far) of every process, from /proc."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
        except OSError:
            continue  # the process ended meanwhile
        fields = tail.split()  # pgrp at 2; utime and stime at 11 and 12
        yield (
            stat.parent.name,
            head.split("(", 1)[1],
            int(fields[2]),
            int(fields[11]) + int(fields[12]),
        )


class Machine:
    """What kept the machine's cores busy: the server (``ServerCPU``'s process group), this
    process (the load generator), PostgreSQL's processes, everything else, and the time the
    hypervisor gave to other machines (steal), read from /proc between two snapshots."""

    def __init__(self, group: int):
        self.group = group
        self.tick = os.sysconf("SC_CLK_TCK")

    def snapshot(self) -> dict:
        processes = {}  # pid: (whose, CPU ticks so far)
        for pid, command, group, ticks in _processes():
            if group == self.group:
                processes[pid] = ("server", ticks)
            elif command == "postgres":
                processes[pid] = ("postgres", ticks)
        cpu = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = cpu[3] + cpu[4]  # idle, iowait
        return {
            "at": time.monotonic(),
            "busy": (sum(cpu[:8]) - idle) / self.tick,
            "steal": cpu[7] / self.tick,
            "generator": time.process_time(),
            "processes": processes,
        }

    def cores(self, before: dict, after: dict) -> dict:
        """Cores each kept busy between two snapshots; ``other`` is everything else (with the
        last moments of processes that ended meanwhile)."""
        seconds = max(after["at"] - before["at"], 1e-6)
        used = {k: (after[k] - before[k]) / seconds for k in ("busy", "steal", "generator")}
        used["server"] = used["postgres"] = 0.0
        for pid, (whose, ticks) in after["processes"].items():
            earlier = before["processes"].get(pid, (whose, 0))[1]
            used[whose] += (ticks - earlier) / self.tick / seconds
        used["other"] = max(
            used["busy"] - used["server"] - used["generator"] - used["postgres"] - used["steal"],
            0.0,
        )
        return used


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server(database_url: str, redis: bool):
    """gunicorn as `make serve` runs it, on a free loopback port; stopped on leaving."""
    port = _free_port()
    env = _server_env(database_url, redis) | {"TUTOR_BIND": f"127.0.0.1:{port}"}
    log = open(OUT / "load-server.log", "w")  # noqa: SIM115 - kept open while it runs
    process = subprocess.Popen(
        [GUNICORN, "--config", str(ROOT / "tutor" / "gunicorn.conf.py"), "tutor.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start; see {OUT / 'load-server.log'}")
            time.sleep(0.3)
        yield base, ServerCPU(process.pid)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


# --- What the students do ------------------------------------------------------------------

QUESTION_RE = re.compile(r'name="question" value="(\d+)"')
CHOICE_RE = re.compile(r'name="answer" value="(\d+)"')
SESSION_RE = re.compile(r"sessionid=([a-z0-9]+)")


class Site:
    """What the load needs to know about the served site and its data set."""

    def __init__(self, base: str, manifest: dict):
        self.base = base
        self.https = base.replace("http://", "https://")
        self.manifest = manifest
        self.students = manifest["students"]
        self.course = manifest["course"]
        self.lessons = manifest["lessons"]
        self.quiz = manifest["quiz"]
        self.quiz_items = manifest["quiz_items"]
        self.csrf = "benchloadcsrfsecret0123456789abc"  # any 32 letters: cookie and header match
        self.arrivals = itertools.count(random.Random(7).randrange(len(self.students)))

    def headers(self, session_key: str, htmx: bool = False) -> dict:
        headers = {
            "X-Forwarded-Proto": "https",  # as the TLS-terminating proxy sends it
            "Cookie": f"sessionid={session_key}; csrftoken={self.csrf}",
            "X-CSRFToken": self.csrf,
            "Origin": self.https,
            "Referer": f"{self.https}/",
        }
        if htmx:
            headers["HX-Request"] = "true"
        return headers

    def lesson_url(self, index: int) -> str:
        return f"/courses/{self.course}/lessons/{self.lessons[index % len(self.lessons)]}/"


def _get(user, path, name, session_key, expect=200, **headers):
    with user.client.get(
        path,
        headers=user.site.headers(session_key) | headers,
        name=name,
        catch_response=True,
        allow_redirects=False,
    ) as response:
        if response.status_code != expect:
            response.failure(f"status {response.status_code}")
        return response


def _post(user, path, name, session_key, data, expect=200, htmx=True):
    with user.client.post(
        path,
        data=data,
        headers=user.site.headers(session_key, htmx=htmx),
        name=name,
        catch_response=True,
        allow_redirects=False,
    ) as response:
        if response.status_code != expect:
            response.failure(f"status {response.status_code}")
        return response


class ClosedLoad:
    """The closed loop's state shared by its 20 students: the page being measured and, per
    page, where it is in the list of students."""

    def __init__(self, site: Site):
        self.page = "baseline"
        self.in_flight = collections.Counter()  # requests under way, by page
        students = len(site.students)
        # Each page walks the students from its own starting point, one student per request,
        # and carries on from there in the next round: its requests come from students it has
        # not served yet until it has served them all (a student's figures may still be warm
        # from another page's request within FIGURES_TIMEOUT).
        self.cursors = {
            page: itertools.count(index * students // 6)
            for index, page in enumerate(["baseline", *PAGES])
        }

    def next_index(self) -> int:
        return next(self.cursors[self.page])


class ClosedLoopStudent(FastHttpUser):
    """One of 20 students requesting the page ``load.page`` names as fast as it can."""

    abstract = True
    wait_time = constant(0)
    site: Site
    load: ClosedLoad
    counter = itertools.count()

    def on_start(self):
        self.slot = next(ClosedLoopStudent.counter)
        self.attempt = None
        # Answering is done by 20 students of their own, each through the quiz in order.
        _, self.session_key = self.site.students[-1 - self.slot]

    def start_attempt(self):
        """Answering needs an attempt: one on the quiz holding every question, in order."""
        response = _post(
            self,
            f"/quizzes/{self.site.quiz}/start/",
            "quiz start",
            self.session_key,
            {},
            expect=302,
            htmx=False,
        )
        self.attempt = response.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
        self.position = 0

    @task
    def request(self):
        page = self.load.page
        self.load.in_flight[page] += 1
        try:
            self.request_page(page)
        finally:
            self.load.in_flight[page] -= 1

    def request_page(self, page: str):
        site = self.site
        if page == "answer POST":
            if self.attempt is None or self.position == len(site.quiz_items):
                self.start_attempt()
            question, choices = site.quiz_items[self.position]
            self.position += 1
            path = f"/attempts/{self.attempt}/questions/{self.position}/"
            # Right three times in four, as the data set's students are.
            answer = choices[0] if random.random() < 0.75 else random.choice(choices[1:])
            _post(self, path, page, self.session_key, {f"q{question}-answer": answer})
            return
        index = self.load.next_index()
        session_key = site.students[index % len(site.students)][1]
        if page == "baseline":
            _get(self, "/bench/baseline/", page, session_key)
        elif page == "lesson page":
            _get(self, site.lesson_url(index), page, session_key)
        elif page == "course page":
            _get(self, f"/courses/{site.course}/", page, session_key)
        elif page == "review page":
            _get(self, "/review/", page, session_key)
        elif page == "dashboard":
            _get(self, "/dashboard/", page, session_key)


# A visit, as the requests it makes in turn; each is followed by a think time.
VISIT = [
    "dashboard",
    "course page",
    "lesson page",
    "lesson page",
    "review page",
    *["review answer POST", "review continue POST"] * REVIEW_CARDS,
    "dashboard",
]
LOG_IN = ["log-in form", "log in"]
# A student met at a random moment is in a visit that starts with a log-in with this chance:
# such visits are longer, so more likely to be under way at any moment than their share.
LOG_IN_WEIGHT = (
    LOG_IN_SHARE
    * len(LOG_IN + VISIT)
    / (LOG_IN_SHARE * len(LOG_IN + VISIT) + (1 - LOG_IN_SHARE) * len(VISIT))
)
# Requests per visit on average: what the steady state's share of log-ins follows from.
REQUESTS_PER_VISIT = len(VISIT) + LOG_IN_SHARE * len(LOG_IN)


class VisitingStudent(FastHttpUser):
    """A student's visit, with think time between requests; then another student's.

    A student added by a step arrives at a random moment within ARRIVAL_SPREAD_S and enters a
    visit at a random point of it, as a student met at a random moment would be: so the
    step's visits are spread over their course (log-ins at their steady rate) from the start,
    not all beginning, and logging in, together."""

    abstract = True
    wait_time = constant(0)
    site: Site

    def on_start(self):
        gevent.sleep(random.uniform(0, ARRIVAL_SPREAD_S))
        log_in = random.random() < LOG_IN_WEIGHT
        moves = (LOG_IN if log_in else []) + VISIT
        self.visit(log_in, start=random.randrange(len(moves)))

    def think(self):
        gevent.sleep(random.uniform(*THINK_S))

    @task
    def visits(self):
        self.visit(random.random() < LOG_IN_SHARE)

    def visit(self, log_in: bool, start: int = 0):
        """One visit, from its request number ``start`` on (0: the whole visit)."""
        site = self.site
        username, session_key = site.students[next(site.arrivals) % len(site.students)]
        if log_in:
            if start == 0:
                _get(self, "/accounts/login/", "log-in form", "")
                self.think()
            if start <= 1:
                form = {
                    "username": username,
                    "password": site.manifest["password"],
                    "csrfmiddlewaretoken": site.csrf,
                }
                response = _post(
                    self, "/accounts/login/", "log in", "", form, expect=302, htmx=False
                )
                found = SESSION_RE.search(str(response.headers.get("Set-Cookie", "")))
                if found:
                    session_key = found.group(1)
                self.think()
            start = max(start - len(LOG_IN), 0)
        move = itertools.count()
        if next(move) >= start:
            _get(self, "/dashboard/", "dashboard", session_key)
            self.think()
        if next(move) >= start:
            _get(self, f"/courses/{site.course}/", "course page", session_key)
            self.think()
        first = random.randrange(len(site.lessons))
        for index in (first, first + 1):
            if next(move) >= start:
                _get(self, site.lesson_url(index), "lesson page", session_key)
                self.think()
        # Entering during the review session, the student first gets the pane it would have
        # (the review page), then answers the cards left.
        review_at = next(move)
        cards = REVIEW_CARDS - max(start - review_at, 0) // 2
        if start <= review_at + 2 * REVIEW_CARDS:
            pane = _get(self, "/review/", "review page", session_key).text or ""
            for _ in range(cards):
                question, choices = QUESTION_RE.search(pane), CHOICE_RE.findall(pane)
                if not (question and choices):
                    break
                self.think()
                _post(
                    self,
                    "/review/answer/",
                    "review answer POST",
                    session_key,
                    {"question": question.group(1), "answer": random.choice(choices)},
                )
                self.think()
                pane = (
                    _post(self, "/review/continue/", "review continue POST", session_key, {}).text
                    or ""
                )
            self.think()
        _get(self, "/dashboard/", "dashboard", session_key)
        self.think()


# --- Running the loads ---------------------------------------------------------------------


def _measure(env, seconds: float, cpu: ServerCPU) -> tuple[float, float]:
    """Reset the figures, let the load run ``seconds`` or MAX_REQUESTS: the seconds it ran and
    the server's CPU seconds meanwhile."""
    env.stats.reset_all()
    started, cpu_before = time.monotonic(), cpu.seconds()
    while time.monotonic() - started < seconds and env.stats.total.num_requests < MAX_REQUESTS:
        gevent.sleep(0.1)
    return time.monotonic() - started, cpu.seconds() - cpu_before


def _entry_figures(entry, seconds: float) -> dict:
    return {
        "requests": entry.num_requests,
        "rps": entry.num_requests / seconds,
        "p50": entry.get_response_time_percentile(0.50),
        "p95": entry.get_response_time_percentile(0.95),
        "p99": entry.get_response_time_percentile(0.99),
        "errors": entry.num_failures,
        "mean": entry.avg_response_time,
    }


def _phase(env, load: ClosedLoad, page: str, machine: Machine) -> dict:
    """Switch the 20 students to ``page``, let the previous page's requests finish, and
    measure MEASURE_S: the page's figures, the server's CPU per request and who kept the
    machine's cores busy meanwhile."""
    load.page = page
    # The previous page's last requests finish before the window opens (within 5 s).
    settle = time.monotonic() + 5
    while time.monotonic() < settle and sum(load.in_flight.values()) > load.in_flight[page]:
        gevent.sleep(0.01)
    gevent.sleep(SETTLE_S)
    env.stats.reset_all()
    before, started = machine.snapshot(), time.monotonic()
    while time.monotonic() - started < MEASURE_S and env.stats.total.num_requests < MAX_REQUESTS:
        gevent.sleep(0.05)
    after = machine.snapshot()
    seconds = after["at"] - before["at"]
    figures = _entry_figures(
        env.stats.get(page, "POST" if page == "answer POST" else "GET"), seconds
    )
    cores = machine.cores(before, after)
    # Server CPU per request: the window's requests are (nearly) all of this page.
    figures["cpu_ms"] = 1000 * cores["server"] * seconds / max(env.stats.total.num_requests, 1)
    figures["cores"] = cores
    figures["error_kinds"] = sorted({str(e.error) for e in env.stats.errors.values()})
    return figures


def closed_loop(site: Site, cpu: ServerCPU) -> list[list[tuple[str, dict]]]:
    """ROUNDS rounds of B L B C B R B A B D B (B the baseline): each round's phases in turn."""
    machine = Machine(cpu.group)
    load = ClosedLoad(site)
    user_class = type(
        "Closed", (ClosedLoopStudent,), {"site": site, "load": load, "host": site.base}
    )
    ClosedLoopStudent.counter = itertools.count()
    env = Environment(user_classes=[user_class])
    runner = env.create_local_runner()
    runner.start(CONCURRENCY, spawn_rate=CONCURRENCY)
    for page in ["baseline", *PAGES]:  # every worker's first requests of each page, unmeasured
        load.page = page
        gevent.sleep(WARMUP_S)
    rounds = []
    for _ in range(ROUNDS):
        phases = [("baseline", _phase(env, load, "baseline", machine))]
        for page in PAGES:
            phases.append((page, _phase(env, load, page, machine)))
            phases.append(("baseline", _phase(env, load, "baseline", machine)))
        rounds.append(phases)
    runner.quit()
    gevent.sleep(0.5)
    return rounds


def closed_summary(rounds: list) -> dict:
    """Per page, each round's figures with its ratio to the mean of the baseline measured just
    before and just after it; and the baseline's own phases."""
    pages: dict[str, list[dict]] = {"baseline": []}
    for phases in rounds:
        pages["baseline"] += [f for name, f in phases if name == "baseline"]
        for index in range(1, len(phases), 2):
            name, figures = phases[index]
            before, after = phases[index - 1][1], phases[index + 1][1]
            base_rps = (before["rps"] + after["rps"]) / 2
            base_cpu = (before["cpu_ms"] + after["cpu_ms"]) / 2
            pages.setdefault(name, []).append(
                figures
                | {
                    "base_rps": (before["rps"], after["rps"]),
                    "ratio": figures["rps"] / max(base_rps, 1e-9),
                    "cpu_ratio": base_cpu / max(figures["cpu_ms"], 1e-9),
                    "base_other": (before["cores"]["other"] + after["cores"]["other"]) / 2,
                }
            )
    return pages


def open_loop(
    site: Site,
    cpu: ServerCPU,
    deadline: float,
    rates: list[int] = OPEN_RATES,
    step_s: float = STEP_MEASURE_S,
) -> list[dict]:
    machine = Machine(cpu.group)
    user_class = type("Visiting", (VisitingStudent,), {"site": site, "host": site.base})
    env = Environment(user_classes=[user_class])
    runner = env.create_local_runner()
    steps = []
    mean_gap = sum(THINK_S) / 2
    for rate in rates:
        if time.monotonic() + STEP_SETTLE_S + step_s > deadline:
            steps.append({"rate": rate, "skipped": "time budget spent"})
            break
        runner.start(round(rate * mean_gap), spawn_rate=100)
        gevent.sleep(STEP_SETTLE_S)
        before = machine.snapshot()
        seconds, cpu_seconds = _measure(env, step_s, cpu)
        step = {"rate": rate, **_entry_figures(env.stats.total, seconds)}
        step["cpu"] = cpu_seconds / seconds  # cores the server kept busy
        step["cores"] = machine.cores(before, machine.snapshot())
        log_ins = env.stats.entries.get(("log in", "POST"))
        step["log_ins"] = log_ins.num_requests if log_ins else 0
        # In the steady state of this rate: one visit in ten logs in, once in its requests.
        step["log_ins_expected"] = step["requests"] * LOG_IN_SHARE / REQUESTS_PER_VISIT
        step["endpoints"] = {
            name: _entry_figures(entry, seconds) for (name, _), entry in env.stats.entries.items()
        }
        steps.append(step)
        # Past the limit, stop; but always reach 40 req/s, the rate the target names.
        if not step["requests"] or (step["p95"] > P95_LIMIT_MS and rate >= TARGET_RATE):
            break
    runner.quit()
    return steps


# --- Reporting -----------------------------------------------------------------------------


def _ms(value) -> str:
    return f"{value:.0f}" if value is not None else "-"


def _closed_lines(pages: dict) -> list[str]:
    rounds = len(pages["lesson page"])
    lines = [
        f"closed loop: {CONCURRENCY} concurrent students; {rounds} rounds, each page measured "
        f"{MEASURE_S:.1f} s between two {MEASURE_S:.1f} s measures of the baseline; median of "
        "the rounds [lowest-highest]",
        f"{'endpoint':<16}{'req/s':>7}{'ratio':>7}{'[range]':>12}{'p50':>6}{'p95':>6}{'p99':>6}"
        f"{'errors':>7}{'CPU ms/req':>11}{'CPU ratio':>10}{'[range]':>12}",
    ]
    for page, runs in pages.items():
        ratios = [f["ratio"] for f in runs] if page != "baseline" else [1.0]
        cpu_ratios = [f["cpu_ratio"] for f in runs] if page != "baseline" else [1.0]
        lines.append(
            f"{page:<16}{median([f['rps'] for f in runs]):>7.0f}{median(ratios):>7.2f}"
            f"{f'[{min(ratios):.2f}-{max(ratios):.2f}]':>12}"
            f"{_ms(median([f['p50'] or 0 for f in runs])):>6}"
            f"{_ms(median([f['p95'] or 0 for f in runs])):>6}"
            f"{_ms(median([f['p99'] or 0 for f in runs])):>6}"
            f"{sum(f['errors'] for f in runs):>7}{median([f['cpu_ms'] for f in runs]):>11.1f}"
            f"{median(cpu_ratios):>10.2f}{f'[{min(cpu_ratios):.2f}-{max(cpu_ratios):.2f}]':>12}"
        )
        kinds = sorted({kind for f in runs for kind in f["error_kinds"]})
        if kinds:
            lines.append(f"    errors: {'; '.join(kinds)[:300]}")
    lines.append(
        "phase by phase: the page's req/s, the baseline's just before and after, the ratio; "
        "cores busy in the page's window: server, load generator, PostgreSQL, other work, "
        "steal; other work in the baselines' windows"
    )
    for page, runs in pages.items():
        if page == "baseline":
            continue
        for number, f in enumerate(runs, 1):
            c = f["cores"]
            lines.append(
                f"  {number} {page:<12}{f['rps']:>5.0f} vs {f['base_rps'][0]:>4.0f}/"
                f"{f['base_rps'][1]:<4.0f} {f['ratio']:>5.2f}   server {c['server']:.2f} "
                f"generator {c['generator']:.2f} pg {c['postgres']:.2f} other {c['other']:.2f} "
                f"steal {c['steal']:.2f}; baselines' other {f['base_other']:.2f}"
            )
    return lines


def report(
    name: str,
    manifest: dict,
    closed: list,
    steps: list[dict],
    load: tuple,
    step_s: float = STEP_MEASURE_S,
) -> str:
    counts = manifest["counts"]
    lines = [
        f"== {name}: {counts['students']:,} students, {counts['response']:,} responses, "
        f"{counts['reviewcard']:,} review cards, {counts['reviewlog']:,} review logs "
        f"(data set built in {manifest['build_seconds']} s, once)",
        f"machine: {os.cpu_count()} cores; load average {load[0]:.1f} before the run, "
        f"{load[1]:.1f} after (the run itself adds about 2)",
    ]
    if closed:
        lines += _closed_lines(closed_summary(closed))
    if not steps:
        return "\n".join(lines)
    lines.append(
        f"open loop: visits with {THINK_S[0]:.0f}-{THINK_S[1]:.0f} s think time, "
        f"{step_s:.0f} s per step (ms)"
    )
    lines.append(
        f"{'target':>8}{'req/s':>8}{'p50':>6}{'p95':>6}{'p99':>6}{'errors':>8}{'server cores':>14}"
        f"{'other cores':>13}{'log-ins':>9}{'expected':>10}"
    )
    best = None
    for step in steps:
        if "skipped" in step:
            lines.append(f"{step['rate']:>8}  skipped: {step['skipped']}")
            continue
        lines.append(
            f"{step['rate']:>8}{step['rps']:>8.1f}{_ms(step['p50']):>6}{_ms(step['p95']):>6}"
            f"{_ms(step['p99']):>6}{step['errors']:>8}{step['cpu']:>14.2f}"
            f"{step['cores']['other']:>13.2f}{step['log_ins']:>9}{step['log_ins_expected']:>10.1f}"
        )
        if step["requests"] and step["p95"] <= P95_LIMIT_MS and not step["errors"]:
            best = step
    at_40 = next((s for s in steps if s.get("rate") == TARGET_RATE and "p95" in s), None)
    last = next((s for s in reversed(steps) if "p95" in s), None)
    if at_40:
        lines.append(f"p95 at {TARGET_RATE} mixed req/s: {_ms(at_40['p95'])} ms")
    for step in {id(s): s for s in (at_40, last) if s}.values():
        lines.append(f"  step {step['rate']} req/s by endpoint:")
        for endpoint, f in sorted(step["endpoints"].items()):
            lines.append(
                f"    {endpoint:<22}{f['requests']:>6} req  p50 {_ms(f['p50']):>4}  "
                f"p95 {_ms(f['p95']):>4}  errors {f['errors']}"
            )
    if best:
        lines.append(
            f"highest sustained mixed rate under {P95_LIMIT_MS} ms p95: {best['rps']:.1f} req/s "
            f"(step {best['rate']}, p95 {_ms(best['p95'])} ms)"
        )
    if steps and steps[-1].get("requests") and steps[-1]["p95"] <= P95_LIMIT_MS:
        lines.append(f"(p95 stayed under {P95_LIMIT_MS} ms up to the last step)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--redis", action="store_true", help="use REDIS_URL for cache/sessions")
    parser.add_argument("--load", choices=["closed", "open"], help="run only this loop")
    parser.add_argument(
        "--rates",
        type=lambda text: [int(rate) for rate in text.split(",")],
        default=OPEN_RATES,
        help="the open loop's steps, req/s (e.g. 40 or 10,20,40)",
    )
    parser.add_argument("--step-seconds", type=float, default=STEP_MEASURE_S)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.redis and not os.environ.get("REDIS_URL"):
        raise SystemExit("--redis needs REDIS_URL")

    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=_server_env("sqlite:///:memory:", False),
        check=True,
    )
    targets = []
    if args.only != "postgresql":
        targets.append(("SQLite", lambda: prepare_sqlite(args.students, args.seed)))
    database_url = os.environ.get("DATABASE_URL", "")
    if args.only != "sqlite" and database_url.startswith("postgres"):
        targets.append(
            ("PostgreSQL", lambda: prepare_postgresql(database_url, args.students, args.seed))
        )
    if not targets:
        raise SystemExit("--only postgresql needs DATABASE_URL=postgres://...")
    reports = []
    for name, prepare in targets:
        print(f"{name}: preparing", flush=True)
        database, manifest = prepare()
        subprocess.run(  # a no-op unless migrations came after the data set was built
            [PYTHON, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env=_server_env(database, False),
            check=True,
        )
        with server(database, args.redis) as (base, cpu):
            print(f"{name}: loading {base}", flush=True)
            site = Site(base, manifest)
            # Longer steps get a budget as much longer.
            budget = TIME_BUDGET_S * max(1.0, args.step_seconds / STEP_MEASURE_S)
            deadline = time.monotonic() + budget
            load_before = os.getloadavg()[0]
            closed = closed_loop(site, cpu) if args.load != "open" else []
            steps = (
                open_loop(site, cpu, deadline, args.rates, args.step_seconds)
                if args.load != "closed"
                else []
            )
            load = (load_before, os.getloadavg()[0])
        reports.append(report(name, manifest, closed, steps, load, args.step_seconds))
        # Every phase's and step's figures, for a closer look than the report's.
        figures = {"closed": closed, "open": steps, "load": load}
        (OUT / f"load-{name.lower()}-figures.json").write_text(json.dumps(figures, default=str))
        print(reports[-1], flush=True)
    print("\n\n".join(reports))


if __name__ == "__main__":
    main()
