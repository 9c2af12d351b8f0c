"""Rows for an article's quotes and events, and the way back to the typed model."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from newsgraph.model import Article, Cue, Event, EventActor, Location, Quote, Span, Speaker

QUOTE_COLUMNS = (
    "article_id, quote_id, kind, text, spans, start, end, speaker_name, speaker_entity,"
    " speaker_canonical, speaker_start, speaker_end, speaker_role, speaker_code, cue_text,"
    " cue_start, cue_end, tone, attribution"
)
EVENT_COLUMNS = (
    "article_id, event_id, type, mode, context, cameo, quad_class, goldstein, modality,"
    " reported_by_name, reported_by_entity, reported_by_start, reported_by_end,"
    " reported_by_role, reported_by_code, quote_id, date, date_source, date_start, date_end,"
    " location_name, location_country, lat, lon, location_start, location_end, geonameid,"
    " trigger_start, trigger_end, sentence_start, sentence_end"
)
EVENT_ACTOR_COLUMNS = (
    "article_id, event_id, side, position, name, entity_id, canonical_id, code, country,"
    " start, end, type, date, modality, quad_class, goldstein"
)
EVENT_DYAD_COLUMNS = (
    "article_id, event_id, source_position, target_position, source_name,"
    " source_canonical_id, source_code, source_country, target_name, target_canonical_id,"
    " target_code, target_country, type, date, modality, quad_class, goldstein"
)


def insert_quotes_and_events(conn: sqlite3.Connection, article: Article) -> None:
    """Write `article`'s quotes and events (its entities must carry their canonical ids)."""
    canonical = {e.id: e.canonical_id for e in article.entities}
    _insert(
        conn,
        "quotes",
        QUOTE_COLUMNS,
        [_quote_row(article.id, q, canonical) for q in article.quotes],
    )
    _insert(conn, "events", EVENT_COLUMNS, [_event_row(article.id, e) for e in article.events])
    _insert(
        conn,
        "event_actors",
        EVENT_ACTOR_COLUMNS,
        [row for e in article.events for row in _event_actor_rows(article.id, e, canonical)],
    )
    _insert(
        conn,
        "event_dyads",
        EVENT_DYAD_COLUMNS,
        [row for e in article.events for row in _event_dyad_rows(article.id, e, canonical)],
    )


def load_quotes(conn: sqlite3.Connection, article_id: str) -> list[Quote]:
    rows = conn.execute(
        "SELECT * FROM quotes WHERE article_id = ? ORDER BY start, rowid", (article_id,)
    )
    return [quote_from_row(row) for row in rows]


def load_events(conn: sqlite3.Connection, article_id: str) -> list[Event]:
    sides: dict[str, dict[str, list[EventActor]]] = {}
    for row in conn.execute(
        "SELECT * FROM event_actors WHERE article_id = ? ORDER BY event_id, side, position",
        (article_id,),
    ):
        actor = EventActor(row["name"], row["entity_id"], row["code"], _span(row, "start", "end"))
        sides.setdefault(row["event_id"], {}).setdefault(row["side"], []).append(actor)
    events = []
    for row in conn.execute(
        "SELECT * FROM events WHERE article_id = ? ORDER BY trigger_start, rowid", (article_id,)
    ):
        event = event_from_row(row)
        event.source = sides.get(event.id, {}).get("source", [])
        event.target = sides.get(event.id, {}).get("target", [])
        events.append(event)
    return events


def quote_from_row(row: sqlite3.Row) -> Quote:
    speaker = None
    if row["speaker_name"] is not None:
        speaker = Speaker(
            row["speaker_name"],
            row["speaker_entity"],
            _span(row, "speaker_start", "speaker_end"),
            row["speaker_role"],
            row["speaker_code"],
        )
    cue_span = _span(row, "cue_start", "cue_end")
    return Quote(
        id=row["quote_id"],
        text=row["text"],
        spans=[(int(s), int(e)) for s, e in json.loads(row["spans"])],
        kind=row["kind"],
        speaker=speaker,
        cue=None if row["cue_text"] is None or cue_span is None else Cue(row["cue_text"], cue_span),
        tone=row["tone"],
        attribution=row["attribution"],
    )


