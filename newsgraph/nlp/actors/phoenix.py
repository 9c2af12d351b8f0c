"""Convert Phoenix's actor and agent dictionaries (PETRARCH2, MIT) into knowledge-base files.

    python -m newsgraph.nlp.actors.phoenix DICTIONARY_DIR CAMEO_DIR OUT_DIR

(`make dictionaries` runs it on ../shared and writes newsgraph/data/kb/phoenix_*.tsv and
cameo_groups.tsv.) The files are a second layer under our own: `load_kb` consults them only
for a name our files do not know, and lazily (see kb.py), so they cost nothing until needed.

The actor dictionaries (TABARI format) list a root name (``HAMID_KARZAI_``), synonyms on
``+`` lines, and codes either on the root's line or on indented lines, with optional dates:
``[AFGGOV >011222]`` (from), ``[AFGELI <011222]`` (until), ``[AFGGOV 920628-960927]``; an
undated code is the entry's code when no dated one covers the day. Roots without a code
gather with the following names until a code arrives, as PETRARCH reads them. YYMMDD years
00-30 are 20YY, others 19YY (as KEDS, TABARI and PETRARCH read them).

What is converted, and how:

* a person (a dated code, or a name shaped like a person's) → leaders format, one row per
  code, with its dates; ``role`` is ``listed`` (no office_holder role: our leaders.tsv says
  who holds which office);
* an organization, institution or armed group → organizations format;
* entries coded with a bare country (``KABUL_ [AFG]``: cities, country spellings) are left
  out: countries.tsv and the gazetteer cover places, and misspellings add only noise;
* the agents (sector words, ``FARMER [~AGR]``, ``!MINIST!`` macros expanded) → sectors
  format, the first CAMEO sector of the code (``~GOVMED`` → GOV);
* CAMEO's ethnic and religious group codes → organizations format, kind ``ethnic`` or
  ``religion``, the code in lower case for ethnic groups as CAMEO writes it.
"""

from __future__ import annotations

