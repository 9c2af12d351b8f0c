"""Quotes read in the text flow: page furniture is never a quote, and "he said" is the
nearest person before it (loads the spaCy model)."""

from __future__ import annotations

import pytest
from test_quotes import decode, only

from newsgraph.nlp.quotes.furniture import furniture_spans
from newsgraph.nlp.quotes.lines import bare_lines, on_own_line


@pytest.mark.parametrize(
    ("text", "furniture"),
    [
        (
            "JUST WATCHED Obama speaks out on arming rebels Replay More Videos ... "
            "MUST WATCH Obama speaks out on arming rebels 02:12",
            ["JUST WATCHED Obama speaks out on arming rebels Replay More Videos ... "
             "MUST WATCH Obama speaks out on arming rebels 02:12"],
        ),
        ("Story highlights Group says rebels took 60 villages", ["Story highlights"]),
        ("Hide caption Margaret Thatcher became prime minister", ["Hide caption"]),
        ("The minister spoke at length. Read More", ["Read More"]),
        ("What's more, Trump said the plan was dead.", []),
        ("Watch out for the storm, officials said.", []),
    ],
)  # fmt: skip
def test_furniture_spans_find_widgets_not_prose(text: str, furniture: list[str]) -> None:
    assert [text[a:b] for a, b in furniture_spans(text)] == furniture


def test_quotes_video_captions_are_no_quotes() -> None:
    article = decode(
        "Kurdish fighters held the town, activist Mostafa Baly told CNN.\n\n"
        "JUST WATCHED Kerry argues for war against ISIS at U.N. Replay More Videos ... "
        "MUST WATCH Kerry argues for war against ISIS at U.N. 02:03\n\n"
        "JUST WATCHED Obama: This will not be America's fight Replay More Videos ... "
        "MUST WATCH Obama: This will not be America's fight 02:17\n\n"
        "“The international community has to take action,” said Redur Xelil, a spokesman."
    )
    assert all("WATCH" not in q.text and "Replay" not in q.text for q in article.quotes)
    assert all(q.speaker is None or "WATCH" not in q.speaker.name for q in article.quotes)
    assert only(article, "has to take action").speaker.name == "Redur Xelil"  # type: ignore[union-attr]


def test_quotes_story_highlights_lead_is_neither_speaker_nor_content() -> None:
    article = decode(
        "Story highlights Defense Secretary Chuck Hagel made his final trip to Afghanistan\n\n"
        "Hagel said unlike in Iraq, Afghan officials want a continued US troop presence\n\n"
        "Defense Secretary Chuck Hagel traveled to Afghanistan this weekend."
    )
    assert all("Story highlights" not in q.text for q in article.quotes)
    assert all("final trip" not in q.text for q in article.quotes)
    assert all(q.speaker is None or "highlights" not in q.speaker.name for q in article.quotes)


HIGHLIGHTS = (
    "Story highlights Rebels seize the northern airport\n\n"
    "The army is ''ready\" to retake it, the defense minister says\n\n"
    'Aid groups "deeply worried" about civilians in the city\n\n'
    "The rebels say they are holding talks with the tribes\n\n"
    "The army will not let the city fall, the defense minister warned on Monday, hours "
    "after the rebels took the airport.\n\n"
)


def test_bare_lines_are_runs_of_paragraphs_without_a_stop() -> None:
    lines = [HIGHLIGHTS[a:b] for a, b in bare_lines(HIGHLIGHTS)]
    assert len(lines) == 4 and lines[3] == "The rebels say they are holding talks with the tribes"
    # A lone headline, a line the next continues in lower case, lines wrapped at single
    # breaks: prose, not a list.
    assert bare_lines("Rebels seize the airport\n\nThe army said it would retake it.") == []
    assert bare_lines("The minister said the army was\n\nready to fight\n\nThe end.") == []
    assert bare_lines("The minister said the army\nwas ready to fight\nand would win") == []


def test_on_own_line_cuts_the_content_of_a_bare_line_cue_to_its_line() -> None:
    text = "Army ready, minister says\n\nAid groups worried about civilians"
    bare = bare_lines(text)
    says = (text.index("says"), text.index("says") + 4)
    assert on_own_line([(0, len(text))], says, bare) == [(0, bare[0][1])]
    assert on_own_line([(bare[1][0], bare[1][1])], says, bare) == []
    assert on_own_line([(0, 4)], None, bare) == [(0, 4)]


def test_quotes_a_highlight_s_cue_reports_nothing_on_the_other_highlights() -> None:
    article = decode(HIGHLIGHTS)
    for quote in article.quotes:
        if quote.cue is not None and quote.cue.text == "says":
            start = quote.cue.span[0]
            line = (HIGHLIGHTS.rfind("\n", 0, start) + 1, HIGHLIGHTS.find("\n", start))
            assert all(line[0] <= a and b <= line[1] for a, b in quote.spans), quote.text
    assert all("deeply worried" not in q.text for q in article.quotes)
    assert all("warned on Monday" not in q.text for q in article.quotes)


@pytest.mark.parametrize(
    ("text", "containing", "speaker"),
    [
        pytest.param(
            "Jon Alterman, a senior vice president at a think tank, said the crises seem part "
            "of the president's design.\n\n"
            "“He is comfortable with chaos,” Alterman said. “Donald Trump sees it as an asset.”"
            "\n\nSo the tensions in Iran, he said, are a feature of Trump's approach to the world.",
            "are a feature",
            "Jon Alterman",
            id="last speaker, not a possessive or a name inside the quotation",
        ),
        pytest.param(
            "“We're turning back the clock,” said Andreas Onnerfors, who lives in Lund, on the "
            "Swedish side of the bridge.\n\n"
            "“We're going back to a time when the bridge didn't exist,” he said.",
            "going back to a time",
            "Andreas Onnerfors",
            id="not a place in a relative clause",
        ),
        pytest.param(
            "Ms. Anna Berg, the party's spokeswoman, met Peter Holm on Monday.\n\n"
            "Mr. Holm declined to comment on the talks.\n\n"
            "“We will not sign this deal,” she said.",
            "will not sign",
            "Anna Berg",
            id="of the pronoun's gender",
        ),
        pytest.param(
            "Ted Cruz, who won Texas, is calling for his rivals to drop out.\n\n"
            "Though he did not mention Marco Rubio by name, he said they should drop out.",
            "should drop out",
            "Ted Cruz",
            id="a subject, not an object",
        ),
        pytest.param(
            "Officials met on Monday in the capital.\n\nChelsea Manning, a senior research "
            "fellow at a think tank, has studied the campaign for years. She said the air war "
            "alone would not defeat the militants.",
            "would not defeat",
            "Chelsea Manning",
            id="a person the recognizer tagged an organization, shown by an apposition",
        ),
        pytest.param(
            "Officials met on Monday in the capital.\n\nDakota Wood, a senior research "
            "fellow at a think tank, has studied the campaign for years. He said the air war "
            "alone would not defeat the militants.",
            "would not defeat",
            "Dakota Wood",
            id="a person the recognizer missed, shown by an apposition",
        ),
    ],
)
def test_quotes_pronoun_speaker_is_the_nearest_fitting_person_before_it(
    text: str, containing: str, speaker: str
) -> None:
    quote = only(decode(text), containing)
    assert quote.speaker is not None and quote.speaker.name == speaker
