"""Attribution rules of the quotes layer on sentences written for these tests: infinitive
complements, object complements, paragraph-bound cues, speakers kept out of content."""

from __future__ import annotations

import pytest
from test_quotes import decode, only

from newsgraph import decode_text
from newsgraph.config import Config
from newsgraph.model import Article
from newsgraph.nlp.quotes.subjects import _last_line


def speaker_text(text: str, content: str) -> str:
    """The text of the speaker span of the one quote of `text` holding `content`."""
    quote = only(decode(text), content)
    assert quote.speaker is not None and quote.speaker.span is not None
    start, end = quote.speaker.span
    return text[start:end]


WITH_DAMAGE = Config().with_overrides(components=("sentences", "damage"))


@pytest.fixture(scope="module")
def story() -> Article:
    return decode(
        "Governor Paul Hendricks vowed to veto the spending bill.\n"
        "Senator Amy Lee praised the mayor for her handling of the flood.\n"
        "The senator echoed the call for a ceasefire in the region.\n"
        "“Yes, I support the plan,” Brent Miller, head of the Farmers Union, tells the Courier.\n"
        "“Closing the plant is a mistake,” Mayor Ana Ruiz said. “It will cost us dearly.”\n"
        "Later, union leaders said the talks had failed.\n"
        "“I think the deal is dead,” Senator Amy Lee said, “and we should start over.”\n"
        "Mayor Tom Brandt said the budget was balanced, and accused the council of "
        "wasting money on consultants."
    )


def test_quotes_speech_verb_with_infinitive_reports_the_infinitive(story: Article) -> None:
    quote = only(story, "veto the spending bill")
    assert quote.text == "to veto the spending bill"
    assert quote.cue is not None and quote.cue.text == "vowed"


def test_quotes_object_content_keeps_its_prepositional_complement(story: Article) -> None:
    quote = only(story, "the mayor")
    assert quote.text == "the mayor for her handling of the flood"


def test_quotes_stance_verb_from_the_lexicon_reports_its_object(story: Article) -> None:
    quote = only(story, "ceasefire")
    assert quote.cue is not None and quote.cue.text == "echoed"
    assert quote.text.startswith("the call for a ceasefire")


def test_quotes_content_never_carries_its_own_speaker(story: Article) -> None:
    quote = only(story, "I support the plan")
    assert "Brent Miller" not in quote.text
    assert quote.speaker is not None and quote.speaker.name == "Brent Miller"


def test_quotes_quotation_after_the_cue_sentence_continues_within_its_paragraph(
    story: Article,
) -> None:
    quote = only(story, "cost us dearly")
    assert "Closing the plant is a mistake" in quote.text
    assert quote.speaker is not None and quote.speaker.name == "Ana Ruiz"


def test_quotes_cue_inside_another_quotation_is_not_a_cue(story: Article) -> None:
    quote = only(story, "start over")
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.speaker is not None and quote.speaker.name == "Amy Lee"


def test_quotes_quotation_on_both_sides_of_one_cue_is_one_statement(story: Article) -> None:
    quote = only(story, "start over")
    assert quote.text == "I think the deal is dead and we should start over."


def test_quotes_clause_stops_where_a_further_speech_cue_joins_on(story: Article) -> None:
    quote = only(story, "budget was balanced")
    assert quote.text == "the budget was balanced"


def test_quotes_speaker_is_the_subject_nearest_the_cue_not_a_timestamp_line() -> None:
    article = decode(
        "The Latest on the race.\n\n___.\n\n12:15 p.m.:\n\n"
        "President Barack Obama says that the economy is growing.\n"
    )
    quote = only(article, "economy is growing")
    assert quote.speaker is not None and quote.speaker.name == "Barack Obama"


def test_quotes_participle_after_a_noun_speaks_for_that_noun() -> None:
    article = decode("Protesters held signs saying the war must end.\n")
    quote = only(article, "the war must end")
    assert quote.speaker is not None and quote.speaker.name == "signs"


