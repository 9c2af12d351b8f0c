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


__all__ = ["doc_text"]
