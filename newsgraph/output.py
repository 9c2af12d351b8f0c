"""The JSON form of an Article: the public contract of `newsgraph decode --format jsonl`.

Fields are only ever added, never renamed or removed. Every span is [start, end], Python
string indices into `text`.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from newsgraph.model import Article, Cue, Event, EventActor, Location, Quote, Span, Speaker

CONTRACT_FIELDS = (
    "id",
    "url",
    "source",
    "title",
    "authors",
    "published",
    "language",
    "text",
    "entities",
    "quotes",
    "events",
    "damage",
)


def article_to_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "mentions": [[start, end] for start, end in e.mentions],
                # The actor layer's fields.
                "country": e.country,
                "sector": e.sector,
                "code": e.code,
                "roles": list(e.roles),
                "canonical_id": e.canonical_id,
                # How the country was found (known / text / context): an extension.
                "code_basis": e.code_basis,
                "mention_details": [
                    {"span": [d.span[0], d.span[1]], "kind": d.kind, "role": d.role}
                    for d in e.details
                ],
            }
            for e in article.entities
        ],
        "quotes": [quote_to_dict(q) for q in article.quotes],
        "events": [event_to_dict(e) for e in article.events],
        "damage": [
            {"kind": d.kind, "span": [d.span[0], d.span[1]], "detail": d.detail}
            for d in article.damage
        ],
        # Extensions beyond the first contract.
        "analyzed": article.analyzed,
        "sentences": [[start, end] for start, end in article.sentences],
        "notes": [{"kind": n.kind, "text": n.text} for n in article.notes],
        "metadata": article.metadata,
        "input": None if article.origin is None else str(article.origin),
        # Components that raised on this article: what they would have found is missing.
        "failed_components": list(article.metadata.get("failed_components", [])),
    }


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


def speaker_to_dict(speaker: Speaker | None) -> dict[str, Any] | None:
    if speaker is None:
        return None
    return {
        "entity": speaker.entity,
        "name": speaker.name,
        "span": _span(speaker.span),
        "role": speaker.role,
        "code": speaker.code,
    }


def cue_to_dict(cue: Cue | None) -> dict[str, Any] | None:
    return None if cue is None else {"text": cue.text, "span": _span(cue.span)}


def quote_to_dict(quote: Quote) -> dict[str, Any]:
    return {
        "id": quote.id,
        "text": quote.text,
        "spans": [_span(s) for s in quote.spans],
        "kind": quote.kind,
        "speaker": speaker_to_dict(quote.speaker),
        "cue": cue_to_dict(quote.cue),
        "tone": quote.tone,
        "attribution": quote.attribution,
    }


def event_actor_to_dict(actor: EventActor) -> dict[str, Any]:
    return {
        "entity": actor.entity,
        "name": actor.name,
        "code": actor.code,
        "span": _span(actor.span),
    }


def location_to_dict(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {
        "name": location.name,
        "country": location.country,
        "lat": location.lat,
        "lon": location.lon,
        "span": _span(location.span),
        "geonameid": location.geonameid,
    }


def event_to_dict(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "context": list(event.context),
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "source": [event_actor_to_dict(a) for a in event.source],
        "target": [event_actor_to_dict(a) for a in event.target],
        "modality": event.modality,
        "reported_by": speaker_to_dict(event.reported_by),
        "quote": event.quote,
        "date": event.date,
        "date_source": event.date_source,
        "date_span": _span(event.date_span),
        "location": location_to_dict(event.location),
        "trigger": _span(event.trigger),
        "sentence": _span(event.sentence),
    }


def _to_span(value: Any) -> Span | None:
    return None if value is None else (int(value[0]), int(value[1]))


def speaker_from_dict(data: dict[str, Any] | None) -> Speaker | None:
    if data is None:
        return None
    return Speaker(
        name=data["name"],
        entity=data.get("entity"),
        span=_to_span(data.get("span")),
        role=data.get("role"),
        code=data.get("code"),
    )


def quote_from_dict(data: dict[str, Any]) -> Quote:
    cue = data.get("cue")
    return Quote(
        id=data["id"],
        text=data["text"],
        spans=[(int(s[0]), int(s[1])) for s in data["spans"]],
        kind=data["kind"],
        speaker=speaker_from_dict(data.get("speaker")),
        cue=None if cue is None else Cue(cue["text"], (int(cue["span"][0]), int(cue["span"][1]))),
        tone=data.get("tone"),
        attribution=data.get("attribution"),
    )


def _event_actor_from_dict(data: dict[str, Any]) -> EventActor:
    return EventActor(
        name=data["name"],
        entity=data.get("entity"),
        code=data.get("code"),
        span=_to_span(data.get("span")),
    )


def event_from_dict(data: dict[str, Any]) -> Event:
    loc = data.get("location")
    return Event(
        id=data["id"],
        type=data["type"],
        trigger=(int(data["trigger"][0]), int(data["trigger"][1])),
        sentence=(int(data["sentence"][0]), int(data["sentence"][1])),
        source=[_event_actor_from_dict(a) for a in data.get("source", [])],
        target=[_event_actor_from_dict(a) for a in data.get("target", [])],
        mode=data.get("mode"),
        context=list(data.get("context", [])),
        cameo=data.get("cameo"),
        quad_class=data.get("quad_class"),
        goldstein=data.get("goldstein"),
        modality=data.get("modality", "asserted"),
        reported_by=speaker_from_dict(data.get("reported_by")),
        quote=data.get("quote"),
        date=data.get("date"),
        date_source=data.get("date_source"),
        date_span=_to_span(data.get("date_span")),
        location=None
        if loc is None
        else Location(
            name=loc["name"],
            country=loc.get("country"),
            lat=loc.get("lat"),
            lon=loc.get("lon"),
            span=_to_span(loc.get("span")),
            geonameid=loc.get("geonameid"),
        ),
    )


def write_jsonl(article: Article, stream: TextIO) -> None:
    stream.write(json.dumps(article_to_dict(article), ensure_ascii=False, default=str))
    stream.write("\n")


__all__ = [
    "CONTRACT_FIELDS",
    "article_to_dict",
    "event_from_dict",
    "event_to_dict",
    "quote_from_dict",
    "quote_to_dict",
    "write_jsonl",
]