@pytest.fixture(scope="module")
def summit() -> Article:
    return decode(
        "President Daniyar Sadykov greeted the visiting premier at the airport, a gesture "
        "officials in Astana described as a sign of deep trust.\n\n"
        "The bloc welcomed a new member, and Mayor Hosni Abel hosted the delegation.\n\n"
        "The summit adopted a plan on water, which aims to cut waste in the region by half.\n\n"
        "Chinese officials attended the talks. The final communiqué mentioned that the members "
        "would cooperate on border security.\n\n"
        "“The bloc is changing fast, and the West has not noticed that it matters,” said Anna "
        "Berg, an analyst at the Steppe Institute.\n\n"
        "“Our talks with  were useful,” said Wang Yi, the foreign minister, after the meeting."
    )


def test_quotes_speaker_is_not_a_nominal_fragment_or_a_place(summit: Article) -> None:
    quote = only(summit, "greeted the visiting premier")
    assert quote.speaker is not None
    assert quote.speaker.name == "officials in Astana" and quote.speaker.entity is None


def test_quotes_action_verbs_make_no_statement(summit: Article) -> None:
    cues = [q.cue.text for q in summit.quotes if q.cue]
    assert not {"welcomed", "hosted", "greeted"} & set(cues), cues


def test_quotes_an_intention_needs_someone_to_hold_it(summit: Article) -> None:
    # "which" stands for "a plan on water": a plan wants nothing.
    assert not [q for q in summit.quotes if "cut waste" in q.text]


def test_quotes_a_document_speaks_for_itself_not_for_a_demonym(summit: Article) -> None:
    quote = only(summit, "cooperate on border security")
    assert quote.speaker is not None and quote.speaker.name == "The final communiqué"


def test_quotes_a_cue_inside_someone_s_quotation_makes_no_second_quote(summit: Article) -> None:
    quote = only(summit, "has not noticed")
    assert quote.speaker is not None and quote.speaker.name == "Anna Berg"


def test_quotes_a_quotation_with_a_damage_gap_is_one_quote_over_the_gap(summit: Article) -> None:
    quote = only(summit, "talks with")
    gap = summit.text.index("with  were") + len("with ")
    assert quote.spans[0][0] < gap < quote.spans[-1][1]
    assert quote.speaker is not None and quote.speaker.name == "Wang Yi"
    # The damage layer flags the gap the quote runs over.
    damaged = decode_text(summit.text, config=WITH_DAMAGE)
    assert any(d.span[0] <= gap <= d.span[1] for d in damaged.damage)


def test_quotes_relative_pronoun_speaks_for_its_antecedent() -> None:
    article = decode(
        "The plan was backed by the Steppe Institute, which said that the deal was fair. "
        "It was also backed by a group of farmers, who said that the price was too low."
    )
    assert only(article, "deal was fair").speaker.name == "Steppe Institute"  # type: ignore[union-attr]
    assert only(article, "too low").speaker.name == "a group of farmers"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("In Berg's view, the deal will not survive the winter.", "not survive", "Berg"),
        ("In the view of the ministry, the deal is dead.", "deal is dead", "ministry"),
        ("Berg's position is that the deal must be signed this year.", "must be signed", "Berg"),
    ],
)
def test_quotes_a_view_or_position_is_its_holder_s_belief(
    text: str, content: str, speaker: str
) -> None:
    quote = only(decode(text), content)
    assert quote.attribution == "belief"
    assert quote.speaker is not None and speaker in quote.speaker.name


def test_quotes_the_one_told_is_not_the_speaker() -> None:
    quote = only(decode("Voters were told that the plan would cut taxes."), "cut taxes")
    assert quote.speaker is None


