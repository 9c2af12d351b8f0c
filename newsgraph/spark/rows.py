"""An Article as the lake's rows, and back: nothing here knows Spark or Parquet files.

The rows reuse the JSON Lines contract (:mod:`newsgraph.output`) for quotes and events, so
the lake's nested columns read like `newsgraph decode --format jsonl`; only `id` fields are
named for their table (`quote_id`, `event_id`) and `article_id` ties each row to its article.
"""

from __future__ import annotations

import json
import re
from typing import Any

from newsgraph.model import (
    Article,
    Damage,
    Entity,
    Event,
    EventActor,
    Failure,
    MentionDetail,
    Note,
    Origin,
    Quote,
)
from newsgraph.output import article_to_dict, event_from_dict, quote_from_dict
from newsgraph.spark.schema import ANNOTATION_TABLES, ROW_FIELDS, UNKNOWN_MONTH

Row = dict[str, Any]
_MONTH = re.compile(r"^\d{4}-\d{2}")


def month_of(date: str | None) -> str | None:
    """The `YYYY-MM` of an ISO 8601 date at any precision from a month on, else None."""
    return date[:7] if date and _MONTH.match(date) else None


def decoded_row(article: Article, seq: int) -> Row:
    """One decoded article as the nested record a Spark task writes (decoded_schema),
    built from its JSON Lines form."""
    data = article_to_dict(article)
    canonical = {e.id: e.canonical_id for e in article.entities}
    return {
        "seq": seq,
        "article_id": article.id,
        "content_hash": article.content_hash,
        "raw_hash": article.raw_hash,
        "month": month_of(article.published) or UNKNOWN_MONTH,
        "failure": None,
        "article": _article_row(data, article),
        "entities": [_entity_row(e, i) for i, e in enumerate(data["entities"])],
        "mentions": [row for e in data["entities"] for row in _mention_rows(e)],
        "quotes": [_quote_row(q, i, canonical) for i, q in enumerate(data["quotes"])],
        "events": [_event_row(e, i) for i, e in enumerate(data["events"])],
        "event_dyads": [row for e in article.events for row in _dyad_rows(e, canonical)],
        "damage": [
            {
                "position": i,
                "kind": d["kind"],
                "start": d["span"][0],
                "end": d["span"][1],
                "detail": d["detail"],
            }
            for i, d in enumerate(data["damage"])
        ],
    }


def failure_row(failure: Failure, seq: int, raw_hash: str = "") -> Row:
    """A document that could not be read or decoded, as a decoded record."""
    empty: Row = {table: [] for table in ANNOTATION_TABLES}
    return {
        **empty,
        "seq": seq,
        "article_id": None,
        "content_hash": None,
        "raw_hash": raw_hash or None,
        "month": UNKNOWN_MONTH,
        "failure": {
            "path": failure.origin.path,
            "record": failure.origin.record,
            "code": failure.code,
            "message": failure.message,
        },
        "article": None,
    }


# The articles table's columns that the JSON Lines form has as they are (the others are
# made in _article_row).
_ARTICLE_FIELDS = tuple(
    name
    for name, _ in ROW_FIELDS["articles"]
    if name not in {"metadata", "content_hash", "raw_hash"}
)


def _article_row(data: Row, article: Article) -> Row:
    row = {key: data[key] for key in _ARTICLE_FIELDS}
    row["metadata"] = json.dumps(data["metadata"], ensure_ascii=False, default=str)
    row["content_hash"], row["raw_hash"] = article.content_hash, article.raw_hash
    return row


def _entity_row(entity: Row, position: int) -> Row:
    row = {k: v for k, v in entity.items() if k not in {"id", "mentions", "mention_details"}}
    return {**row, "entity_id": entity["id"], "position": position}


def _mention_rows(entity: Row) -> list[Row]:
    details = {tuple(d["span"]): d for d in entity["mention_details"]}
    rows = []
    for position, (start, end) in enumerate(entity["mentions"]):
        detail = details.get((start, end), {})
        rows.append(
            {
                "entity_id": entity["id"],
                "position": position,
                "start": start,
                "end": end,
                "kind": detail.get("kind"),
                "role": detail.get("role"),
            }
        )
    return rows


def _quote_row(quote: Row, position: int, canonical: dict[str, str | None]) -> Row:
    speaker = quote["speaker"]
    entity = None if speaker is None else speaker["entity"]
    return {
        **{k: v for k, v in quote.items() if k != "id"},
        "quote_id": quote["id"],
        "position": position,
        "tone": _float(quote["tone"]),
        "speaker_canonical_id": None if entity is None else canonical.get(entity),
    }


