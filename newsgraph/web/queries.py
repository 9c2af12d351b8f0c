"""Queries the explorer needs beyond the store's own: article listings, actor search, the
dashboard, an actor's events. Every one is bounded (LIMIT, index order rather
than a sort of every match) so that a page stays fast on a store of 100k articles. The
network and the map are in :mod:`newsgraph.web.network_queries`, full-text search and
quotes in :mod:`newsgraph.web.search_queries`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from newsgraph.dates import InvalidDate, date_bounds, parse_date
from newsgraph.store.event_queries import EventHit, find_events_where, type_condition
from newsgraph.store.selectors import ActorSelector, after_prefix, like_escape, select_actor
from newsgraph.store.sqlite import Store

# A group of actors (a country, a code prefix) is profiled over this many days up to its
# latest event unless the request names dates: a whole country over years is hundreds of
# thousands of events, and its recent year is what an analyst opens the page for.
GROUP_WINDOW_DAYS = 365
# The dashboard's "most active" counts the articles of this many days up to the latest one.
RECENT_DAYS = 30
# A story is a development told by at least this many articles, as `newsgraph stories` and
# the decode summary count them: every article starts as a group of its own, and a
# group of one is no story yet.
STORY_MIN_ARTICLES = 2


@dataclass(frozen=True)
class ArticleBrief:
    id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None


@dataclass(frozen=True)
class ActorBrief:
    id: str  # canonical id
    name: str
    type: str
    country: str | None
    code: str | None
    articles: int


def list_articles(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    actor: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[ArticleBrief]:
    """Articles, latest first (then last stored: the order of the date index), filtered
    by publication date, outlet and actor (a name, canonical id or code prefix; raises
    UnknownActor)."""
    clauses, params = date_bounds("a.published", since, until)
    table = "articles a"
    if source:
        # The outlet's own index, then a sort of its articles: walking the date index and
        # skipping other outlets' rows reads the text of most of the table.
        table = "articles a INDEXED BY articles_source"
        clauses += (
            " AND a.source IN"
            " (SELECT DISTINCT source FROM articles WHERE source = ? COLLATE NOCASE)"
        )
        params.append(source)
    if actor:
        condition, actor_params = _entity_condition(select_actor(store, actor))
        clauses += f" AND a.id IN (SELECT e.article_id FROM entities e WHERE {condition})"
        params += actor_params
    rows = store.conn.execute(
        f"SELECT a.id, a.title, a.source, a.published, a.url FROM {table}"
        f" WHERE 1{clauses} ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return [ArticleBrief(*row) for row in rows]


def _entity_condition(selector: ActorSelector) -> tuple[str, list[object]]:
    if selector.canonical_id is not None:
        return "e.canonical_id = ?", [selector.canonical_id]
    prefix = selector.code_prefix or ""
    return "e.code >= ? AND e.code < ?", [prefix, after_prefix(prefix)]


def group_window(
    store: Store, actor: str | None, since: str | None, until: str | None
) -> tuple[str | None, str | None, bool]:
    """The dates to profile `actor` over: those asked for, or for a group of actors (or
    the whole record: `actor` None) asked without dates, from the start of the month
    GROUP_WINDOW_DAYS before the latest event (third value True): whole months, which the
    record's monthly counts answer."""
    if since or until or (actor is not None and not select_actor(store, actor).is_group):
        return since, until, False
    latest = _latest_event_day(store)
    if latest is None:
        return since, until, False
    return (latest - timedelta(days=GROUP_WINDOW_DAYS)).isoformat()[:7], None, True


def _latest_event_day(store: Store) -> date | None:
    """The first day of the latest event date. As text a week ("2024-W21") sorts after
    every day of its year: the latest date before the year's weeks is a candidate too
    (each found by the date index)."""
    candidates = []
    latest = store.conn.execute("SELECT MAX(date) FROM events").fetchone()[0]
    if latest is not None and str(latest)[5:6] == "W":
        candidates.append(str(latest))
        latest = store.conn.execute(
            "SELECT MAX(date) FROM events WHERE date < ?", (str(latest)[:5] + "W",)
        ).fetchone()[0]
    if latest is not None:
        candidates.append(str(latest))
    days = []
    for candidate in candidates:
        try:
            days.append(parse_date(candidate[:10]).start)
        except InvalidDate:  # not a date the store should hold: no window from it
            continue
    return max(days, default=None)


def article_leads(store: Store, article_ids: list[str], chars: int = 320) -> dict[str, str]:
    """The first `chars` characters of each article's text."""
    leads = {}
    for article_id in article_ids:
        row = store.conn.execute(
            "SELECT substr(text, 1, ?) FROM articles WHERE id = ?", (chars, article_id)
        ).fetchone()
        if row is not None:
            leads[article_id] = str(row[0])
    return leads


