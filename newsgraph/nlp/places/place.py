"""The gazetteer's record of a place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)  # tens of thousands are kept: no per-object dict
class Place:
    """A named place with a point: `country` is ISO 3166-1 alpha-3 (None for continents and
    seas); `kind` is "country", "city", "region", "continent", "sea" ...; `geonameid` is the
    GeoNames id when the place comes from (or matches) GeoNames; `admin1` the GeoNames
    first-level division code (US state "IL") where known."""

    name: str
    country: str | None
    lat: float
    lon: float
    geonameid: int | None
    kind: str
    population: int
    admin1: str | None = None
