"""Who said what: quotes from the store, filtered by speaker, date and words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.dates import date_conditions
from newsgraph.model import Quote
from newsgraph.store.annotations import quote_from_row
from newsgraph.store.selectors import like_escape
from newsgraph.store.sqlite import Store


@dataclass(frozen=True)
class QuoteHit:
    """A stored quote with the article it is in: enough to cite it."""

    article_id: str
    quote: Quote
    speaker_canonical: str | None
    published: str | None
    source: str | None
    title: str | None
    url: str | None


def find_quotes(
    store: Store,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
    limit: int = 50,
    offset: int = 0,
    attribution: str | None = None,
) -> list[QuoteHit]:
    """Quotes, newest articles first.

    `speaker` matches (case-insensitively, in part) the name the quote gives its speaker or
    the canonical actor's name, so "Tokayev" finds quotes attributed to "the president" when
    the actor layer linked that title to him. `since`/`until` bound the article's
    publication date ("2024", "2024-07", "2024-07-03", "2024-W27": newsgraph.dates). `search` is a
    full-text query over quote content and speaker names (words; "quoted phrases" too).
    `attribution` keeps the quotes whose cue reports that (speech, belief, intention,
    knowledge or perception).
    """
    clauses: list[str] = []
    params: list[object] = []
    if speaker:
        # The name as typed: "%" and "_" match only themselves.
        pattern = f"%{like_escape(speaker.strip())}%"
        clauses.append(
            "(q.speaker_name LIKE ? ESCAPE '\\' OR q.speaker_canonical IN"
            " (SELECT canonical_id FROM actors WHERE name LIKE ? ESCAPE '\\'))"
        )
        params += [pattern, pattern]
    dated, date_params = date_conditions("a.published", since, until)
    clauses += dated
    params += date_params
    if search:
        clauses.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(fts_query(search))
    if attribution:
        clauses.append("q.attribution = ?")
        params.append(attribution)
    return find_quotes_where(store, " AND ".join(clauses) or "1", params, limit, offset)


def find_quotes_where(
    store: Store, condition: str, params: list[object], limit: int = 50, offset: int = 0
) -> list[QuoteHit]:
    """Quotes (alias `q`, joined with their article `a`) matching an SQL condition."""
    rows = store.conn.execute(
        "SELECT q.*, a.published, a.source, a.title, a.url FROM quotes q"
        f" JOIN articles a ON a.id = q.article_id WHERE {condition}"
        " ORDER BY a.published DESC, q.article_id, q.start LIMIT ? OFFSET ?",
        (*params, limit, offset),
    ).fetchall()
    return [
        QuoteHit(
            row["article_id"],
            quote_from_row(row),
            row["speaker_canonical"],
            row["published"],
            row["source"],
            row["title"],
            row["url"],
        )
        for row in rows
    ]


_WORD = re.compile(r'"[^"]+"|[^\s"]+')


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query that cannot be a syntax error: every word (or
    "quoted phrase") becomes a quoted string, all of them required."""
    terms = []
    for term in _WORD.findall(text):
        inner = term.strip('"').replace('"', "").replace("\x00", "")  # FTS5 ends strings at NUL
        if inner.strip():
            terms.append('"' + inner + '"')
    return " AND ".join(terms) if terms else '""'


__all__ = ["QuoteHit", "find_quotes", "find_quotes_where", "fts_query"]
