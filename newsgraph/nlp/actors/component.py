"""The `actors` analysis component: entities become coded actors with every mention."""

from __future__ import annotations

from datetime import date
from typing import Any

from newsgraph.config import Config
from newsgraph.model import Article
from newsgraph.nlp.actors.kb import load_kb
from newsgraph.nlp.actors.resolve import ActorResolver
from newsgraph.nlp.places.gazetteer import load_gazetteer
from newsgraph.nlp.registry import ComponentFn, component


# Reads the Doc's named entities itself (correcting their types) and replaces `entities`
# with actors, so it needs no earlier component; "entities" stays for plain NER.
@component("actors", provides=("entities", "actors"))
def make_actors(config: Config) -> ComponentFn:
    # The gazetteer (shared with the events component) gives cities their country.
    gazetteer = load_gazetteer(config.place_files)
    resolver = ActorResolver(load_kb(config.actor_files), config.entity_types, gazetteer)

    def actors(article: Article, doc: Any) -> Article:
        article.entities = resolver.resolve(article.text, doc, publication_date(article))
        return article

    return actors


def publication_date(article: Article) -> date | None:
    """The day the article speaks from ("2024-07" counts as the first of the month):
    whose office a title names depends on it."""
    value = article.published
    if not value or len(value) < 4 or not value[:4].isdigit():
        return None
    year, month, day = int(value[:4]), 1, 1
    if len(value) >= 7 and value[5:7].isdigit():
        month = int(value[5:7])
    if len(value) >= 10 and value[8:10].isdigit():
        day = int(value[8:10])
    try:
        return date(year, month, day)
    except ValueError:
        return None


__all__ = ["make_actors", "publication_date"]
