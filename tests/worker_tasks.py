"""A task for tests/test_tasks.py's kill test: it records each start, then holds until released."""

import time
from pathlib import Path

from django.tasks import task


@task()
def hold(folder: str) -> str:
    folder_path = Path(folder)
    runs = len(list(folder_path.glob("started-*")))
    (folder_path / f"started-{runs + 1}").touch()
    deadline = time.monotonic() + 120
    while not (folder_path / "release").exists():
        if time.monotonic() > deadline:
            raise TimeoutError("never released")
        time.sleep(0.05)
    return f"finished on run {runs + 1}"
