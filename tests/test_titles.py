"""Titles made from an article's first sentence, for articles that came without one."""

from __future__ import annotations

import pytest

from newsgraph.extract.titles import MAX_TITLE, first_sentence, title_from_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The summit opened on Monday. Leaders arrived early.", "The summit opened on Monday"),
        ("WASHINGTON — NATO leaders met on Wednesday. More.", "NATO leaders met on Wednesday"),
        ("KYIV, Ukraine (Reuters) - Air raid sirens sounded. Then", "Air raid sirens sounded"),
        (
            "Mr. Smith met U.S. officials in Kyiv. They talked.",
            "Mr. Smith met U.S. officials in Kyiv",
        ),
        (
            "Schweden ist das 32. Mitglied der NATO. Mehr folgt.",
            "Schweden ist das 32. Mitglied der NATO",
        ),
        ("A headline-like first line\n\nThe body follows. More.", "A headline-like first line"),
        ("  \n  ", None),
        ("...", None),
    ],
)
def test_title_from_text_takes_the_first_sentence(text: str, expected: str | None) -> None:
    assert title_from_text(text) == expected


def test_title_from_text_shortens_at_a_clause_and_never_ends_on_a_small_word() -> None:
    text = (
        "Finland formally became the 31st member of the North Atlantic Treaty Organization on"
        " Tuesday, ending decades of military non-alignment less than a year after it applied."
    )
    title = title_from_text(text)
    assert title == (
        "Finland formally became the 31st member of the North Atlantic Treaty Organization"
        " on Tuesday…"
    )
    words = " ".join(["word"] * 12 + ["the", "of", "Tuesday"] * 10)
    shortened = title_from_text(words)
    assert shortened is not None and len(shortened) <= MAX_TITLE
    assert shortened.endswith("Tuesday…")


def test_first_sentence_follows_the_analysis_sentence_end() -> None:
    text = "  Talks ended at 5 p.m. Monday in Geneva. Delegates left."
    assert first_sentence(text) == "Talks ended at 5 p.m. Monday in Geneva."
    # Where the analysis (spaCy's sentences, stored with the article) says the first
    # sentence ends, there it ends.
    assert (
        first_sentence(text, len(text)) == "Talks ended at 5 p.m. Monday in Geneva. Delegates left."
    )
    assert first_sentence(text, 2 + len("Talks ended")) == "Talks ended"