def search_actors(
    store: Store,
    text: str | None = None,
    kind: str | None = None,
    country: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[ActorBrief]:
    """Actors whose name contains `text`, most reported first; without `text`, every actor
    by name (a directory to page through: ranking 200,000 actors by their reports would
    cost a count of every one). Optionally of one entity type and country. One order over
    every match, so that `offset` reaches all of them."""
    clauses, params = "", []
    words = (text or "").strip()
    if words:
        clauses += " AND a.name LIKE ? ESCAPE '\\'"
        params.append(f"%{like_escape(words)}%")
    if kind:
        clauses += " AND a.type = ?"
        params.append(kind.upper())
    if country:
        clauses += " AND a.country = ?"
        params.append(country.upper())
    # An actor has one entity per article it is in: counted from the canonical-id index,
    # for a directory page only for the actors of the page (the inner query pages first).
    count = "(SELECT COUNT(*) FROM entities e WHERE e.canonical_id = {}.canonical_id)"
    inner = "a.canonical_id, a.name, a.type, a.country, a.code"
    if words:
        inner += f", {count.format('a')} AS n"
        order, outer = "n DESC, a.name", "p.n"
    else:
        order, outer = "a.name COLLATE NOCASE", count.format("p")
    rows = store.conn.execute(
        f"SELECT p.canonical_id, p.name, p.type, p.country, p.code, {outer} FROM"
        f" (SELECT {inner} FROM actors a WHERE 1{clauses} ORDER BY {order} LIMIT ? OFFSET ?) p",
        (*params, limit, offset),
    )
    return [ActorBrief(*row) for row in rows]


def record_counts(store: Store) -> dict[str, int]:
    """Rows of the record's main tables (stories when the stories layer has run: those told
    by at least STORY_MIN_ARTICLES articles)."""
    counts = {}
    for table, where in (
        ("articles", ""), ("actors", ""), ("quotes", ""), ("events", ""),
        ("stories", f" WHERE articles >= {STORY_MIN_ARTICLES}"),
    ):  # fmt: skip
        try:
            row = store.conn.execute(f"SELECT COUNT(*) FROM {table}{where}").fetchone()  # constant
        except sqlite3.OperationalError:  # an older store without that table
            continue
        counts[table] = int(row[0])
    return counts


def recent_actors(store: Store, top: int = 10, days: int = RECENT_DAYS) -> list[ActorBrief]:
    """The actors in most articles over the `days` up to the latest article."""
    latest = store.conn.execute("SELECT MAX(published) FROM articles").fetchone()[0]
    if not latest:
        return []
    try:
        since = (date.fromisoformat(str(latest)[:10]) - timedelta(days=days)).isoformat()
    except ValueError:  # a date given only to the month or year
        since = str(latest)[:4]
    rows = store.conn.execute(
        "SELECT x.canonical_id, x.name, x.type, x.country, x.code, c.n FROM"
        # CROSS JOIN keeps the order written: the window's articles by the date index, then
        # their entities; left to itself SQLite walks every entity in canonical-id order.
        " (SELECT e.canonical_id, COUNT(DISTINCT e.article_id) AS n FROM articles a"
        " CROSS JOIN entities e ON e.article_id = a.id WHERE a.published >= ?"
        " AND e.canonical_id IS NOT NULL GROUP BY e.canonical_id ORDER BY n DESC LIMIT ?) c"
        " JOIN actors x ON x.canonical_id = c.canonical_id ORDER BY c.n DESC, x.name",
        (since, top),
    )
    return [ActorBrief(*row) for row in rows]


def actor_events(
    store: Store,
    actor: str,
    type_: str | None = None,
    since: str | None = None,
    until: str | None = None,
    modalities: tuple[str, ...] = ("asserted",),
    limit: int = 50,
    offset: int = 0,
) -> list[EventHit]:
    """Events an actor (a name, canonical id or code prefix; raises UnknownActor) takes
    part in on either side, latest first, found from its index entries."""
    condition, actor_params = select_actor(store, actor).sql("x")
    filters, filter_params = date_bounds("x.date", since, until)
    if type_:
        if type_.strip().isdigit():  # the index rows carry the type, the event its code
            typed, type_params = type_condition(type_, "ev")
            typed = (
                "EXISTS (SELECT 1 FROM events ev WHERE ev.article_id = x.article_id"
                f" AND ev.event_id = x.event_id AND {typed})"
            )
        else:
            typed, type_params = type_condition(type_, "x")
        filters += f" AND {typed}"
        filter_params += type_params
    filters += f" AND x.modality IN ({', '.join('?' for _ in modalities)})"
    filter_params += list(modalities)
    keys: set[tuple[str, str, str]] = set()
    for side in ("source", "target"):  # each side is in date order in the index
        keys.update(
            (row[0] or "", row[1], row[2])
            for row in store.conn.execute(
                "SELECT x.date, x.article_id, x.event_id FROM event_actors x"
                f" WHERE {condition} AND x.side = ?{filters} ORDER BY x.date DESC LIMIT ?",
                (*actor_params, side, *filter_params, offset + limit),
            )
        )
    latest = sorted(keys, reverse=True)[offset : offset + limit]
    hits = []
    for _, article_id, event_id in latest:
        hits += find_events_where(
            store, "ev.article_id = ? AND ev.event_id = ?", [article_id, event_id], 1
        )
    return hits


def events_at(
    store: Store, place: str, country: str | None = None, limit: int = 50, offset: int = 0
) -> list[EventHit]:
    """Asserted events at a named place (optionally in one country), latest first."""
    condition = "ev.location_name = ? AND ev.modality = 'asserted'"
    params: list[object] = [place]
    if country:
        condition += " AND ev.location_country = ?"
        params.append(country.upper())
    return find_events_where(store, condition, params, limit, offset)


__all__ = [
    "GROUP_WINDOW_DAYS",
    "STORY_MIN_ARTICLES",
    "ActorBrief",
    "ArticleBrief",
    "actor_events",
    "article_leads",
    "events_at",
    "group_window",
    "list_articles",
    "recent_actors",
    "record_counts",
    "search_actors",
]
