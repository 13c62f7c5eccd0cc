"""`manage.py backup PATH`: a consistent copy of the whole database while the site runs."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections


class Command(BaseCommand):
    help = (
        "Back up the database to PATH while the site keeps running: SQLite through its online "
        "backup API, PostgreSQL through pg_dump (custom format, for pg_restore). `manage.py "
        "restore PATH` puts it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to write (replaced if it exists)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, path, database, **options):
        connection = connections[database]
        target = Path(path).resolve()
        if not target.parent.is_dir():
            raise CommandError(f"No folder {target.parent} to write the backup into.")
        # Written beside the target and renamed at the end: an interrupted backup never leaves
        # a file that looks complete.
        partial = target.with_name(f".{target.name}.partial")
        partial.unlink(missing_ok=True)
        try:
            if connection.vendor == "sqlite":
                self._sqlite(connection, partial)
            elif connection.vendor == "postgresql":
                self._postgresql(connection, partial)
            else:
                raise CommandError(f"No backup for {connection.vendor} databases.")
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        size = target.stat().st_size
        self.stdout.write(
            f"Backed up the {connection.vendor} database to {target} ({size:,} bytes)."
        )

    def _sqlite(self, connection, partial: Path) -> None:
        connection.ensure_connection()
        copy = sqlite3.connect(partial)
        try:
            # The backup API copies a consistent snapshot, page by page, while others write.
            connection.connection.backup(copy)
            (result,) = copy.execute("PRAGMA integrity_check").fetchone()
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            copy.close()
        if result != "ok":
            raise CommandError(f"The copy failed its integrity check: {result}")

    def _postgresql(self, connection, partial: Path) -> None:
        command = [
            pg_tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={partial}",
        ]
        run_pg(command, connection.settings_dict)


def pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise CommandError(
            f"{name} was not found. PostgreSQL backups use the PostgreSQL client tools: install "
            "them (Debian: apt-get install postgresql-client, the server's major version or "
            "newer) or run pg_dump/pg_restore on the database server (see the README)."
        )
    return found


def run_pg(command: list[str], settings: dict) -> None:
    """Run a PostgreSQL client tool against the database Django uses (password by
    environment, never on the command line)."""
    env = {**os.environ}
    for key, variable in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ]:
        if settings.get(key):
            env[variable] = str(settings[key])
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise CommandError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")
