"""The events layer: who did what to whom, coded in PLOVER and CAMEO, tied to its words."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import decode_text
from newsgraph.config import Config
from newsgraph.model import Article, Event, Quote, Speaker
from newsgraph.nlp.actors.kb import load_kb
from newsgraph.nlp.events.component import EventCoder
from newsgraph.nlp.events.vocabulary import load_vocabulary
from newsgraph.nlp.model import load_model
from newsgraph.nlp.places.gazetteer import load_gazetteer

pytestmark = pytest.mark.model

CONFIG = Config(components=("sentences", "actors", "events"))
PUBLISHED = "2024-05-15"


def decode(text: str, config: Config = CONFIG) -> Article:
    return decode_text(text, config, published=PUBLISHED)


def only_event(text: str) -> Event:
    article = decode(text)
    assert len(article.events) == 1, [(e.type, e.trigger) for e in article.events]
    return article.events[0]


def codes(actors: list[object]) -> list[str | None]:
    return [getattr(actor, "code", None) for actor in actors]


def countries(actors: list[object]) -> set[str]:
    return {str(getattr(actor, "code", ""))[:3] for actor in actors}


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Kazakhstan and Uzbekistan agreed on a new water-sharing plan.", "AGREE"),
        ("The Kazakh president met the Chinese foreign minister in Astana.", "CONSULT"),
        ("Germany praised Poland for its handling of the refugee crisis.", "SUPPORT"),
        ("Turkey and Azerbaijan cooperated closely on energy projects.", "COOPERATE"),
        ("Japan donated medical equipment to Kenya.", "AID"),
        ("The Serbian government lifted a curfew in the northern province.", "CONCEDE"),
        ("Russia withdrew its troops from the border with Finland.", "RETREAT"),
        ("China urged Japan to release the detained fishermen.", "REQUEST"),
        ("France accused Russia of spreading disinformation.", "ACCUSE"),
        ("Hungary rejected the European Commission's proposal.", "REJECT"),
        ("North Korea threatened South Korea with military action.", "THREATEN"),
        ("Thousands of Kenyan students demonstrated against the government.", "PROTEST"),
        ("Azerbaijan deployed troops along its border with Armenia.", "MOBILIZE"),
        ("The United States imposed sanctions on Iran.", "SANCTION"),
        ("Georgian police arrested three Russian journalists.", "COERCE"),
        ("Israeli aircraft bombed Hezbollah positions in southern Lebanon.", "ASSAULT"),
    ],
)
def test_events_code_each_plover_type(text: str, event_type: str) -> None:
    types = [event.type for event in decode(text).events]
    assert event_type in types


def test_events_carry_cameo_code_quad_class_and_goldstein() -> None:
    event = only_event("The United States imposed sanctions on Iran.")
    assert (event.type, event.mode, event.cameo) == ("SANCTION", "discontinue", "163")
    assert event.quad_class == 4
    assert event.goldstein is not None and event.goldstein < 0
    assert countries(event.source) == {"USA"} and countries(event.target) == {"IRN"}


def test_events_source_and_target_are_actors_of_the_article() -> None:
    article = decode("China urged Japan to release the detained fishermen.")
    event = next(e for e in article.events if e.type == "REQUEST")
    entity_ids = {entity.id for entity in article.entities}
    assert countries(event.source) == {"CHN"} and countries(event.target) == {"JPN"}
    assert all(actor.entity in entity_ids for actor in [*event.source, *event.target])


def test_events_passive_voice_swaps_source_and_target() -> None:
    event = only_event("Iran was sanctioned by the European Union on Monday.")
    assert event.type == "SANCTION"
    assert codes(event.source) == ["IGOEUREEC"]
    assert countries(event.target) == {"IRN"}


def test_events_compound_subject_gives_several_sources() -> None:
    article = decode("France and Germany condemned the attack on the Ukrainian embassy.")
    event = next(e for e in article.events if e.type == "ACCUSE")
    assert countries(event.source) == {"FRA", "DEU"}


def test_events_meeting_is_reciprocal_all_parties_as_source() -> None:
    event = only_event("Israel and Lebanon held talks in Cairo on Tuesday.")
    assert event.type == "CONSULT"
    assert countries(event.source) == {"ISR", "LBN"} and event.target == []


def test_events_nominal_event_with_possessive_source_and_prepositional_target() -> None:
    article = decode("Belarus's accession to the Shanghai Cooperation Organisation was approved.")
    event = next(e for e in article.events if e.type == "COOPERATE")
    assert countries(event.source) == {"BLR"}
    assert codes(event.target) == ["IGOCAS"]


def test_events_noun_of_a_light_verb_takes_the_verbs_subject() -> None:
    event = only_event("Brazil launched an attack on the rebels' positions near Venezuela.")
    assert event.type == "ASSAULT"
    assert countries(event.source) == {"BRA"}


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Russia did not attend the summit in Geneva.", "negated"),
        ("If Iran enriches uranium, Israel could strike its nuclear facilities.", "hypothetical"),
        ("China is expected to send troops to Mali next month.", "future"),
        ("Germany sent troops to Lithuania last year.", "asserted"),
        # what someone needs to do, or what it would be wise to do, is not done
        ("The United States needs to sanction Russia.", "hypothetical"),
        ("Obama argued that it is wiser to negotiate with Iran than risk a war.", "hypothetical"),
        ("It is important for Germany to send troops to Lithuania.", "hypothetical"),
    ],
)
def test_events_modality_from_negation_auxiliaries_and_conditions(text: str, modality: str) -> None:
    assert [event.modality for event in decode(text).events] == [modality]


def test_events_stated_intention_to_cooperate_is_agree() -> None:
    event = only_event("Japan will provide humanitarian aid to Kenya.")
    assert (event.type, event.modality) == ("AGREE", "asserted")
    assert countries(event.source) == {"JPN"}


def test_events_refused_cooperation_is_reject_and_the_refused_step_negated() -> None:
    article = decode("Pakistan refused to send troops to Iraq.")
    by_type = {event.type: event for event in article.events}
    assert by_type["REJECT"].modality == "asserted"
    assert by_type["MOBILIZE"].modality == "negated"
    assert countries(by_type["REJECT"].target) == {"IRQ"}


def test_events_request_reported_with_must() -> None:
    article = decode("Britain said that Sudan must release the detained aid workers.")
    event = next(e for e in article.events if e.type == "REQUEST")
    assert countries(event.source) == {"GBR"} and countries(event.target) == {"SDN"}
    assert article.text[event.trigger[0] : event.trigger[1]] == "must"


@pytest.mark.parametrize(
    "text",
    [
        "The Kazakh foreign minister said the weather in Astana was cold.",
        "The French president warned that the economy of Italy could slow.",
        "Japanese officials attended a conference on Afghan reconstruction assistance.",
        "The Turkish minister insisted that the Kurdish economy was growing.",
    ],
)
def test_events_statements_and_topics_are_not_events(text: str) -> None:
    assert decode(text).events == []


def test_events_trigger_and_sentence_spans_slice_the_right_words() -> None:
    text = "The talks ended. Ukraine and Poland signed a trade agreement in Warsaw."
    article = decode(text)
    event = next(e for e in article.events if e.type == "SUPPORT")
    assert text[event.trigger[0] : event.trigger[1]] == "signed"
    assert text[event.sentence[0] : event.sentence[1]].startswith("Ukraine and Poland signed")
    assert [e.id for e in article.events] == [f"e{i}" for i in range(1, len(article.events) + 1)]


def test_events_phrase_trigger_covers_the_particle() -> None:
    text = "Russia pulled out its forces from the Georgian border."
    event = only_event(text)
    assert (event.type, text[event.trigger[0] : event.trigger[1]]) == ("RETREAT", "pulled out")


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(load_vocabulary(), load_kb(), load_gazetteer())


def test_events_inside_a_quote_are_reported_by_its_speaker(coder: EventCoder) -> None:
    text = 'Lavrov said: "Russia will never attack Finland." Finland arrested two Russians.'
    article = decode_text(text, Config(components=("sentences", "actors")), published=PUBLISHED)
    start = text.index("Russia will")
    speaker = Speaker(name="Lavrov", entity=None, span=(0, 6))
    article.quotes = [
        Quote(
            id="q1",
            text=text[start : start + 30],
            spans=[(start, start + 30)],
            kind="direct",
            speaker=speaker,
        )
    ]
    events = coder.events(article, load_model(CONFIG.model)(text))
    by_type = {event.type: event for event in events}
    assert by_type["ASSAULT"].quote == "q1" and by_type["ASSAULT"].reported_by == speaker
    assert by_type["ASSAULT"].modality == "negated"
    assert by_type["COERCE"].quote is None and by_type["COERCE"].reported_by is None


def test_events_user_vocabulary_file_extends_coding(tmp_path: Path) -> None:
    text = "France snubbed Italy at the summit in Brussels."
    assert not [e for e in decode(text).events if e.type == "REJECT"]
    extra = tmp_path / "my_events.tsv"
    extra.write_text(
        "# our own trigger\nword\tpos\trequires\ttype\tmode\tcameo\nsnub\tverb\t\tREJECT\t\t120\n",
        encoding="utf-8",
    )
    config = CONFIG.with_overrides(event_files=(str(extra),))
    event = next(e for e in decode(text, config).events if e.type == "REJECT")
    assert event.cameo == "120" and countries(event.source) == {"FRA"}
    assert countries(event.target) == {"ITA"}


def test_events_date_comes_from_publication_when_text_gives_none() -> None:
    event = only_event("Georgian police arrested three Russian journalists.")
    assert event.date is not None and event.date_source in {"published", "text"}


def test_events_intention_with_an_unless_clause_is_a_threat_to_its_subject() -> None:
    article = decode("Syria said it would cut off oil supplies unless Turkey released the ships.")
    event = next(e for e in article.events if e.type == "THREATEN")
    assert event.modality == "asserted"
    assert countries(event.source) == {"SYR"} and countries(event.target) == {"TUR"}


def test_events_threat_takes_the_target_named_in_its_complement() -> None:
    article = decode("Iran threatened to launch attacks against Israel.")
    event = next(e for e in article.events if e.type == "THREATEN")
    assert countries(event.source) == {"IRN"} and countries(event.target) == {"ISR"}


def test_events_light_verb_found_when_the_lemmatizer_fails() -> None:
    # spaCy's small model lemmatizes "staged" as "stag"
    article = decode("Kenyan teachers staged rallies against the Ugandan government.")
    event = next(e for e in article.events if e.type == "PROTEST")
    assert countries(event.source) == {"KEN"} and countries(event.target) == {"UGA"}


def test_events_place_names_the_recipient_of_a_one_sided_action() -> None:
    event = only_event("Serbia lifted the night curfew in Montenegro on Sunday.")
    assert event.type == "CONCEDE"
    assert countries(event.source) == {"SRB"} and countries(event.target) == {"MNE"}


def test_events_noun_told_through_another_event_keeps_its_own_actors() -> None:
    article = decode("Germany condemned the attack by Russian troops on the Ukrainian embassy.")
    by_type = {event.type: event for event in article.events}
    assert countries(by_type["ACCUSE"].source) == {"DEU"}
    assert countries(by_type["ASSAULT"].source) == {"RUS"}
    assert countries(by_type["ASSAULT"].target) == {"UKR"}
    assert by_type["ASSAULT"].modality == "asserted"


def test_events_denied_event_is_negated() -> None:
    article = decode("Russia denied the attack by its troops on the Ukrainian capital.")
    attack = next(e for e in article.events if e.type == "ASSAULT")
    assert attack.modality == "negated"


@pytest.mark.parametrize(
    ("text", "mode", "cameo"),
    [
        ("A roadside bomb killed three Afghan soldiers in Kandahar.", "explosives", "1833"),
        ("Israeli warplanes attacked Hamas positions in Gaza.", "aerial", "195"),
        ("Putin spoke by phone with the Turkish president on Monday.", "phone", "041"),
    ],
)
def test_events_mode_and_specific_cameo_code_from_the_sentence(
    text: str, mode: str, cameo: str
) -> None:
    event = only_event(text)
    assert (event.mode, event.cameo) == (mode, cameo)