import argparse
import re
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsgraph.nlp.actors.kb import name_keys

ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENT_FILE = "Phoenix.agents.txt"
# CAMEO.type.txt's sectors: the only codes a sector cell may hold.
SECTORS = frozenset(
    [
        "COP",
        "GOV",
        "INS",
        "JUD",
        "MIL",
        "OPP",
        "REB",
        "SEP",
        "SPY",
        "UAF",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "DEV",
        "EDU",
        "ELI",
        "ENV",
        "HLH",
        "HRI",
        "LAB",
        "LEG",
        "MED",
        "REF",
        "MOD",
        "RAD",
        "UIS",
        "SET",
    ]
)
# Codes that open a non-state international actor: no country.
_NON_STATE = frozenset({"NGO", "IMG", "INT", "MNC", "NGM", "UIS", "KKL"})
_ARMED = frozenset({"REB", "INS", "UAF", "SEP", "IMG"})
# Words that make a name an organization, not a person.
_ORG_WORDS = frozenset(
    [
        "ministry",
        "ministries",
        "jabhat",
        "harakat",
        "jaish",
        "jamaat",
        "hizb",
        "ansar",
        "kataib",
        "liwa",
        "tehrik",
        "lashkar",
        "think",
        "tank",
        "institution",
        "endowment",
        "studies",
        "military",
        "armed",
        "troops",
        "defense",
        "defence",
        "intelligence",
        "security",
        "marines",
        "air",
        "airforce",
        "states",
        "kingdom",
        "republic",
        "party",
        "front",
        "army",
        "force",
        "forces",
        "council",
        "committee",
        "union",
        "association",
        "organization",
        "organisation",
        "agency",
        "bank",
        "company",
        "corporation",
        "group",
        "movement",
        "brigade",
        "brigades",
        "commission",
        "court",
        "office",
        "department",
        "league",
        "government",
        "police",
        "guard",
        "guards",
        "navy",
        "institute",
        "university",
        "college",
        "school",
        "authority",
        "assembly",
        "parliament",
        "congress",
        "senate",
        "federation",
        "fund",
        "center",
        "centre",
        "service",
        "services",
        "network",
        "alliance",
        "society",
        "foundation",
        "tribunal",
        "mission",
        "program",
        "programme",
        "corps",
        "militia",
        "militias",
        "battalion",
        "division",
        "command",
        "cabinet",
        "bureau",
        "board",
        "administration",
        "embassy",
        "consulate",
        "project",
        "initiative",
        "conference",
        "secretariat",
        "organisation",
        "international",
        "national",
        "islamic",
        "liberation",
        "revolutionary",
        "people",
        "peoples",
        "unit",
        "units",
        "cell",
        "cells",
        "bloc",
        "coalition",
        "brotherhood",
        "faction",
        "tigers",
        "palace",
        "yard",
        "house",
        "street",
        "headquarters",
        "ministers",
        "chamber",
        "parliamentary",
        "legislature",
        "station",
        "media",
        "news",
        "radio",
        "television",
        "tv",
        "times",
        "post",
        "press",
        "daily",
        "journal",
    ]
)
# Agents kept are words for people: the last word ends like a person noun ("farmer",
# "activist", "spokesman", "militant", "employee"). Phoenix also lists things ("website",
# "tanker", "prison", "airline") and senses news rarely means ("deputy" as police), which
# would make "Danish web sites" or "the deputy" an actor of that sector.
_PERSON_NOUN = re.compile(r"(?:er|or|ist|man|men|woman|women|ian|ant|ent|ee|eer|ier|person|ary)$")
_THING_NOUNS = frozenset(
    [
        "tanker",
        "freighter",
        "oiler",
        "destroyer",
        "cruiser",
        "airliner",
        "carrier",
        "helicopter",
        "computer",
        "trawler",
        "steamer",
        "liner",
        "minesweeper",
        "container",
        "transporter",
        "server",
        "jumbojet",
        "containership",
        "carmaker",
        "automaker",
        "steelmaker",
        "manufacturer",
        "producer",
        "exporter",
        "importer",
        "supplier",
        "dealer",
        "paper",
        "newspaper",
        "broadcaster",
        "cabinetmaker",
        "monger",
    ]
)
_CODE = re.compile(r"\[([^\]]*)\]")
_COUNTRY_CODE = re.compile(r"[A-Z]{3}")
_ACTOR_CODE = re.compile(r"[A-Z]{3}[A-Z0-9]*")


@dataclass
class Entry:
    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, date | None, date | None]] = field(default_factory=list)
    note: str = ""
    source: str = ""


def phoenix_date(text: str) -> date | None:
    """YYMMDD (00-30 → 20YY) or YYYYMMDD; None for a date that is not one."""
    digits = text.strip()
    try:
        if len(digits) == 6:
            year = int(digits[:2])
            year += 2000 if year <= 30 else 1900
            return date(year, int(digits[2:4]), int(digits[4:6]))
        if len(digits) == 8:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
    return None


def parse_code(cell: str) -> tuple[str, date | None, date | None] | None:
    """``AFGGOV 920628-960927`` → (code, start, end); None for ``---`` or a bad date."""
    parts = cell.split()
    if not parts or not _ACTOR_CODE.fullmatch(parts[0]):
        return None
    code, start, end = parts[0], None, None
    if len(parts) > 1:
        when = parts[1]
        if when.startswith(">"):
            start = phoenix_date(when[1:])
        elif when.startswith("<"):
            end = phoenix_date(when[1:])
        elif "-" in when:
            first, _, last = when.partition("-")
            start, end = phoenix_date(first), phoenix_date(last)
            if start is None or end is None or end < start:
                return None
        if start is None and end is None:
            return None  # a date restriction we cannot read: better no code than a wrong one
    return code, start, end


def _name(raw: str) -> str:
    """``HAMID_KARZAI_`` → "HAMID KARZAI"; parenthesised acronyms are dropped."""
    text = re.sub(r"\([^)]*\)", " ", raw.replace("_", " "))
    return re.sub(r"\s+", " ", text).strip(" -")