def test_quotes_a_passive_belief_with_no_holder_has_no_speaker() -> None:
    quote = only(decode("Farmers are expected to protest in May."), "protest in May")
    assert quote.attribution == "belief" and quote.speaker is None
    assert quote.cue is not None and quote.cue.text == "expected"


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("Senator Amy Lee was referring to the new tariffs on steel.", "tariffs on steel", "to"),
        ("The mayor responded to the criticism from the council.", "criticism", "to"),
        ("Senator Amy Lee commented on the budget deficit.", "budget deficit", "on"),
    ],
)
def test_quotes_a_cue_s_prepositional_object_is_what_it_says(
    text: str, content: str, cue: str
) -> None:
    quote = only(decode(text), content)
    assert quote.speaker is not None
    assert not quote.text.startswith(cue)


def test_quotes_the_one_asked_is_not_what_was_asked() -> None:
    article = decode("Mayor Ana Ruiz asked reporters about the flood defences.")
    assert only(article, "flood defences").text == "the flood defences"
    assert not [q for q in article.quotes if q.text == "reporters"]


def test_quotes_what_seems_so_is_a_belief_about_the_subject() -> None:
    article = decode("The senator seemed ready to abandon the bill.")
    quote = only(article, "ready to abandon")
    assert quote.attribution == "belief"
    assert quote.text.startswith("The senator")


def test_quotes_a_reporting_noun_s_object_is_held_by_whoever_voices_it() -> None:
    quote = only(decode("Senator Amy Lee raised questions about the new tariffs."), "tariffs")
    assert quote.text == "the new tariffs"
    assert quote.speaker is not None and "Amy Lee" in quote.speaker.name


def test_quotes_in_response_to_is_the_occasion_not_a_claim() -> None:
    article = decode("In response to the flood, the council closed the bridge.")
    assert not [q for q in article.quotes if q.text == "the flood"]


def test_quotes_a_judged_object_is_what_the_cue_holds() -> None:
    quote = only(decode("Many farmers see the treaty as a betrayal."), "betrayal")
    assert quote.text == "the treaty as a betrayal"
    assert quote.speaker is not None and quote.speaker.name == "Many farmers"


def test_quotes_a_passive_judgement_has_no_speaker_but_its_agent() -> None:
    quote = only(decode("The treaty is widely seen as a betrayal."), "betrayal")
    assert quote.text.startswith("The treaty") and quote.speaker is None


def test_quotes_what_a_cue_is_about_is_what_it_says() -> None:
    quote = only(decode("Senator Amy Lee talked about the flood defences."), "flood")
    assert quote.text == "the flood defences"


@pytest.mark.parametrize(
    ("text", "content", "attribution"),
    [
        ("Senator Amy Lee is confident that the bill will pass.", "the bill will pass", "belief"),
        ("The farmers are eager to sell their grain abroad.", "sell their grain", "intention"),
        ("Mayor Ana Ruiz was worried about the flood defences.", "flood defences", "belief"),
    ],
)
def test_quotes_an_adjective_of_stance_reports_what_its_subject_holds(
    text: str, content: str, attribution: str
) -> None:
    quote = only(decode(text), content)
    assert quote.attribution == attribution and quote.speaker is not None


def test_quotes_rare_communication_verbs_are_cues() -> None:
    quote = only(decode("Senator Amy Lee opined that the deal was dead."), "deal was dead")
    assert quote.cue is not None and quote.cue.text == "opined"


def test_quotes_speaking_on_condition_of_anonymity_says_nothing() -> None:
    article = decode("An aide spoke on condition of anonymity.")
    assert not [q for q in article.quotes if "anonymity" in q.text]


def test_quotes_a_quoted_word_completing_the_object_is_kept() -> None:
    quote = only(decode('The mayor called it "shameful".'), "shameful")
    assert quote.text == "it shameful"


def test_quotes_object_content_ends_before_the_writers_aside() -> None:
    article = decode(
        "Governor Paul Hendricks has chosen Senator Amy Lee as his running mate, "
        "a lawyer who moved to Salem in 1990."
    )
    quote = only(article, "Amy Lee")
    assert quote.text == "Senator Amy Lee as his running mate"


