"""Full-text search and quotes for the explorer, bounded for large stores.

The store's own search ranks or sorts every match; a word found in every article (or
quote) would then cost a pass over the whole store. Here matches are read in the full-text
index's own order (rowid: latest stored first), the filters are checked as they come, and
only a bounded number of them is ranked or listed.
"""

from __future__ import annotations

from typing import cast

from newsgraph.store.dates import date_bounds
from newsgraph.store.quote_queries import QuoteHit, find_quotes_where, fts_query
from newsgraph.store.search import MARK_CLOSE, MARK_OPEN, ArticleHit
from newsgraph.store.selectors import UnknownActor, after_prefix, select_actor
from newsgraph.store.sqlite import Store

# Full-text search ranks at most this many matching articles (the latest stored).
SEARCH_RANKED = 5_000


def _article_filters(
    since: str | None, until: str | None, source: str | None
) -> tuple[str, list[object]]:
    sql, params = date_bounds("a.published", since, until)
    if source:
        sql += " AND a.source = ? COLLATE NOCASE"
        params.append(source)
    return sql, params


def best_articles_matching(
    store: Store,
    text: str,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    limit: int = 20,
    offset: int = 0,
    among: int = SEARCH_RANKED,
) -> list[ArticleHit]:
    """Articles containing every word of `text` (and published between `since` and
    `until`, from `source`), best match (BM25) first among the `among` most recently stored
    such articles."""
    query = fts_query(text)
    filters, params = _article_filters(since, until, source)
    row = store.conn.execute(
        "SELECT f.rowid FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
        f" WHERE articles_fts MATCH ?{filters} ORDER BY f.rowid DESC LIMIT 1 OFFSET ?",
        (query, *params, among - 1),
    ).fetchone()
    oldest = 0 if row is None else int(row[0])  # fewer matches than `among`: rank them all
    rows = store.conn.execute(
        "SELECT a.id, a.title, a.source, a.published, a.url,"
        f" snippet(articles_fts, 1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 16), bm25(articles_fts)"
        " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        f" WHERE articles_fts MATCH ? AND articles_fts.rowid >= ?{filters}"
        " ORDER BY bm25(articles_fts) LIMIT ? OFFSET ?",
        (query, oldest, *params, limit, offset),
    ).fetchall()
    return [ArticleHit(r[0], r[1], r[2], r[3], r[4], r[5], float(r[6])) for r in rows]


def latest_quotes_matching(
    store: Store,
    text: str,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[QuoteHit]:
    """Quotes containing every word of `text` (in articles published between `since`
    and `until`), the most recently stored first."""
    filters, params = date_bounds("a.published", since, until)
    rowids = [
        int(row[0])
        for row in store.conn.execute(
            "SELECT f.rowid FROM quotes_fts f JOIN quotes q ON q.rowid = f.rowid"
            f" JOIN articles a ON a.id = q.article_id WHERE quotes_fts MATCH ?{filters}"
            " ORDER BY f.rowid DESC LIMIT ? OFFSET ?",
            (fts_query(text), *params, limit, offset),
        )
    ]
    hits = []
    for rowid in rowids:
        hits += find_quotes_where(store, "q.rowid = ?", [rowid], 1)
    return hits


def speaker_quotes(
    store: Store,
    speaker: str,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[QuoteHit]:
    """Quotes of one speaker, newest articles first: an actor (name, canonical id or code
    prefix) by its index entries, else a speaker name the actor layer did not resolve,
    exactly (case-insensitive)."""
    try:
        selector = select_actor(store, speaker)
    except UnknownActor:
        condition, params = "q.speaker_name = ? COLLATE NOCASE", [cast(object, speaker.strip())]
    else:
        if selector.canonical_id is not None:
            condition, params = "q.speaker_canonical = ?", [selector.canonical_id]
        else:
            prefix = selector.code_prefix or ""
            condition = "q.speaker_code >= ? AND q.speaker_code < ?"
            params = [prefix, after_prefix(prefix)]
    dates, date_params = date_bounds("a.published", since, until)
    condition += dates
    params += date_params
    if search:
        condition += " AND q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
        params.append(fts_query(search))
    return find_quotes_where(store, condition, params, limit, offset)


__all__ = ["SEARCH_RANKED", "best_articles_matching", "latest_quotes_matching", "speaker_quotes"]
