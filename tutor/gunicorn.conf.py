"""gunicorn's settings for `make serve` (and bench/load.py): workers for the cores, on loopback
unless told otherwise, and the task worker beside them when the project has one."""

import os
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
worker_class = "sync"
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


def _has_task_worker() -> bool:
    from django.core.management import get_commands

    return "db_worker" in get_commands()


def when_ready(server):
    """Start the task worker (django-tasks' db_worker) beside the web workers, when the project
    queues tasks in the database. TUTOR_TASK_WORKER=0 leaves it to another machine."""
    global _task_worker
    if os.environ.get("TUTOR_TASK_WORKER", "1") == "0" or not _has_task_worker():
        return
    _task_worker = subprocess.Popen([sys.executable, str(BASE_DIR / "manage.py"), "db_worker"])
    server.log.info("Started the task worker (pid %s)", _task_worker.pid)


def on_exit(server):
    if _task_worker is not None and _task_worker.poll() is None:
        _task_worker.terminate()
        try:
            _task_worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _task_worker.kill()
