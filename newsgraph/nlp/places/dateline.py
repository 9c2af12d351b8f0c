"""The dateline of an article: "ASTANA, Kazakhstan (Reuters) —", "BEIJING —"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.nlp.places.gazetteer import Gazetteer, Place

# A paragraph opening with a place in capitals, an optional ", Region" and "(Agency)",
# then a dash. Only the first few paragraphs are searched: a dateline opens the story.
_DATELINE = re.compile(
    r"(?m)^[ \t]*(?P<place>[A-Z][A-Z.'\- ]{1,40}?[A-Z.])"
    r"(?:,[ \t]+(?P<region>[A-Z][\w.'\- ]{1,40}?))?"
    r"[ \t]*(?:\((?P<agency>[^)\n]{1,40})\))?[ \t]*(?:—|–|--?)[ \t]+"
)
_SEARCHED_CHARS = 1000


@dataclass(frozen=True)
class Dateline:
    """Where the story was filed: `place` as geocoded, `span` of its name in the text."""

    place: Place
    span: tuple[int, int]
    end: int  # where the story's own words begin


def find_dateline(text: str, gazetteer: Gazetteer) -> Dateline | None:
    """The dateline opening the article, when its place is in the gazetteer."""
    return _find(text[:_SEARCHED_CHARS], gazetteer)


@lru_cache(maxsize=256)
def _find(head: str, gazetteer: Gazetteer) -> Dateline | None:
    for match in _DATELINE.finditer(head):
        name = match.group("place").strip().title()
        if gazetteer.is_common_word(name):
            continue
        hint = _region_country(match.group("region"), gazetteer)
        place = gazetteer.lookup(name, hint)
        if place is not None and place.kind != "continent":
            return Dateline(place, match.span("place"), match.end())
    return None


def _region_country(region: str | None, gazetteer: Gazetteer) -> str | None:
    if not region:
        return None
    place = gazetteer.lookup(region.strip())
    return place.country if place is not None else None


__all__ = ["Dateline", "find_dateline"]
