"""Store tables as streams of rows: which tables there are, their columns, and their rows in
chunks read from one cursor (a table is never loaded whole)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from newsgraph.dates import date_conditions
from newsgraph.errors import NewsgraphError

DEFAULT_CHUNK_ROWS = 5000

# Bookkeeping, not data: the migrations table.
_HIDDEN_TABLES = frozenset({"schema_version"})
# FTS5 keeps each index in shadow tables named after the virtual table.
_FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")
# JSON columns that carry no '[]'/'{}' default (the others are found from their default).
_JSON_COLUMNS_WITHOUT_DEFAULT = frozenset({("quotes", "spans")})

Row = tuple[object, ...]


class ExportUsageError(NewsgraphError):
    """An export asked for something the store or the format cannot give (bad usage)."""

    code = "usage"


class UnknownTable(ExportUsageError):
    """A table name the store does not have (the message lists the names)."""


@dataclass(frozen=True)
class Column:
    """One column of an export: `kind` is "text", "integer", "real", "blob" or "json" (a
    text column holding JSON, written as JSON in JSON Lines and as text elsewhere)."""

    name: str
    kind: str


@dataclass
class RowStream:
    """Columns and an iterator of row chunks; each row is a tuple in column order."""

    columns: tuple[Column, ...]
    chunks: Iterator[list[Row]]


def table_names(conn: sqlite3.Connection) -> list[str]:
    """The store's data tables, in creation order: no FTS indexes or their shadow tables,
    no SQLite internals, no schema bookkeeping."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid"
    ).fetchall()
    virtual = {
        str(name) for name, sql in rows if str(sql or "").upper().startswith("CREATE VIRTUAL")
    }
    shadows = {f"{v}{suffix}" for v in virtual for suffix in _FTS_SHADOW_SUFFIXES}
    return [
        str(name)
        for name, _ in rows
        if str(name) not in virtual | shadows | _HIDDEN_TABLES
        and not str(name).startswith("sqlite_")
    ]


def check_table(conn: sqlite3.Connection, table: str) -> None:
    """Raise :class:`UnknownTable` unless `table` is one of :func:`table_names`."""
    names = table_names(conn)
    if table not in names:
        raise UnknownTable(f"no table {table!r} in the store; tables: {', '.join(names)}")


def table_columns(conn: sqlite3.Connection, table: str) -> tuple[Column, ...]:
    """The columns of a checked `table` with their export kinds, from the declared types."""
    columns = []
    for row in conn.execute(f'PRAGMA table_info("{table}")'):
        name, declared, default = str(row[1]), str(row[2] or ""), str(row[4] or "")
        is_json = default in ("'[]'", "'{}'") or (table, name) in _JSON_COLUMNS_WITHOUT_DEFAULT
        columns.append(Column(name, "json" if is_json else _kind(declared)))
    return tuple(columns)


def _kind(declared: str) -> str:
    """SQLite's type affinity rules (https://sqlite.org/datatype3.html, 3.1), in its order."""
    upper = declared.upper()
    if "INT" in upper:
        return "integer"
    if any(word in upper for word in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if not upper or "BLOB" in upper:
        return "blob"
    return "real"


def stream_table(
    conn: sqlite3.Connection,
    table: str,
    since: str | None = None,
    until: str | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
) -> RowStream:
    """Every row of `table` (in insertion order), `chunk_rows` at a time. `since`/`until`
    bound a date: see :func:`date_filter`."""
    check_table(conn, table)
    columns = table_columns(conn, table)
    where, params = date_filter(conn, table, columns, since, until)
    select = ", ".join(f't."{c.name}"' for c in columns)
    sql = f'SELECT {select} FROM "{table}" AS t {where} ORDER BY {_order(conn, table)}'
    return RowStream(columns, fetch_chunks(conn, sql, params, chunk_rows))


def _order(conn: sqlite3.Connection, table: str) -> str:
    """Insertion order, or the primary key's for a WITHOUT ROWID table (it has no rowid)."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    if "WITHOUT ROWID" not in str(row[0] if row else "").upper():
        return "t.rowid"
    keys = sorted(
        (int(r[5]), str(r[1])) for r in conn.execute(f'PRAGMA table_info("{table}")') if r[5]
    )
    return ", ".join(f't."{name}"' for _, name in keys)


def fetch_chunks(
    conn: sqlite3.Connection, sql: str, params: list[object], chunk_rows: int
) -> Iterator[list[Row]]:
    """Rows of `sql` as lists of plain tuples, `chunk_rows` at a time, from one cursor."""
    cursor = conn.execute(sql, params)
    try:
        while chunk := cursor.fetchmany(chunk_rows):
            yield [tuple(row) for row in chunk]
    finally:
        # A reader that stops early (`export … | head`) may leave the generator to be
        # collected after the connection has closed: nothing is left to close then.
        with contextlib.suppress(sqlite3.ProgrammingError):
            cursor.close()


def date_filter(
    conn: sqlite3.Connection,
    table: str,
    columns: tuple[Column, ...],
    since: str | None,
    until: str | None,
) -> tuple[str, list[object]]:
    """A WHERE clause bounding the date a row belongs to (ISO 8601 dates or weeks; an `until` of
    "2024-07" includes all of July): the table's own `date` or `published` column, else its
    event's date (rows keyed by article and event), else its article's publication date."""
    if since is None and until is None:
        return "", []
    names = {c.name for c in columns}
    if "date" in names:
        expression = "t.date"
    elif "published" in names:
        expression = "t.published"
    elif {"first_published", "last_published"} <= names:
        # A span of dates (a story): it overlaps the bounds.
        return _overlap(since, until)
    elif {"article_id", "event_id"} <= names and table != "events":
        expression = (
            "(SELECT e.date FROM events e WHERE e.article_id = t.article_id"
            " AND e.event_id = t.event_id)"
        )
    elif "article_id" in names:
        expression = "(SELECT a.published FROM articles a WHERE a.id = t.article_id)"
    else:
        raise ExportUsageError(f"--since/--until do not apply to {table!r}: its rows carry no date")
    return date_bounds(expression, since, until)


def date_bounds(expression: str, since: str | None, until: str | None) -> tuple[str, list[object]]:
    """A WHERE clause: `expression`'s date starts within [since, until] (newsgraph.dates)."""
    clauses, params = date_conditions(expression, since, until)
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params


def _overlap(since: str | None, until: str | None) -> tuple[str, list[object]]:
    after, after_params = date_conditions("t.last_published", since, None)
    before, before_params = date_conditions("t.first_published", None, until)
    clauses, params = after + before, after_params + before_params
    return f"WHERE {' AND '.join(clauses)}", params