def parse_actor_file(text: str, source: str) -> Iterator[Entry]:
    """The entries of one TABARI-format actor dictionary."""
    entry = Entry(source=source)
    for raw in text.splitlines():
        body, _, comment = raw.partition("#")
        line = body.strip()
        if not line:
            continue
        codes = [c for c in (parse_code(cell) for cell in _CODE.findall(line)) if c]
        head = _CODE.sub(" ", line).strip()
        if raw[:1] in " \t" and not head:
            entry.codes.extend(codes)
            continue
        if head.startswith("+"):
            entry.names.append(_name(head[1:]))
            entry.codes.extend(codes)
            continue
        if entry.codes:  # a new root after a coded entry starts the next entry
            yield entry
            entry = Entry(source=source)
        entry.names.append(_name(head))
        entry.codes.extend(codes)
        entry.note = entry.note or comment.strip()
    if entry.codes:
        yield entry


def _our_countries() -> frozenset[str]:
    """The alpha-3 codes countries.tsv knows: a code's first three letters are a country
    only if one of these ("BUDREB" is a Buddhist rebel, not a country BUD)."""
    text = (Path(__file__).resolve().parents[2] / "data" / "kb" / "countries.tsv").read_text(
        "utf-8"
    )
    return frozenset(
        line.split("\t", 1)[0] for line in text.splitlines() if re.match(r"[A-Z]{3}\t", line)
    )


COUNTRIES = _our_countries()


def country_of(code: str) -> str:
    prefix = code[:3]
    return prefix if prefix in COUNTRIES or prefix == "IGO" else ""


def sector_of(code: str) -> str:
    rest = code[3:]
    return next((rest[i : i + 3] for i in range(0, len(rest), 3) if rest[i : i + 3] in SECTORS), "")


