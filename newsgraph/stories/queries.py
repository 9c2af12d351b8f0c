"""Stories and merged events as the CLI, the web explorer and the exports read them."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any

from newsgraph.dates import date_conditions
from newsgraph.store.sqlite import Store


@dataclass(frozen=True)
class StorySummary:
    """A story in a listing."""

    id: str
    title: str | None
    first_published: str | None
    last_published: str | None
    articles: int
    sources: int


@dataclass(frozen=True)
class StoryArticle:
    id: str
    source: str | None
    title: str | None
    published: str | None
    url: str | None


@dataclass(frozen=True)
class EventEvidence:
    """One article's event that reports a merged event (see the `events` table)."""

    article_id: str
    event_id: str


@dataclass(frozen=True)
class MergedEvent:
    """One real event however many articles report it: `mentions` member events in
    `articles` articles from `sources` distinct outlets, each kept as `evidence`."""

    id: str
    type: str
    cameo: str | None
    goldstein: float | None
    source_codes: list[str | None]
    source_names: list[str]
    target_codes: list[str | None]
    target_names: list[str]
    date: str | None
    location_country: str | None
    location_name: str | None
    mentions: int
    articles: int
    sources: int
    evidence: list[EventEvidence] = field(default_factory=list)


@dataclass(frozen=True)
class Story:
    """A story with its articles (earliest first) and the merged events they report
    (most reported first)."""

    id: str
    title: str | None
    first_published: str | None
    last_published: str | None
    sources: int
    articles: list[StoryArticle]
    events: list[MergedEvent]

    def to_dict(self) -> dict[str, Any]:
        """The JSONL export form: `articles` is the list of article ids."""
        record = asdict(self)
        record["articles"] = [a.id for a in self.articles]
        return record


def list_stories(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
    min_articles: int = 1,
) -> list[StorySummary]:
    """Stories, latest first (then largest). `since`/`until` bound the story's dates
    (ISO 8601 dates or weeks; "2018-05" as `until` includes all of May): a story is listed when
    it overlaps them."""
    clauses: list[str] = ["articles >= ?"]
    params: list[object] = [min_articles]
    for column, bounds in (("last_published", (since, None)), ("first_published", (None, until))):
        dated, date_params = date_conditions(column, *bounds)
        clauses += dated
        params += date_params
    rows = store.conn.execute(
        "SELECT * FROM stories"
        f" WHERE {' AND '.join(clauses)}"
        " ORDER BY last_published DESC, articles DESC, id LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return [
        StorySummary(
            r["id"],
            r["title"],
            r["first_published"],
            r["last_published"],
            r["articles"],
            r["sources"],
        )
        for r in rows
    ]


def story(store: Store, story_id: str) -> Story | None:
    """One story with its articles and merged events; None when there is no such story."""
    row = store.conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        return None
    articles = [
        StoryArticle(r["id"], r["source"], r["title"], r["published"], r["url"])
        for r in store.conn.execute(
            "SELECT a.id, a.source, a.title, a.published, a.url FROM story_articles s"
            " JOIN articles a ON a.id = s.article_id WHERE s.story_id = ?"
            " ORDER BY s.day, a.published, a.id",
            (story_id,),
        )
    ]
    return Story(
        id=row["id"],
        title=row["title"],
        first_published=row["first_published"],
        last_published=row["last_published"],
        sources=row["sources"],
        articles=articles,
        events=story_events(store.conn, story_id),
    )


def story_events(conn: sqlite3.Connection, story_id: str) -> list[MergedEvent]:
    """The merged events reported by at least one article of the story."""
    rows = conn.execute(
        "SELECT * FROM merged_events WHERE id IN (SELECT m.merged_id"
        " FROM merged_event_members m JOIN story_articles s ON s.article_id = m.article_id"
        " WHERE s.story_id = ?) ORDER BY mentions DESC, first_day, id",
        (story_id,),
    ).fetchall()
    return [merged_event_from_row(conn, r) for r in rows]


def merged_event_from_row(conn: sqlite3.Connection, row: sqlite3.Row) -> MergedEvent:
    evidence = [
        EventEvidence(str(a), str(e))
        for a, e in conn.execute(
            "SELECT article_id, event_id FROM merged_event_members WHERE merged_id = ?"
            " ORDER BY day, article_id, event_id",
            (row["id"],),
        )
    ]
    return MergedEvent(
        id=row["id"],
        type=row["type"],
        cameo=row["cameo"],
        goldstein=row["goldstein"],
        source_codes=json.loads(row["source_codes"]),
        source_names=json.loads(row["source_names"]),
        target_codes=json.loads(row["target_codes"]),
        target_names=json.loads(row["target_names"]),
        date=row["date"],
        location_country=row["location_country"],
        location_name=row["location_name"],
        mentions=row["mentions"],
        articles=row["articles"],
        sources=row["sources"],
        evidence=evidence,
    )


def article_story(store: Store, article_id: str) -> str | None:
    """The id of the story an article is in."""
    row = store.conn.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return None if row is None else str(row[0])


__all__ = [
    "EventEvidence",
    "MergedEvent",
    "Story",
    "StoryArticle",
    "StorySummary",
    "article_story",
    "list_stories",
    "merged_event_from_row",
    "story",
    "story_events",
]
