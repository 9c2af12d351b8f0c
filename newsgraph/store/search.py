"""Full-text search over articles (title and text) and quotes."""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.dates import date_bounds
from newsgraph.store.quote_queries import QuoteHit, find_quotes, fts_query
from newsgraph.store.sqlite import Store

# Around each match in a snippet; plain characters, never markup (the text is untrusted).
MARK_OPEN, MARK_CLOSE = "«", "»"


@dataclass(frozen=True)
class ArticleHit:
    article_id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    snippet: str  # words around the best match, matches between « and »
    rank: float  # BM25: lower is better


@dataclass
class SearchResult:
    articles: list[ArticleHit]
    quotes: list[QuoteHit]


def search(
    store: Store,
    text: str,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Articles (best match first) and quotes (newest first) containing every word of
    `text` ("quoted phrases" too)."""
    return SearchResult(
        search_articles(store, text, since, until, source, limit, offset),
        find_quotes(store, since=since, until=until, search=text, limit=limit, offset=offset),
    )


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


def search_articles(
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
    such articles: ranking every match of a word found in every article would cost a pass
    over the whole store."""
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


__all__ = ["SEARCH_RANKED", "ArticleHit", "SearchResult", "search", "search_articles"]
