"""Geocoding a place phrase of a parsed sentence: which gazetteer place its words mean,
helped by the country the text names with it ("Astana, Kazakhstan", "Ukraine's Donetsk
region", "the Kazakh capital, Astana") or around it."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from typing import Any

from newsgraph.model import Article, Location, Span
from newsgraph.nlp.actors.kb import load_kb
from newsgraph.nlp.places.gazetteer import Gazetteer, Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Broad places lose ties to the specific ones they contain ("Ukraine's Donetsk region").
BROAD_KINDS = frozenset({"country", "continent", "sea"})


def to_location(place: Place, span: Span | None) -> Location:
    return Location(
        name=place.name,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        span=span,
        geonameid=place.geonameid,
    )


def geocode_phrase(
    phrase: Any,
    container: Any,
    sentence: Span,
    article: Article,
    gazetteer: Gazetteer,
) -> Place | Location | None:
    """The place a phrase (a spaCy span) names: a gazetteer Place; a Location without a
    point for a place the entity recognizer tags but the gazetteer lacks (country only
    when the text names it with the place); None when it is no place. `container` is the
    noun the name sits in ("region" of "the Donetsk region"), or None."""
    seat = _seat_of_government(phrase.text, gazetteer) or _capital_named_by_country(
        phrase, gazetteer
    )
    if seat is not None:
        return seat  # "at the White House", "in the Kazakh capital": the capital
    country, within = phrase_country(phrase, gazetteer)
    context = None if country else context_country(phrase, sentence, article, gazetteer)
    for name in _names(phrase, container):
        place = gazetteer.lookup(name, country, within=within)
        if place is not None and context is not None:
            place = _with_context(gazetteer, name, place, context)
        if place is not None:
            return place
    if getattr(phrase, "label_", "") in PLACE_LABELS:
        return Location(
            name=phrase.text, country=country, span=(phrase.start_char, phrase.end_char)
        )
    return None


# A country the text only implies (other places of the sentence, the article's actors) picks
# a homonym in it unless that one is this much smaller than the best-known place of the
# name: an article about Texas politics still holds talks in Paris, France.
_CONTEXT_POPULATION_RATIO = 10


def _with_context(gazetteer: Gazetteer, name: str, best: Place, country: str) -> Place:
    local = gazetteer.lookup(name, country)
    if local is None or local is best or local.country != country:
        return best
    if local.population * _CONTEXT_POPULATION_RATIO < best.population:
        return best
    return local


def _seat_of_government(name: str, gazetteer: Gazetteer) -> Place | None:
    country = load_kb().country_by_metonym(name)
    if country is None or not country.capital:
        return None
    return gazetteer.lookup(country.capital, country.code)


def _capital_named_by_country(phrase: Any, gazetteer: Gazetteer) -> Place | None:
    """ "the Kazakh capital", "Ukraine's capital": the country's capital."""
    if phrase.root.lemma_.lower() != "capital" or len(phrase) < 2:
        return None
    kb = load_kb()
    word = phrase[0].text
    country = kb.country(word) or kb.country_by_demonym(word)
    if country is None or not country.capital:
        return None
    return gazetteer.lookup(country.capital, country.code)


def _names(phrase: Any, container: Any) -> list[str]:
    """Names to look up, most specific first: "Donetsk region" for "Donetsk" in "the
    Donetsk region", then the words as written, then without a leading "the"."""
    names = []
    if container is not None and phrase.root.dep_ == "compound":
        names.append(f"{phrase.text} {container.text}")
    names.append(phrase.text)
    words = phrase.text.split()
    if len(words) > 1 and words[0].lower() == "the":
        names.append(" ".join(words[1:]))
    return names


def phrase_country(phrase: Any, gazetteer: Gazetteer) -> tuple[str | None, Place | None]:
    """A country named with the place ("Astana, Kazakhstan", "Ukraine's Donetsk region",
    "the Kazakh capital, Astana"), and the state or region when one is ("Springfield,
    Illinois")."""
    doc = phrase.doc
    after = phrase.end
    if after + 1 < len(doc) and doc[after].text == "," and doc[after + 1].pos_ == "PROPN":
        following = doc[after + 1]
        region = doc[after + 1 : following.right_edge.i + 1]
        place = gazetteer.lookup(region.text)
        if place is not None and place.kind != "city":
            return place.country, place if place.kind == "admin1" else None
    inside = range(phrase.start, phrase.end)
    for token in phrase.root.head.children:
        if token.dep_ in ("poss", "amod", "compound") and token.i not in inside:
            country = _country_word(token.text, gazetteer)
            if country is not None:
                return country, None
    return None, None


def _country_word(word: str, gazetteer: Gazetteer) -> str | None:
    place = gazetteer.lookup(word)
    if place is not None and place.kind == "country":
        return place.country
    by_demonym = load_kb().country_by_demonym(word)
    return by_demonym.code if by_demonym is not None else None


def entities_between(doc: Any, start: int, end: int) -> list[Any]:
    """The Doc's entities that start in [start, end), in order; found by bisection on a
    list made once per Doc, as a scan of every entity per event is quadratic in a long
    article."""
    key = "newsgraph.places.entity_starts"
    starts = doc.user_data.get(key)
    if starts is None:
        starts = [ent.start_char for ent in entity_index(doc)[0]]
        doc.user_data[key] = starts
    entities = entity_index(doc)[0]
    return entities[bisect_left(starts, start) : bisect_left(starts, end)]


def entity_index(doc: Any) -> tuple[list[Any], set[str], set[int]]:
    """The Doc's entities, the texts of those tagged as places and the token indices any
    entity covers; made once per Doc (spaCy builds `doc.ents` anew on every access, and an
    article has dozens of events)."""
    key = "newsgraph.places.entity_index"
    cached = doc.user_data.get(key)
    if cached is None:
        entities = list(doc.ents)
        places = {ent.text for ent in entities if ent.label_ in PLACE_LABELS}
        cached = (entities, places, {token.i for ent in entities for token in ent})
        doc.user_data[key] = cached
    return cached  # type: ignore[no-any-return]


def context_country(
    phrase: Any, sentence: Span, article: Article, gazetteer: Gazetteer
) -> str | None:
    """The country the sentence is most likely about, to tell homonyms apart: another
    country named in the sentence, else the actors' most frequent country in the article."""
    for ent in entities_between(phrase.doc, sentence[0], sentence[1]):
        if ent.label_ == "GPE" and ent.start_char != phrase.start_char:
            place = gazetteer.lookup(ent.text)
            if place is not None and place.kind == "country":
                return place.country
    counts = Counter(
        country
        for country, starts in _countries_of(phrase.doc, article)
        if phrase.start_char not in starts  # not itself
    )
    return counts.most_common(1)[0][0] if counts else None


def _countries_of(doc: Any, article: Article) -> list[tuple[str, frozenset[int]]]:
    # The coded actors' countries with their mentions' starts, made once per article.
    key = "newsgraph.places.countries"
    cached = doc.user_data.get(key)
    if cached is None or cached[0] is not article.entities:
        countries = [
            (entity.country, frozenset(start for start, _ in entity.mentions))
            for entity in article.entities
            if entity.country and entity.country != "IGO"
        ]
        cached = (article.entities, countries)
        doc.user_data[key] = cached
    return cached[1]  # type: ignore[no-any-return]


__all__ = [
    "BROAD_KINDS",
    "PLACE_LABELS",
    "context_country",
    "entities_between",
    "entity_index",
    "geocode_phrase",
    "phrase_country",
    "to_location",
]
