"""JSON forms of what the store's queries return: one function per kind, shared by the API
and the pages (a page renders the same dict the API returns)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from newsgraph.output import event_to_dict, quote_to_dict
from newsgraph.store.event_queries import EventHit
from newsgraph.store.profiles import ActorProfile, Dyad, Period
from newsgraph.store.quote_queries import QuoteHit
from newsgraph.store.search import ArticleHit
from newsgraph.web.network_queries import Network, Place
from newsgraph.web.queries import ActorBrief, ArticleBrief


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page of a listing. The caller asked for limit + 1 rows: the extra one only says
    whether a next page exists, so no listing ever counts a whole table."""
    return {
        "items": items[:limit],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(items) > limit else None,
    }


def article_brief(article: ArticleBrief) -> dict[str, Any]:
    return asdict(article)


def article_hit(hit: ArticleHit) -> dict[str, Any]:
    return asdict(hit)


def actor_brief(actor: ActorBrief) -> dict[str, Any]:
    return asdict(actor)


def quote_hit(hit: QuoteHit) -> dict[str, Any]:
    return {
        **quote_to_dict(hit.quote),
        "article": _article_ref(hit.article_id, hit.title, hit.source, hit.published, hit.url),
        "speaker_canonical": hit.speaker_canonical,
    }


def event_hit(hit: EventHit) -> dict[str, Any]:
    return {
        **event_to_dict(hit.event),
        "trigger_text": hit.trigger_text,
        "sentence_text": hit.sentence_text,
        "article": _article_ref(hit.article_id, hit.title, hit.source, hit.published, hit.url),
    }


def _article_ref(
    article_id: str, title: str | None, source: str | None, published: str | None, url: str | None
) -> dict[str, Any]:
    return {"id": article_id, "title": title, "source": source, "published": published, "url": url}


def period(value: Period) -> dict[str, Any]:
    return asdict(value)


def profile(value: ActorProfile) -> dict[str, Any]:
    return {
        "label": value.label,
        "canonical_id": value.selector.canonical_id,
        "code_prefix": value.selector.code_prefix,
        "name": value.name,
        "type": value.type,
        "country": value.country,
        "code": value.code,
        "mentions": value.mentions,
        "articles": value.articles,
        "roles": [asdict(r) for r in value.roles],
        "events_as_source": value.events_as_source,
        "events_as_target": value.events_as_target,
        "recent_as_source": [event_hit(h) for h in value.recent_as_source],
        "recent_as_target": [event_hit(h) for h in value.recent_as_target],
        "quotes": [quote_hit(h) for h in value.quotes],
        "relations": [asdict(r) for r in value.relations],
    }


def dyad(value: Dyad) -> dict[str, Any]:
    return {
        "a": asdict(value.a),
        "b": asdict(value.b),
        "a_to_b": [period(p) for p in value.a_to_b],
        "b_to_a": [period(p) for p in value.b_to_a],
        "events": [event_hit(h) for h in value.events],
    }


def network(value: Network) -> dict[str, Any]:
    return {
        "nodes": [asdict(n) for n in value.nodes],
        "edges": [asdict(e) for e in value.edges],
        "events_drawn": value.events_drawn,
    }


def place(value: Place) -> dict[str, Any]:
    return asdict(value)


__all__ = [
    "actor_brief",
    "article_brief",
    "article_hit",
    "dyad",
    "event_hit",
    "network",
    "page",
    "period",
    "place",
    "profile",
    "quote_hit",
]
