"""The offline gazetteer: names to places, homonyms, our table and the user's, datelines."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import ConfigError
from newsgraph.nlp.places import Gazetteer, load_gazetteer
from newsgraph.nlp.places.dateline import find_dateline


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("name", "expected", "country"),
    [
        ("Paris", "Paris", "FRA"),
        ("Kiev", "Kyiv", "UKR"),
        ("Nur-Sultan", "Astana", "KAZ"),
        ("Nur Sultan", "Astana", "KAZ"),
        ("Bombay", "Mumbai", "IND"),
        ("Zürich", "Zürich", "CHE"),
        ("Zurich", "Zürich", "CHE"),
        ("the Gaza Strip", "Gaza", "PSE"),
        ("Crimea", "Crimea", "UKR"),
        ("Pristina", "Pristina", "KSV"),
    ],
)
def test_gazetteer_lookup_finds_names_and_aliases(
    gazetteer: Gazetteer, name: str, expected: str, country: str
) -> None:
    place = gazetteer.lookup(name)
    assert place is not None
    assert (place.name, place.country) == (expected, country)


@pytest.mark.parametrize(
    ("name", "country"),
    [("U.S.", "USA"), ("US", "USA"), ("Britain", "GBR"), ("Kosovo", "KSV"), ("Georgia", "GEO")],
)
def test_gazetteer_lookup_prefers_countries_and_their_aliases(
    gazetteer: Gazetteer, name: str, country: str
) -> None:
    place = gazetteer.lookup(name)
    assert place is not None
    assert (place.kind, place.country) == ("country", country)


def test_gazetteer_lookup_prefers_capitals_and_the_most_populous(gazetteer: Gazetteer) -> None:
    washington = gazetteer.lookup("Washington")
    tripoli = gazetteer.lookup("Tripoli")
    assert washington is not None and washington.country == "USA"
    assert abs(washington.lat - 38.9) < 0.1  # the capital, not a town in another state
    assert tripoli is not None and tripoli.country == "LBY"


def test_gazetteer_lookup_follows_the_country_hint(gazetteer: Gazetteer) -> None:
    tripoli = gazetteer.lookup("Tripoli", "LBN")
    assert tripoli is not None and tripoli.country == "LBN"
    unknown_hint = gazetteer.lookup("Tripoli", "ZZZ")
    assert unknown_hint is not None and unknown_hint.country == "LBY"


def test_gazetteer_lookup_within_a_us_state(gazetteer: Gazetteer) -> None:
    illinois = gazetteer.lookup("Illinois")
    assert illinois is not None and illinois.kind == "admin1"
    springfield = gazetteer.lookup("Springfield", "USA", within=illinois)
    assert springfield is not None and springfield.admin1 == "IL"


def test_gazetteer_places_carry_points_and_geonames_ids(gazetteer: Gazetteer) -> None:
    kyiv = gazetteer.lookup("Kyiv")
    kazakhstan = gazetteer.lookup("Kazakhstan")
    assert kyiv is not None and kyiv.geonameid == 703448  # our row keeps GeoNames' id
    assert kazakhstan is not None
    assert 40 < kazakhstan.lat < 56 and 46 < kazakhstan.lon < 88  # inside the country


def test_gazetteer_lookup_returns_none_for_unknown_names(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Qwertyville") is None
    assert gazetteer.lookup("") is None


@pytest.mark.parametrize("word", ["Nice", "Reading", "Split", "Mobile", "Of", "Deal"])
def test_gazetteer_knows_common_words(gazetteer: Gazetteer, word: str) -> None:
    assert gazetteer.is_common_word(word)


def test_gazetteer_does_not_call_place_names_common_words(gazetteer: Gazetteer) -> None:
    assert not gazetteer.is_common_word("Paris")
    assert not gazetteer.is_common_word("Astana")


def test_gazetteer_alternate_names_skip_demonyms(gazetteer: Gazetteer) -> None:
    # GeoNames lists "Kazakh" among Petropavl's names: a demonym must not geocode.
    assert gazetteer.lookup("Kazakh") is None
    assert gazetteer.lookup("White House") is None


def test_user_place_file_adds_and_overrides(tmp_path: Path) -> None:
    extra = tmp_path / "places.tsv"
    extra.write_text(
        "# our newsroom's places\n"
        "name\taliases\tkind\tcountry\tlat\tlon\tpopulation\n"
        "Qwertyville\tQwerty\tcity\tKAZ\t50.0\t70.0\t1000\n"
        "Kyiv\tKiev\tcity\tUKR\t50.45\t30.52\t3000000\n"
        "Paris\t\tnot_a_place\t\t\t\t\n",
        encoding="utf-8",
    )
    gazetteer = load_gazetteer((str(extra),))
    added = gazetteer.lookup("Qwerty")
    kyiv = gazetteer.lookup("Kiev")
    assert added is not None and (added.name, added.country) == ("Qwertyville", "KAZ")
    assert kyiv is not None and kyiv.lat == 50.45
    assert gazetteer.is_common_word("Paris")
    assert load_gazetteer() is not gazetteer  # the packaged one is untouched


def test_user_place_file_with_bad_numbers_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "name\taliases\tkind\tcountry\tlat\tlon\tpopulation\nSomewhere\t\tcity\tKAZ\tnorth\t70\t0\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="lat, lon"):
        load_gazetteer((str(bad),))


def test_user_place_file_missing_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read places file"):
        load_gazetteer((str(tmp_path / "absent.tsv"),))


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Talks resume\n\nASTANA, Kazakhstan (Reuters) — Officials met.", "Astana", "KAZ"),
        ("BEIJING — China said on Monday it would respond.", "Beijing", "CHN"),
        ("Headline\n\nTRIPOLI, Lebanon (AP) -- Clashes broke out.", "Tripoli", "LBN"),
        ("UNITED NATIONS — The council voted.", None, None),
        ("FILE PHOTO - A man walks past.", None, None),
        ("Officials met in Astana on Monday.", None, None),
    ],
)
def test_find_dateline_reads_the_filing_place(
    gazetteer: Gazetteer, text: str, name: str | None, country: str | None
) -> None:
    dateline = find_dateline(text, gazetteer)
    found = None if dateline is None else (dateline.place.name, dateline.place.country)
    assert found == (None if name is None else (name, country))
    if dateline is not None:
        assert text[dateline.span[0] : dateline.span[1]].title() == name
