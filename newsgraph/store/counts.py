"""The record's counts (migration 0006): per actor and per country, by month and year.

Kept up to date incrementally: before an article's records are replaced its contribution is
read back and taken away, after they are written the new one is added (`ArticleCounts`), and
the sums are written at the end of the transaction that wrote the events, so counts and
events commit together or not at all. `rebuild_counts` recounts everything from the events
tables with SQL of its own (a second, independent definition the tests compare with).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence

from newsgraph.dates import InvalidDate, parse_date, start_sql

COUNTRY = "country:"  # actor key prefix of a whole country's actors
EVERYONE = "*"  # actor key of every asserted event (those without actors too)

# (actor, side, by, period, type) -> events, cooperation, conflict, goldstein, articles
ActorKey = tuple[str, str, str, str, str]
# (source, target, by, period) -> the same five sums
DyadKey = tuple[str, str, str, str]
# (actor, counterpart, side, name, code) -> rows, cooperation, conflict, goldstein
RelationKey = tuple[str, str, str, str, str]
# (canonical id, role, published) -> mentions
RoleKey = tuple[str, str, str]

_PERIODS = (("month", 7), ("year", 4))


def period_of(date: str | None, width: int) -> str:
    """The month or year a date counts in: a week ("2024-W21") counts where its Monday
    falls, as `start_sql` groups it in SQL (as text it would make a bogus "2024-W2")."""
    if date is None:
        return ""
    if date[4:6] == "-W":
        try:
            return parse_date(date[:8]).start.isoformat()[:width]
        except InvalidDate:  # not a date the store should hold: counted as written
            pass
    return date[:width]


class ArticleCounts:
    """Count deltas of the articles written in one transaction, summed per key."""

    def __init__(self) -> None:
        self.actors: dict[ActorKey, list[float]] = defaultdict(lambda: [0, 0, 0, 0.0, 0])
        self.dyads: dict[DyadKey, list[float]] = defaultdict(lambda: [0, 0, 0, 0.0, 0])
        self.relations: dict[RelationKey, list[float]] = defaultdict(lambda: [0, 0, 0, 0.0])
        self.totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.roles: dict[RoleKey, list[int]] = defaultdict(lambda: [0])

    def add_article(self, conn: sqlite3.Connection, article_id: str, sign: int) -> None:
        """Add (sign 1) or take away (sign -1) what the stored article `article_id` counts."""
        self._add_actors(conn, article_id, sign)
        self._add_dyads(conn, article_id, sign)
        for canonical_id, mentions in conn.execute(
            "SELECT e.canonical_id, COUNT(*) FROM entities e JOIN mentions m"
            " ON m.article_id = e.article_id AND m.entity_id = e.entity_id"
            " WHERE e.article_id = ? AND e.canonical_id IS NOT NULL GROUP BY e.canonical_id",
            (article_id,),
        ):
            total = self.totals[canonical_id]
            total[0] += sign * mentions
            total[1] += sign
        for canonical_id, role, published, mentions in conn.execute(
            "SELECT e.canonical_id, m.role, COALESCE(a.published, ''), COUNT(*) FROM entities e"
            " JOIN mentions m ON m.article_id = e.article_id AND m.entity_id = e.entity_id"
            " JOIN articles a ON a.id = e.article_id WHERE e.article_id = ?"
            " AND e.canonical_id IS NOT NULL AND m.role IS NOT NULL GROUP BY 1, 2",
            (article_id,),
        ):
            self.roles[(canonical_id, role, published)][0] += sign * mentions

    def _add_actors(self, conn: sqlite3.Connection, article_id: str, sign: int) -> None:
        # Each (key, event) once, whatever the number of the event's actors it covers.
        seen: dict[ActorKey, dict[str, tuple[int | None, float | None]]] = defaultdict(dict)
        for canonical_id, country, side, event_id, type_, date, quad, goldstein in conn.execute(
            "SELECT canonical_id, country, side, event_id, type, date, quad_class, goldstein"
            " FROM event_actors WHERE article_id = ? AND modality = 'asserted'",
            (article_id,),
        ):
            month = period_of(date, 7)
            for actor in _actor_keys(canonical_id, country):
                seen[(actor, side, "month", month, type_)][event_id] = (quad, goldstein)
                for by, width in _PERIODS:
                    key = (actor, "any", by, period_of(date, width), "*")
                    seen[key][event_id] = (quad, goldstein)
        for event_id, type_, date, quad, goldstein in conn.execute(
            "SELECT event_id, type, date, quad_class, goldstein FROM events"
            " WHERE article_id = ? AND modality = 'asserted'",
            (article_id,),
        ):
            for by, width in _PERIODS:
                for of_type in (type_, "*"):
                    key = (EVERYONE, "any", by, period_of(date, width), of_type)
                    seen[key][event_id] = (quad, goldstein)
        for key, events in seen.items():
            _accumulate(self.actors[key], events.values(), sign, articles=True)

    def _add_dyads(self, conn: sqlite3.Connection, article_id: str, sign: int) -> None:
        seen: dict[DyadKey, dict[str, tuple[int | None, float | None]]] = defaultdict(dict)
        rows = conn.execute(
            "SELECT event_id, date, quad_class, goldstein, source_country, target_country,"
            " source_canonical_id, target_canonical_id,"
            " COALESCE(source_canonical_id, source_code, source_name), source_name,"
            " COALESCE(source_code, ''),"
            " COALESCE(target_canonical_id, target_code, target_name), target_name,"
            " COALESCE(target_code, '')"
            " FROM event_dyads WHERE article_id = ? AND modality = 'asserted'",
            (article_id,),
        )
        for event_id, date, quad, goldstein, s_country, t_country, s_id, t_id, *sides in rows:
            if s_country is not None and t_country is not None:
                for by, width in _PERIODS:
                    key = (s_country, t_country, by, period_of(date, width))
                    seen[key][event_id] = (quad, goldstein)
            for own, actors, (counterpart, name, code) in (
                ("source", _actor_keys(s_id, s_country), sides[3:]),
                ("target", _actor_keys(t_id, t_country), sides[:3]),
            ):
                for actor in actors:
                    relation = self.relations[(actor, counterpart, own, name, code)]
                    _accumulate(relation, [(quad, goldstein)], sign, articles=False)
        for key, events in seen.items():
            _accumulate(self.dyads[key], events.values(), sign, articles=True)

    def flush(self, conn: sqlite3.Connection) -> None:
        """Write the summed deltas; rows left with nothing to count are removed."""
        _upsert(conn, "actor_months", "actor, side, by, period, type", self.actors.items())
        _upsert(conn, "country_dyad_months", "source, target, by, period", self.dyads.items())
        _upsert(
            conn,
            "actor_relations",
            "actor, counterpart, side, name, code",
            self.relations.items(),
        )
        sizes: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0])
        for (actor, counterpart, *_), sums in self.relations.items():
            sizes[(actor, counterpart)][0] += sums[0]
        _upsert(conn, "actor_relation_totals", "actor, counterpart", sizes.items())
        _upsert(conn, "actor_totals", "canonical_id", [((k,), v) for k, v in self.totals.items()])
        _upsert(conn, "actor_roles", "canonical_id, role, published", self.roles.items())
        self.clear()

    def clear(self) -> None:
        for sums in (self.actors, self.dyads, self.relations, self.totals, self.roles):
            sums.clear()


def _actor_keys(canonical_id: str | None, country: str | None) -> list[str]:
    keys = [] if canonical_id is None else [canonical_id]
    # A country's own canonical id may be its group key ("country:SAU"): one key, not two.
    if country is not None and COUNTRY + country not in keys:
        keys.append(COUNTRY + country)
    return keys


def _accumulate(
    sums: list[float], events: Iterable[tuple[int | None, float | None]], sign: int, articles: bool
) -> None:
    for quad, goldstein in events:
        sums[0] += sign
        sums[1] += sign * (quad in (1, 2))
        sums[2] += sign * (quad in (3, 4))
        sums[3] += sign * (goldstein or 0.0)
    if articles:
        sums[4] += sign


_VALUES = {
    "actor_months": "events, cooperation, conflict, goldstein, articles",
    "country_dyad_months": "events, cooperation, conflict, goldstein, articles",
    "actor_relations": "rows, cooperation, conflict, goldstein",
    "actor_relation_totals": "rows",
    "actor_totals": "mentions, articles",
    "actor_roles": "mentions",
}


def _upsert(
    conn: sqlite3.Connection,
    table: str,
    key_columns: str,
    deltas: Iterable[tuple[tuple[str, ...], Sequence[float]]],
) -> None:
    changed = [(key, sums) for key, sums in deltas if any(sums)]
    if not changed:
        return
    values = [c.strip() for c in _VALUES[table].split(",")]
    columns = f"{key_columns}, {', '.join(values)}"
    marks = ", ".join("?" for _ in columns.split(","))
    updates = ", ".join(f"{v} = {v} + excluded.{v}" for v in values)
    conn.executemany(
        f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        f" ON CONFLICT ({key_columns}) DO UPDATE SET {updates}",
        [(*key, *sums) for key, sums in changed],
    )
    # The first value counts what the row is about: none left, no row.
    where = " AND ".join(f"{c.strip()} = ?" for c in key_columns.split(","))
    conn.executemany(
        f"DELETE FROM {table} WHERE {where} AND {values[0]} <= 0",
        [key for key, sums in changed if sums[0] < 0],
    )


# -- the recount ------------------------------------------------------------------------

_ASSERTED_ACTORS = (
    "SELECT canonical_id AS actor, side, article_id, event_id, type, date, quad_class,"
    " goldstein FROM event_actors WHERE modality = 'asserted' AND canonical_id IS NOT NULL"
    " UNION ALL SELECT 'country:' || country, side, article_id, event_id, type, date,"
    " quad_class, goldstein FROM event_actors WHERE modality = 'asserted'"
    " AND country IS NOT NULL AND canonical_id IS NOT 'country:' || country"
)
_SUMS = (
    "COUNT(*), TOTAL(quad_class IN (1, 2)), TOTAL(quad_class IN (3, 4)), TOTAL(goldstein),"
    " COUNT(DISTINCT article_id)"
)


def _once(own: str, actor: str) -> str:
    """For the country key: not when the canonical id is that key already."""
    if actor.endswith("_canonical_id"):
        return ""
    return f" AND {own}_canonical_id IS NOT '{COUNTRY}' || {own}_country"


def _period_sql(width: int) -> str:
    return f"COALESCE(substr({start_sql('date')}, 1, {width}), '')"


RECOUNT = {
    "actor_months": [
        "SELECT actor, side, 'month', period, type, " + _SUMS + " FROM (SELECT DISTINCT actor,"
        f" side, article_id, event_id, type, {_period_sql(7)} AS period, quad_class, goldstein"
        f" FROM ({_ASSERTED_ACTORS})) GROUP BY actor, side, period, type",
        *(
            f"SELECT actor, 'any', '{by}', period, '*', " + _SUMS + " FROM (SELECT DISTINCT"
            f" actor, article_id, event_id, {_period_sql(width)} AS period, quad_class,"
            f" goldstein FROM ({_ASSERTED_ACTORS})) GROUP BY actor, period"
            for by, width in _PERIODS
        ),
        *(
            f"SELECT '{EVERYONE}', 'any', '{by}', {_period_sql(width)} AS period, {of_type},"
            f" {_SUMS} FROM events WHERE modality = 'asserted' GROUP BY period{group}"
            for by, width in _PERIODS
            for of_type, group in (("type", ", type"), ("'*'", ""))
        ),
    ],
    "country_dyad_months": [
        f"SELECT source_country, target_country, '{by}', period, " + _SUMS + " FROM"
        " (SELECT DISTINCT source_country, target_country, article_id, event_id,"
        f" {_period_sql(width)} AS period, quad_class, goldstein FROM event_dyads"
        " WHERE modality = 'asserted' AND source_country IS NOT NULL"
        " AND target_country IS NOT NULL) GROUP BY source_country, target_country, period"
        for by, width in _PERIODS
    ],
    "actor_relations": [
        "SELECT actor, counterpart, side, name, code, COUNT(*), TOTAL(quad_class IN (1, 2)),"
        " TOTAL(quad_class IN (3, 4)), TOTAL(goldstein) FROM ("
        + " UNION ALL ".join(
            f"SELECT {actor} AS actor, COALESCE({other}_canonical_id, {other}_code,"
            f" {other}_name) AS counterpart, '{own}' AS side, {other}_name AS name,"
            f" COALESCE({other}_code, '') AS code, quad_class, goldstein FROM event_dyads"
            f" WHERE modality = 'asserted' AND {actor} IS NOT NULL{_once(own, actor)}"
            for own, other in (("source", "target"), ("target", "source"))
            for actor in (f"{own}_canonical_id", f"'{COUNTRY}' || {own}_country")
        )
        + ") GROUP BY actor, counterpart, side, name, code"
    ],
    "actor_relation_totals": [
        "SELECT actor, counterpart, COUNT(*) FROM ("
        + " UNION ALL ".join(
            f"SELECT {actor} AS actor, COALESCE({other}_canonical_id, {other}_code,"
            f" {other}_name) AS counterpart FROM event_dyads WHERE modality = 'asserted'"
            f" AND {actor} IS NOT NULL{_once(own, actor)}"
            for own, other in (("source", "target"), ("target", "source"))
            for actor in (f"{own}_canonical_id", f"'{COUNTRY}' || {own}_country")
        )
        + ") GROUP BY actor, counterpart"
    ],
    "actor_totals": [
        "SELECT e.canonical_id, COUNT(*), COUNT(DISTINCT m.article_id) FROM entities e"
        " JOIN mentions m ON m.article_id = e.article_id AND m.entity_id = e.entity_id"
        " WHERE e.canonical_id IS NOT NULL GROUP BY e.canonical_id"
    ],
    "actor_roles": [
        "SELECT e.canonical_id, m.role, COALESCE(a.published, '') AS published, COUNT(*)"
        " FROM entities e JOIN mentions m ON m.article_id = e.article_id"
        " AND m.entity_id = e.entity_id JOIN articles a ON a.id = e.article_id"
        " WHERE e.canonical_id IS NOT NULL AND m.role IS NOT NULL"
        " GROUP BY e.canonical_id, m.role, published"
    ],
}


def rebuild_counts(conn: sqlite3.Connection) -> None:
    """Recount every count table from the events tables (inside the caller's transaction)."""
    for table, selects in RECOUNT.items():
        conn.execute(f"DELETE FROM {table}")
        for select in selects:
            conn.execute(f"INSERT INTO {table} {select}")


__all__ = ["COUNTRY", "EVERYONE", "RECOUNT", "ArticleCounts", "period_of", "rebuild_counts"]
