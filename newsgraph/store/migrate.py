"""Numbered schema migrations: `migrations/NNNN_name.sql`, applied in order, each once."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from newsgraph.errors import StoreError
from newsgraph.store.counts import rebuild_counts

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

# Work a migration needs done in Python, in its transaction: filling the tables it made.
_FILL: dict[int, Callable[[sqlite3.Connection], None]] = {6: rebuild_counts}


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    folder = resources.files("newsgraph.store").joinpath("migrations")
    migrations = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            sql = entry.read_text(encoding="utf-8")
            migrations.append(Migration(int(match.group(1)), match.group(2), sql))
    return sorted(migrations, key=lambda m: m.version)


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
    )
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, target: int | None = None) -> int:
    """Apply every migration the database has not had (up to `target`), in order; returns
    the version reached. Each migration runs in its own transaction: all of it or none."""
    migrations = available_migrations()
    latest = migrations[-1].version if migrations else 0
    version = current_version(conn)
    if version > latest:
        raise StoreError(
            f"the database is at schema version {version}, newer than this newsgraph knows "
            f"({latest}): upgrade newsgraph"
        )
    # Each missing one, not only those above the highest applied: numbers are handed out
    # to parallel branches, so a lower-numbered migration may arrive after a higher one.
    applied = {int(row[0]) for row in conn.execute("SELECT version FROM schema_version")}
    for migration in migrations:
        if migration.version in applied or (target is not None and migration.version > target):
            continue
        _apply(conn, migration)
        version = max(version, migration.version)
    return version


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    record = (
        "INSERT INTO schema_version (version, name) "
        f"VALUES ({migration.version}, '{migration.name}');"
    )
    try:
        conn.executescript(f"BEGIN;\n{migration.sql}\n{record}")
        if migration.version in _FILL:
            _FILL[migration.version](conn)
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(
            f"migration {migration.version:04d}_{migration.name} failed: {exc}"
        ) from exc


__all__ = ["Migration", "available_migrations", "current_version", "migrate"]