def test_quotes_scene_setting_participle_is_not_part_of_the_quotation() -> None:
    article = decode(
        "Asked what the party needed in a nominee, Hendricks said, “They have to be able to win.”"
    )
    quote = only(article, "able to win")
    assert "Asked" not in quote.text and "nominee" not in quote.text
    assert quote.speaker is not None and "Hendricks" in quote.speaker.name


def test_quotes_relative_who_after_a_predicate_noun_speaks_for_the_subject() -> None:
    article = decode(
        "Paul Hendricks is a farmer, lawyer and author who said the dam must be rebuilt."
    )
    quote = only(article, "dam must be rebuilt")
    assert quote.speaker is not None and "Hendricks" in quote.speaker.name


def test_quotes_a_share_of_people_holds_an_intention() -> None:
    article = decode("In Salem, 60 percent want the governor to rebuild the dam.")
    quote = only(article, "rebuild the dam")
    assert quote.attribution == "intention"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "Asked whether the dam would be rebuilt this year, Governor Paul Hendricks said it "
            "would.",
            "dam would be rebuilt",
        ),
        # The parse tags a sentence's first "Asked" a past tense here.
        (
            "Paul Hendricks spoke on Monday. Asked what a firm commitment looks like, Governor "
            "Paul Hendricks said it would.",
            "firm commitment",
        ),
    ],
)
def test_quotes_question_put_to_someone_is_not_theirs(text: str, asked: str) -> None:
    article = decode(text)
    question = only(article, asked)
    assert question.speaker is None
    answer = only(article, "it would")
    assert answer.speaker is not None and "Hendricks" in answer.speaker.name


def test_quotes_object_content_keeps_what_to_completes() -> None:
    article = decode("Senator Amy Lee compared the state budget to a sinking ship.")
    quote = only(article, "state budget")
    assert quote.text == "the state budget to a sinking ship"


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("Last month, 26 percent of voters said the same.", "the same"),
        ("Six in ten called the plan fair, after half said so in May.", "so"),
    ],
)
def test_quotes_a_word_standing_for_a_statement_is_what_was_said(sentence: str, said: str) -> None:
    article = decode(sentence)
    assert said in [q.text for q in article.quotes]


def test_quotes_speaker_phrase_leaves_out_a_dateline() -> None:
    text = (
        "CLEVELAND, July 19 (UPI) — Former Attorney General Michael Mukasey said the "
        "convention was a success.\n"
    )
    quote = only(decode(text), "convention was a success")
    assert quote.speaker is not None and quote.speaker.span is not None
    start, end = quote.speaker.span
    assert text[start:end] == "Former Attorney General Michael Mukasey"
    assert quote.speaker.name == "Michael Mukasey"


@pytest.mark.parametrize(
    ("phrase", "kept"),
    [
        (
            "9:05 a.m.\n\nDemocratic presidential candidate Amy Lee",
            "Democratic presidential candidate Amy Lee",
        ),
        ("New York (AFP) – Oscar-winning actress Jane Miller", "Oscar-winning actress Jane Miller"),
        ("Senator Amy Lee, a Democrat from Oregon", "Senator Amy Lee, a Democrat from Oregon"),
    ],
)
def test_quotes_a_subject_before_its_verb_keeps_the_words_after_a_line_break_or_dateline(
    phrase: str, kept: str
) -> None:
    text = f"{phrase} said so."
    start, end = _last_line(text, (0, len(phrase)))
    assert text[start:end] == kept


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Senator Amy Lee, wearing a red cape with blinking lights, said the plan would fail.",
            "plan would fail",
            "Senator Amy Lee",
        ),
        (
            "Marco Rubio, speaking at a rally in his hometown of Miami, said that the race "
            "was not over.",
            "race was not over",
            "Marco Rubio",
        ),
    ],
)
def test_quotes_speaker_phrase_ends_before_a_participle_set_off_by_a_comma(
    text: str, content: str, speaker: str
) -> None:
    assert speaker_text(text, content) == speaker