def _event_row(event: Row, position: int) -> Row:
    row = {k: v for k, v in event.items() if k not in {"id", "quote"}}
    row.update(event_id=event["id"], quote_id=event["quote"], position=position)
    row["goldstein"] = _float(row["goldstein"])
    if row["location"] is not None:
        for key in ("lat", "lon"):
            row["location"][key] = _float(row["location"][key])
    return row


def _float(value: float | None) -> float | None:
    # Parquet's double column takes no Python int (a Goldstein value of 3, not 3.0).
    return None if value is None else float(value)


def _dyad_rows(event: Event, canonical: dict[str, str | None]) -> list[Row]:
    facts = {
        "event_id": event.id,
        "type": event.type,
        "cameo": event.cameo,
        "modality": event.modality,
        "quad_class": event.quad_class,
        "goldstein": _float(event.goldstein),
        "date": event.date,
        "event_month": month_of(event.date),
    }
    return [
        {
            **facts,
            "source_position": s_pos,
            "target_position": t_pos,
            **_side("source", source, canonical),
            **_side("target", target, canonical),
        }
        for s_pos, source in enumerate(event.source)
        for t_pos, target in enumerate(event.target)
    ]


def _side(side: str, actor: EventActor, canonical: dict[str, str | None]) -> Row:
    code = actor.code
    return {
        f"{side}_name": actor.name,
        f"{side}_canonical_id": None if actor.entity is None else canonical.get(actor.entity),
        f"{side}_code": code,
        # The country (or IGO) part of a CAMEO-style code, as the store's dyads have it.
        f"{side}_country": code[:3] if code and len(code) >= 3 else None,
    }


# -- back to the model ----------------------------------------------------------------------


def article_from_rows(article_id: str, article: Row, tables: dict[str, list[Row]]) -> Article:
    """The Article whose rows are `article` (its articles row) and `tables` (its rows of
    each annotation table, in any order)."""
    origin = article.get("input")
    result = Article(
        id=article_id,
        text=article["text"],
        url=article.get("url"),
        source=article.get("source"),
        title=article.get("title"),
        authors=list(article.get("authors") or []),
        published=article.get("published"),
        language=article.get("language"),
        analyzed=bool(article.get("analyzed")),
        sentences=[(int(s), int(e)) for s, e in article.get("sentences") or []],
        notes=[Note(n["kind"], n["text"]) for n in article.get("notes") or []],
        metadata=json.loads(article.get("metadata") or "{}"),
        origin=None if origin is None else Origin(origin),
        content_hash=article["content_hash"],
        raw_hash=article.get("raw_hash") or "",
    )
    result.entities = _entities(tables.get("entities", []), tables.get("mentions", []))
    result.quotes = [_quote(row) for row in _in_order(tables.get("quotes", []))]
    result.events = [_event(row) for row in _in_order(tables.get("events", []))]
    result.damage = [
        Damage(row["kind"], (int(row["start"]), int(row["end"])), row["detail"] or "")
        for row in _in_order(tables.get("damage", []))
    ]
    return result


def _entities(entity_rows: list[Row], mention_rows: list[Row]) -> list[Entity]:
    entities = {row["entity_id"]: entity_from_row(row) for row in _in_order(entity_rows)}
    for row in sorted(mention_rows, key=lambda r: (r["entity_id"], r["position"])):
        entity = entities[row["entity_id"]]
        span = (int(row["start"]), int(row["end"]))
        entity.mentions.append(span)
        if row.get("kind") is not None:
            entity.details.append(MentionDetail(span, row["kind"], row.get("role")))
    return list(entities.values())


def entity_from_row(row: Row) -> Entity:
    """An entity (without its mentions) from its row of the `entities` table."""
    return Entity(
        row["entity_id"],
        row["name"],
        row["type"],
        country=row.get("country"),
        sector=row.get("sector"),
        code=row.get("code"),
        roles=list(row.get("roles") or []),
        canonical_id=row.get("canonical_id"),
        code_basis=row.get("code_basis"),
    )


def _in_order(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: int(r["position"]))


def _quote(row: Row) -> Quote:
    skip = {"quote_id", "speaker_canonical_id", "position"}
    data = {k: v for k, v in row.items() if k not in skip}
    return quote_from_dict({**data, "id": row["quote_id"]})


def _event(row: Row) -> Event:
    data = {k: v for k, v in row.items() if k not in {"event_id", "quote_id", "position"}}
    return event_from_dict({**data, "id": row["event_id"], "quote": row["quote_id"]})


__all__ = [
    "Row",
    "article_from_rows",
    "decoded_row",
    "entity_from_row",
    "failure_row",
    "month_of",
]
