"""Back up the database, restore the backup into a fresh database, and compare the row
count of every table: the README's backup and restore steps, proved on real data.

SQLite: SQLite's online backup API copies a consistent snapshot while the app runs;
restoring is putting that file in place. PostgreSQL: `pg_dump --format=custom` from a
snapshot exported by the transaction that counts the rows, then `pg_restore` into a new
database, which is dropped afterwards.

    .venv/bin/python manage.py backup_check [--keep PATH]
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def _counts(cursor, tables: list[str], quote) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 -- table names from introspection
        counts[table] = cursor.fetchone()[0]
    return counts


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep", type=Path, help="Keep the backup file here rather than deleting it."
        )

    def handle(self, *args, keep: Path | None = None, **options):
        tables = sorted(connection.introspection.table_names())
        with tempfile.TemporaryDirectory() as scratch:
            backup = Path(scratch) / "backup"
            if connection.vendor == "sqlite":
                source, restored = self._sqlite(tables, backup, Path(scratch))
            elif connection.vendor == "postgresql":
                source, restored = self._postgresql(tables, backup)
            else:
                raise CommandError(f"No backup procedure for {connection.vendor}.")
            if keep:
                shutil.copyfile(backup, keep)
                self.stdout.write(f"Backup kept at {keep}")
        self._compare(source, restored)

    def _sqlite(self, tables, backup: Path, scratch: Path):
        connection.ensure_connection()
        raw = connection.connection
        with connection.cursor() as cursor:
            source = _counts(cursor, tables, connection.ops.quote_name)
        target = sqlite3.connect(backup)
        try:
            raw.backup(target)  # a consistent copy, even while others write
        finally:
            target.close()
        # Restoring is putting the file in place: here, a copy opened on its own.
        restored_path = scratch / "restored.sqlite3"
        shutil.copyfile(backup, restored_path)
        restored_db = sqlite3.connect(restored_path)
        try:
            (check,) = restored_db.execute("PRAGMA integrity_check").fetchone()
            if check != "ok":
                raise CommandError(f"The restored database failed its integrity check: {check}")
            restored = _counts(restored_db.cursor(), tables, connection.ops.quote_name)
        finally:
            restored_db.close()
        return source, restored

    def _postgresql(self, tables, backup: Path):
        settings = connection.settings_dict
        env = {
            **os.environ,
            "PGHOST": settings["HOST"] or "",
            "PGPORT": str(settings["PORT"] or ""),
            "PGUSER": settings["USER"] or "",
            "PGPASSWORD": settings["PASSWORD"] or "",
        }
        for tool in ("pg_dump", "pg_restore"):
            if shutil.which(tool) is None:
                raise CommandError(f"{tool} is not installed (Debian: postgresql-client).")
        fresh = f"{settings['NAME']}_restore_{uuid.uuid4().hex[:8]}"
        quote = connection.ops.quote_name
        # Count and dump the same snapshot: the counting transaction exports it and
        # pg_dump reads it, so writes meanwhile cannot make the counts disagree.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                cursor.execute("SELECT pg_export_snapshot()")
                (snapshot,) = cursor.fetchone()
                source = _counts(cursor, tables, quote)
                self._run(
                    [
                        "pg_dump",
                        "--format=custom",
                        f"--snapshot={snapshot}",
                        f"--file={backup}",
                        settings["NAME"],
                    ],
                    env,
                )
            finally:
                cursor.execute("ROLLBACK")
            cursor.execute(f"CREATE DATABASE {quote(fresh)}")
        try:
            self._run(
                ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={fresh}", str(backup)],
                env,
            )
            import psycopg2

            restored_db = psycopg2.connect(
                dbname=fresh,
                host=env["PGHOST"],
                port=env["PGPORT"] or None,
                user=env["PGUSER"],
                password=env["PGPASSWORD"],
            )
            try:
                restored = _counts(restored_db.cursor(), tables, quote)
            finally:
                restored_db.close()
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(fresh)}")
        return source, restored

    def _run(self, command: list[str], env: dict) -> None:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 -- fixed tools, our own arguments
        if done.returncode != 0:
            raise CommandError(f"{command[0]} failed: {done.stderr.strip()}")

    def _compare(self, source: dict[str, int], restored: dict[str, int]) -> None:
        width = max(len(table) for table in source)
        wrong = []
        for table, count in source.items():
            again = restored.get(table)
            mark = "ok" if again == count else "DIFFERS"
            if again != count:
                wrong.append(table)
            self.stdout.write(
                f"{table:<{width}}  {count:>10,}  {again if again is not None else '-':>10}  {mark}"
            )
        if wrong:
            raise CommandError(
                f"The restored copy differs in {len(wrong)} table(s): {', '.join(wrong)}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored copy matches: {len(source)} tables, {sum(source.values()):,} rows."
            )
        )
