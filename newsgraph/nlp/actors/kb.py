"""The actor knowledge base: countries, coded organizations, role words and dated leaders.

The data lives in tab-separated files under ``newsgraph/data/kb/`` (see the README there).
Users may add files of the same formats; a file's kind is told by its header columns, and a
user row with the same id (country code, sector word) as a packaged one replaces it, so a
user file can record that an office changed hands after the packaged data was written.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsgraph.errors import ConfigError
from newsgraph.tsv import parse_table

PACKAGED_FILES = ("countries.tsv", "organizations.tsv", "sectors.tsv", "leaders.tsv")
# Converted from Phoenix's dictionaries (MIT; `make dictionaries`, phoenix.py): a second
# layer consulted only for names and words our own files do not know, read on first use.
PHOENIX_FILES = ("phoenix_organizations.tsv", "phoenix_people.tsv", "phoenix_agents.tsv")


@dataclass(frozen=True)
class Country:
    code: str  # alpha-3
    iso2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    capital_aliases: tuple[str, ...]
    government_metonyms: tuple[str, ...]


@dataclass(frozen=True)
class KnownActor:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # "person", "igo", "armed_group", "institution", "party", ...
    country: str | None  # alpha-3, "IGO", or None
    sector: str | None
    code: str  # the full actor code, e.g. "KAZGOV", "IGOUNO", "CHNMIL"
    role: str | None = None  # persons: "president", ...
    start: date | None = None
    end: date | None = None
    members: tuple[str, ...] = ()
    # The country of a person Phoenix lists only in an international office, as its note
    # names it ("president of the CoEU from UNITED_KINGDOM"): theirs outside that term.
    home: str | None = None

    def in_office(self, on: date) -> bool:
        """Whether a dated entry holds its role on `on`. A term covers start <= on < end:
        the end date is the day the office passed on, so hand-over days have one holder."""
        if self.start is not None and on < self.start:
            return False
        return self.end is None or on < self.end


# ---------------------------------------------------------------- normalization

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "′": "'"})
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad]")
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+")
_TRAILING_POSSESSIVE = re.compile(r"'s$")
# Letters that NFKD does not decompose but news spells with plain ASCII.
_FOLD = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l"})


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """The lookup key of a name: casefolded, without diacritics, one kind of apostrophe and
    hyphen, single spaces, and without a leading "the " or a trailing "'s". Cached: the
    resolver asks for the same few thousand words again and again."""
    plain = text.translate(_QUOTES)
    if not plain.isascii():  # plain ASCII has nothing to decompose: most names, and fast
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    key = _SPACES.sub(" ", _DASHES.sub("-", plain.casefold().translate(_FOLD))).strip()
    key = _LEADING_THE.sub("", key)
    return _TRAILING_POSSESSIVE.sub("", key).strip()


def _variants(key: str) -> Iterator[str]:
    """Spellings news uses interchangeably: "U.S." / "US", "Kassym-Jomart" / "Kassym Jomart"."""
    yield key
    for variant in (key.replace(".", ""), key.replace("-", " ")):
        variant = _SPACES.sub(" ", variant).strip()
        if variant and variant != key:
            yield variant


def name_keys(names: Iterable[str]) -> list[str]:
    """Every lookup key of a set of names, sorted: what an index stores for an entry."""
    return sorted({v for name in names if name for v in _variants(normalize_name(name))})


@lru_cache(maxsize=65536)
def _lookup_keys(text: str) -> tuple[str, ...]:
    """The keys `text` is looked up by, cached: the same words are asked for again and
    again (every token of every article is tried as a country or demonym)."""
    return tuple(_variants(normalize_name(text)))


_VOWELS = re.compile(r"[aeiouy]")
_DOUBLE = re.compile(r"(.)\1+")
_NAME_PARTICLE = re.compile(r"^(?:al|el|ad|as|an|ash|at|az|ar)-")


def sound_key(surname: str) -> str:
    """A surname's transliteration-blind key: "morsi", "morsy", "mursi" → "mrs"; particles
    ("al-") and doubled letters aside, the consonants in order after the first letter."""
    key = _NAME_PARTICLE.sub("", normalize_name(surname))
    key = key.replace("ph", "f").replace("kh", "k").replace("q", "k").replace("ou", "u")
    key = _DOUBLE.sub(r"\1", re.sub(r"[^a-z]", "", key))
    return key[:1] + _VOWELS.sub("", key[1:]) if key else ""


def given_name(parts: list[str]) -> str:
    """The first given name that is not an initial: "j. christopher stevens" → christopher."""
    given = [p for p in parts[:-1] if len(p.strip(".")) > 1]
    return given[0] if given else parts[0]


# First names this similar are one name spelled two ways; "kassym-jomart" vs
# "kassym-shomart" scores 0.93, "hillary" vs "bill" 0.55.
FIRST_NAME_SIMILARITY = 0.8
# Surnames this similar may be one name transliterated: "morsi"/"morsy" 0.8, "morsi"/"morris" 0.73.
SURNAME_SIMILARITY = 0.75


def similar_given_names(a: str, b: str) -> bool:
    """One given name spelled two ways, or a short form of the other ("chris"/"christopher",
    "bob"/"robert" from given_names.tsv)."""
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short):
        return True
    if full_given_names(a) & full_given_names(b):
        return True
    return SequenceMatcher(None, a, b).ratio() >= FIRST_NAME_SIMILARITY


@lru_cache(maxsize=1)
def _short_forms() -> dict[str, frozenset[str]]:
    """Short given name → the full names it stands for ("harry" → henry, harold)."""
    text = resources.files("newsgraph").joinpath("data", "kb", "given_names.tsv")
    _, rows = parse_table(text.read_text(encoding="utf-8"), "newsgraph/data/kb/given_names.tsv")
    fulls: dict[str, set[str]] = defaultdict(set)
    for _, row in rows:
        full = row["name"].lower()
        fulls[full].add(full)
        for short in (row.get("short_forms") or "").split("|"):
            if short.strip():
                fulls[short.strip().lower()].add(full)
    return {name: frozenset(names) for name, names in fulls.items()}


def full_given_names(name: str) -> frozenset[str]:
    """The full given names `name` is or stands for; empty for a name the table lacks."""
    return _short_forms().get(name.strip(".").lower(), frozenset())


# Generation suffixes after a surname. "Jr."/"Sr." tell a son from his father (Donald Trump
# Jr.); a numeral is mostly left out in news ("Robert S. Mueller III" is "Robert Mueller").
_FAMILY_SUFFIXES = frozenset({"jr", "sr"})
_NUMERAL_SUFFIXES = frozenset({"ii", "iii", "iv"})


def name_core(parts: list[str]) -> list[str]:
    """Normalized name tokens without the trailing generation suffix and its comma:
    "donald j. trump, jr." → donald j. trump."""
    core = list(parts)
    while len(core) > 1 and core[-1].strip(".,") in _FAMILY_SUFFIXES | _NUMERAL_SUFFIXES:
        core.pop()
    if core:
        core[-1] = core[-1].rstrip(",")
    return core


def family_suffix(parts: list[str]) -> str:
    """ "jr" or "sr" when the name ends so, else "" (a numeral is not kept)."""
    return next((p.strip(".,") for p in parts[-2:] if p.strip(".,") in _FAMILY_SUFFIXES), "")


def same_person_name(a: list[str], b: list[str]) -> bool:
    """Two full names (normalized tokens) of one person, spelling and initials aside."""
    if family_suffix(a) != family_suffix(b):
        return False
    a, b = name_core(a), name_core(b)
    if len(a) < 2 or len(b) < 2 or sound_key(a[-1]) != sound_key(b[-1]):
        return False
    if SequenceMatcher(None, a[-1], b[-1]).ratio() < SURNAME_SIMILARITY:
        return False
    return similar_given_names(given_name(a), given_name(b))


# ---------------------------------------------------------------- file reading

_Row = dict[str, str]
_CountryNames = Callable[[Country], Iterable[str]]


@dataclass(frozen=True)
class _Table:
    source: str
    columns: tuple[str, ...]
    rows: tuple[tuple[int, _Row], ...]  # (line number, cells by column)


def _parse_table(text: str, source: str) -> _Table:
    columns, rows = parse_table(text, source)
    return _Table(source, columns, tuple(rows))


def _table_kind(table: _Table) -> str:
    """Which of the four formats a table is, from its header columns."""
    cols = set(table.columns)
    if {"code", "iso2", "name"} <= cols:
        return "countries"
    if {"word", "sector"} <= cols:
        return "sectors"
    if {"id", "name", "role", "start"} <= cols:
        return "leaders"
    if {"id", "name", "kind", "code"} <= cols:
        return "organizations"
    raise ConfigError(f"{table.source}: unknown knowledge-base format {table.columns}")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _date(cell: str, where: str) -> date | None:
    if not cell:
        return None
    try:
        return date.fromisoformat(cell)
    except ValueError:
        raise ConfigError(f"{where}: bad date {cell!r}, expected YYYY-MM-DD") from None


def _required(row: _Row, column: str, where: str) -> str:
    value = row.get(column, "")
    if not value:
        raise ConfigError(f"{where}: column {column!r} is empty")
    return value


def _country_row(row: _Row, where: str) -> Country:
    code = _required(row, "code", where).upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ConfigError(f"{where}: country code {code!r} is not three letters")
    return Country(
        code=code,
        iso2=row.get("iso2", "").upper(),
        name=_required(row, "name", where),
        aliases=_split(row.get("aliases", "")),
        demonyms=_split(row.get("demonyms", "")),
        capital=row.get("capital") or None,
        capital_aliases=_split(row.get("capital_aliases", "")),
        government_metonyms=_split(row.get("government_metonyms", "")),
    )


def _organization_row(row: _Row, where: str) -> KnownActor:
    return KnownActor(
        id=_required(row, "id", where),
        name=_required(row, "name", where),
        aliases=_split(row.get("aliases", "")),
        kind=_required(row, "kind", where),
        country=row.get("country") or None,
        sector=row.get("sector") or None,
        code=_required(row, "code", where),
        members=tuple(code.upper() for code in _split(row.get("members", "").replace(" ", "|"))),
    )


def _leader_row(row: _Row, where: str) -> KnownActor:
    country = _required(row, "country", where).upper()
    sector = row.get("sector") or ("IGO" if country == "IGO" else "GOV")
    start, end = _date(row.get("start", ""), where), _date(row.get("end", ""), where)
    if start and end and end < start:
        raise ConfigError(f"{where}: end {end} is before start {start}")
    return KnownActor(
        id=_required(row, "id", where),
        name=_required(row, "name", where),
        aliases=_split(row.get("aliases", "")),
        kind="person",
        country=country,
        sector=sector,
        code=row.get("code") or country + sector,
        role=_required(row, "role", where).lower(),
        start=start,
        end=end,
        home=_home_country(row.get("note", "")) if country == "IGO" else None,
    )


_HOME = re.compile(r"\bfrom ([A-Z][A-Z_]+)#")


def _home_country(note: str) -> str | None:
    """ "president of the CoEU from UNITED_KINGDOM# IGOrulers.txt" → "United Kingdom"."""
    match = _HOME.search(note)
    return match.group(1).replace("_", " ").title() if match else None


# ---------------------------------------------------------------- the knowledge base

# Role names asked for and the role names the data uses.
_ROLE_SYNONYMS = {
    "premier": "prime minister",
    "pm": "prime minister",
    "secretary of state": "foreign minister",
    "foreign secretary": "foreign minister",
    "minister of foreign affairs": "foreign minister",
    "secretary general": "secretary-general",
    "un secretary-general": "secretary-general",
    "un secretary general": "secretary-general",
    "nato secretary general": "nato secretary-general",
}
_ROLE_GROUPS = {
    "head of state": frozenset(
        {"president", "king", "queen", "emperor", "supreme leader", "head of state", "emir"}
    ),
    "monarch": frozenset({"king", "queen", "emperor", "emir", "sultan"}),
    "head of government": frozenset({"prime minister", "chancellor", "chief executive"}),
}
# Name particles that are not surnames on their own ("al-Assad" is found as "Assad").
_PARTICLE = re.compile(r"^(?:al|el|ad|as|an|ash|at|az|ar)-")
# East Asian names put the family name first ("Xi Jinping", "Kim Jong-un").
_FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "VNM", "HKG", "MAC"})


_REGNAL_TITLES = frozenset({"pope", "king", "queen", "emperor", "empress"})
_ROMAN_NUMERALS = frozenset({"i", "ii", "iii", "iv", "v", "vi", "xiv", "xvi"})


def _surname_keys(actor: KnownActor) -> set[str]:
    keys: set[str] = set()
    for name in (actor.name, *actor.aliases):
        tokens = normalize_name(name).split()
        if len(tokens) < 2 or tokens[0] in _REGNAL_TITLES or tokens[-1] in _ROMAN_NUMERALS:
            continue  # "Pope Francis", "Benedict XVI": a regnal name has no surname
        last = tokens[-1]
        keys.update({last, _PARTICLE.sub("", last)})
        hyphenated_given = "-" in last and not _PARTICLE.match(last) and len(tokens) == 2
        if actor.country in _FAMILY_NAME_FIRST or hyphenated_given:
            keys.add(tokens[0])
    return keys


class KnowledgeBase:
    """Lookups over the loaded tables. Build it with `load_kb`."""

    def __init__(
        self,
        countries: dict[str, Country],
        actors: Iterable[KnownActor],
        sectors: dict[str, tuple[str, bool]],
    ) -> None:
        self.countries: dict[str, Country] = countries
        self.second: SecondLayer | None = None
        self.known_actors: tuple[KnownActor, ...] = tuple(actors)
        self._sectors = sectors
        # Lower-case keys only: an abbreviation kept under its capitals ("AG") is asked by
        # is_title and sector_for, not looked up as a word of a phrase.
        self.role_words: frozenset[str] = frozenset(w for w in sectors if w == w.lower())
        self._titles: dict[str, bool] = {}  # is_title's answers: asked of every capital
        # Keys claimed by two countries; the first claim wins and tests keep this empty.
        self.conflicts: list[str] = []
        # Codes are matched apart, in capitals only: "Sen." is not Senegal, "Col." not Colombia.
        self._by_name = self._country_index(lambda c: (c.name, *c.aliases), "name")
        self._by_demonym = self._country_index(lambda c: c.demonyms, "demonym")
        self._by_capital = self._country_index(
            lambda c: (*([c.capital] if c.capital else []), *c.capital_aliases), "capital"
        )
        self._by_metonym = self._country_index(lambda c: c.government_metonyms, "metonym")
        self._actor_index: dict[str, list[KnownActor]] = defaultdict(list)
        self._surname_index: dict[str, list[KnownActor]] = defaultdict(list)
        self._sound_index: dict[str, list[KnownActor]] = defaultdict(list)
        for actor in self.known_actors:
            self._index_actor(actor)

    def _country_index(self, names: _CountryNames, what: str) -> dict[str, Country]:
        index: dict[str, Country] = {}
        for country in self.countries.values():
            for name in names(country):
                for key in _variants(normalize_name(name)):
                    claimed = index.setdefault(key, country)
                    if claimed.code != country.code and key == normalize_name(name):
                        self.conflicts.append(f"{what} {name!r}: {claimed.code} and {country.code}")
        return index

    def _index_actor(self, actor: KnownActor) -> None:
        keys = {v for name in (actor.name, *actor.aliases) for v in _variants(normalize_name(name))}
        for key in keys:
            self._actor_index[key].append(actor)
        if actor.kind == "person":
            for key in _surname_keys(actor):
                self._surname_index[key].append(actor)
            tokens = normalize_name(actor.name).split()
            if len(tokens) > 1:
                self._sound_index[sound_key(tokens[-1])].append(actor)

    # -- countries

    @staticmethod
    def _find(index: dict[str, Country], text: str) -> Country | None:
        for key in _lookup_keys(text):
            if key in index:
                return index[key]
        return None

    def country(self, text: str) -> Country | None:
        """A country by code, name or alias: "USA", "the US", "Britain", "Côte d'Ivoire"."""
        code = text.strip()
        if len(code) == 3 and code.isupper() and code in self.countries:
            return self.countries[code]
        return self._find(self._by_name, text)

    def country_by_demonym(self, text: str) -> Country | None:
        """A country by adjective or people noun: "Kazakh", "Kazakhstani", "Britons"."""
        return self._find(self._by_demonym, text)

    def country_by_capital(self, text: str) -> Country | None:
        """A country by its capital, old names included: "Beijing", "Nur-Sultan", "Kiev"."""
        return self._find(self._by_capital, text)

    def country_by_metonym(self, text: str) -> Country | None:
        """A country by an institution that stands for its government: "the Kremlin"."""
        return self._find(self._by_metonym, text)

    # -- organizations and people

    def actors(self, text: str, on: date | None = None) -> list[KnownActor]:
        """Organizations and people whose name or alias is `text`. With `on`, a person is
        kept only in a role held that day; undated entries are always kept."""
        found: list[KnownActor] = []
        for key in _lookup_keys(text):
            for actor in self._actor_index.get(key, ()):
                if actor not in found and (on is None or actor.in_office(on)):
                    found.append(actor)
        if (
            found
            or self.second is None
            or any(key in self._actor_index for key in _lookup_keys(text))
        ):
            return found  # ours win: a name we know is never looked up in the second layer
        return self.second.actors(text, on)

    def person_variants(self, name: str) -> list[KnownActor]:
        """Known people (every term) whose name is `name` spelled another way: "Mohamed
        Morsy" for Mohamed Morsi, "Susan E. Rice" for Susan Rice."""
        tokens = normalize_name(name).split()
        if len(tokens) < 2:
            return []
        ours = [
            actor
            for actor in self._sound_index.get(sound_key(tokens[-1]), ())
            if same_person_name(tokens, normalize_name(actor.name).split())
        ]
        if ours or self.second is None:
            return ours
        # Phoenix's people by exact name only; without middle initials ("Susan E. Rice").
        plain = [w for w in name.split() if len(w.strip(".")) > 1]
        if len(plain) < 2 or len(plain) == len(name.split()):
            return []
        return [a for a in self.second.actors(" ".join(plain)) if a.kind == "person"]

    def people_by_surname(self, surname: str, on: date | None = None) -> list[KnownActor]:
        """People (one entry per role term) whose family name is `surname`."""
        found: list[KnownActor] = []
        for key in _variants(_PARTICLE.sub("", normalize_name(surname))):
            for actor in self._surname_index.get(key, ()):
                if actor not in found and (on is None or actor.in_office(on)):
                    found.append(actor)
        return found

    def office_holder(self, country: str, role: str, on: date | None) -> KnownActor | None:
        """Who held `role` in `country` on `on` (today's holder when `on` is None)."""
        wanted = normalize_name(role)
        wanted = _ROLE_SYNONYMS.get(wanted, wanted)
        roles = _ROLE_GROUPS.get(wanted, frozenset({wanted}))
        code = country.upper()
        if wanted == "head of government" and not self._has_role(code, roles):
            # Presidential systems (USA, Brazil, Iran ...): the head of state heads the government.
            roles = _ROLE_GROUPS["head of state"]
        holders = [
            actor
            for actor in self._people(code)
            if actor.role in roles and (actor.end is None if on is None else actor.in_office(on))
        ]
        # An acting holder and the formal one can overlap; the later appointment is current.
        return max(holders, key=lambda a: a.start or date.min, default=None)

    def _people(self, country: str) -> Iterator[KnownActor]:
        return (a for a in self.known_actors if a.kind == "person" and a.country == country)

    def _has_role(self, country: str, roles: frozenset[str]) -> bool:
        return any(actor.role in roles for actor in self._people(country))

    # -- role words

    @staticmethod
    def _word_keys(word: str) -> Iterator[str]:
        key = normalize_name(word)
        yield key
        if key.endswith("s"):
            yield key[:-1]

    @staticmethod
    def _acronym_key(word: str) -> str | None:
        """ "AG", "DA": the key of a title abbreviation (sectors.tsv's kind ``acronym``, kept
        under its capitals) for a word written in capitals; None for any other word, so that
        "pm" (the hour) and "da" (as in "Lula da Silva") are no titles."""
        bare = word.strip().rstrip(".")
        return bare if bare.isalpha() and bare.isupper() else None

    def sector_for(self, word: str) -> str | None:
        """The CAMEO sector of a role or title word: "president" -> "GOV", "troops" -> "MIL"."""
        acronym = self._acronym_key(word)
        if acronym is not None and acronym in self._sectors:
            return self._sectors[acronym][0]
        for key in self._word_keys(word):
            if key in self._sectors:
                return self._sectors[key][0]
        return None if self.second is None else self.second.sector_for(word)

    def is_title(self, word: str) -> bool:
        """Whether `word` is a title that precedes a name ("President", "Gen.")."""
        known = self._titles.get(word)
        if known is None:
            keys = [*self._word_keys(word), self._acronym_key(word) or ""]
            known = self._titles[word] = any(self._sectors.get(k, ("", False))[1] for k in keys)
        return known


