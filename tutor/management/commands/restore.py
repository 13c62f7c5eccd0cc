"""`manage.py restore PATH`: replace the whole database with a backup made by `backup`."""

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from .backup import pg_tool, run_pg


class Command(BaseCommand):
    help = (
        "Replace the database's contents with a backup made by `manage.py backup`. Everything "
        "written since that backup is lost; stop the site (and the task workers) first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a file written by `manage.py backup`")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, path, database, interactive, **options):
        connection = connections[database]
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"No backup file at {source}.")
        if interactive:
            answer = input(
                f"This replaces everything in the {connection.vendor} database "
                f"{connection.settings_dict['NAME']} with {source}. Type 'yes' to go on: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        if connection.vendor == "sqlite":
            self._sqlite(connection, source)
        elif connection.vendor == "postgresql":
            connection.close()
            run_pg(
                [
                    pg_tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    f"--dbname={connection.settings_dict['NAME']}",
                    str(source),
                ],
                connection.settings_dict,
            )
        else:
            raise CommandError(f"No restore for {connection.vendor} databases.")
        self.stdout.write(f"Restored the {connection.vendor} database from {source}.")

    def _sqlite(self, connection, source: Path) -> None:
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            try:
                (result,) = backup.execute("PRAGMA integrity_check").fetchone()
            except sqlite3.DatabaseError as error:
                raise CommandError(f"{source} is not a SQLite backup: {error}") from None
            if result != "ok":
                raise CommandError(f"{source} failed its integrity check: {result}")
            connection.ensure_connection()
            # The backup API replaces the live database's pages in one step.
            backup.backup(connection.connection)
        finally:
            backup.close()
