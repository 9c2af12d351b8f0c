"""Read-only summaries of the store, shared by the CLI (and later the web app)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.dates import date_conditions
from newsgraph.nlp.actors.filters import NOT_ACTOR_TYPES
from newsgraph.store.sqlite import Store


@dataclass
class StoreSummary:
    articles: int = 0
    analyzed: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    entities_by_type: dict[str, int] = field(default_factory=dict)
    mentions_by_type: dict[str, int] = field(default_factory=dict)
    top_names: list[tuple[str, str, int, int]] = field(default_factory=list)
    damage_by_kind: dict[str, int] = field(default_factory=dict)
    damaged_articles: int = 0
    quotes: int = 0
    events_by_modality: dict[str, int] = field(default_factory=dict)
    stories: int = 0  # told by two or more articles


def summarize(store: Store, top: int = 10) -> StoreSummary:
    """Counts of articles, entities by type, the most mentioned names and damage found."""
    conn = store.conn
    summary = StoreSummary()
    summary.articles, summary.analyzed = conn.execute(
        "SELECT COUNT(*), COALESCE(SUM(analyzed), 0) FROM articles"
    ).fetchone()
    summary.languages = dict(
        conn.execute(
            "SELECT COALESCE(language, '?'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()
    )
    summary.entities_by_type = dict(
        conn.execute("SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY 2 DESC").fetchall()
    )
    summary.mentions_by_type = dict(
        conn.execute(
            "SELECT e.type, COUNT(*) FROM mentions m JOIN entities e"
            " USING (article_id, entity_id) GROUP BY e.type ORDER BY 2 DESC"
        ).fetchall()
    )
    summary.top_names = [
        (name, kind, int(mentions), int(articles))
        for name, kind, mentions, articles in conn.execute(
            "SELECT e.name, e.type, COUNT(*) AS mentions, COUNT(DISTINCT e.article_id)"
            " FROM mentions m JOIN entities e USING (article_id, entity_id)"
            " GROUP BY e.name, e.type ORDER BY mentions DESC, e.name LIMIT ?",
            (top,),
        )
    ]
    summary.damage_by_kind = dict(
        conn.execute("SELECT kind, COUNT(*) FROM damage GROUP BY kind ORDER BY 2 DESC").fetchall()
    )
    summary.damaged_articles = conn.execute(
        "SELECT COUNT(DISTINCT article_id) FROM damage"
    ).fetchone()[0]
    summary.quotes = conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    summary.events_by_modality = dict(
        conn.execute(
            "SELECT modality, COUNT(*) FROM events GROUP BY modality ORDER BY 2 DESC"
        ).fetchall()
    )
    summary.stories = conn.execute("SELECT COUNT(*) FROM stories WHERE articles >= 2").fetchone()[0]
    return summary


@dataclass(frozen=True)
class ActorCount:
    canonical_id: str
    name: str
    type: str
    code: str | None
    mentions: int
    articles: int
    roles: tuple[str, ...]


def top_actors(
    store: Store,
    top: int = 20,
    country: str | None = None,
    type_: str | None = None,
    sector: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[ActorCount]:
    """The most mentioned canonical actors (in articles published between `since` and
    `until`: see newsgraph.dates), with the roles the texts gave them."""
    # Agreements, laws, events and works are what events are about, not who acts.
    clauses: list[str] = [f"a.type NOT IN ({', '.join('?' * len(NOT_ACTOR_TYPES))})"]
    params: list[object] = list(sorted(NOT_ACTOR_TYPES))
    if country:
        clauses.append("a.country = ?")
        params.append(country.upper())
    if type_:
        clauses.append("a.type = ?")
        params.append(type_.upper())
    if sector:
        clauses.append("a.sector = ?")
        params.append(sector.upper())
    dated = ""
    if since or until:
        dated = " JOIN articles art ON art.id = e.article_id"
        dates, date_params = date_conditions("art.published", since, until)
        clauses += dates
        params += date_params
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    # An actor stored under a lone surname before its full name arrived is folded into it
    # (an "alias:" key, see store/actors.py).
    rows = store.conn.execute(
        "SELECT a.canonical_id, a.name, a.type, a.code, COUNT(*) AS mentions,"
        " COUNT(DISTINCT e.article_id) AS articles"
        " FROM entities e LEFT JOIN actor_keys k ON k.key = 'alias:' || e.canonical_id"
        f" JOIN actors a ON a.canonical_id = COALESCE(k.canonical_id, e.canonical_id){dated}"
        " JOIN mentions m ON m.article_id = e.article_id AND m.entity_id = e.entity_id"
        f" {where} GROUP BY a.canonical_id ORDER BY mentions DESC, a.name LIMIT ?",
        (*params, top),
    ).fetchall()
    return [
        ActorCount(
            r[0], r[1], r[2], _usual_code(store, r[0]) or r[3], int(r[4]), int(r[5]),
            _roles_of(store, r[0]),
        )
        for r in rows
    ]  # fmt: skip


def _usual_code(store: Store, canonical_id: str) -> str | None:
    """The code most articles give an actor with evidence (the knowledge base or words the
    text gives it), else the code most articles guess: one article's context can mislead
    (Jeff Sessions coded Russian in a sentence naming only Russia, an ambassador coded to
    the country he serves in), and many guesses must not outvote one "Saudi journalist"."""
    ids = _folded_ids(store, canonical_id)
    row = store.conn.execute(
        f"SELECT code FROM entities WHERE canonical_id IN ({', '.join('?' * len(ids))})"
        " AND code IS NOT NULL GROUP BY code"
        " ORDER BY SUM(COALESCE(code_basis, '') IN ('known', 'text')) DESC, COUNT(*) DESC,"
        " code LIMIT 1",
        ids,
    ).fetchone()
    return None if row is None else str(row[0])


def _folded_ids(store: Store, canonical_id: str) -> list[str]:
    """The actor's id and those of actors folded into it."""
    rows = store.conn.execute(
        "SELECT substr(key, 7) FROM actor_keys WHERE canonical_id = ? AND key LIKE 'alias:%'",
        (canonical_id,),
    ).fetchall()
    return [canonical_id, *(str(r[0]) for r in rows)]


def _roles_of(store: Store, canonical_id: str, limit: int = 3) -> tuple[str, ...]:
    ids = _folded_ids(store, canonical_id)
    rows = store.conn.execute(
        "SELECT m.role, COUNT(*) FROM mentions m JOIN entities e"
        " ON m.article_id = e.article_id AND m.entity_id = e.entity_id"
        f" WHERE e.canonical_id IN ({', '.join('?' * len(ids))}) AND m.role IS NOT NULL"
        " GROUP BY m.role ORDER BY 2 DESC LIMIT ?",
        (*ids, limit),
    ).fetchall()
    return tuple(str(r[0]) for r in rows)


__all__ = ["ActorCount", "StoreSummary", "summarize", "top_actors"]
