"""Named entities from the spaCy Doc, grouped by name and type within the article."""

from __future__ import annotations

import re
from typing import Any

from newsgraph.model import Entity, Span

# "the United Nations" and "China's" name the same entity as "United Nations" and "China".
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_TRAILING_POSSESSIVE = re.compile(r"\s*['’]s?$")
_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}.,;:!?-–— \n\t"


def entities_from_doc(doc: Any, text: str, keep_types: tuple[str, ...]) -> list[Entity]:
    """One Entity per (normalized name, type), mentions in text order. `text` is the
    Doc's text, passed in because `doc.text` is rebuilt from the tokens on every access."""
    by_key: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in keep_types:
            continue
        span = trim_mention(text, ent.start_char, ent.end_char)
        if span is None:
            continue
        name = " ".join(text[span[0] : span[1]].split())
        key = (name.casefold(), ent.label_)
        entity = by_key.get(key)
        if entity is None:
            entity = Entity(id=f"e{len(by_key) + 1}", name=name, type=ent.label_)
            by_key[key] = entity
        entity.mentions.append(span)
    return list(by_key.values())


def trim_mention(text: str, start: int, end: int) -> Span | None:
    """The mention without a leading article, a trailing 's or edge punctuation."""
    while start < end and text[start] in _EDGE_PUNCTUATION:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCTUATION:
        end -= 1
    surface = text[start:end]
    article = _LEADING_ARTICLE.match(surface)
    if article and article.end() < len(surface):
        start += article.end()
    possessive = _TRAILING_POSSESSIVE.search(text[start:end])
    if possessive and possessive.start() > 0:
        end = start + possessive.start()
    while end > start and text[end - 1] in _EDGE_PUNCTUATION:
        end -= 1
    return (start, end) if end > start else None


__all__ = ["entities_from_doc", "trim_mention"]
