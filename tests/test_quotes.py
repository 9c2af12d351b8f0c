"""The quotes component on sentences written for these tests (loads the spaCy model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph import decode_text
from newsgraph.config import Config
from newsgraph.model import Article, Quote

CONFIG = Config().with_overrides(components=("sentences", "actors", "quotes"))


def decode(text: str) -> Article:
    return decode_text(text, config=CONFIG, published="2024-05-02")


def only(article: Article, containing: str) -> Quote:
    found = [q for q in article.quotes if containing in q.text]
    assert len(found) == 1, [q.text for q in article.quotes]
    return found[0]


@pytest.fixture(scope="module")
def story() -> Article:
    return decode(
        "“We will not back down,” said Senator Maria Lindqvist, a Democrat from Oregon. "
        "She told reporters that the budget deal was dead.\n"
        "Lindqvist warned the new rules “have become a little outdated” and said: "
        "“They must go before the summer.”\n"
        "According to the Interior Ministry, the talks failed on Tuesday.\n"
        "Governor Paul Hendricks was even blunter: “This is a disgrace and a betrayal.”\n"
        "“It hurts working families in every county of this state.”"
    )


def test_quotes_direct_quote_with_speaker_after_the_cue(story: Article) -> None:
    quote = only(story, "We will not back down")
    assert quote.kind == "direct"
    assert quote.text == "We will not back down"
    assert quote.speaker is not None and quote.speaker.name == "Maria Lindqvist"
    assert quote.speaker.role == "Senator"
    assert quote.cue is not None and quote.cue.text == "said"


def test_quotes_indirect_quote_speaker_is_the_pronoun_resolved_to_its_actor(
    story: Article,
) -> None:
    quote = only(story, "budget deal was dead")
    assert quote.kind == "indirect"
    assert quote.cue is not None and quote.cue.text == "told"
    assert quote.speaker is not None and quote.speaker.name == "Maria Lindqvist"
    assert story.text[slice(*quote.speaker.span)] == "She"  # type: ignore[misc]
    lindqvist = next(e for e in story.entities if e.name == "Maria Lindqvist")
    assert quote.speaker.entity == lindqvist.id


def test_quotes_mixed_quote_keeps_the_paraphrase_and_the_quoted_words(story: Article) -> None:
    quote = only(story, "a little outdated")
    assert quote.kind == "mixed"
    assert quote.text == "the new rules have become a little outdated"
    assert len(quote.spans) == 2


def test_quotes_colon_after_the_cue_introduces_a_direct_quote(story: Article) -> None:
    quote = only(story, "They must go")
    assert quote.kind == "direct"
    assert quote.speaker is not None and quote.speaker.name == "Maria Lindqvist"


def test_quotes_according_to_names_the_source(story: Article) -> None:
    quote = only(story, "the talks failed")
    assert quote.cue is not None and quote.cue.text == "According to"
    assert quote.speaker is not None
    assert "Interior Ministry" in story.text[slice(*quote.speaker.span)]  # type: ignore[misc]


def test_quotes_colon_introduction_without_a_reporting_verb(story: Article) -> None:
    quote = only(story, "disgrace and a betrayal")
    assert quote.speaker is not None and quote.speaker.name == "Paul Hendricks"


def test_quotes_floating_paragraph_continues_the_previous_speaker(story: Article) -> None:
    quote = only(story, "working families")
    assert quote.kind == "direct"
    assert quote.cue is None
    assert quote.speaker is not None and quote.speaker.name == "Paul Hendricks"


def test_quotes_are_in_text_order_with_numbered_ids(story: Article) -> None:
    starts = [q.spans[0][0] for q in story.quotes]
    assert starts == sorted(starts)
    assert [q.id for q in story.quotes] == [f"q{i}" for i in range(1, len(story.quotes) + 1)]


def test_quotes_tone_is_negative_for_a_harsh_statement(story: Article) -> None:
    assert (only(story, "disgrace").tone or 0.0) < -0.3
    assert all(q.tone is not None and -1.0 <= q.tone <= 1.0 for q in story.quotes)


def test_quotes_quote_running_over_paragraphs_is_one_quote() -> None:
    article = decode(
        "Mayor Ines Carvalho spoke for an hour.\n"
        "“The first thing we will do is repair the bridges,” Carvalho said. “Then the "
        "schools.\n"
        "“Nobody in this city should wait ten years for a new roof.”"
    )
    quote = only(article, "repair the bridges")
    assert "Nobody in this city" in quote.text
    assert "Then the schools." in quote.text
    assert quote.speaker is not None and quote.speaker.name == "Ines Carvalho"


def test_quotes_quote_that_opens_the_article() -> None:
    article = decode("“Ni hao!” was how Chancellor Rudolf Baumann greeted his hosts in Beijing.")
    quote = only(article, "Ni hao")
    assert quote.text == "Ni hao!"
    assert quote.speaker is not None and quote.speaker.name == "Rudolf Baumann"


def test_quotes_scare_quotes_and_apostrophes_are_not_statements() -> None:
    article = decode("The ministers’ so-called “reform” didn’t last. Critics called it a ‘farce’.")
    assert article.quotes == [] or all(len(q.text.split()) > 2 for q in article.quotes)
    assert not any(q.text in ("reform", "farce") for q in article.quotes)


def test_quotes_words_inside_a_quotation_are_not_reports_of_their_own() -> None:
    article = decode("“I think the vote was rigged, and I know who did it,” said Tomas Berg.")
    assert len(article.quotes) == 1
    assert article.quotes[0].speaker is not None
    assert article.quotes[0].speaker.name == "Tomas Berg"


def test_quotes_document_speaks_for_the_body_that_issued_it() -> None:
    article = decode(
        "The Foreign Ministry of Norway met on Monday. "
        "The communiqué stated that both sides agreed on new fishing quotas."
    )
    quote = only(article, "both sides agreed")
    assert quote.speaker is not None and quote.speaker.entity is not None
    assert "Ministry" in quote.speaker.name or quote.speaker.code is not None


def test_quotes_headline_colon_names_the_speaker() -> None:
    article = decode(
        "Hendricks: State Budget Will Protect Rural Schools\n"
        "Governor Paul Hendricks spoke in Salem on Monday."
    )
    quote = only(article, "Rural Schools")
    assert quote.cue is not None and quote.cue.text == ":"
    assert quote.speaker is not None and "Hendricks" in quote.speaker.name


def test_quotes_straight_double_quotes_after_a_colon() -> None:
    article = decode('Clinton said: "We will win this race in November and then govern."')
    quote = only(article, "win this race")
    assert quote.kind == "direct"
    assert quote.speaker is not None and quote.speaker.name == "Clinton"


def test_quotes_impersonal_report_has_no_speaker() -> None:
    article = decode("It is expected that the vote in parliament will be delayed until June.")
    quote = only(article, "the vote in parliament will be delayed")
    assert quote.kind == "indirect"
    assert quote.speaker is None


def test_quotes_quotation_over_two_paragraphs_is_one_quote() -> None:
    article = decode(
        "Anna Berg, a former trade envoy, said: “I think she found herself in a hard spot "
        "with a ministry that kept trying to shrink its role abroad. Nobody helped her.\n\n"
        "“If that is the ministry you work for, it is very hard to act first as a minister,” "
        "she added."
    )
    quote = only(article, "hard spot")
    assert "very hard to act first" in quote.text
    assert quote.speaker is not None and quote.speaker.name == "Anna Berg"


@pytest.mark.shared
@pytest.mark.parametrize("line", [38, 149])
def test_quotes_allsides_articles_that_crashed_decode(shared_data: Path, line: int) -> None:
    # Both hold a quotation over paragraphs whose parse ends before its first paragraph
    # does; the component failed with "min() arg is an empty sequence".
    path = shared_data / "corpus" / "allsides-intl" / "articles.jsonl"
    if not path.exists():
        pytest.skip("AllSides corpus not in ../shared")
    record = json.loads(path.read_text(encoding="utf-8").splitlines()[line - 1])
    article = decode(record["text"])
    assert article.quotes


@pytest.mark.parametrize(
    ("text", "content", "attribution"),
    [
        ("The minister said that the border would open in May.", "border would open", "speech"),
        ("The minister believes that the border will open in May.", "border will open", "belief"),
        ("The minister wants the border to open in May.", "border to open", "intention"),
        ("The minister knows that the border cannot open in May.", "cannot open", "knowledge"),
        (
            "The minister saw that the border had been closed again.",
            "had been closed",
            "perception",
        ),
    ],
)
def test_quotes_attribution_says_what_the_cue_reports(
    text: str, content: str, attribution: str
) -> None:
    quote = only(decode(text), content)
    assert quote.attribution == attribution


@pytest.mark.parametrize(
    ("headline", "cue", "said"),
    [
        ("Farm Union Chief Praises Governor Hendricks For Flood Relief", "Praises", "Governor"),
        ("Senator Amy Lee Says State Budget Will Protect Rural Schools", "Says", "Rural Schools"),
    ],
)
def test_quotes_title_case_headline_verb_names_the_speaker(
    headline: str, cue: str, said: str
) -> None:
    article = decode(f"{headline}\nThe governor spoke in Salem on Monday.")
    quote = only(article, said)
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.speaker is not None and quote.speaker.span is not None
    assert article.text[slice(*quote.speaker.span)] in headline.split(cue)[0]


def test_quotes_title_case_line_with_a_noun_not_a_verb_is_no_quote() -> None:
    article = decode("Why Senator Lee’s Attacks On The Budget Could Backfire\nNothing more.")
    assert not [q for q in article.quotes if q.cue is not None and q.cue.text == "Attacks"]
