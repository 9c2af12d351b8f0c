"""The store's index of grouped articles: their terms by (term, day), the document
frequencies the similarity weighs terms by, and the search for a new article's candidates.

Each grouped article is indexed by its heaviest TF-IDF terms (a rare actor, a rare event,
a rare word) and its sampled quotation shingles, by (term, day); a new article's candidates
are the articles within the window indexed by one of its heaviest terms or shingles,
ranked by how many they share: never all pairs. Document frequencies count every term of
every grouped article's features; triggers on ``story_articles`` keep them (migration
0008), and the reserved term ``*`` counts the grouped articles.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

ALL_ARTICLES = "*"  # the frequency of this term is the number of grouped articles
CHUNK = 500  # parameters per IN (...) list, well under SQLite's limit


class Frequencies:
    """Document frequencies read from the store once per update and kept in step with the
    articles the update adds (the triggers keep the store's own copy)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.df: dict[str, int] = {}
        self.articles = self._count(ALL_ARTICLES)

    def load(self, terms: Iterable[str]) -> dict[str, int]:
        """The frequencies, with every one of `terms` loaded (0 for unknown terms)."""
        missing = [t for t in dict.fromkeys(terms) if t not in self.df]
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            self.df.update(dict.fromkeys(chunk, 0))
            marks = ", ".join("?" for _ in chunk)
            for term, count in self.conn.execute(
                f"SELECT term, df FROM story_term_df WHERE term IN ({marks})", chunk
            ):
                self.df[str(term)] = int(count)
        return self.df

    def added(self, terms: Iterable[str]) -> None:
        """Count one more article with `terms` (after their rows were inserted)."""
        self.articles += 1
        for term in terms:
            if term in self.df:
                self.df[term] += 1

    def forget(self) -> None:
        """Drop the cached frequencies (after articles were removed)."""
        self.df.clear()
        self.articles = self._count(ALL_ARTICLES)

    def _count(self, term: str) -> int:
        row = self.conn.execute("SELECT df FROM story_term_df WHERE term = ?", (term,)).fetchone()
        return int(row[0]) if row else 0


def index_terms(conn: sqlite3.Connection, article_id: str, terms: Iterable[str], day: int) -> None:
    """Index the article by `terms`."""
    conn.executemany(
        "INSERT OR IGNORE INTO story_terms (article_id, term, weight, day) VALUES (?, ?, 0, ?)",
        [(article_id, term, day) for term in terms],
    )


def candidates(
    conn: sqlite3.Connection,
    article_id: str,
    probes: list[str],
    day: int,
    window_days: int,
    limit: int,
) -> list[str]:
    """Grouped articles within `window_days` of `day` sharing one of `probes`, those
    sharing most first (ties by id), at most `limit`."""
    if not probes:
        return []
    marks = ", ".join("?" for _ in probes)
    return [
        str(r[0])
        for r in conn.execute(
            f"SELECT article_id FROM story_terms WHERE term IN ({marks})"
            " AND day BETWEEN ? AND ? AND article_id != ?"
            " GROUP BY article_id ORDER BY COUNT(*) DESC, article_id LIMIT ?",
            (*probes, day - window_days, day + window_days, article_id, limit),
        )
    ]


def in_chunks(conn: sqlite3.Connection, sql: str, ids: list[str]) -> list[sqlite3.Row]:
    """Rows of `sql` (with one ``{marks}`` placeholder for an IN list) for all `ids`."""
    rows: list[sqlite3.Row] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows += conn.execute(sql.format(marks=marks), chunk).fetchall()
    return rows


__all__ = ["ALL_ARTICLES", "CHUNK", "Frequencies", "candidates", "in_chunks", "index_terms"]
