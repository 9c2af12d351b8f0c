"""Quotations signed after them: “…” – Keisuke W. (pseudonym), 20, former judo athlete.

Reports that gather testimonies (and letters pages, epigraphs) set each quotation apart and
sign it on the same or a following line with a dash and the speaker's name, then an age, a
role or a place after a comma or a bracket. The name signs the quotation; the speaker of
the quotation before it does not go on.
"""

from __future__ import annotations

import re

from newsgraph.model import Span
from newsgraph.nlp.quotes.marks import QuotedRegion

# A dash after the closing mark (on the same line, the next, or after one blank line), then
# a name of one to five capitalised words (initials and particles allowed), then a comma, a
# bracket or the end of the line.
_SIGNATURE = re.compile(
    r"[ \t]*(?:\n[ \t]*){0,2}(?:[–—―]|-(?=[ \t]))"  # en/em dash, or a spaced hyphen
)
_NAME = re.compile(
    r"[ \t]*((?:[A-Z][\w'’.-]*)(?:[ \t]+(?:[A-Z][\w'’.-]*|de|da|van|von|al|bin|ibn|le|la)){0,4})"
    r"[ \t]*(?=[,(\n]|$)"
)
# Capitalised words that open a sentence rather than a name.
_NOT_NAMES = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "but", "and", "or", "so", "it",
     "he", "she", "they", "we", "i", "you", "in", "on", "at", "as", "if", "when", "while"}
)  # fmt: skip


def signature(text: str, region: QuotedRegion) -> tuple[Span, Span] | None:
    """The dash and the name that sign `region` right after its closing mark, or None."""
    end = region.outer[1]
    dash = _SIGNATURE.match(text, end)
    if dash is None:
        return None
    name = _NAME.match(text, dash.end())
    if name is None or not name.group(1):
        return None
    first = name.group(1).split()[0].lower().rstrip(".")
    if first in _NOT_NAMES:
        return None
    return (dash.end() - 1, dash.end()), (name.start(1), name.end(1))


__all__ = ["signature"]