def is_person(entry: Entry) -> bool:
    """Dated codes, or a name of two to four words; never when the name holds an
    organization word ("United States Military"), nor, undated, with an acronym among its
    names ("DOD": people known by initials, "JFK", have dated codes)."""
    words = [w.lower().strip(".,'") for w in entry.names[0].split()]
    if any(w in _ORG_WORDS for w in words) or any(c.isdigit() for c in entry.names[0]):
        return False
    if any(start or end for _, start, end in entry.codes):
        return True
    if any(" " not in n and len(n) <= 5 and "." not in n for n in entry.names):
        return False
    # Undated, every name must look like a person's: Phoenix files think tanks under
    # "WASHINGTON-BASED THINK TANK" and groups under their leaders' names.
    for name in entry.names[1:]:
        if any(w.lower().strip(".,'") in _ORG_WORDS for w in name.split()):
            return False
    return 2 <= len(words) <= 4 and not entry.source.endswith("MilNonState.actors.txt")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _clean(names: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        if len(name) >= 2 and name.lower() not in seen:
            short = " " not in name and len(name) <= 5  # an acronym: "PLA", "GCHQ"
            seen[name.lower()] = name if short else string.capwords(name.lower())
    return list(seen.values())


def person_rows(entry: Entry, ident: str) -> Iterator[list[str]]:
    names = _clean(entry.names)
    countries = [country_of(c) for c, _, _ in entry.codes if country_of(c)]
    for code, start, end in entry.codes:
        # "[ELI]" alone: the elite sector of the person's own country.
        country = country_of(code) if _COUNTRY_CODE.fullmatch(code[:3]) and len(code) > 3 else ""
        if code in SECTORS:
            country, code = (
                (countries[0] if countries else ""),
                (countries[0] if countries else "") + code,
            )
        if not country:
            continue
        yield [
            ident, names[0], "|".join(names[1:]), country, sector_of(code) or "ELI", code,
            "listed", start.isoformat() if start else "", end.isoformat() if end else "",
            entry.note[:80],
        ]  # fmt: skip


def organization_row(entry: Entry, ident: str) -> list[str] | None:
    names = _clean(entry.names)
    undated = [c for c, start, end in entry.codes if start is None and end is None]
    code = (undated or [entry.codes[0][0]])[0]
    if len(code) == 3:
        return None  # a place, a country's spelling, or a bare "IGO": nothing to code by
    prefix = code[:3]
    if prefix != "IGO" and not sector_of(code) and prefix not in ("NGO", "NGM", "MNC"):
        return None  # a territory ("USAASM", American Samoa): the gazetteer's, not an actor
    kind = (
        "igo"
        if prefix == "IGO"
        else "armed_group"
        if _ARMED & {code[i : i + 3] for i in range(0, len(code), 3)}
        else "institution"
    )
    if prefix in ("NGO", "NGM"):
        kind = "ngo"
    country = "IGO" if prefix == "IGO" else country_of(code)
    return [
        ident,
        names[0],
        "|".join(names[1:]),
        kind,
        country,
        sector_of(code),
        code,
        "",
        entry.note[:80],
    ]


def with_keys(rows: list[list[str]]) -> list[list[str]]:
    """Each id's first row gains its lookup keys (name and aliases as kb.py normalizes
    them), so the knowledge base indexes the file without normalizing every name."""
    seen: set[str] = set()
    out: list[list[str]] = []
    for row in rows:
        first = row[0] not in seen
        seen.add(row[0])
        out.append([*row, "|".join(name_keys((row[1], *row[2].split("|")))) if first else ""])
    return out


def convert_actors(folder: Path) -> tuple[list[list[str]], list[list[str]]]:
    people: list[list[str]] = []
    organizations: list[list[str]] = []
    used: set[str] = set()
    for name in ACTOR_FILES:
        text = (folder / name).read_text(encoding="utf-8", errors="replace")
        for entry in parse_actor_file(text, name):
            names = _clean(entry.names)
            if not names:
                continue
            ident = "phx:" + _slug(names[0])
            while ident in used:
                ident += "+"
            used.add(ident)
            if is_person(entry):
                people.extend(person_rows(entry, ident))
            else:
                row = organization_row(entry, ident)
                if row is not None:
                    organizations.append(row)
    return with_keys(people), with_keys(organizations)


def convert_places(folder: Path) -> list[list[str]]:
    """The names Phoenix lists as one country's places (its regions, provinces, cities and
    rivers: ``+ONTARIO_`` under ``CANADA_ [CAN]``), each with that country; names two
    countries share ("Korea", "Congo") are left out."""
    text = (folder / ACTOR_FILES[0]).read_text(encoding="utf-8", errors="replace")
    found: dict[str, set[str]] = {}
    for entry in parse_actor_file(text, ACTOR_FILES[0]):
        codes = {code for code, _, _ in entry.codes}
        if len(codes) != 1 or next(iter(codes)) not in COUNTRIES:
            continue
        for name in _clean(entry.names):
            found.setdefault(name.lower(), set()).update(codes)
    return [[name, next(iter(codes))] for name, codes in sorted(found.items()) if len(codes) == 1]


def convert_agents(text: str) -> list[list[str]]:
    macros: dict[str, list[str]] = {}
    rows: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.partition("#")[0].strip()
        macro = re.fullmatch(r"(!\w+!)\s*=\s*(.+)", line)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",")]
            continue
        found = re.fullmatch(r"([^\[{]+?)\s*(?:\{[^}]*\})?\s*\[~?([A-Z~]*)\]", line)
        if not found:
            continue
        sector = found.group(2).replace("~", "")[:3]
        if sector not in SECTORS:
            continue
        words = [found.group(1)]
        for key, values in macros.items():
            words = (
                [w.replace(key, v) for w in words for v in values]
                if key in found.group(1)
                else words
            )
        for word in words:
            text_ = re.sub(r"\s+", " ", word.replace("_", " ")).strip().lower()
            last = text_.rsplit(" ", 1)[-1]
            if not _PERSON_NOUN.search(last) or last in _THING_NOUNS:
                continue
            if len(text_) > 2 and text_ not in rows:
                rows[text_] = sector
    return [[word, sector, "role"] for word, sector in rows.items()]


