"""Quote-mark scanning: the stretches of text that stand between quotation marks.

Every style is read: “…” ‘…’ „…“ «…» »…« ‹…›, straight " and ', and two straight
apostrophes as one double mark (''…'', as newspaper archives and typewritten copy write it).
An apostrophe is not a mark: a straight or curly single mark between two letters ("don't",
"Clinton’s") or closing a plural possessive ("leaders’ summit") never opens or closes a
quote. A quote that runs over several paragraphs, each opening with a mark and only the last
one closing, is one region with a fragment per paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.model import Span

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’›"
# Before an opening mark: the start, a space, a bracket, a dash or another opening mark.
_OPEN_CONTEXT = set(" \t\n([{—–-/:") | set(_DOUBLE_OPEN + _SINGLE_OPEN)
_WORD = re.compile(r"[^\W_]+")
# The characters each scan looks at, found by the regex engine rather than a Python loop
# over every character of the article.
_TWO_APOSTROPHES = "''"
_DOUBLE_CHARS = re.compile(
    _TWO_APOSTROPHES + "|[" + re.escape(_DOUBLE_OPEN + _DOUBLE_CLOSE + '"') + "]"
)
_SINGLE_CHARS = re.compile("[" + re.escape(_SINGLE_OPEN + _SINGLE_CLOSE + "'") + "]")


@dataclass(frozen=True)
class QuotedRegion:
    """One quotation: `fragments` are the content spans between the marks (one per
    paragraph it runs over), `outer` runs from the first opening to the last closing mark."""

    fragments: tuple[Span, ...]
    outer: Span

    def words(self, text: str) -> int:
        return sum(len(_WORD.findall(text[start:end])) for start, end in self.fragments)


def find_quoted_regions(text: str) -> list[QuotedRegion]:
    """Double-quoted regions first; single-quoted ones only outside them (a single-quoted
    stretch inside a double quote is a quote within the quote, not a statement of its own)."""
    doubles = _scan(text, _double_marks(text))
    singles = [
        region
        for region in _scan(text, _single_marks(text))
        if not any(_inside(region.outer, other.outer) for other in doubles)
    ]
    return sorted(doubles + singles, key=lambda region: region.outer)


def is_statement(text: str, region: QuotedRegion) -> bool:
    """A quotation that says something, not scare quotes around a word or two: four words or
    more, or a short exclamation or sentence of its own (“Ni hao!”)."""
    if region.words(text) >= 4:
        return True
    last = text[region.fragments[-1][0] : region.fragments[-1][1]].rstrip()
    first = text[region.fragments[0][0] : region.fragments[0][1]].lstrip()
    return bool(last) and last[-1] in ".!?" and first[:1].isupper()


def _inside(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


# A mark is (offset, "open" | "close"); ambiguous straight marks are resolved in _scan.
Mark = tuple[int, str]


def _double_marks(text: str) -> list[Mark]:
    marks: list[Mark] = []
    for match in _DOUBLE_CHARS.finditer(text):
        i, char = match.start(), match.group()
        if char in _DOUBLE_OPEN:
            # „…“ and »…« (German) close with “ and «: an opening mark right after a word
            # closes.
            closing = char in "“«" and not _opens_here(text, i) and _closes_here(text, i)
            marks.append((i, "close" if closing else "open"))
        elif char in _DOUBLE_CLOSE:
            # »…« (also German) opens with » before a word.
            opening = char == "»" and _opens_here(text, i) and not _closes_here(text, i)
            marks.append((i, "open" if opening else "close"))
        elif char in ('"', _TWO_APOSTROPHES):
            marks.append((i, "either"))
    return marks


def _single_marks(text: str) -> list[Mark]:
    marks: list[Mark] = []
    for match in _SINGLE_CHARS.finditer(text):
        i, char = match.start(), match.group()
        if _between_letters(text, i):
            continue  # don't, Clinton’s, O'Brien
        if _TWO_APOSTROPHES in (text[i : i + 2], text[max(0, i - 1) : i + 1]):
            continue  # half of a double mark
        if char in _SINGLE_OPEN or (char == "'" and _opens_here(text, i)):
            if _opens_here(text, i):
                marks.append((i, "open"))
        elif _closes_here(text, i) and not _plural_possessive(text, i):
            marks.append((i, "close"))
    return marks


def _opens_here(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _OPEN_CONTEXT and not after.isspace()


def _closes_here(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    before = text[i - 1] if i > 0 else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _between_letters(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalpha()


def _plural_possessive(text: str, i: int) -> bool:
    # "the leaders’ summit": a mark after -s followed by a lowercase word is a possessive.
    following = text[i + 1 : i + 3]
    return text[i - 1 : i] == "s" and following[:1] == " " and following[1:2].islower()


def _scan(text: str, marks: list[Mark]) -> list[QuotedRegion]:
    regions: list[QuotedRegion] = []
    fragments: list[Span] = []
    start: int | None = None  # offset after the pending opening mark
    first_open = 0
    for offset, role in marks:
        if start is not None and "\n" in text[start:offset]:
            # The quote reached a paragraph end unclosed: it goes on only when the next
            # paragraph opens with a mark (and that is this mark).
            para_end = text.index("\n", start)
            fragments.append((start, para_end))
            continues = role != "close" and text[para_end:offset].strip() == ""
            if not continues:
                regions.append(QuotedRegion(tuple(fragments), (first_open, para_end)))
                fragments, start = [], None
            else:
                start = offset + _width(text, offset)
                continue
        if start is None:
            if role != "close":
                start, first_open = offset + _width(text, offset), offset
        elif role != "open":
            fragments.append((start, offset))
            end = offset + _width(text, offset)
            regions.append(QuotedRegion(tuple(fragments), (first_open, end)))
            fragments, start = [], None
        else:
            # a stray opening mark
            start, first_open, fragments = offset + _width(text, offset), offset, []
    if start is not None:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        fragments.append((start, end))
        regions.append(QuotedRegion(tuple(fragments), (first_open, end)))
    return [r for r in (_trimmed(text, region) for region in regions) if r is not None]


def _width(text: str, offset: int) -> int:
    return len(_TWO_APOSTROPHES) if text.startswith(_TWO_APOSTROPHES, offset) else 1


def _trimmed(text: str, region: QuotedRegion) -> QuotedRegion | None:
    fragments: list[Span] = []
    for start, end in region.fragments:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            fragments.append((start, end))
    return QuotedRegion(tuple(fragments), region.outer) if fragments else None


__all__ = ["QuotedRegion", "find_quoted_regions", "is_statement"]
