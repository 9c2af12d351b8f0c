"""Where an event took place: the place its clause names, geocoded offline."""

from __future__ import annotations

from typing import Any

from newsgraph.model import Article, Location, Span
from newsgraph.nlp.places.gazetteer import Gazetteer


def locate_event(
    text: str, doc: Any, sentence: Span, trigger: Span, article: Article, gazetteer: Gazetteer
) -> Location | None:
    """Where the event took place (a newsgraph.model.Location), or None when the text
    doesn't say."""
    return None
