"""The events layer's actors: who is coded as source and target when the text names them
only by a role, a place, a quantity or a pronoun (participants.py, arguments.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import decode_text
from newsgraph.config import Config
from newsgraph.model import Event
from newsgraph.nlp.events.vocabulary import load_vocabulary

pytestmark = pytest.mark.model

CONFIG = Config(components=("sentences", "actors", "events"))


def events_of(text: str) -> list[Event]:
    return decode_text(text, CONFIG, published="2024-05-15").events


def event_of_type(text: str, event_type: str) -> Event:
    found = [event for event in events_of(text) if event.type == event_type]
    assert found, [(e.type, e.trigger) for e in events_of(text)]
    return found[0]


def codes(actors: list[object]) -> list[str | None]:
    return [getattr(actor, "code", None) for actor in actors]


def test_a_place_the_actor_layer_left_uncoded_gets_its_country_from_the_gazetteer() -> None:
    event = event_of_type("Israeli troops withdrew from the Gaza Strip.", "RETREAT")
    assert codes(event.target) == ["PSE"]


def test_an_unowned_role_noun_takes_the_country_of_the_other_participant() -> None:
    event = event_of_type("Egyptian police dispersed demonstrators in the capital.", "ASSAULT")
    assert codes(event.source) == ["EGYCOP"]
    assert codes(event.target) == ["EGYOPP"]


def test_a_role_noun_with_no_country_in_sight_is_no_actor() -> None:
    assert all(
        actor.code is not None or actor.entity is not None
        for event in events_of("Police dispersed the demonstrators.")
        for actor in event.source + event.target
    )


def test_a_counted_role_noun_is_the_actor_placed_by_the_sentence() -> None:
    event = event_of_type("Hundreds of students marched in Nairobi to protest the fees.", "PROTEST")
    assert codes(event.source) == ["KENEDU"]


def test_a_counted_people_noun_keeps_the_sector_of_what_is_counted() -> None:
    event = event_of_type("Sri Lankan troops detained thousands of Tamil refugees.", "COERCE")
    assert codes(event.target) == ["LKAREF"]


def test_a_people_noun_lives_where_its_modifier_says() -> None:
    assert codes(event_of_type("Bosnian Serbs demanded a truce.", "REQUEST").source) == ["BIHCVL"]
    assert codes(event_of_type("Some 5,000 Iraqi Kurds sought refuge.", "REQUEST").source) == [
        "IRQCVL"
    ]


def test_an_attack_with_no_attacker_is_by_unidentified_forces_of_the_place() -> None:
    text = "A car bomb explosion near the town of Samarra killed three Iraqi policemen."
    event = event_of_type(text, "ASSAULT")
    assert codes(event.source) == ["IRQUAF"]
    assert codes(event.target) == ["IRQCOP"]


def test_the_parties_a_mediator_works_between_are_its_recipients() -> None:
    event = event_of_type("Qatar launched a mediation effort between Sudan and Chad.", "CONSULT")
    assert codes(event.source) == ["QAT"]
    assert codes(event.target) == ["SDN", "TCD"]


def test_coordinated_verbs_share_the_recipient_of_the_last() -> None:
    text = "Japanese doctors donated and delivered medical supplies to Kenya."
    assert codes(event_of_type(text, "AID").target) == ["KEN"]


def test_mobilized_forces_are_not_the_recipient_of_the_mobilization() -> None:
    event = event_of_type("Britain mobilized army reservists for a war against Iraq.", "MOBILIZE")
    assert codes(event.source) == ["GBR"]
    assert codes(event.target) == ["IRQ"]


def test_withdrawn_personnel_are_not_the_recipient_of_the_withdrawal() -> None:
    event = event_of_type("Russia withdrew its troops from Moldova.", "RETREAT")
    assert codes(event.target) == ["MDA"]


def test_a_target_noun_naming_no_one_yields_to_the_people_inside_its_phrase() -> None:
    text = "A camp for Congolese refugees was attacked by Burundian militiamen."
    assert codes(event_of_type(text, "ASSAULT").target) == ["CODREF"]


def test_role_recipients_take_the_country_named_further_in_their_phrase() -> None:
    text = "The United Nations will provide food aid to refugees fleeing the war in Sudan."
    assert codes(event_of_type(text, "AGREE").target) == ["SDNREF"]


def test_a_pronoun_source_takes_the_sector_its_antecedent_clause_gives() -> None:
    event = event_of_type("Kenyan farmers said they would blockade the highway.", "THREATEN")
    assert codes(event.source) == ["KENAGR"]


def test_a_participle_parsed_as_subject_hands_over_to_its_own_subject() -> None:
    text = "The Red Cross operating in Iraq said US forces must protect civilians."
    event = event_of_type(text, "REQUEST")
    assert codes(event.source) == ["NGOMEDIRC"]  # PLOVER calls health MED
    assert codes(event.target) == ["USAMIL"]


def test_a_place_as_last_resort_recipient_stands_for_its_people() -> None:
    assert codes(event_of_type("Serbia lifted the curfew in Montenegro.", "CONCEDE").target) == [
        "MNECVL"
    ]


def test_members_of_an_unknown_party_are_placed_by_the_sentence() -> None:
    text = "Activists from the Popular Unity Party staged rallies in Tunis against the government."
    assert codes(event_of_type(text, "PROTEST").source) == ["TUNOPP"]


def test_a_named_person_is_not_given_the_country_of_whoever_acts_on_him() -> None:
    text = "Germany welcomed President Clancy's statement on the talks with Washington."
    event = event_of_type(text, "SUPPORT")
    assert "DEU" not in {str(code)[:3] for code in codes(event.target)}


def test_a_known_group_the_recognizer_missed_is_found_in_the_knowledge_base() -> None:
    text = "The pro-Iranian Hizbollah group declared a ceasefire in south Lebanon."
    assert codes(event_of_type(text, "RETREAT").source) == ["LBNREBHEZ"]


def test_nouns_of_one_light_verb_share_the_recipient() -> None:
    text = "An activist staged a hunger strike in protest against abuses by Algerian police."
    assert [codes(e.target) for e in events_of(text) if e.type == "PROTEST"] == [
        ["DZACOP"],
        ["DZACOP"],
    ]


def test_militants_and_separatists_are_coded_as_plover_rebels() -> None:
    text = "Turkish troops killed ten separatists in a clash."
    assert codes(event_of_type(text, "ASSAULT").target) == ["TURREB"]


def test_users_can_map_sectors_through_an_event_file(tmp_path: Path) -> None:
    extra = tmp_path / "sectors.tsv"
    extra.write_text("# mine\nsector\tplover_sector\nSEP\tSEP\n", encoding="utf-8")
    vocabulary = load_vocabulary((str(extra),))
    assert vocabulary.plover_code("TURSEP") == "TURSEP"
    assert vocabulary.plover_code("IRQINS") == "IRQREB"
    assert vocabulary.plover_code("LBNREBHEZ") == "LBNREBHEZ"
    assert vocabulary.plover_code(None) is None


def test_a_place_where_an_attack_fell_stands_for_its_people() -> None:
    text = "Israeli tanks fired shells at targets in Jericho."
    assert codes(event_of_type(text, "ASSAULT").target) == ["PSECVL"]


def test_a_country_as_direct_recipient_keeps_its_bare_code() -> None:
    assert codes(event_of_type("Russia withdrew its troops from Syria.", "RETREAT").target) == [
        "SYR"
    ]


def test_an_attack_that_names_its_attackers_is_theirs() -> None:
    text = "An attack by Taliban fighters near Kandahar killed five Afghan soldiers."
    killed = [e for e in events_of(text) if e.type == "ASSAULT" and e.target]
    assert [codes(e.source) for e in killed] == [["AFGREBTAL"]]


def test_attackers_are_not_given_the_country_of_their_victims() -> None:
    event = event_of_type("An American diplomat was killed by terrorists.", "ASSAULT")
    assert not any(str(code).startswith("USA") for code in codes(event.source))


def test_a_condemned_role_noun_is_not_given_the_country_of_who_condemns() -> None:
    text = "The French president condemned the killers, saying Paris stood with Mali."
    for event in events_of(text):
        assert "FRACRM" not in codes(event.target)


def test_the_country_attacked_does_not_place_the_attackers() -> None:
    event = event_of_type("Muslim hackers defaced nearly 3,000 Danish web sites.", "COERCE")
    assert codes(event.target) == ["DNK"]
    assert not any(str(code).startswith("DNK") for code in codes(event.source))


def test_event_actors_use_plover_names_for_health_and_media() -> None:
    text = "Swiss doctors handed over medicine to a Kenyan newspaper."
    event = event_of_type(text, "AID")
    assert codes(event.source) == ["CHEMED"]
    assert codes(event.target) == ["KENJRN"]


def test_a_stated_commitment_is_its_subjects_not_a_passive() -> None:
    event = event_of_type("Kenya is committed to the peace talks with Somalia.", "AGREE")
    assert codes(event.source) == ["KEN"]
    assert codes(event.target) == ["SOM"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the recognizer tags the full name but not the lone surname that starts the next sentence
        (
            "Secretary of State Mike Pompeo arrived in Riyadh on Monday. "
            "Pompeo met King Salman on Tuesday.",
            ["USAGOV"],
        ),
        # no earlier full name: the surname stays unresolved
        ("Pompeo met King Salman on Tuesday.", []),
    ],
)
def test_a_lone_untagged_surname_is_the_person_the_article_named_in_full_before(
    text: str, expected: list[str]
) -> None:
    meeting = [e for e in events_of(text) if e.type == "CONSULT" and "Salman" in str(e.target)]
    assert meeting, [(e.type, e.trigger) for e in events_of(text)]
    assert codes(meeting[-1].source) == expected


def test_a_surname_two_people_of_the_article_share_stays_unresolved() -> None:
    text = (
        "Former Secretary of State Mike Pompeo and his brother John Pompeo arrived in Riyadh. "
        "Pompeo met King Salman on Tuesday."
    )
    meeting = [e for e in events_of(text) if e.type == "CONSULT" and "Salman" in str(e.target)]
    assert meeting and not meeting[-1].source


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Saudi Crown Prince Mohammed bin Salman received guests in Riyadh. "
            "Secretary of State Mike Pompeo met with the Crown Prince for 40 minutes.",
            ["SAUGOV"],
        ),
        # a title followed by a name is that name, not a description of someone before
        (
            "Saudi Crown Prince Mohammed bin Salman received guests in Riyadh. "
            "Secretary of State Mike Pompeo met with the President Macron for 40 minutes.",
            ["FRAGOV"],
        ),
    ],
)
def test_a_capitalized_title_refers_to_the_person_of_the_article_holding_it(
    text: str, expected: list[str]
) -> None:
    event = [e for e in events_of(text) if e.type == "CONSULT"][-1]
    assert codes(event.target) == expected


def test_a_group_coded_people_takes_the_country_its_sentence_names() -> None:
    """ "Kurdish fighters" in a sentence about Syria are Syria's (as the PLOVER coders
    code them), not CAMEO's bare group code `kur`, which stays for a context without one."""
    events = events_of("Turkish troops killed eight Kurdish fighters in northern Syria on Tuesday.")
    targets = [a.code for e in events if e.type == "ASSAULT" for a in e.target]
    assert targets and all(code is not None and code.startswith("SYR") for code in targets)