def convert_groups(cameo: Path) -> list[list[str]]:
    rows: list[list[str]] = []
    for name, kind in (("CAMEO.ethnic.txt", "ethnic"), ("CAMEO.religion.txt", "religion")):
        for line in (cameo / name).read_text(encoding="utf-8").splitlines()[1:]:
            code, _, label = line.partition("\t")
            if code.strip() and label.strip():
                code = code.strip().lower() if kind == "ethnic" else code.strip().upper()
                rows.append(
                    [f"{kind}:{code.lower()}", label.strip(), "", kind, "", code, code, "", ""]
                )
    return rows


_MIT = """#
# The MIT License (MIT)
#
# Copyright (c) 2014 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of this
# software and associated documentation files (the "Software"), to deal in the Software
# without restriction, including without limitation the rights to use, copy, modify,
# merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit
# persons to whom the Software is furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all copies or
# substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
# INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
# PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
# FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
# OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
# DEALINGS IN THE SOFTWARE.
"""
_PROVENANCE = (
    "# Source: openeventdata/petrarch2, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf,\n"
    "#   petrarch2/data/dictionaries/{files}.\n"
)


def write_table(
    path: Path, what: str, files: str, header: list[str], rows: list[list[str]]
) -> None:
    lines = [
        f"# {what} converted by newsgraph/nlp/actors/phoenix.py (`make dictionaries`); do not",
        "# edit by hand: our own files in this folder take precedence (see README.md).",
        _PROVENANCE.format(files=files).rstrip("\n"),
        _MIT.rstrip("\n"),
        "\t".join(header),
        *("\t".join(cell.replace("\t", " ") for cell in row) for row in rows),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dictionaries", type=Path, help="petrarch2/dictionaries folder")
    parser.add_argument("cameo", type=Path, help="folder with CAMEO.ethnic.txt, CAMEO.religion.txt")
    parser.add_argument("out", type=Path, help="folder to write the converted files into")
    args = parser.parse_args(argv)
    people, organizations = convert_actors(args.dictionaries)
    agents = convert_agents(
        (args.dictionaries / AGENT_FILE).read_text(encoding="utf-8", errors="replace")
    )
    leaders_header = [
        "id",
        "name",
        "aliases",
        "country",
        "sector",
        "code",
        "role",
        "start",
        "end",
        "note",
        "keys",
    ]
    org_header = ["id", "name", "aliases", "kind", "country", "sector", "code", "members", "note"]
    groups_header = org_header
    org_header = [*org_header, "keys"]
    write_table(
        args.out / "phoenix_people.tsv",
        "People with dated codes",
        ", ".join(ACTOR_FILES),
        leaders_header,
        people,
    )
    write_table(
        args.out / "phoenix_organizations.tsv",
        "Organizations and armed groups",
        ", ".join(ACTOR_FILES),
        org_header,
        organizations,
    )
    write_table(
        args.out / "phoenix_agents.tsv",
        "Sector words (agents)",
        AGENT_FILE,
        ["word", "sector", "kind"],
        agents,
    )
    places = convert_places(args.dictionaries)
    write_table(
        args.out / "phoenix_places.tsv",
        "Places of one country (regions, provinces, cities)",
        ACTOR_FILES[0],
        ["name", "country"],
        places,
    )
    groups = convert_groups(args.cameo)
    (args.out / "cameo_groups.tsv").write_text(
        "# CAMEO ethnic and religious group codes (CAMEO.ethnic.txt, CAMEO.religion.txt:\n"
        "# GDELT lookup files, free to use with citation) converted by\n"
        "# newsgraph/nlp/actors/phoenix.py (`make dictionaries`).\n"
        + "\t".join(groups_header)
        + "\n"
        + "\n".join("\t".join(r) for r in groups)
        + "\n",
        encoding="utf-8",
    )
    print(
        f"{len(people)} person rows, {len(organizations)} organizations,"
        f" {len(agents)} agent words, {len(groups)} groups",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
