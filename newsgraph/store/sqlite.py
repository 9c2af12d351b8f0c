"""The SQLite store: one writer, many readers (WAL), idempotent writes keyed by article id."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsgraph.errors import StoreError
from newsgraph.model import Article, Damage, Entity, MentionDetail, Note, Origin
from newsgraph.store.actors import assign_canonical
from newsgraph.store.annotations import insert_quotes_and_events, load_events, load_quotes
from newsgraph.store.counts import ArticleCounts
from newsgraph.store.migrate import migrate

DEFAULT_DB = "newsgraph.db"


class Store:
    """Articles, actors and their mentions, quotes, events and damage in an SQLite file.

    Writes happen inside :meth:`transaction`; what a transaction committed survives an
    interrupted run, and the next run skips it (see :meth:`article_for_input`).
    """

    def __init__(self, path: str | Path = DEFAULT_DB, readonly: bool = False) -> None:
        self.path = str(path)
        try:
            self.conn = _connect(self.path, readonly)
            if not readonly:
                migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot use {self.path} as a newsgraph database: {exc}") from exc
        # Count changes of the articles saved in the open transaction, written at its end.
        self._counts = ArticleCounts()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._counts.flush(self.conn)
        except BaseException:
            self._counts.clear()
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- look-ups that let a run skip work ------------------------------------------------

    def article_for_input(self, raw_hash: str) -> str | None:
        row = self.conn.execute(
            "SELECT article_id FROM inputs WHERE raw_hash = ?", (raw_hash,)
        ).fetchone()
        return None if row is None else str(row[0])

    def article_for_content(self, content_hash: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return None if row is None else str(row[0])

    def input_hashes(self, article_id: str) -> list[str]:
        """Hashes of the inputs that led to `article_id`."""
        rows = self.conn.execute(
            "SELECT raw_hash FROM inputs WHERE article_id = ? ORDER BY raw_hash", (article_id,)
        )
        return [str(r[0]) for r in rows]

    # -- writes ---------------------------------------------------------------------------

    def save(self, article: Article) -> None:
        """Insert `article`, replacing every record of a stored article with the same id.

        The record's counts follow (see newsgraph/store/counts.py): written when the
        transaction ends, or at once outside a transaction."""
        if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
            self._counts.add_article(self.conn, article.id, -1)
            self.conn.execute("DELETE FROM articles WHERE id = ?", (article.id,))
        self.conn.execute(
            "INSERT INTO articles (id, url, source, title, authors, published, language,"
            " analyzed, text, content_hash, notes, metadata, sentences, origin)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _article_row(article),
        )
        for entity in article.entities:
            entity.canonical_id = assign_canonical(self.conn, entity)
        self.conn.executemany(
            "INSERT INTO entities (article_id, entity_id, name, type, country, sector, code,"
            " roles, canonical_id, code_basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_entity_row(article.id, e) for e in article.entities],
        )
        self.conn.executemany(
            "INSERT INTO mentions (article_id, entity_id, start, end, kind, role)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [row for e in article.entities for row in _mention_rows(article.id, e)],
        )
        self.conn.executemany(
            "INSERT INTO damage (article_id, kind, start, end, detail) VALUES (?, ?, ?, ?, ?)",
            [(article.id, d.kind, d.span[0], d.span[1], d.detail) for d in article.damage],
        )
        insert_quotes_and_events(self.conn, article)
        self._counts.add_article(self.conn, article.id, 1)
        if not self.conn.in_transaction:
            self._counts.flush(self.conn)
        if article.raw_hash:
            self.add_input(article.raw_hash, article.id)

    def add_input(self, raw_hash: str, article_id: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO inputs (raw_hash, article_id) VALUES (?, ?)",
            (raw_hash, article_id),
        )

    # -- reads ----------------------------------------------------------------------------

    def load_article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        article = _article_from_row(row)
        article.entities = self._entities(article_id)
        article.damage = [
            Damage(kind, (start, end), detail)
            for kind, start, end, detail in self.conn.execute(
                "SELECT kind, start, end, detail FROM damage WHERE article_id = ?"
                " ORDER BY start, end",
                (article_id,),
            )
        ]
        article.quotes = load_quotes(self.conn, article_id)
        article.events = load_events(self.conn, article_id)
        return article

    def _entities(self, article_id: str) -> list[Entity]:
        entities = {
            row["entity_id"]: Entity(
                row["entity_id"],
                row["name"],
                row["type"],
                country=row["country"],
                sector=row["sector"],
                code=row["code"],
                roles=json.loads(row["roles"]),
                canonical_id=row["canonical_id"],
                code_basis=row["code_basis"],
            )
            for row in self.conn.execute(
                "SELECT * FROM entities WHERE article_id = ? ORDER BY rowid", (article_id,)
            )
        }
        for entity_id, start, end, kind, role in self.conn.execute(
            "SELECT entity_id, start, end, kind, role FROM mentions WHERE article_id = ?"
            " ORDER BY rowid",
            (article_id,),
        ):
            entity = entities[entity_id]
            entity.mentions.append((start, end))
            if kind is not None:
                entity.details.append(MentionDetail((start, end), kind, role))
        return list(entities.values())

    def article_ids(self) -> list[str]:
        return [str(r[0]) for r in self.conn.execute("SELECT id FROM articles ORDER BY rowid")]

    def unknown_articles(self, article_ids: Iterable[str]) -> list[str]:
        """Those of `article_ids` that are not stored, in the order given."""
        return [
            article_id
            for article_id in dict.fromkeys(article_ids)
            if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            is None
        ]


def _connect(path: str, readonly: bool) -> sqlite3.Connection:
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")  # readers (CLI, web) work while we write
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


def _article_row(article: Article) -> tuple[Any, ...]:
    return (
        article.id,
        article.url,
        article.source,
        article.title,
        json.dumps(article.authors, ensure_ascii=False),
        article.published,
        article.language,
        int(article.analyzed),
        article.text,
        article.content_hash,
        json.dumps([{"kind": n.kind, "text": n.text} for n in article.notes], ensure_ascii=False),
        json.dumps(article.metadata, ensure_ascii=False, default=str),
        json.dumps(article.sentences),
        None if article.origin is None else str(article.origin),
    )


def _entity_row(article_id: str, entity: Entity) -> tuple[Any, ...]:
    return (
        article_id,
        entity.id,
        entity.name,
        entity.type,
        entity.country,
        entity.sector,
        entity.code,
        json.dumps(entity.roles, ensure_ascii=False),
        entity.canonical_id,
        entity.code_basis,
    )


def _mention_rows(article_id: str, entity: Entity) -> list[tuple[Any, ...]]:
    """One row per mention; how it refers (kind, role) when the actor layer said so."""
    details = {d.span: d for d in entity.details}
    rows = []
    for start, end in entity.mentions:
        detail = details.get((start, end))
        kind, role = (detail.kind, detail.role) if detail else (None, None)
        rows.append((article_id, entity.id, start, end, kind, role))
    return rows


def _article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        url=row["url"],
        source=row["source"],
        title=row["title"],
        authors=json.loads(row["authors"]),
        published=row["published"],
        language=row["language"],
        analyzed=bool(row["analyzed"]),
        sentences=[(s, e) for s, e in json.loads(row["sentences"])],
        notes=[Note(n["kind"], n["text"]) for n in json.loads(row["notes"])],
        metadata=json.loads(row["metadata"]),
        origin=None if row["origin"] is None else Origin(row["origin"]),
        content_hash=row["content_hash"],
    )


__all__ = ["DEFAULT_DB", "Store"]
