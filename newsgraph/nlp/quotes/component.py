"""Placeholder: the quotes component is being written (replaced by the quotes layer)."""

from __future__ import annotations

from typing import Any

from newsgraph.config import Config
from newsgraph.model import Article
from newsgraph.nlp.registry import ComponentFn, component


@component("quotes", requires=("actors",), provides=("quotes",))
def make_quotes(config: Config) -> ComponentFn:
    def quotes(article: Article, doc: Any) -> Article:
        return article

    return quotes