# ---------------------------------------------------------------- loading


def _packaged_tables() -> Iterator[_Table]:
    folder = resources.files("newsgraph").joinpath("data", "kb")
    for name in PACKAGED_FILES:
        text = folder.joinpath(name).read_text(encoding="utf-8")
        yield _parse_table(text, f"newsgraph/data/kb/{name}")


def _user_table(path: str) -> _Table:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read knowledge-base file {path}: {error}") from error
    return _parse_table(text, path)


class _Builder:
    """Collects tables in order; a later table's entry replaces an earlier one with its id."""

    def __init__(self) -> None:
        self.countries: dict[str, Country] = {}
        self.actors: dict[str, list[KnownActor]] = {}
        self.sectors: dict[str, tuple[str, bool]] = {}

    def add(self, table: _Table) -> None:
        kind = _table_kind(table)
        replaced: dict[str, list[KnownActor]] = defaultdict(list)
        for number, row in table.rows:
            where = f"{table.source}:{number}"
            if kind == "countries":
                country = _country_row(row, where)
                self.countries[country.code] = country
            elif kind == "sectors":
                self._add_sector(row, where)
            else:
                actor = (_leader_row if kind == "leaders" else _organization_row)(row, where)
                replaced[actor.id].append(actor)
        # All rows of one id in this table together replace that id's earlier rows.
        self.actors.update(replaced)

    def _add_sector(self, row: _Row, where: str) -> None:
        word = normalize_name(_required(row, "word", where))
        sector = _required(row, "sector", where).upper()
        kind = row.get("kind", "role").lower()
        if kind not in ("title", "role", "acronym"):
            raise ConfigError(f"{where}: kind {kind!r} is not 'title', 'role' or 'acronym'")
        if kind == "acronym":
            # A title only written in capitals ("AG Barr"): kept under its capitals, which
            # no lower-cased lookup key matches.
            self.sectors[word.upper().rstrip(".")] = (sector, True)
            return
        self.sectors[word] = (sector, kind == "title")

    def build(self) -> KnowledgeBase:
        actors = (actor for group in self.actors.values() for actor in group)
        return KnowledgeBase(self.countries, actors, self.sectors)


