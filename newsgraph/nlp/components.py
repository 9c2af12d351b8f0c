"""The built-in analysis components: sentences, entities, damage."""

from __future__ import annotations

from typing import Any

from newsgraph.config import Config
from newsgraph.model import Article
from newsgraph.nlp.entities import entities_from_doc
from newsgraph.nlp.registry import ComponentFn, component


@component("sentences", provides=("sentences",))
def make_sentences(config: Config) -> ComponentFn:
    def sentences(article: Article, doc: Any) -> Article:
        # Spans cut from the text: `sent.text` would build each sentence from its tokens.
        spans = (_strip_span(article.text, s.start_char, s.end_char) for s in doc.sents)
        article.sentences = [(start, end) for start, end in spans if start < end]
        return article

    return sentences


@component("entities", provides=("entities",))
def make_entities(config: Config) -> ComponentFn:
    def entities(article: Article, doc: Any) -> Article:
        article.entities = entities_from_doc(doc, article.text, config.entity_types)
        return article

    return entities


@component("damage", provides=("damage",))
def make_damage(config: Config) -> ComponentFn:
    from newsgraph.nlp.damage import find_damage

    def damage(article: Article, doc: Any) -> Article:
        article.damage = find_damage(article.text, doc)
        return article

    return damage


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A sentence span without the whitespace spaCy attaches to its last token."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
