"""Which actors a query means: one canonical actor, or every actor of a code prefix.

"Tokayev" names one person; "China" in a dyad query means every Chinese actor (the
government, the military, Xi Jinping ...) as event data users expect, so a country resolves
to its code prefix; "CHNMIL" is a code prefix itself.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import cast

from newsgraph.errors import NewsgraphError
from newsgraph.store.sqlite import Store

_CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")


class UnknownActor(NewsgraphError):
    code = "unknown_actor"


@dataclass(frozen=True)
class ActorSelector:
    """`canonical_id` selects one actor; otherwise `code_prefix` selects all whose code
    starts with it."""

    label: str
    canonical_id: str | None = None
    code_prefix: str | None = None
    # The actor a group was named by (the country "Russia", "country:RUS" or "RUS"), whose
    # identity and mentions a profile of the group shows.
    named: str | None = None

    @property
    def is_group(self) -> bool:
        """Whether several actors may match (then one event may match twice)."""
        return self.canonical_id is None

    def sql(self, alias: str, prefix: str = "") -> tuple[str, list[object]]:
        """A condition on the columns `{prefix}canonical_id`, `{prefix}code` and
        `{prefix}country` of the row `alias` (event_actors: no prefix; event_dyads: "source_"
        or "target_"), with its parameters. Index-friendly: a country is an equality, a
        longer code prefix a range, never LIKE."""
        column = f"{alias}.{prefix}"
        if self.canonical_id is not None:
            return f"{column}canonical_id = ?", [self.canonical_id]
        code = self.code_prefix or ""
        if len(code) == 3:
            return f"{column}country = ?", [code]
        return f"{column}code >= ? AND {column}code < ?", [code, after_prefix(code)]


def select_actor(store: Store, query: str) -> ActorSelector:
    """An actor by canonical id, by code (prefix), or by name (the most mentioned match).

    A country named by name selects its whole code prefix."""
    text = query.strip()
    if not text or "\x00" in text:
        # No name holds a NUL, and SQLite's LIKE would stop reading a pattern at it.
        raise UnknownActor(f"no actor named {query!r} in {store.path}")
    row = _by_id(store, text)
    if row is None and _CODE.match(text):
        return ActorSelector(text, code_prefix=text, named=_country_actor(store, text))
    if row is None:
        row = _by_name(store, text)
    if row is None:
        raise UnknownActor(f"no actor named {query!r} in {store.path}")
    if row["type"] == "GPE" and row["country"] and row["code"] == row["country"]:
        return ActorSelector(row["name"], code_prefix=row["country"], named=row["canonical_id"])
    return ActorSelector(row["name"], canonical_id=row["canonical_id"])


def _by_id(store: Store, text: str) -> sqlite3.Row | None:
    return cast(
        "sqlite3.Row | None",
        store.conn.execute(
            "SELECT canonical_id, name, type, country, code FROM actors WHERE canonical_id = ?",
            (text,),
        ).fetchone(),
    )


def _country_actor(store: Store, code: str) -> str | None:
    """The country whose code is `code` ("RUS": Russia), if the store knows it."""
    row = store.conn.execute(
        "SELECT canonical_id FROM actors WHERE code = ? AND country = ? AND type = 'GPE'"
        " ORDER BY canonical_id LIMIT 1",
        (code, code),
    ).fetchone()
    return None if row is None else str(row[0])


def _by_name(store: Store, text: str) -> sqlite3.Row | None:
    # Exact name first (case-insensitive, indexed), then a part of a name (the text's "%"
    # and "_" taken as themselves); the most mentioned wins.
    for condition, value in (
        ("a.name = ? COLLATE NOCASE", text),
        ("a.name LIKE ? ESCAPE '\\'", f"%{like_escape(text)}%"),
    ):
        row = store.conn.execute(
            "SELECT a.canonical_id, a.name, a.type, a.country, a.code FROM actors a"
            f" WHERE {condition} ORDER BY (SELECT COUNT(*) FROM entities e"
            " WHERE e.canonical_id = a.canonical_id) DESC, a.name LIMIT 1",
            (value,),
        ).fetchone()
        if row is not None:
            return cast(sqlite3.Row, row)
    return None


def like_escape(text: str) -> str:
    """`text` for a LIKE pattern with ESCAPE '\\': its "%" and "_" match only themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def after_prefix(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else "\U0010ffff"


__all__ = ["ActorSelector", "UnknownActor", "after_prefix", "like_escape", "select_actor"]
