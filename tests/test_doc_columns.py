"""The token attributes read in C (newsgraph.nlp.docs) agree with spaCy's per-token ones."""

from __future__ import annotations

from typing import Any

from newsgraph.nlp.docs import doc_columns, string_id, token_columns


def test_columns_hold_the_ids_of_each_tokens_lower_form_part_of_speech_and_dependency(
    nlp: Any,
) -> None:
    doc = nlp("According to CNN, the President said in Astana that talks would resume.")
    lowers, tags, deps = token_columns(doc, ("LOWER", "POS", "DEP"))
    assert len(lowers) == len(tags) == len(deps) == len(doc)
    for token, lower, tag, dep in zip(doc, lowers, tags, deps, strict=True):
        assert lower == string_id(doc, token.lower_)
        assert tag == string_id(doc, token.pos_)
        assert dep == string_id(doc, token.dep_)


def test_kept_columns_are_read_again_for_a_doc_of_another_length(nlp: Any) -> None:
    doc = nlp("Talks resumed.")
    assert doc_columns(doc, ("POS",))[0] == token_columns(doc, ("POS",))[0]
    doc.user_data["newsgraph.columns.POS"] = [[1]]  # kept from a Doc of one token
    assert len(doc_columns(doc, ("POS",))[0]) == len(doc)


def test_an_empty_doc_has_empty_columns(nlp: Any) -> None:
    assert token_columns(nlp(""), ("LOWER", "POS")) == [[], []]
