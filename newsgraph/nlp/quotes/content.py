"""What a found attribution holds before it becomes a Quote, and the span arithmetic that
turns parse subtrees and quote marks into content fragments."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.model import Span
from newsgraph.nlp.quotes.marks import QuotedRegion

_QUOTE_MARKS = set("“”„«»‘’‹›\"'")
_EDGE_PUNCTUATION = set(",;:—–-") | _QUOTE_MARKS


@dataclass
class Attribution:
    """A statement found in the text: its content, the cue that reports it and the phrase
    that speaks (`source`, with `source_head` the token span that names the speaker)."""

    content: list[Span]
    cue: Span | None
    kind_of_cue: str = "speech"  # one of lexicon.KINDS: speech | belief | intention | …
    source: Span | None = None
    source_head: Span | None = None
    inherited_from: int | None = None  # index of the attribution whose speaker continues
    regions: list[QuotedRegion] = field(default_factory=list)


def token_span(token: Any) -> Span:
    return (token.idx, token.idx + len(token.text))


def subtree_span(token: Any) -> Span:
    """Characters from the token's leftmost to its rightmost descendant."""
    left, right = token.left_edge, token.right_edge
    return (left.idx, right.idx + len(right.text))


def trim(text: str, span: Span, marks: bool = False) -> Span:
    """The span without surrounding spaces and clause punctuation (and quote marks when
    `marks`): ", the bill is dead," -> "the bill is dead"."""
    start, end = span
    strip = _EDGE_PUNCTUATION if marks else _EDGE_PUNCTUATION - _QUOTE_MARKS
    while start < end and (text[start].isspace() or text[start] in strip):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in strip):
        end -= 1
    return (start, end)


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def without_marks(text: str, spans: list[Span]) -> list[Span]:
    """Content fragments with the quote marks cut out: a mixed quote "the order “has become
    outdated”" gives "the order" and "has become outdated"."""
    pieces: list[Span] = []
    for start, end in spans:
        piece_start = start
        for i in range(start, end + 1):
            if i == end or (text[i] in _QUOTE_MARKS and not _apostrophe(text, i)):
                piece = trim(text, (piece_start, i), marks=True)
                if piece[0] < piece[1] and any(c.isalnum() for c in text[piece[0] : piece[1]]):
                    pieces.append(piece)
                piece_start = i + 1
    return pieces


def _apostrophe(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalpha()


def cut_out(text: str, spans: list[Span], cuts: list[Span | None]) -> list[Span]:
    """The spans without the stretches in `cuts`: a quotation the parse hangs on an inverted
    reporting clause ("“…,” Smith, head of X, tells reporters") must not carry its speaker
    or cue along."""
    pieces = list(spans)
    for cut in cuts:
        if cut is None:
            continue
        split: list[Span] = []
        for start, end in pieces:
            if cut[1] <= start or end <= cut[0]:
                split.append((start, end))
                continue
            split.extend(
                piece
                for piece in (trim(text, (start, cut[0])), trim(text, (cut[1], end)))
                if piece[0] < piece[1]
            )
        pieces = split
    return pieces


def quote_kind(spans: list[Span], regions: list[QuotedRegion]) -> str:
    """direct when every content fragment lies inside quote marks, indirect when none does,
    mixed otherwise."""
    fragments = [f for region in regions for f in region.fragments]
    inside = [any(f[0] <= s[0] and s[1] <= f[1] for f in fragments) for s in spans]
    if inside and all(inside):
        return "direct"
    if not any(any(overlaps(s, f) for f in fragments) for s in spans):
        return "indirect"
    return "mixed"


def extend_to_regions(
    content: Span, regions: list[QuotedRegion]
) -> tuple[list[Span], list[QuotedRegion]]:
    """The content grown to whole quotations where it cuts into one (a parse reaches only
    the last sentence of a quotation of several); returns the spans and regions touched."""
    touched = [r for r in regions if any(overlaps(content, f) for f in r.fragments)]
    if not touched:
        return [content], []
    spans: list[Span] = []
    start, end = content
    for region in touched:
        several = len(region.fragments) > 1
        if several or region.outer[0] < start:
            start = min(start, region.fragments[0][0])
        # A quotation over several paragraphs is one statement: content reaching into any
        # of its paragraphs takes all of them (a parse ends at the first paragraph break).
        if several or region.fragments[-1][0] < end:
            end = max(end, region.fragments[-1][1])
    multi = [f for r in touched for f in r.fragments if len(r.fragments) > 1]
    if multi:
        # A quotation over several paragraphs keeps its fragments (no paragraph breaks).
        spans = [(max(f[0], start), min(f[1], end)) for f in multi if overlaps(f, (start, end))]
        if start < multi[0][0]:
            spans.insert(0, (start, multi[0][0]))
        if end > multi[-1][1]:
            spans.append((multi[-1][1], end))
        return spans, touched
    return [(start, end)], touched


__all__ = [
    "Attribution",
    "cut_out",
    "extend_to_regions",
    "overlaps",
    "quote_kind",
    "subtree_span",
    "token_span",
    "trim",
    "without_marks",
]
