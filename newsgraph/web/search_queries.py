"""Quotes for the explorer, bounded for large stores: matches are read in the full-text
index's own order (rowid: latest stored first) and only a page of them is listed, where
sorting every match by publication date would cost a pass over the whole store for a
common word. (Article search is bounded in :mod:`newsgraph.store.search` itself.)"""

from __future__ import annotations

from typing import cast

from newsgraph.dates import date_bounds
from newsgraph.store.quote_queries import QuoteHit, find_quotes_where, fts_query
from newsgraph.store.selectors import UnknownActor, after_prefix, select_actor
from newsgraph.store.sqlite import Store


def latest_quotes_matching(
    store: Store,
    text: str,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    offset: int = 0,
    attribution: str | None = None,
) -> list[QuoteHit]:
    """Quotes containing every word of `text` (in articles published between `since`
    and `until`, of one `attribution` if given), the most recently stored first."""
    filters, params = date_bounds("a.published", since, until)
    if attribution:
        filters += " AND q.attribution = ?"
        params = [*params, attribution]
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
    attribution: str | None = None,
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
    if attribution:
        condition += " AND q.attribution = ?"
        params.append(attribution)
    return find_quotes_where(store, condition, params, limit, offset)


__all__ = ["latest_quotes_matching", "speaker_quotes"]
