"""Quote-mark scanning, cue lexicon and span helpers of the quotes layer (no spaCy model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import ConfigError
from newsgraph.nlp.quotes.content import extend_to_regions, quote_kind, without_marks
from newsgraph.nlp.quotes.lexicon import load_cues
from newsgraph.nlp.quotes.marks import find_quoted_regions, is_statement


def quoted(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in r.fragments] for r in find_quoted_regions(text)]


@pytest.mark.parametrize(
    "text",
    [
        "She said “the plan is dead” on Monday.",
        'She said "the plan is dead" on Monday.',
        "Sie sagte „the plan is dead“ am Montag.",
        "Elle a dit « the plan is dead » lundi.",
        "Er sagte »the plan is dead« am Montag.",
        "She said ‘the plan is dead’ on Monday.",
        "She said 'the plan is dead' on Monday.",
        "She said ''the plan is dead'' on Monday.",
    ],
)
def test_marks_every_style_gives_the_content_without_marks(text: str) -> None:
    assert quoted(text) == [["the plan is dead"]]


def test_marks_apostrophes_and_possessives_are_not_quote_marks() -> None:
    text = "The leaders’ summit didn’t help O'Brien’s party, and the ministers' talks don't either."
    assert quoted(text) == []


def test_marks_two_apostrophes_are_one_double_mark_around_apostrophes_of_their_own() -> None:
    text = "''It's a rock 'n' roll show,'' the aide said. ''Don't miss it.''"
    assert quoted(text) == [["It's a rock 'n' roll show,"], ["Don't miss it."]]
    regions = find_quoted_regions(text)
    assert [text[s:e] for s, e in (r.outer for r in regions)] == [
        "''It's a rock 'n' roll show,''",
        "''Don't miss it.''",
    ]


def test_marks_quote_over_paragraphs_is_one_region_with_a_fragment_each() -> None:
    text = "“The first paragraph goes on.\n“The second one too.\n“And the last closes,” he said."
    assert quoted(text) == [
        ["The first paragraph goes on.", "The second one too.", "And the last closes,"]
    ]


def test_marks_single_quotes_inside_double_quotes_are_not_regions_of_their_own() -> None:
    text = "“He called it ‘a disgrace’ and left,” she said."
    assert quoted(text) == [["He called it ‘a disgrace’ and left,"]]


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        ("They called it a “success” again.", False),
        ("They called it a “big success” again.", False),
        ("“Ni hao!” was how he greeted them.", True),
        ("“We will not back down,” she said.", True),
    ],
)
def test_marks_scare_quotes_are_not_statements(text: str, statement: bool) -> None:
    (region,) = find_quoted_regions(text)
    assert is_statement(text, region) is statement


def test_lexicon_reads_forms_kinds_and_phrases() -> None:
    cues = load_cues()
    assert cues.verb_kind("say") == "speech"
    assert cues.verb_kind("", "told") == "speech"
    assert cues.verb_kind("believe") == "belief"
    assert cues.verb_kind("want") == "intention"
    assert cues.kind_of_text("has said") == "speech"
    assert cues.kind_of_text("according to") == "speech"
    assert cues.kind_of_text("percent") is None
    assert "call" in cues.objects and "say" not in cues.objects
    assert "update" in cues.labels


def test_lexicon_user_file_adds_and_replaces_cues(tmp_path: Path) -> None:
    extra = tmp_path / "my-cues.tsv"
    extra.write_text(
        "# mine\ncue\tkind\tpos\tforms\tcontent\tnotes\n"
        "opine\tspeech\tverb\t\tclause\tmine\nsay\tbelief\tverb\t\tclause\treplaced\n",
        encoding="utf-8",
    )
    cues = load_cues((str(extra),))
    assert cues.verb_kind("", "opined") == "speech"
    assert cues.verb_kind("say") == "belief"


def test_lexicon_bad_row_is_a_config_error(tmp_path: Path) -> None:
    extra = tmp_path / "bad.tsv"
    extra.write_text("cue\tkind\tpos\nopine\tgossip\tverb\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_cues((str(extra),))


def test_content_without_marks_splits_a_mixed_quote() -> None:
    text = "the order “has become outdated” now"
    spans = without_marks(text, [(0, len(text))])
    assert [text[s:e] for s, e in spans] == ["the order", "has become outdated", "now"]
    regions = find_quoted_regions(text)
    assert quote_kind(spans, regions) == "mixed"
    assert quote_kind([spans[1]], regions) == "direct"
    assert quote_kind([spans[0]], regions) == "indirect"


def test_content_ending_before_the_first_paragraph_of_a_quotation_grows_to_all_of_it() -> None:
    # A parse that leaves the final period to the reporting verb ends one letter before the
    # first paragraph of a quotation over two: the content used to come back empty (and
    # crash the component); it is the whole quotation.
    text = (
        "Berg said: “She was in a hard spot.\n\n“If that is the ministry, it is hard,” she added."
    )
    regions = find_quoted_regions(text)
    start = text.index("She")
    spans, touched = extend_to_regions((start, text.index(".")), regions)
    assert [text[s:e] for s, e in spans] == [
        "She was in a hard spot.",
        "If that is the ministry, it is hard,",
    ]
    assert touched == regions
