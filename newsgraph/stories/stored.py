"""Story features of stored articles: read from the store's rows, kept as JSON with the
article's grouping row (``story_articles.features``) so that comparing a new article with
a candidate costs one row, not the candidate's entities, quotes and events again."""

from __future__ import annotations

import json
import sqlite3

from newsgraph.model import Entity
from newsgraph.store.annotations import load_events
from newsgraph.stories.features import StoryFeatures, article_day, story_features


def stored_features(conn: sqlite3.Connection, article_id: str) -> tuple[StoryFeatures, int] | None:
    """The features and day of stored article `article_id` (None when it is not stored)."""
    row = conn.execute(
        "SELECT title, text, source, url, published, decoded_at FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    speakers = [
        str(r[0])
        for r in conn.execute(
            "SELECT speaker_entity FROM quotes WHERE article_id = ? AND speaker_entity IS NOT NULL",
            (article_id,),
        )
    ]
    features = story_features(
        row["title"],
        row["text"],
        row["source"],
        row["url"],
        _entities(conn, article_id),
        load_events(conn, article_id),
        speakers,
    )
    return features, article_day(row["published"], row["decoded_at"])


def _entities(conn: sqlite3.Connection, article_id: str) -> list[Entity]:
    """The article's entities with their mentions (what the features need of them)."""
    entities = {
        str(entity_id): Entity(str(entity_id), str(name), str(type_), canonical_id=canonical)
        for entity_id, name, type_, canonical in conn.execute(
            "SELECT entity_id, name, type, canonical_id FROM entities WHERE article_id = ?"
            " ORDER BY rowid",
            (article_id,),
        )
    }
    for entity_id, start, end in conn.execute(
        "SELECT entity_id, start, end FROM mentions WHERE article_id = ? ORDER BY rowid",
        (article_id,),
    ):
        if entity_id in entities:
            entities[entity_id].mentions.append((int(start), int(end)))
    return list(entities.values())


def dump_features(features: StoryFeatures) -> str:
    return json.dumps(
        {
            "t": {t: round(w, 4) for t, w in sorted(features.terms.items())},
            "q": sorted(features.shingles),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def load_features(data: str) -> StoryFeatures:
    parsed = json.loads(data)
    return StoryFeatures(dict(parsed.get("t", {})), frozenset(parsed.get("q", [])))


__all__ = ["dump_features", "load_features", "stored_features"]
