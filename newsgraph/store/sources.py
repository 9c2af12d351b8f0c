"""The polled sources and their fetch state (tables `sources` and `hosts`, migration 0007)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.ingest.robots import CachedRobots


def utc_text(seconds: float) -> str:
    """Epoch seconds as the store writes times: ISO 8601 UTC, to the second."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_seconds(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()


@dataclass
class SourceState:
    """One source and what fetching it last did (a row of `sources`)."""

    url: str
    name: str | None = None
    added_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    last_attempt: str | None = None
    last_success: str | None = None
    last_status: str | None = None
    last_error: str | None = None
    errors: int = 0
    next_due: str | None = None
    articles: int = 0
    requests: int = 0
    bytes: int = 0

    def due(self, now: float) -> bool:
        return self.next_due is None or utc_seconds(self.next_due) <= now


_COLUMNS = tuple(f.name for f in fields(SourceState))


def list_sources(conn: sqlite3.Connection, urls: Iterable[str] | None = None) -> list[SourceState]:
    """The sources (those of `urls`, in that order, when given), with their state."""
    rows = {
        row["url"]: SourceState(**{c: row[c] for c in _COLUMNS})
        for row in conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM sources ORDER BY url")
    }
    if urls is None:
        return list(rows.values())
    return [rows[url] for url in urls if url in rows]


def add_sources(conn: sqlite3.Connection, listed: Iterable[tuple[str, str | None]]) -> None:
    """Add sources not yet known; a known one takes the name given now."""
    conn.executemany(
        "INSERT INTO sources (url, name) VALUES (?, ?)"
        " ON CONFLICT (url) DO UPDATE SET name = excluded.name",
        list(listed),
    )


def save_source(conn: sqlite3.Connection, state: SourceState) -> None:
    assignments = ", ".join(f"{c} = ?" for c in _COLUMNS if c != "url")
    values = [getattr(state, c) for c in _COLUMNS if c != "url"]
    conn.execute(f"UPDATE sources SET {assignments} WHERE url = ?", (*values, state.url))


class HostTable:
    """robots.txt kept between runs (see :class:`newsgraph.ingest.robots.RobotsStore`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def load_robots(self, host: str) -> CachedRobots | None:
        row = self.conn.execute(
            "SELECT robots_status, robots_txt, robots_fetched FROM hosts WHERE host = ?",
            (host,),
        ).fetchone()
        if row is None or row[0] is None:
            return None
        from newsgraph.ingest.robots import CachedRobots

        return CachedRobots(int(row[0]), str(row[1] or ""), float(row[2]))

    def save_robots(self, host: str, robots: CachedRobots) -> None:
        self.conn.execute(
            "INSERT INTO hosts (host, robots_status, robots_txt, robots_fetched)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (host) DO UPDATE SET"
            " robots_status = excluded.robots_status, robots_txt = excluded.robots_txt,"
            " robots_fetched = excluded.robots_fetched",
            (host, robots.status, robots.text, robots.fetched_at),
        )

    def deferred_hosts(self, now: float) -> dict[str, float]:
        """Hosts that asked (Retry-After) to be left alone beyond `now`, and until when."""
        rows = self.conn.execute("SELECT host, not_before FROM hosts WHERE not_before > ?", (now,))
        return {str(host): float(until) for host, until in rows}

    def save_deferral(self, host: str, until: float) -> None:
        self.conn.execute(
            "INSERT INTO hosts (host, not_before) VALUES (?, ?)"
            " ON CONFLICT (host) DO UPDATE SET not_before = excluded.not_before",
            (host, until),
        )


__all__ = [
    "HostTable",
    "SourceState",
    "add_sources",
    "list_sources",
    "save_source",
    "utc_seconds",
    "utc_text",
]
