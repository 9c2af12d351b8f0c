"""Full-text search over articles (title and text) and quotes."""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.store.dates import date_conditions
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


def search_articles(
    store: Store,
    text: str,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[ArticleHit]:
    clauses: list[str] = ["articles_fts MATCH ?"]
    params: list[object] = [fts_query(text)]
    dated, date_params = date_conditions("a.published", since, until)
    clauses += dated
    params += date_params
    if source:
        clauses.append("a.source = ? COLLATE NOCASE")
        params.append(source)
    rows = store.conn.execute(
        "SELECT a.id, a.title, a.source, a.published, a.url,"
        f" snippet(articles_fts, 1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 16), bm25(articles_fts)"
        " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        f" WHERE {' AND '.join(clauses)} ORDER BY bm25(articles_fts) LIMIT ? OFFSET ?",
        (*params, limit, offset),
    ).fetchall()
    return [ArticleHit(r[0], r[1], r[2], r[3], r[4], r[5], float(r[6])) for r in rows]


__all__ = ["ArticleHit", "SearchResult", "search", "search_articles"]