def event_from_row(row: sqlite3.Row) -> Event:
    """An event without its actors (they live in event_actors)."""
    reporter = None
    if row["reported_by_name"] is not None:
        reporter = Speaker(
            row["reported_by_name"],
            row["reported_by_entity"],
            _span(row, "reported_by_start", "reported_by_end"),
            row["reported_by_role"],
            row["reported_by_code"],
        )
    location = None
    if row["location_name"] is not None:
        location = Location(
            row["location_name"],
            row["location_country"],
            row["lat"],
            row["lon"],
            _span(row, "location_start", "location_end"),
            row["geonameid"],
        )
    return Event(
        id=row["event_id"],
        type=row["type"],
        trigger=(row["trigger_start"], row["trigger_end"]),
        sentence=(row["sentence_start"], row["sentence_end"]),
        mode=row["mode"],
        context=json.loads(row["context"]),
        cameo=row["cameo"],
        quad_class=row["quad_class"],
        goldstein=row["goldstein"],
        modality=row["modality"],
        reported_by=reporter,
        quote=row["quote_id"],
        date=row["date"],
        date_source=row["date_source"],
        date_span=_span(row, "date_start", "date_end"),
        location=location,
    )


def _insert(
    conn: sqlite3.Connection, table: str, columns: str, rows: list[tuple[Any, ...]]
) -> None:
    if rows:
        marks = ", ".join("?" for _ in columns.split(","))
        conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _quote_row(article_id: str, quote: Quote, canonical: dict[str, str | None]) -> tuple[Any, ...]:
    speaker = quote.speaker
    spans = quote.spans or [(0, 0)]
    return (
        article_id,
        quote.id,
        quote.kind,
        quote.text,
        json.dumps([[s, e] for s, e in quote.spans]),
        min(s for s, _ in spans),
        max(e for _, e in spans),
        *_speaker_cells(speaker),
        None if speaker is None or speaker.entity is None else canonical.get(speaker.entity),
        *_span_cells(None if speaker is None else speaker.span),
        None if speaker is None else speaker.role,
        None if speaker is None else speaker.code,
        None if quote.cue is None else quote.cue.text,
        *_span_cells(None if quote.cue is None else quote.cue.span),
        quote.tone,
        quote.attribution,
    )


def _event_row(article_id: str, event: Event) -> tuple[Any, ...]:
    reporter, location = event.reported_by, event.location
    return (
        article_id,
        event.id,
        event.type,
        event.mode,
        json.dumps(event.context, ensure_ascii=False),
        event.cameo,
        event.quad_class,
        event.goldstein,
        event.modality,
        *_speaker_cells(reporter),
        *_span_cells(None if reporter is None else reporter.span),
        None if reporter is None else reporter.role,
        None if reporter is None else reporter.code,
        event.quote,
        event.date,
        event.date_source,
        *_span_cells(event.date_span),
        None if location is None else location.name,
        None if location is None else location.country,
        None if location is None else location.lat,
        None if location is None else location.lon,
        *_span_cells(None if location is None else location.span),
        None if location is None else location.geonameid,
        *event.trigger,
        *event.sentence,
    )


def _event_actor_rows(
    article_id: str, event: Event, canonical: dict[str, str | None]
) -> list[tuple[Any, ...]]:
    rows = []
    for side, actors in (("source", event.source), ("target", event.target)):
        for position, actor in enumerate(actors):
            rows.append(
                (
                    article_id,
                    event.id,
                    side,
                    position,
                    actor.name,
                    actor.entity,
                    _canonical(actor, canonical),
                    actor.code,
                    _country(actor.code),
                    *_span_cells(actor.span),
                    *_event_facts(event),
                )
            )
    return rows


def _event_dyad_rows(
    article_id: str, event: Event, canonical: dict[str, str | None]
) -> list[tuple[Any, ...]]:
    rows = []
    for s_pos, source in enumerate(event.source):
        for t_pos, target in enumerate(event.target):
            rows.append(
                (
                    article_id,
                    event.id,
                    s_pos,
                    t_pos,
                    source.name,
                    _canonical(source, canonical),
                    source.code,
                    _country(source.code),
                    target.name,
                    _canonical(target, canonical),
                    target.code,
                    _country(target.code),
                    *_event_facts(event),
                )
            )
    return rows


def _event_facts(event: Event) -> tuple[Any, ...]:
    return (event.type, event.date, event.modality, event.quad_class, event.goldstein)


def _canonical(actor: EventActor, canonical: dict[str, str | None]) -> str | None:
    return None if actor.entity is None else canonical.get(actor.entity)


def _country(code: str | None) -> str | None:
    """The country (or IGO) part of a CAMEO-style code: its first three letters."""
    return code[:3] if code and len(code) >= 3 else None


def _speaker_cells(speaker: Speaker | None) -> tuple[str | None, str | None]:
    return (None, None) if speaker is None else (speaker.name, speaker.entity)


def _span_cells(span: Span | None) -> tuple[int | None, int | None]:
    return (None, None) if span is None else (span[0], span[1])


def _span(row: sqlite3.Row, start: str, end: str) -> Span | None:
    if row[start] is None or row[end] is None:
        return None
    return int(row[start]), int(row[end])


__all__ = [
    "event_from_row",
    "insert_quotes_and_events",
    "load_events",
    "load_quotes",
    "quote_from_row",
]
