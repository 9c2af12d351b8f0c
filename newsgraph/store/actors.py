"""One canonical actor per real-world actor across articles.

Known actors keep the knowledge base's id. Others are found again by their normalized name
and, for people, by surname (or a transliteration of it: "Morsi" / "Morsy") plus a close
first name, middle names and initials aside, so that variants ("Kassym-Jomart" /
"Kassym-Shomart Tokayev", "Susan E. Rice" / "Susan Rice", "J. Christopher Stevens" / "Chris
Stevens", "Bob" / "Robert S. Mueller III") merge while different people who share a surname
("Hillary" / "Bill Clinton", "Donald Trump" / "Donald Trump Jr.") do not. A lone surname
joins the one stored person of that surname, and the first full name of a surname joins an
actor stored before under that surname alone (or, when the knowledge base names it, takes it
as an alias that lists fold in). An actor first stored without a country takes
the first one a later article gives.
"""

from __future__ import annotations

import sqlite3
from difflib import SequenceMatcher

from newsgraph.model import Entity
from newsgraph.nlp.actors.kb import (
    FIRST_NAME_SIMILARITY,
    SURNAME_SIMILARITY,
    family_suffix,
    given_name,
    name_core,
    normalize_name,
    similar_given_names,
    sound_key,
)

# Ids the article gave an actor the knowledge base does not know (see nlp/actors/resolve).
LOCAL_PREFIX = "local:"


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
    if entity.country:
        # The first article may not have said whose actor it is; a later one does.
        conn.execute(
            "UPDATE actors SET country = ?, sector = ?, code = ? WHERE canonical_id = ?"
            " AND (country IS NULL OR (sector IS NULL AND country = ? AND ? IS NOT NULL))",
            (entity.country, entity.sector, entity.code, canonical, entity.country, entity.sector),
        )
    # The fuller name names the actor in lists: "Martin Dempsey" rather than "Dempsey".
    conn.execute(
        "UPDATE actors SET name = ? WHERE canonical_id = ? AND type = 'PERSON'"
        " AND instr(name, ' ') = 0 AND instr(?, ' ') > 0",
        (entity.name, canonical, entity.name),
    )
    if entity.type == "PERSON":
        _absorb_lone_surname(conn, entity, canonical)
    keys = [name_key, *_surname_key(entity)]
    conn.executemany(
        "INSERT OR IGNORE INTO actor_keys (key, canonical_id) VALUES (?, ?)",
        [(key, canonical) for key in keys],
    )
    return canonical


def _find(conn: sqlite3.Connection, entity: Entity, name_key: str) -> str | None:
    row = conn.execute("SELECT canonical_id FROM actor_keys WHERE key = ?", (name_key,)).fetchone()
    if row is not None:
        alias = conn.execute(
            "SELECT canonical_id FROM actor_keys WHERE key = ?", (f"{ALIAS_PREFIX}{row[0]}",)
        ).fetchone()
        return str((alias or row)[0])
    if entity.type != "PERSON":
        return None
    return _same_person(conn, entity)


def _same_person(conn: sqlite3.Connection, entity: Entity) -> str | None:
    full = normalize_name(entity.name).split()
    parts = name_core(full)
    if len(parts) < 2:
        return _only_person_of_surname(conn, entity, parts)
    first = given_name(parts)
    candidates = conn.execute(
        "SELECT DISTINCT canonical_id FROM actor_keys WHERE key IN (?, ?)",
        (f"surname:{parts[-1]}", f"sound:{sound_key(parts[-1])}"),
    ).fetchall()
    for canonical in sorted(str(row[0]) for row in candidates):
        row = conn.execute(
            "SELECT name, country FROM actors WHERE canonical_id = ?", (canonical,)
        ).fetchone()
        if row is None:
            continue
        other_full = normalize_name(row[0]).split()
        other = name_core(other_full)
        if (
            family_suffix(full) != family_suffix(other_full)  # Donald Trump Jr. / Donald Trump
            or len(other) < 2
            or SequenceMatcher(None, parts[-1], other[-1]).ratio() < SURNAME_SIMILARITY
        ):
            continue  # "Morsi" / "Morsy" pass, "Morsi" / "Morris" do not
        given = given_name(other)
        # Countries only tell apart people whose given names merely look alike: a country
        # guessed from an article's context must not split "Mohammed Morsy" from "Morsi".
        differ = bool(entity.country and row[1] and entity.country != row[1])
        if given == first or (not differ and similar_given_names(first, given)):
            return str(canonical)
    if not candidates and entity.roles:
        # A role shows a person ("Gen. Martin Dempsey"), not a firm the model read as one
        # ("Lockheed Martin") after a first name it read as a whole name ("Martin").
        return _earlier_lone_surname(conn, parts[-1])
    return None


