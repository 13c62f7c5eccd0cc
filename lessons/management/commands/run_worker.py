"""Runs a task worker: django-tasks-db's db_worker, after putting back in the queue the tasks this
worker was running when it last died, so a restart finishes what a kill interrupted. While it
runs it also hands over course tasks whose web process died before sending them."""

import logging
import signal
import socket
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lessons.models import CourseTask

UNSENT_CHECK_SECONDS = 30
logger = logging.getLogger(__name__)


def requeue_abandoned(worker_id: str) -> int:
    """Tasks left running by ``worker_id`` (it can run only one at a time, and it is starting,
    so none of them is still running) go back to the queue. Returns how many."""
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    ids = [
        result.pk
        for result in running.only("pk", "worker_ids")
        if result.worker_ids and result.worker_ids[-1] == worker_id
    ]
    return running.filter(pk__in=ids).update(status=TaskResultStatus.READY, started_at=None)


class Command(BaseCommand):
    help = (
        "Run a task worker. Give each worker a unique, stable --worker-id: on start it requeues "
        "the tasks it was running when it was stopped or killed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--worker-id",
            default=f"{socket.gethostname()}-1"[:64],
            help="Unique and stable per worker (default: HOSTNAME-1).",
        )
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between polls when idle."
        )

    def handle(self, *args, worker_id, batch, interval, verbosity, **options):
        requeued = requeue_abandoned(worker_id)
        if requeued and verbosity:
            self.stdout.write(f"Requeued {requeued} task(s) worker {worker_id} left running.")
        sent = CourseTask.send_unsent()
        if sent and verbosity:
            self.stdout.write(f"Sent {sent} course task(s) whose web process died before.")
        stop = threading.Event()
        if not batch:
            threading.Thread(target=self._send_unsent_every, args=(stop,), daemon=True).start()
        # db_worker takes over SIGINT/SIGTERM to stop gracefully; give them back afterwards
        # (a --batch run inside another program, such as the tests).
        saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            self._run(worker_id, batch, interval, verbosity)
        finally:
            stop.set()
            for sig, handler in saved.items():
                signal.signal(sig, handler)

    @staticmethod
    def _send_unsent_every(stop: threading.Event) -> None:
        while not stop.wait(UNSENT_CHECK_SECONDS):
            try:
                CourseTask.send_unsent()
            except Exception:  # the database may be away for a moment: try again later
                logger.exception("Sending unsent course tasks failed")
            finally:
                connection.close()

    def _run(self, worker_id, batch, interval, verbosity):
        call_command(
            "db_worker",
            worker_id=worker_id,
            batch=batch,
            interval=interval,
            reload=False,
            startup_delay=False,
            queue_name="*",
            verbosity=verbosity,
        )
