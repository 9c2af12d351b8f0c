"""The GDELT 2.0 Events table: our events as the 61 columns of GDELT's event records.

GDELT has one actor per side, so an event becomes one row per (source actor × target
actor) pair; an event with no actor on a side has that side's columns empty. Only asserted
events by default (GDELT records what happened). When the story layer has merged the
articles' events into real events (``merged_events``), a merged event is one record, written
from its earliest member, with the merged counts as NumMentions/NumSources/NumArticles.
Every column is documented in ``GDELT.md`` next to this module.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from newsgraph.export.event_filter import EventFilter, EventSql, event_sql
from newsgraph.export.gdelt_codes import Geo, action_geo, split_actor_code
from newsgraph.export.tables import DEFAULT_CHUNK_ROWS, Column, Row, RowStream, fetch_chunks

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{name}" for name in _ACTOR),
    *(f"Actor2{name}" for name in _ACTOR),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{name}" for name in _GEO),
    *(f"Actor2Geo_{name}" for name in _GEO),
    *(f"ActionGeo_{name}" for name in _GEO),
    "DATEADDED",
    "SOURCEURL",
)

_INTEGER_COLUMNS = frozenset(
    {
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "IsRootEvent",
        "QuadClass",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "Actor1Geo_Type",
        "Actor2Geo_Type",
        "ActionGeo_Type",
        "DATEADDED",
    }
)
_REAL_COLUMNS = frozenset(
    {"FractionDate", "GoldsteinScale", "AvgTone"}
    | {f"{side}Geo_{axis}" for side in ("Actor1", "Actor2", "Action") for axis in ("Lat", "Long")}
)

# The columns of the events query, in its order.
_EVENT_FIELDS = (
    "article_id",
    "event_id",
    "date",
    "cameo",
    "quad_class",
    "goldstein",
    "mentions",
    "sources",
    "articles",
    "tone",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "geonameid",
    "decoded_at",
    "url",
    "is_root",
)

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# Actor1Geo_* and Actor2Geo_*: the actors are not geolocated (see GDELT.md).
_EMPTY_GEO = Geo().cells()


@dataclass(frozen=True)
class _Side:
    """One actor of an event as GDELT names it."""

    code: str
    name: str


def gdelt_columns() -> tuple[Column, ...]:
    """The 61 columns with their types (codes stay text: "040" keeps its leading zero)."""
    return tuple(
        Column(
            name,
            "integer" if name in _INTEGER_COLUMNS else "real" if name in _REAL_COLUMNS else "text",
        )
        for name in GDELT_COLUMNS
    )


def stream_gdelt(
    conn: sqlite3.Connection,
    chosen: EventFilter | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
) -> RowStream:
    """GDELT event records of the stored events `chosen` (by default every asserted event,
    one record per merged event where stories merged them), in date order."""
    sql, params = _events_query(event_sql(conn, chosen or EventFilter()))
    chunks = fetch_chunks(conn, sql, params, chunk_rows)
    return RowStream(gdelt_columns(), _records(conn, chunks))


def _events_query(selected: EventSql) -> tuple[str, list[object]]:
    counts = "1, 1, 1"
    if selected.merged:
        counts = "COALESCE(me.mentions, 1), COALESCE(me.sources, 1), COALESCE(me.articles, 1)"
    sql = (
        "SELECT ev.article_id, ev.event_id, ev.date, ev.cameo, ev.quad_class, ev.goldstein,"
        f" {counts}, q.tone, ev.location_name, ev.location_country, ev.lat, ev.lon,"
        " ev.geonameid, a.decoded_at, a.url, "
        # GDELT's root events are those of the lead paragraph (the text up to the first line
        # break; the first sentence when the text has none).
        "CASE WHEN instr(a.text, char(10)) > 0"
        " THEN ev.sentence_start < instr(a.text, char(10)) - 1"
        " ELSE ev.sentence_start < COALESCE(json_extract(a.sentences, '$[0][1]'), 1) END"
        " FROM events ev JOIN articles a ON a.id = ev.article_id"
        " LEFT JOIN quotes q ON q.article_id = ev.article_id AND q.quote_id = ev.quote_id"
        f"{selected.joins} {selected.where}"
        " ORDER BY ev.date, ev.article_id, ev.trigger_start, ev.event_id"
    )
    return sql, selected.params


def _records(conn: sqlite3.Connection, chunks: Iterator[list[Row]]) -> Iterator[list[Row]]:
    for chunk in chunks:
        events = [dict(zip(_EVENT_FIELDS, row, strict=True)) for row in chunk]
        keys = [(str(e["article_id"]), str(e["event_id"])) for e in events]
        sides = _sides(conn, keys)
        yield [
            record
            for key, event in zip(keys, events, strict=True)
            for record in _event_records(key, event, *sides.get(key, ([], [])))
        ]


def _sides(
    conn: sqlite3.Connection, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], tuple[list[_Side], list[_Side]]]:
    """The distinct source and target actors of the events `keys`, in their order."""
    sides: dict[tuple[str, str], tuple[list[_Side], list[_Side]]] = {}
    rows = conn.execute(
        "SELECT ea.article_id, ea.event_id, ea.side, COALESCE(ea.code, ent.code),"
        " COALESCE(act.name, ea.name) FROM event_actors ea"
        " LEFT JOIN entities ent ON ent.article_id = ea.article_id"
        " AND ent.entity_id = ea.entity_id"
        " LEFT JOIN actors act ON act.canonical_id = ea.canonical_id"
        " WHERE (ea.article_id, ea.event_id) IN (SELECT json_extract(value, '$[0]'),"
        " json_extract(value, '$[1]') FROM json_each(?))"
        " ORDER BY ea.article_id, ea.event_id, ea.side, ea.position",
        (json.dumps(keys),),
    )
    for article_id, event_id, side, code, name in rows:
        source, target = sides.setdefault((article_id, event_id), ([], []))
        actors = source if side == "source" else target
        actor = _Side(code or "", " ".join(str(name).split()).upper())
        if actor not in actors:  # one actor named twice on a side is one GDELT actor
            actors.append(actor)
    return sides


def _event_records(
    key: tuple[str, str], event: dict[str, object], sources: list[_Side], targets: list[_Side]
) -> list[Row]:
    """One record per source × target pair (a missing side is one empty actor)."""
    head = _date_cells(_text(event["date"]))
    tail = (*_event_cells(event), *_EMPTY_GEO, *_EMPTY_GEO, *_place(event).cells())
    tail += (_date_added(event["decoded_at"]), event["url"] or "")
    return [
        (_event_number(*key, i, j), *head, *_actor_cells(source), *_actor_cells(target), *tail)
        for i, source in enumerate(sources or [None])
        for j, target in enumerate(targets or [None])
    ]


def _event_cells(event: dict[str, object]) -> tuple[object, ...]:
    """IsRootEvent through AvgTone."""
    code = str(event["cameo"] or "")
    tone = _real(event["tone"])
    return (
        int(bool(event["is_root"])),
        code,
        code[:3],
        code[:2],
        event["quad_class"],
        event["goldstein"],
        event["mentions"],
        event["sources"],
        event["articles"],
        # VADER's [-1, 1] stretched onto GDELT's documented -100..+100 range (see GDELT.md).
        None if tone is None else round(tone * 100, 2),
    )


def _place(event: dict[str, object]) -> Geo:
    geonameid = event["geonameid"]
    return action_geo(
        _text(event["location_name"]),
        _text(event["location_country"]),
        _real(event["lat"]),
        _real(event["lon"]),
        None if geonameid is None else int(str(geonameid)),
    )


def _event_number(article_id: str, event_id: str, source: int, target: int) -> int:
    """A stable 63-bit GLOBALEVENTID (GDELT's are integers; ours must not change between
    exports, so they are hashed from the article, the event and the actor pair)."""
    key = f"{article_id}\x1f{event_id}\x1f{source}\x1f{target}".encode()
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big") >> 1


def _date_cells(date: str | None) -> tuple[int | None, int | None, int | None, float | None]:
    """SQLDATE, MonthYear, Year, FractionDate at the precision the date has: a date that
    names no day has no SQLDATE or FractionDate rather than an invented day."""
    match = _DATE.match(date or "")
    if match is None:
        return None, None, None, None
    year = int(match.group(1))
    if match.group(2) is None:
        return None, None, year, None
    month = int(match.group(2))
    if match.group(3) is None:
        return None, year * 100 + month, year, None
    day = int(match.group(3))
    # GDELT's formula: YYYY + (MONTH * 30 + DAY) / 365, four decimals.
    fraction = round(year + (month * 30 + day) / 365, 4)
    return year * 10000 + month * 100 + day, year * 100 + month, year, fraction


def _actor_cells(actor: _Side | None) -> tuple[str, ...]:
    if actor is None:
        return ("",) * len(_ACTOR)
    parts = split_actor_code(actor.code)
    types = (*parts.types, "", "", "")[:3]
    religions = (*parts.religions, "", "")[:2]
    # No ethnic code: the actor layer codes no ethnicity (see GDELT.md).
    return (actor.code, actor.name, parts.country, parts.known_group, "", *religions, *types)


def _date_added(decoded_at: object) -> int | None:
    """YYYYMMDDHHMMSS (UTC) of when the article entered the store."""
    digits = re.sub(r"\D", "", str(decoded_at or ""))[:14]
    return int(digits.ljust(14, "0")) if len(digits) >= 8 else None


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _real(value: object) -> float | None:
    return None if value is None else float(str(value))
