"""Tests for newsgraph.nlp.actors.kb: the packaged actor knowledge base and its lookups."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from newsgraph.errors import ConfigError
from newsgraph.nlp.actors.kb import (
    PACKAGED_FILES,
    KnowledgeBase,
    KnownActor,
    load_kb,
    normalize_name,
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def packaged_rows(name: str) -> list[list[str]]:
    """Data rows of a packaged file, header first, comment lines dropped."""
    text = resources.files("newsgraph").joinpath("data", "kb", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


# ---------------------------------------------------------------- normalize_name


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the United States", "united states"),
        ("China's", "china"),
        ("China’s", "china"),
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("Kassym\u2013Jomart  Tokayev", "kassym-jomart tokayev"),
        ("  Türkiye ", "turkiye"),
        ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
    ],
)
def test_normalize_name_folds_spelling_variants(text: str, key: str) -> None:
    assert normalize_name(text) == key


# ---------------------------------------------------------------- countries


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("US", "USA"),
        ("U.S.", "USA"),
        ("U.S", "USA"),
        ("the United States", "USA"),
        ("America", "USA"),
        ("Britain", "GBR"),
        ("the UK", "GBR"),
        ("PRC", "CHN"),
        ("Mainland China", "CHN"),
        ("Russian Federation", "RUS"),
        ("DPRK", "PRK"),
        ("South Korea", "KOR"),
        ("Burma", "MMR"),
        ("Ivory Coast", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Czechia", "CZE"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Kazakhstan", "KAZ"),
        ("Georgia", "GEO"),
        ("Congo", "COD"),
        ("Congo-Brazzaville", "COG"),
        ("Kosovo", "KSV"),
        ("KAZ", "KAZ"),
    ],
)
def test_country_resolves_names_and_aliases(kb: KnowledgeBase, text: str, code: str) -> None:
    country = kb.country(text)
    assert country is not None
    assert country.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kazakh", "KAZ"),
        ("Kazakhstani", "KAZ"),
        ("Kazakhs", "KAZ"),
        ("American", "USA"),
        ("Americans", "USA"),
        ("British", "GBR"),
        ("Britons", "GBR"),
        ("Chinese", "CHN"),
        ("Uzbek", "UZB"),
        ("Dominican", "DOM"),
    ],
)
def test_country_by_demonym_resolves(kb: KnowledgeBase, text: str, code: str) -> None:
    country = kb.country_by_demonym(text)
    assert country is not None
    assert country.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Astana", "KAZ"),
        ("Nur-Sultan", "KAZ"),
        ("Beijing", "CHN"),
        ("Peking", "CHN"),
        ("Washington", "USA"),
        ("Kingston", "JAM"),
    ],
)
def test_country_by_capital_resolves(kb: KnowledgeBase, text: str, code: str) -> None:
    country = kb.country_by_capital(text)
    assert country is not None
    assert country.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the Kremlin", "RUS"),
        ("White House", "USA"),
        ("Downing Street", "GBR"),
        ("the Élysée", "FRA"),
        ("Elysee", "FRA"),
        ("Zhongnanhai", "CHN"),
        ("Akorda", "KAZ"),
    ],
)
def test_country_by_metonym_resolves(kb: KnowledgeBase, text: str, code: str) -> None:
    country = kb.country_by_metonym(text)
    assert country is not None
    assert country.code == code


@pytest.mark.parametrize("text", ["Narnia", "", "Korean", "Congress"])
def test_country_unknown_text_is_none(kb: KnowledgeBase, text: str) -> None:
    assert kb.country(text) is None
    assert kb.country_by_demonym(text) is None


def test_country_keys_do_not_collide(kb: KnowledgeBase) -> None:
    assert kb.conflicts == []


def test_country_table_covers_iso_3166(kb: KnowledgeBase) -> None:
    assert len(kb.countries) >= 249
    assert {"KAZ", "USA", "CHN", "TWN", "PSE", "KSV", "COD", "COG"} <= set(kb.countries)


# ---------------------------------------------------------------- organizations


def only(actors: list[KnownActor]) -> KnownActor:
    assert len(actors) == 1, actors
    return actors[0]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("U.N. Security Council", "IGOUNO"),
        ("the United Nations", "IGOUNO"),
        ("UN", "IGOUNO"),
        ("SCO", "IGOCAS"),
        ("Shanghai Cooperation Organization", "IGOCAS"),
        ("NATO", "IGOWSTNAT"),
        ("Atlantic Alliance", "IGOWSTNAT"),
        ("EU", "IGOEUREEC"),
        ("ASEAN", "IGOSEAASN"),
        ("IAEA", "IGOUNOIAE"),
    ],
)
def test_actors_finds_igos_with_codes(kb: KnowledgeBase, text: str, code: str) -> None:
    actor = only(kb.actors(text))
    assert actor.kind == "igo"
    assert actor.country == "IGO"
    assert actor.code == code


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("NATO", {"FIN", "SWE", "USA", "TUR"}),
        ("SCO", {"IRN", "BLR", "KAZ", "CHN", "RUS"}),
        ("BRICS", {"BRA", "RUS", "IND", "CHN", "ZAF"}),
        ("CSTO", {"KAZ", "RUS"}),
    ],
)
def test_actors_igo_members(kb: KnowledgeBase, text: str, members: set[str]) -> None:
    assert members <= set(only(kb.actors(text)).members)


def test_actors_nato_has_32_members(kb: KnowledgeBase) -> None:
    assert len(only(kb.actors("NATO")).members) == 32


@pytest.mark.parametrize(
    ("text", "country", "code"),
    [
        ("Taliban", "AFG", "AFGREBTAL"),
        ("Hamas", "PSE", "PSEREBHMS"),
        ("Hezbollah", "LBN", "LBNREBHEZ"),
        ("ISIS", None, "IMGMUSREB"),
        ("Daesh", None, "IMGMUSREB"),
        ("al-Qaeda", None, "IMGMUSALQ"),
        ("Ansar Allah", "YEM", "YEMREB"),
        ("Wagner Group", "RUS", "RUSUAF"),
    ],
)
def test_actors_finds_armed_groups(
    kb: KnowledgeBase, text: str, country: str | None, code: str
) -> None:
    actor = only(kb.actors(text))
    assert actor.kind == "armed_group"
    assert (actor.country, actor.code) == (country, code)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("People's Liberation Army", "CHNMIL"),
        ("PLA", "CHNMIL"),
        ("the Pentagon", "USAMIL"),
        ("State Department", "USAGOV"),
        ("Knesset", "ISRLEG"),
        ("FSB", "RUSSPY"),
    ],
)
def test_actors_finds_sector_institutions(kb: KnowledgeBase, text: str, code: str) -> None:
    assert only(kb.actors(text)).code == code


# ---------------------------------------------------------------- people


@pytest.mark.parametrize(
    ("country", "role", "on", "name"),
    [
        ("KAZ", "president", date(2024, 7, 3), "Kassym-Jomart Tokayev"),
        ("KAZ", "president", date(2015, 1, 1), "Nursultan Nazarbayev"),
        ("KAZ", "president", date(2019, 3, 20), "Kassym-Jomart Tokayev"),
        ("KAZ", "president", date(2019, 3, 19), "Nursultan Nazarbayev"),
        ("USA", "president", date(2022, 6, 1), "Joe Biden"),
        ("USA", "president", date(2025, 6, 1), "Donald Trump"),
        ("USA", "president", date(2019, 6, 1), "Donald Trump"),
        ("USA", "secretary of state", date(2022, 6, 1), "Antony Blinken"),
        ("CHN", "president", date(2024, 7, 3), "Xi Jinping"),
        ("CHN", "premier", date(2024, 7, 3), "Li Qiang"),
        ("CHN", "foreign minister", date(2023, 3, 1), "Qin Gang"),
        ("RUS", "president", date(2010, 1, 1), "Dmitry Medvedev"),
        ("RUS", "prime minister", date(2010, 1, 1), "Vladimir Putin"),
        ("GBR", "prime minister", date(2024, 8, 1), "Keir Starmer"),
        ("GBR", "head of state", date(2020, 1, 1), "Elizabeth II"),
        ("DEU", "chancellor", date(2025, 6, 1), "Friedrich Merz"),
        ("UZB", "president", date(2020, 1, 1), "Shavkat Mirziyoyev"),
        ("KGZ", "president", date(2022, 1, 1), "Sadyr Japarov"),
        ("USA", "head of government", date(2022, 6, 1), "Joe Biden"),
        ("DEU", "head of government", date(2010, 1, 1), "Angela Merkel"),
        ("SAU", "prime minister", date(2020, 1, 1), "Salman bin Abdulaziz Al Saud"),
        ("SAU", "prime minister", date(2023, 1, 1), "Mohammed bin Salman"),
        ("TKM", "president", date(2023, 1, 1), "Serdar Berdimuhamedow"),
        ("IGO", "secretary-general", date(2020, 1, 1), "António Guterres"),
        ("IGO", "nato secretary-general", date(2025, 1, 1), "Mark Rutte"),
    ],
)
def test_office_holder_on_date(
    kb: KnowledgeBase, country: str, role: str, on: date, name: str
) -> None:
    holder = kb.office_holder(country, role, on)
    assert holder is not None
    assert holder.name == name


def test_office_holder_none_before_any_record(kb: KnowledgeBase) -> None:
    assert kb.office_holder("KAZ", "president", date(1950, 1, 1)) is None


def test_office_holder_without_date_is_current(kb: KnowledgeBase) -> None:
    holder = kb.office_holder("KAZ", "president", None)
    assert holder is not None
    assert holder.name == "Kassym-Jomart Tokayev"
    assert holder.code == "KAZGOV"


@pytest.mark.parametrize(
    "alias",
    [
        "Kassym-Jomart Tokayev",
        "Kassym-Zhomart Tokayev",
        "Kasym-Zhomart Tokayev",
        "Kassym-Shomart Tokayev",
        "Kassym Jomart Tokayev",
        "Tokayev",
    ],
)
def test_actors_transliterations_find_tokayev(kb: KnowledgeBase, alias: str) -> None:
    actor = only(kb.actors(alias, on=date(2024, 7, 3)))
    assert actor.id == "person:kassym-jomart-tokayev"
    assert actor.role == "president"


def test_actors_dated_filter_drops_people_out_of_office(kb: KnowledgeBase) -> None:
    assert kb.actors("Nazarbayev", on=date(2024, 1, 1)) == []
    assert len(kb.actors("Nazarbayev")) == 1
    assert only(kb.actors("NATO", on=date(1990, 1, 1))).id == "igo:nato"


def test_actors_person_with_two_roles(kb: KnowledgeBase) -> None:
    roles = {actor.role for actor in kb.actors("Mark Rutte")}
    assert roles == {"prime minister", "nato secretary-general"}


@pytest.mark.parametrize(
    ("surname", "on", "name"),
    [
        ("Tokayev", date(2024, 1, 1), "Kassym-Jomart Tokayev"),
        ("Xi", date(2024, 1, 1), "Xi Jinping"),
        ("Assad", date(2010, 1, 1), "Bashar al-Assad"),
        ("Ban", date(2010, 1, 1), "Ban Ki-moon"),
        ("Merkel", date(2010, 1, 1), "Angela Merkel"),
    ],
)
def test_people_by_surname_finds_person(
    kb: KnowledgeBase, surname: str, on: date, name: str
) -> None:
    assert {actor.name for actor in kb.people_by_surname(surname, on)} == {name}


# ---------------------------------------------------------------- sectors


@pytest.mark.parametrize(
    ("word", "sector"),
    [
        ("president", "GOV"),
        ("President", "GOV"),
        ("foreign minister", "GOV"),
        ("troops", "MIL"),
        ("police", "COP"),
        ("rebels", "REB"),
        ("militants", "INS"),
        ("university", "EDU"),
        ("think tank", "EDU"),
        ("journalist", "MED"),
        ("lawmakers", "LEG"),
        ("refugees", "REF"),
        ("businessman", "BUS"),
        ("judiciary", "JUD"),
        ("protesters", "OPP"),
        ("spy agency", "SPY"),
        ("farmers", "AGR"),
    ],
)
def test_sector_for_role_words(kb: KnowledgeBase, word: str, sector: str) -> None:
    assert kb.sector_for(word) == sector


def test_sector_for_unknown_word_is_none(kb: KnowledgeBase) -> None:
    assert kb.sector_for("banana") is None


@pytest.mark.parametrize(
    ("word", "title"),
    [("President", True), ("Gen.", True), ("Secretary-General", True), ("troops", False)],
)
def test_is_title_tells_titles_from_roles(kb: KnowledgeBase, word: str, title: bool) -> None:
    assert kb.is_title(word) is title


@pytest.mark.parametrize(
    ("word", "title"),
    [
        *[("AG", True), ("DA", True), ("PM", True), ("FM", True), ("Gov", True), ("Rep", True)],
        *[("pm", False), ("da", False), ("ag", False), ("Sen", False)],
    ],
)
def test_a_title_abbreviation_is_a_title_only_in_capitals(
    kb: KnowledgeBase, word: str, title: bool
) -> None:
    assert kb.is_title(word) is title


def test_a_title_abbreviation_in_capitals_has_its_sector(kb: KnowledgeBase) -> None:
    assert kb.sector_for("AG") == "GOV" and kb.sector_for("DA") == "JUD"
    assert kb.sector_for("pm") is None


def test_role_words_are_lower_case(kb: KnowledgeBase) -> None:
    assert len(kb.role_words) > 300
    assert all(word == word.lower() for word in kb.role_words)


# ---------------------------------------------------------------- user files

LEADER_HEADER = "id\tname\taliases\tcountry\tsector\tcode\trole\tstart\tend\tnote\n"


def test_load_kb_user_file_adds_actor(tmp_path: Path) -> None:
    extra = tmp_path / "orgs.tsv"
    extra.write_text(
        "# my organizations\nid\tname\taliases\tkind\tcountry\tsector\tcode\tmembers\n"
        "igo:c5\tCentral Asia Five\tC5+1|C5\tigo\tIGO\t\tIGOCAS\tKAZ|KGZ|TJK|TKM|UZB\n",
        encoding="utf-8",
    )
    kb = load_kb((str(extra),))
    actor = only(kb.actors("C5+1"))
    assert actor.members == ("KAZ", "KGZ", "TJK", "TKM", "UZB")
    assert only(kb.actors("NATO")).id == "igo:nato"


def test_load_kb_user_file_replaces_packaged_id(tmp_path: Path) -> None:
    extra = tmp_path / "leaders.tsv"
    extra.write_text(
        LEADER_HEADER + "person:kassym-jomart-tokayev\tKassym-Jomart Tokayev\tTokayev\tKAZ\t"
        "GOV\tKAZGOV\tpresident\t2019-03-20\t2026-01-01\thypothetical\n"
        "person:jane-doe\tJane Doe\t\tKAZ\tGOV\tKAZGOV\tpresident\t2026-01-01\t\t\n",
        encoding="utf-8",
    )
    kb = load_kb((str(extra),))
    assert [a.end for a in kb.actors("Tokayev")] == [date(2026, 1, 1)]
    holder = kb.office_holder("KAZ", "president", date(2026, 6, 1))
    assert holder is not None
    assert holder.name == "Jane Doe"
    # The packaged knowledge base is a separate cache entry and is unchanged.
    packaged = load_kb().office_holder("KAZ", "president", date(2026, 6, 1))
    assert packaged is not None
    assert packaged.name == "Kassym-Jomart Tokayev"


def test_load_kb_user_country_and_sector_files(tmp_path: Path) -> None:
    sectors = tmp_path / "words.tsv"
    sectors.write_text("word\tsector\tkind\nhetman\tMIL\ttitle\n", encoding="utf-8")
    kb = load_kb((str(sectors),))
    assert kb.sector_for("Hetman") == "MIL"
    assert kb.is_title("hetman")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (LEADER_HEADER + "person:x\tX\t\tKAZ\tGOV\tKAZGOV\tpresident\t2020-13-01\t\t\n", "date"),
        (
            LEADER_HEADER
            + "person:x\tX\t\tKAZ\tGOV\tKAZGOV\tpresident\t2020-01-01\t2019-01-01\t\n",
            "before",
        ),
        ("foo\tbar\n1\t2\n", "format"),
        ("code\tiso2\tname\nKAZAKH\tKZ\tKazakhstan\n", "three letters"),
    ],
)
def test_load_kb_bad_user_file_is_config_error(tmp_path: Path, content: str, message: str) -> None:
    extra = tmp_path / "bad.tsv"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_kb((str(extra),))


# ---------------------------------------------------------------- packaged data integrity


@pytest.mark.parametrize("name", PACKAGED_FILES)
def test_packaged_file_rows_have_header_width(name: str) -> None:
    header, *rows = packaged_rows(name)
    assert rows
    for row in rows:
        assert len(row) == len(header), row
        assert all(cell == cell.strip() for cell in row), row


def test_packaged_countries_codes_are_well_formed() -> None:
    header, *rows = packaged_rows("countries.tsv")
    codes = [dict(zip(header, row, strict=True))["code"] for row in rows]
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    assert len(codes) == len(set(codes))


def test_packaged_actor_ids_and_codes_are_well_formed(kb: KnowledgeBase) -> None:
    for actor in kb.known_actors:
        assert re.fullmatch(r"[a-z]+:[a-z0-9-]+", actor.id), actor
        assert re.fullmatch(r"[A-Z]{3,}", actor.code), actor
        assert actor.country is None or actor.country == "IGO" or actor.country in kb.countries
        assert actor.sector is None or re.fullmatch(r"[A-Z]{3}", actor.sector), actor


def test_packaged_member_codes_are_known_countries(kb: KnowledgeBase) -> None:
    for actor in kb.known_actors:
        assert set(actor.members) <= set(kb.countries), actor.id


def test_packaged_leader_dates_are_ordered(kb: KnowledgeBase) -> None:
    people = [actor for actor in kb.known_actors if actor.kind == "person"]
    assert len(people) > 250
    for person in people:
        assert person.start is not None, person
        assert person.end is None or person.start < person.end, person


def test_packaged_leader_terms_do_not_overlap(kb: KnowledgeBase) -> None:
    """Two people in one office on the same day means a typo in a date."""
    people = [a for a in kb.known_actors if a.kind == "person"]
    for a in people:
        for b in people:
            if a.id < b.id and (a.country, a.role) == (b.country, b.role) and a.start and b.start:
                a_end, b_end = a.end or date.max, b.end or date.max
                assert a_end <= b.start or b_end <= a.start, (a.name, b.name, a.role)


def test_packaged_sector_codes_are_cameo_sectors(kb: KnowledgeBase) -> None:
    sectors = {kb.sector_for(word) for word in kb.role_words}
    assert sectors <= {
        "GOV", "MIL", "COP", "REB", "INS", "OPP", "JUD", "LEG", "SPY", "UAF", "SEP", "BUS",
        "CRM", "CVL", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "MED", "REF", "AGR", "DEV",
        "NGO", "IGO",
    }  # fmt: skip


def test_load_kb_is_cached() -> None:
    assert load_kb() is load_kb(())
