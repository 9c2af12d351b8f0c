"""Stories as nested records (the JSON Lines form of ``export stories``): each story with
the ids of its articles and the merged events its articles report, with their members."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator

from newsgraph.export.tables import (
    DEFAULT_CHUNK_ROWS,
    Column,
    ExportUsageError,
    Row,
    RowStream,
    date_filter,
    fetch_chunks,
    table_columns,
    table_names,
)

_NEEDED = ("stories", "story_articles", "merged_events", "merged_event_members")
STORY_COLUMNS = (
    Column("id", "text"),
    Column("title", "text"),
    Column("first_published", "text"),
    Column("last_published", "text"),
    Column("sources", "integer"),
    Column("articles", "json"),
    Column("events", "json"),
)


def stream_stories(
    conn: sqlite3.Connection,
    since: str | None = None,
    until: str | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
) -> RowStream:
    """Stories overlapping `since`/`until` (by their first and last publication dates), in
    the order they were created. ``articles`` lists article ids by day; ``events`` the
    merged events (every column of ``merged_events``, JSON lists as lists, plus ``members``:
    the ``[article_id, event_id]`` of each article's event), earliest first."""
    missing = [t for t in _NEEDED if t not in table_names(conn)]
    if missing:
        raise ExportUsageError(f"the store has no story tables ({', '.join(missing)})")
    where, params = date_filter(conn, "stories", table_columns(conn, "stories"), since, until)
    sql = (
        "SELECT t.id, t.title, t.first_published, t.last_published, t.sources"
        f" FROM stories t {where} ORDER BY t.rowid"
    )
    chunks = fetch_chunks(conn, sql, params, chunk_rows)
    return RowStream(STORY_COLUMNS, _nested(conn, chunks))


def _nested(conn: sqlite3.Connection, chunks: Iterator[list[Row]]) -> Iterator[list[Row]]:
    for chunk in chunks:
        ids = json.dumps([row[0] for row in chunk])
        articles = _story_articles(conn, ids)
        events = _story_events(conn, ids)
        yield [(*row, articles.get(str(row[0]), []), events.get(str(row[0]), [])) for row in chunk]


def _story_articles(conn: sqlite3.Connection, ids: str) -> dict[str, list[str]]:
    articles: dict[str, list[str]] = defaultdict(list)
    for story_id, article_id in conn.execute(
        "SELECT story_id, article_id FROM story_articles"
        " WHERE story_id IN (SELECT value FROM json_each(?)) ORDER BY story_id, day, article_id",
        (ids,),
    ):
        articles[str(story_id)].append(str(article_id))
    return articles


def _story_events(conn: sqlite3.Connection, ids: str) -> dict[str, list[dict[str, object]]]:
    columns = table_columns(conn, "merged_events")
    select = ", ".join(f'me."{c.name}"' for c in columns)
    events: dict[str, list[dict[str, object]]] = defaultdict(list)
    for story_id, *values in conn.execute(
        f"SELECT DISTINCT sa.story_id, {select} FROM story_articles sa"
        " JOIN merged_event_members m ON m.article_id = sa.article_id"
        " JOIN merged_events me ON me.id = m.merged_id"
        " WHERE sa.story_id IN (SELECT value FROM json_each(?))"
        " ORDER BY sa.story_id, me.first_day, me.id",
        (ids,),
    ):
        event = {
            c.name: json.loads(v) if c.kind == "json" and isinstance(v, str) else v
            for c, v in zip(columns, values, strict=True)
        }
        events[str(story_id)].append(event)
    _add_members(conn, [e for story in events.values() for e in story])
    return events


def _add_members(conn: sqlite3.Connection, events: list[dict[str, object]]) -> None:
    members: dict[str, list[list[str]]] = defaultdict(list)
    ids = json.dumps(sorted({str(e["id"]) for e in events}))
    for merged_id, article_id, event_id in conn.execute(
        "SELECT merged_id, article_id, event_id FROM merged_event_members"
        " WHERE merged_id IN (SELECT value FROM json_each(?))"
        " ORDER BY merged_id, day, article_id, event_id",
        (ids,),
    ):
        members[str(merged_id)].append([str(article_id), str(event_id)])
    for event in events:
        event["members"] = members.get(str(event["id"]), [])
