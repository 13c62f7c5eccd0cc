"""gunicorn's settings for `make serve` (and bench/load.py): workers for the cores, on loopback
unless told otherwise, and a task worker beside them."""

import os
import socket
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


bind = os.environ.get("TUTOR_BIND", "127.0.0.1:8000")
# Sync workers, gunicorn's rule of thumb of two per core plus one: a request waiting on the
# database leaves the core to another worker. WEB_CONCURRENCY overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * _cores() + 1))
# TUTOR_WEB_THREADS above 1 gives each worker that many threads (gthread). A log-in's password
# hash (about 0.6 s of CPU, which OpenSSL runs outside the GIL) then holds a thread rather than a
# whole worker: with sync workers a few log-ins at once hold most of the five, and the other
# students' requests queue for a free one (issue 14's open-loop tail at 40 req/s).
threads = int(os.environ.get("TUTOR_WEB_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# No keep-alive, as with sync workers: a client or proxy that reuses a connection just as the
# server drops it for idling gets a reset, and a POST is not retried.
keepalive = 0
timeout = 30
graceful_timeout = 20
# Load the app once in the master: workers fork with Django imported and start serving at once.
preload_app = True
accesslog = os.environ.get("TUTOR_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("TUTOR_LOG_LEVEL", "info")
# Forwarded headers are trusted from loopback only (a proxy on the same machine); set
# FORWARDED_ALLOW_IPS for a load balancer elsewhere.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

_task_worker: subprocess.Popen | None = None


def pre_fork(server, worker):
    """Database connections persist per worker (CONN_MAX_AGE): one the master opened while
    loading the app must not be inherited and shared by the workers it forks."""
    from django.db import connections

    connections.close_all()


def when_ready(server):
    """Start one task worker (``manage.py run_worker``) beside the web workers, with a worker id
    stable across restarts (so it takes back a task it was running when killed).
    TUTOR_TASK_WORKER=0 leaves the tasks to workers on other machines."""
    global _task_worker
    if os.environ.get("TUTOR_TASK_WORKER", "1") == "0":
        return
    worker_id = f"{socket.gethostname()}-serve"[:64]
    _task_worker = subprocess.Popen(
        [sys.executable, str(BASE_DIR / "manage.py"), "run_worker", "--worker-id", worker_id]
    )
    server.log.info("Started the task worker %s (pid %s)", worker_id, _task_worker.pid)


def on_exit(server):
    if _task_worker is not None and _task_worker.poll() is None:
        _task_worker.terminate()
        try:
            _task_worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _task_worker.kill()
