"""Phoenix's dictionaries in the knowledge base: the converter (newsgraph.nlp.actors.phoenix)
and the second layer it feeds (newsgraph.nlp.actors.kb.SecondLayer)."""

from __future__ import annotations

import filecmp
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from newsgraph.nlp.actors.coding import code_person
from newsgraph.nlp.actors.kb import KnowledgeBase, SecondLayer, load_kb
from newsgraph.nlp.actors.phoenix import (
    Entry,
    convert_agents,
    is_person,
    main,
    organization_row,
    parse_actor_file,
    parse_code,
    person_rows,
)

# TABARI-format lines in the shapes the Phoenix files use (names made up).
ACTORS = """# a comment line
ALBA_MARTINEZ_  # CountryInfo.txt
+A._MARTINEZ_
\t[ESPELI 750101-040101]
\t[ESPGOV >040101]
\t[ESPELI]
NORTHERN_PEACE_FRONT_ [COLREB] #  kkl 21 Mar 13
+NPF_

RIVER_AUTHORITY_
+RIVER_BOARD_
\t[COLGOVENV]
TOWNSVILLE_ [COL]
GHOST_ENTRY_ [---]
"""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


# ---------------------------------------------------------------- the converter


def test_dates_follow_petrarch_two_digit_years() -> None:
    # YY 00-30 is 20YY, else 19YY.
    assert parse_code("ESPGOV 311231-300101") == ("ESPGOV", date(1931, 12, 31), date(2030, 1, 1))
    assert parse_code("ESPGOV 300101-310101") is None  # ends (1931) before it starts (2030)
    assert parse_code("ESPGOV >040101") == ("ESPGOV", date(2004, 1, 1), None)
    assert parse_code("ESPGOV <991231") == ("ESPGOV", None, date(1999, 12, 31))
    assert parse_code("ESPGOV 19270101-730717") == (
        "ESPGOV",
        date(1927, 1, 1),
        date(1973, 7, 17),
    )


def test_unreadable_or_empty_codes_give_no_code() -> None:
    assert parse_code("---") is None
    assert parse_code("KORGOVBUS 2004017-20061201") is None  # a 7-digit date: a typo


def test_entries_gather_synonyms_and_indented_dated_codes() -> None:
    entries = list(parse_actor_file(ACTORS, "Phoenix.Countries.actors.txt"))
    names = [e.names for e in entries]
    assert names[0] == ["ALBA MARTINEZ", "A. MARTINEZ"]
    assert entries[0].codes == [
        ("ESPELI", date(1975, 1, 1), date(2004, 1, 1)),
        ("ESPGOV", date(2004, 1, 1), None),
        ("ESPELI", None, None),
    ]
    assert names[1] == ["NORTHERN PEACE FRONT", "NPF"]
    assert names[2] == ["RIVER AUTHORITY", "RIVER BOARD"]
    assert ["GHOST ENTRY"] not in names  # coded [---]: no event-data code


def test_people_keep_every_dated_code_as_a_row() -> None:
    person = next(parse_actor_file(ACTORS, "Phoenix.Countries.actors.txt"))
    assert is_person(person)
    rows = list(person_rows(person, "phx:alba-martinez"))
    assert [(r[5], r[7], r[8]) for r in rows] == [
        ("ESPELI", "1975-01-01", "2004-01-01"),
        ("ESPGOV", "2004-01-01", ""),
        ("ESPELI", "", ""),
    ]
    assert rows[0][1:3] == ["Alba Martinez", "A. Martinez"]


def test_groups_and_institutions_are_organizations_and_places_are_left_out() -> None:
    entries = list(parse_actor_file(ACTORS, "Phoenix.Countries.actors.txt"))
    front, authority, town = entries[1], entries[2], entries[3]
    assert not is_person(front) and not is_person(authority)
    front_row = organization_row(front, "phx:npf")
    assert front_row is not None and front_row[3:7] == ["armed_group", "COL", "REB", "COLREB"]
    authority_row = organization_row(authority, "phx:ra")
    assert authority_row is not None and authority_row[3:7] == [
        "institution",
        "COL",
        "GOV",
        "COLGOVENV",
    ]
    assert organization_row(town, "phx:town") is None  # a bare country code: a place


def test_a_code_that_opens_with_no_country_gives_none() -> None:
    monk = Entry(names=["SOME MONK"], codes=[("BUDREB", None, None)], source="x")
    row = organization_row(monk, "phx:monk")
    assert row is not None and row[4] == "" and row[5] == "REB"