# A one-word name from the second layer is trusted only written in capitals, as an acronym
# ("PLA", "GCHQ"): Phoenix lists surnames and words ("HOPE", "PROGRESS") that, in mixed case,
# are ordinary words or a surname our own people and the article's names already cover.
_ACRONYM = re.compile(r"[A-Z][A-Z.&-]*[A-Z]\.?")


SECOND_LAYER_ID = "phx:"


def is_second_layer(actor: KnownActor) -> bool:
    """Whether an entry comes from the converted Phoenix files (their ids start "phx:")."""
    return actor.id.startswith(SECOND_LAYER_ID)


class SecondLayer:
    """Phoenix's people, organizations and agents (converted files), loaded on first use.

    Loading indexes only the name keys of each id; a row becomes a KnownActor when a lookup
    hits it, so the ~33,000 rows cost a fraction of a second once, and nothing before the
    first name our own files do not know. Lookups are by exact name key only: no surname or
    transliteration index (those stay with our own people, where a lone surname is safe).
    A person's dated codes follow PETRARCH: the code whose dates cover the article's day,
    else the undated one."""

    def __init__(
        self,
        files: tuple[str, ...] = PHOENIX_FILES,
        ours: dict[str, list[KnownActor]] | None = None,
    ) -> None:
        self.files = files
        # Our own index: a Phoenix entry that shares a name with one of ours is that actor
        # ("United States Congress" is our U.S. Congress), so one actor keeps one id.
        self._ours: dict[str, list[KnownActor]] = ours or {}
        self._index: dict[str, list[str]] | None = None  # name key -> ids
        self._rows: dict[str, list[tuple[str, tuple[str, ...], str]]] = defaultdict(list)
        self._built: dict[str, tuple[KnownActor, ...]] = {}
        self._sectors: dict[str, str] = {}

    def _load(self) -> dict[str, list[str]]:
        if self._index is not None:
            return self._index
        index: dict[str, list[str]] = defaultdict(list)
        folder = resources.files("newsgraph").joinpath("data", "kb")
        for name in self.files:
            lines = folder.joinpath(name).read_text(encoding="utf-8").splitlines()
            rows = [line for line in lines if line and not line.startswith("#")]
            columns = tuple(cell.lower() for cell in rows[0].split("\t"))
            if columns[:2] == ("word", "sector"):
                for line in rows[1:]:
                    word, sector, *_ = line.split("\t")
                    self._sectors.setdefault(normalize_name(word), sector)
                continue
            for line in rows[1:]:
                ident, names, aliases, _ = line.split("\t", 3)
                if ident not in self._rows:
                    for key in {
                        v
                        for n in (names, *aliases.split("|"))
                        if n
                        for v in _variants(normalize_name(n))
                    }:
                        index[key].append(ident)
                self._rows[ident].append((name, columns, line))
        self._index = index
        return index

    def _actors_of(self, ident: str) -> tuple[KnownActor, ...]:
        if ident not in self._built:
            built: list[KnownActor] = []
            for name, columns, line in self._rows[ident]:
                row = dict(zip(columns, (c.strip() for c in line.split("\t")), strict=False))
                read = _leader_row if "role" in columns else _organization_row
                built.append(read(row, f"newsgraph/data/kb/{name}"))
            self._built[ident] = self._ours_for(built) or tuple(built)
        return self._built[ident]

    def _ours_for(self, built: list[KnownActor]) -> tuple[KnownActor, ...]:
        """Our entries (all rows of one id) that a Phoenix entry names, person for person
        and organization for organization; empty when none or several do."""
        person = built[0].kind == "person"
        # People by their own names only, ours and Phoenix's: an alias may be a relative's
        # ("George Bush" is listed for both Presidents Bush).
        names = (built[0].name,) if person else (built[0].name, *built[0].aliases)
        ours = {
            a.id: a
            for key in name_keys(names)
            for a in self._ours.get(key, ())
            if (a.kind == "person") == person
            # and a person's name is our person's own name, not one of our aliases
            and (not person or key in name_keys((a.name,)))
        }
        if len({a.id for a in ours.values()}) != 1:
            return ()
        ident = next(iter(ours))
        return tuple(
            a for key in name_keys(names) for a in self._ours.get(key, ()) if a.id == ident
        )

    def actors(self, text: str, on: date | None = None) -> list[KnownActor]:
        words = text.split()
        if (
            not words
            or not text[:1].isupper()
            or (len(words) == 1 and not _ACRONYM.fullmatch(text))
        ):
            return []
        index = self._load()
        idents = dict.fromkeys(i for key in _lookup_keys(text) for i in index.get(key, ()))
        found = [actor for ident in idents for actor in self._actors_of(ident)]
        return found if on is None else _on_day(found, on)

    def sector_for(self, word: str) -> str | None:
        """A phrase's sector from Phoenix's agents, for phrases of two words or more only:
        its single words carry senses news rarely means ("founder" as business, "deputy"
        as police) where ours already list the common ones."""
        if " " not in word.strip():
            return None
        self._load()
        for key in KnowledgeBase._word_keys(word):
            if key in self._sectors:
                return self._sectors[key]
        return None


def _on_day(found: list[KnownActor], on: date) -> list[KnownActor]:
    """Per person, the dated codes that cover `on`, else the undated one; organizations as
    they are."""
    kept: list[KnownActor] = []
    for ident in dict.fromkeys(a.id for a in found):
        rows = [a for a in found if a.id == ident]
        dated = [a for a in rows if (a.start or a.end) and a.in_office(on)]
        kept.extend(dated or [a for a in rows if not (a.start or a.end)])
    return kept


def load_kb(extra_files: tuple[str, ...] = ()) -> KnowledgeBase:
    """The packaged knowledge base, then `extra_files` (same formats) on top. Cached per
    argument: treat the result as read-only."""
    # A list from a config file must hit the same cache entry as the equal tuple.
    return _load_kb(tuple(str(path) for path in extra_files))


@lru_cache(maxsize=8)
def _load_kb(extra_files: tuple[str, ...]) -> KnowledgeBase:
    builder = _Builder()
    for table in _packaged_tables():
        builder.add(table)
    for path in extra_files:
        builder.add(_user_table(path))
    kb = builder.build()
    kb.second = SecondLayer(ours=kb._actor_index)
    return kb
