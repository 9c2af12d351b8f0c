"""Quotations signed after them with a dash and a name (loads the spaCy model for the
decode tests)."""

from __future__ import annotations

import pytest
from test_quotes import decode, only

from newsgraph.nlp.quotes.marks import find_quoted_regions
from newsgraph.nlp.quotes.signed import signature


@pytest.mark.parametrize(
    ("text", "signer"),
    [
        ("“I was hit every day.”\n– Keisuke W. (pseudonym), 20, former athlete", "Keisuke W."),
        ("“It was hard to quit.” — Tsubasa Araya, 19, Tokyo", "Tsubasa Araya"),
        ("“We will win the state.” - Maria de Souza\nNext line", "Maria de Souza"),
        ("“That is all there is,” he said — The end", None),
        ("He called it “a disgrace to us all” - a word he used twice.", None),
        ("“We knew it would come” — The pattern held, analysts said.", None),
    ],
)  # fmt: skip
def test_signature_is_a_dash_and_a_name_after_the_closing_mark(
    text: str, signer: str | None
) -> None:
    region = find_quoted_regions(text)[0]
    found = signature(text, region)
    assert (text[slice(*found[1])] if found else None) == signer


def test_quotes_signed_quotations_are_their_signers_not_the_previous_speaker() -> None:
    article = decode(
        "Human Rights Watch interviewed more than 50 former athletes for the report.\n\n"
        "“I was beaten so often that I lost count of the days,” said Akira Sato, a former "
        "judo coach.\n\n"
        "“I was hit every day by the coach and could not tell my parents about it.”\n\n"
        "– Keisuke Watanabe (pseudonym), 20, former baseball player, Tokyo\n\n"
        "“My teammates watched and nobody ever stopped him from doing it.”\n\n"
        "– Tsubasa Araya, 23, former swimmer, Osaka"
    )
    hit = only(article, "hit every day")
    assert hit.speaker is not None and hit.speaker.name.startswith("Keisuke Watanabe")
    watched = only(article, "teammates watched")
    assert watched.speaker is not None and watched.speaker.name == "Tsubasa Araya"
    assert only(article, "lost count").speaker.name == "Akira Sato"  # type: ignore[union-attr]
