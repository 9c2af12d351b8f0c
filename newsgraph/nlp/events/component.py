"""Placeholder: the events component is being written (replaced by the events layer)."""

from __future__ import annotations

from typing import Any

from newsgraph.config import Config
from newsgraph.model import Article
from newsgraph.nlp.registry import ComponentFn, component


@component("events", requires=("actors",), provides=("events",))
def make_events(config: Config) -> ComponentFn:
    def events(article: Article, doc: Any) -> Article:
        return article

    return events