def _earlier_lone_surname(conn: sqlite3.Connection, surname: str) -> str | None:
    """ "Martin Dempsey" after articles that only wrote "Dempsey": the first full name of
    that surname is the person the lone surname stood for (a local actor, not one the
    knowledge base names)."""
    row = conn.execute(
        "SELECT canonical_id FROM actor_keys WHERE key = ? AND canonical_id LIKE ?",
        (f"name:PERSON:{surname}", f"{LOCAL_PREFIX}%"),
    ).fetchone()
    return None if row is None else str(row[0])


def _only_person_of_surname(
    conn: sqlite3.Connection, entity: Entity, parts: list[str]
) -> str | None:
    """ "Romney" in an article that never gives the full name: the one person of that
    surname already stored ("Mitt Romney"); none when several share it ("Clinton")."""
    if len(parts) != 1:
        return None
    rows = conn.execute(
        "SELECT DISTINCT k.canonical_id, a.sector FROM actor_keys k"
        " JOIN actors a ON a.canonical_id = k.canonical_id WHERE k.key = ?",
        (f"surname:{parts[0]}",),
    ).fetchall()
    if len(rows) > 1 and entity.sector:
        # "Secretary Clinton": of Hillary (GOV) and Bill (ELI), the one in that sector.
        rows = [row for row in rows if row[1] == entity.sector]
    if len({row[0] for row in rows}) != 1:
        return None
    return str(rows[0][0])


# A key "alias:<id>" → canonical id: articles stored under <id> name that actor (lists fold
# them into it; the stored rows keep their ids, so counts already written stay right).
ALIAS_PREFIX = "alias:"


def _absorb_lone_surname(conn: sqlite3.Connection, entity: Entity, canonical: str) -> None:
    """ "Theresa May" (the knowledge base's id) after articles that only wrote "May": the
    lone surname stood for the first full name of it, while no other is stored."""
    parts = name_core(normalize_name(entity.name).split())
    if len(parts) < 2 or canonical.startswith(LOCAL_PREFIX):
        # Only a name the knowledge base knows is sure to be a person's full name: a local
        # "Reda Hassan" says nothing of who an earlier "Hassan" was.
        return
    row = conn.execute(
        "SELECT canonical_id FROM actor_keys WHERE key = ? AND canonical_id LIKE ?",
        (f"name:PERSON:{parts[-1]}", f"{LOCAL_PREFIX}%"),
    ).fetchone()
    if row is None or row[0] == canonical:
        return
    others = conn.execute(
        "SELECT 1 FROM actor_keys WHERE key = ? AND canonical_id != ? LIMIT 1",
        (f"surname:{parts[-1]}", canonical),
    ).fetchone()
    alias = f"{ALIAS_PREFIX}{row[0]}"
    if (
        others is None
        and not conn.execute("SELECT 1 FROM actor_keys WHERE key = ?", (alias,)).fetchone()
    ):
        conn.execute("INSERT INTO actor_keys (key, canonical_id) VALUES (?, ?)", (alias, canonical))


def _surname_key(entity: Entity) -> list[str]:
    parts = name_core(normalize_name(entity.name).split())
    if entity.type != "PERSON" or len(parts) < 2:
        return []
    return [f"surname:{parts[-1]}", f"sound:{sound_key(parts[-1])}"]


__all__ = ["ALIAS_PREFIX", "FIRST_NAME_SIMILARITY", "LOCAL_PREFIX", "assign_canonical"]
