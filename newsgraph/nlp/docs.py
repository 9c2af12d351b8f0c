"""Values of a spaCy Doc computed once and kept in `doc.user_data`: spaCy rebuilds
`doc.text` from every token, and `doc.ents` as new spans, on each access."""

from __future__ import annotations

from typing import Any

_TEXT_KEY = "newsgraph.text"


def doc_text(doc: Any) -> str:
    """The Doc's text, built once."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.user_data[_TEXT_KEY] = doc.text
    return str(cached)


def remember_text(doc: Any, text: str) -> Any:
    """`doc`, which spaCy made from exactly `text`, told its text, so that `doc_text` need
    not rebuild it from the tokens (spaCy's tokenizer keeps every character: `doc.text`
    is the string it was given)."""
    doc.user_data[_TEXT_KEY] = text
    return doc


__all__ = ["doc_text", "remember_text"]
