"""The JSON form of an Article: the public contract of `newsgraph decode --format jsonl`.

Fields are only ever added, never renamed or removed. Every span is [start, end], Python
string indices into `text`.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from newsgraph.model import Article

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
                "mention_details": [
                    {"span": [d.span[0], d.span[1]], "kind": d.kind, "role": d.role}
                    for d in e.details
                ],
            }
            for e in article.entities
        ],
        "quotes": list(article.quotes),
        "events": list(article.events),
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
    }


def write_jsonl(article: Article, stream: TextIO) -> None:
    stream.write(json.dumps(article_to_dict(article), ensure_ascii=False, default=str))
    stream.write("\n")


__all__ = ["CONTRACT_FIELDS", "article_to_dict", "write_jsonl"]
