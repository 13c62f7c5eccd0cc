"""The task worker, watched: `python -m bench.worker_probe run_worker ...` runs manage.py with
each question-generation write batch timed into the file TUTOR_PROBE_FILE ("start <t>" and
"end <t>" lines, Unix time). TUTOR_PROBE_HOLD_S keeps each batch's transaction open that many
seconds after its writes, so bench/task_bench.py can make students write while the worker holds
SQLite's write lock, rather than hope they happen to meet."""

import os
import sys
import time
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tutor.settings")
    import django

    django.setup()
    from quizzes import services

    probe = Path(os.environ["TUTOR_PROBE_FILE"])
    hold = float(os.environ.get("TUTOR_PROBE_HOLD_S", "0"))
    save = services._generated_questions_save

    def timed_save(*args, **kwargs):
        with probe.open("a") as out:
            out.write(f"start {time.time()}\n")
        save(*args, **kwargs)
        time.sleep(hold)  # still inside the batch's transaction: the write lock is held
        with probe.open("a") as out:
            out.write(f"end {time.time()}\n")

    services._generated_questions_save = timed_save
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", *sys.argv[1:]])


if __name__ == "__main__":
    main()