def test_quotes_a_running_story_title_before_a_colon_is_not_a_speaker() -> None:
    article = decode(
        "The Latest: Sanders wins the Minnesota Democratic caucuses\n\n"
        "Bernie Sanders won the caucuses on Tuesday.\n"
    )
    assert not [q for q in article.quotes if q.speaker and q.speaker.name == "The Latest"]


def test_quotes_said_according_to_a_source_is_one_statement_given_to_that_source() -> None:
    article = decode(
        "“I ask you not to protest on the floor,” Sanders said, according to CNN. "
        "“It is of utmost importance.”\n"
    )
    quote = only(article, "not to protest")
    assert quote.speaker is not None and quote.speaker.name == "CNN"
    assert quote.cue is not None and quote.cue.text == "according to"


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Senator Tom Brandt distanced himself from the movement by saying he would be "
            "willing to serve.",
            "willing to serve",
            "Senator Tom Brandt",
        ),
        (
            "Police charged the driver after determining that a video showed him at the scene.",
            "video showed him",
            "Police",
        ),
        (
            "Democratic voters are slightly more likely to say that Clinton represents their "
            "positions.",
            "represents their positions",
            "Democratic voters",
        ),
    ],
)
def test_quotes_a_cue_after_a_preposition_or_adjective_shares_the_clause_s_subject(
    text: str, content: str, speaker: str
) -> None:
    assert speaker_text(text, content) == speaker


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "The factory plan drew protests.\n\nThe civic groups wrote to Acme Corp on Thursday "
            "about the factory. They said the plan was unsafe.",
            "The civic groups",
        ),
        (
            "The factory plan drew protests.\n\nDemocrats met in Denver on Monday with Acme "
            "Corp. They said the plan was unsafe.",
            "Democratic Party",
        ),
    ],
)
def test_quotes_they_speaks_for_the_nearest_group_named_as_a_subject(text: str, group: str) -> None:
    quote = only(decode(text), "plan was unsafe")
    assert quote.speaker is not None and quote.speaker.name == group


def test_quotes_they_with_no_group_before_it_is_no_actor() -> None:
    text = (
        "The factory plan drew protests.\n\nThe plan was discussed at Acme Corp. "
        "They said it was unsafe."
    )
    quote = only(decode(text), "it was unsafe")
    assert quote.speaker is not None
    assert quote.speaker.name == "They" and quote.speaker.entity is None


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "The race heats up.\n\nLast June, Trump stirred controversy with an assertion "
            "that the migrants were criminals.",
            "migrants were criminals",
            "Trump",
        ),
        (
            "The race heats up.\n\nTrump backed away from a suggestion that he might pay the "
            "legal costs.",
            "legal costs",
            "Trump",
        ),
        (
            "The race heats up.\n\nDozens of workers protested outside the hotel in the hope "
            "that the committee would listen.",
            "committee would listen",
            "Dozens of workers",
        ),
    ],
)
def test_quotes_a_reporting_noun_after_with_from_or_in_is_the_subject_s(
    text: str, content: str, speaker: str
) -> None:
    assert speaker_text(text, content) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Both the president and his deputy called him to express their support.",
        "The chancellor called her on Sunday to congratulate her on the victory.",
    ],
)
def test_quotes_call_with_a_person_and_a_purpose_is_a_phone_call(text: str) -> None:
    article = decode(text)
    assert all(not (q.cue and q.cue.text == "called") for q in article.quotes), [
        q.text for q in article.quotes
    ]


def test_quotes_call_naming_or_demanding_still_reports() -> None:
    article = decode(
        "The senator called him a liar. Senator Amy Lee called on the mayor to resign."
    )
    assert only(article, "a liar").text == "him a liar"
    assert only(article, "resign").cue is not None
