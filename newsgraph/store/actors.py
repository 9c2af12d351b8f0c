"""One canonical actor per real-world actor across articles.

Known actors keep the knowledge base's id. Others are found again by their normalized name
and, for people, by surname plus a close first name, so that transliteration variants
("Kassym-Jomart" / "Kassym-Shomart Tokayev") merge while different people who share a
surname ("Hillary" / "Bill Clinton") do not.
"""

from __future__ import annotations

import sqlite3
from difflib import SequenceMatcher

from newsgraph.model import Entity
from newsgraph.nlp.actors.kb import normalize_name

# Ids the article gave an actor the knowledge base does not know (see nlp/actors/resolve).
LOCAL_PREFIX = "local:"

# First names this similar are one name spelled two ways; "kassym-jomart" vs
# "kassym-shomart" scores 0.93, "hillary" vs "bill" 0.55.
FIRST_NAME_SIMILARITY = 0.8


def assign_canonical(conn: sqlite3.Connection, entity: Entity) -> str:
    """The canonical id of `entity` (recorded in the actors tables)."""
    slug = normalize_name(entity.name).replace(" ", "-")
    proposed = entity.canonical_id or f"{LOCAL_PREFIX}{entity.type.lower()}:{slug}"
    name_key = f"name:{entity.type}:{normalize_name(entity.name)}"
    if proposed.startswith(LOCAL_PREFIX):
        canonical = _find(conn, entity, name_key) or proposed
    else:
        canonical = proposed  # the knowledge base's id is the same in every article
    conn.execute(
        "INSERT OR IGNORE INTO actors (canonical_id, name, type, country, sector, code)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (canonical, entity.name, entity.type, entity.country, entity.sector, entity.code),
    )
    keys = [name_key, *_surname_key(entity)]
    conn.executemany(
        "INSERT OR IGNORE INTO actor_keys (key, canonical_id) VALUES (?, ?)",
        [(key, canonical) for key in keys],
    )
    return canonical


def _find(conn: sqlite3.Connection, entity: Entity, name_key: str) -> str | None:
    row = conn.execute("SELECT canonical_id FROM actor_keys WHERE key = ?", (name_key,)).fetchone()
    if row is not None:
        return str(row[0])
    if entity.type != "PERSON":
        return None
    return _same_person(conn, entity)


def _same_person(conn: sqlite3.Connection, entity: Entity) -> str | None:
    parts = normalize_name(entity.name).split()
    if len(parts) < 2:
        return None  # a surname alone is too weak to join two articles
    first = " ".join(parts[:-1])
    for (canonical,) in conn.execute(
        "SELECT canonical_id FROM actor_keys WHERE key = ?", (f"surname:{parts[-1]}",)
    ).fetchall():
        row = conn.execute(
            "SELECT name, country FROM actors WHERE canonical_id = ?", (canonical,)
        ).fetchone()
        if row is None or (entity.country and row[1] and entity.country != row[1]):
            continue
        other = normalize_name(row[0]).split()
        if len(other) >= 2 and _similar(first, " ".join(other[:-1])):
            return str(canonical)
    return None


def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b).ratio() >= FIRST_NAME_SIMILARITY


def _surname_key(entity: Entity) -> list[str]:
    parts = normalize_name(entity.name).split()
    return [f"surname:{parts[-1]}"] if entity.type == "PERSON" and len(parts) >= 2 else []


__all__ = ["FIRST_NAME_SIMILARITY", "LOCAL_PREFIX", "assign_canonical"]