def test_agents_expand_macros_and_keep_the_first_sector() -> None:
    text = (
        "!PERSON! = MAN, WOMAN\nFARMER [~AGR]\nDAIRY!PERSON! [~AGR]\n"
        "TRADE_MINISTER [~GOVBUS]\nMONK [~BUD]\nTRUCE_MONITOR [IGO~]\n"
    )
    rows = {word: sector for word, sector, _ in convert_agents(text)}
    assert rows == {
        "farmer": "AGR",
        "dairyman": "AGR",
        "dairywoman": "AGR",
        "trade minister": "GOV",
    }


@pytest.mark.shared
def test_committed_files_are_what_make_dictionaries_writes(
    shared_data: Path, tmp_path: Path
) -> None:
    events = shared_data / "events"
    assert (
        main([str(events / "petrarch2" / "dictionaries"), str(events / "cameo"), str(tmp_path)])
        == 0
    )
    packaged = Path(str(resources.files("newsgraph").joinpath("data", "kb")))
    for name in (
        "phoenix_people.tsv",
        "phoenix_organizations.tsv",
        "phoenix_agents.tsv",
        "phoenix_places.tsv",
    ):
        assert filecmp.cmp(tmp_path / name, packaged / name, shallow=False), name


# ---------------------------------------------------------------- the second layer


def test_a_person_only_phoenix_knows_is_found_with_the_code_of_the_day(kb: KnowledgeBase) -> None:
    # Chuck Hagel: a senator, then from 2013-02-27 the US Secretary of Defense.
    (secretary,) = kb.actors("Chuck Hagel", date(2013, 3, 1))
    assert (secretary.country, secretary.kind) == ("USA", "person")
    assert secretary.code.startswith("USAGOV")
    assert secretary.id.startswith("phx:")


def test_a_person_out_of_every_dated_code_takes_the_undated_one_or_none(
    kb: KnowledgeBase,
) -> None:
    # Kim Il Sung's dated codes end in 1994 and he has no undated one: no code that day,
    # but the person is still known without a date (for the out-of-office path).
    assert kb.actors("Kim Il Sung", date(2013, 1, 1)) == []
    assert {a.country for a in kb.actors("Kim Il Sung")} == {"PRK"}


def test_our_entries_win_over_phoenix(kb: KnowledgeBase) -> None:
    found = kb.actors("Ban Ki-moon")
    assert found and all(not a.id.startswith("phx:") for a in found)
    assert kb.sector_for("president") == "GOV"


def test_one_word_phoenix_names_count_only_as_acronyms(kb: KnowledgeBase) -> None:
    assert [a.code for a in kb.actors("DGSE")] == ["FRASPY"]
    # Mixed-case single words are ordinary words or surnames, never a Phoenix actor.
    for word in ("Hope", "Progress", "Justice", "Dgse", "Romney"):
        assert kb.actors(word) == [], word
    # Lower-case phrases are not names.
    assert kb.actors("peoples liberation army") == []


def test_agents_fill_sector_phrases_ours_lack(kb: KnowledgeBase) -> None:
    assert kb.sector_for("subsistence farmers") == "AGR"
    assert kb.sector_for("a word no dictionary lists") is None
    # Their single words are left out (Phoenix's "deputy" is police, ours a legislator).
    assert kb.sector_for("sharecropper") is None
    assert kb.sector_for("deputy") == "LEG"


def test_a_phoenix_entry_that_names_one_of_ours_is_ours(kb: KnowledgeBase) -> None:
    # Phoenix's "United States Congress" lists "U.S. Congress", our entry's name: one actor.
    assert [a.id for a in kb.actors("United States Congress")] == ["inst:usa-congress"]


def test_the_article_s_role_beats_phoenix_s_code_for_the_sector(kb: KnowledgeBase) -> None:
    # PLOVER's placeholder date 2000-01-01 falls after Yeltsin's resignation; the article
    # still calls him president, which says more than the dictionary's date.
    code = code_person("Boris Yeltsin", ["Russian President"], kb, date(2000, 1, 1))
    assert (code.country, code.sector) == ("RUS", "GOV")
    assert code.identity is not None and code.identity.startswith("phx:")


def test_the_second_layer_reads_nothing_until_asked() -> None:
    layer = SecondLayer()
    assert layer._index is None
    layer.actors("Hope")  # refused before any file is read
    assert layer._index is None
    layer.actors("Chuck Hagel")
    assert layer._index is not None


def test_a_phoenix_person_is_not_merged_with_ours_through_a_shared_alias(
    kb: KnowledgeBase,
) -> None:
    # Phoenix lists "George Bush" for the elder President Bush too; he is not our
    # George W. Bush.
    found = kb.actors("George Herbert Walker Bush")
    assert found and all(a.id != "person:george-w-bush" for a in found)
