"""An article's text cut into segments, each carrying the annotations that cover it, so that
a page can render the text with its entities, quotes, event triggers and damage marked.

The text itself is never turned into markup here: a segment holds plain text, and the
template escapes it like any other untrusted value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from newsgraph.model import Article, Span

# Annotation kinds, in the order their CSS classes are written.
KINDS = ("entity", "quote", "cue", "speaker", "trigger", "damage")


@dataclass(frozen=True)
class Mark:
    kind: str  # one of KINDS
    key: str  # entity id, quote id, event id, or damage index
    span: Span
    css: str = ""  # extra class, e.g. the entity type


@dataclass
class Segment:
    text: str
    start: int
    marks: list[Mark] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # element ids that start here

    @property
    def classes(self) -> str:
        names = {m.kind for m in self.marks} | {m.css for m in self.marks if m.css}
        return " ".join(sorted(names))

    def keys(self, kind: str) -> str:
        return " ".join(dict.fromkeys(m.key for m in self.marks if m.kind == kind))


def marks_of(article: Article) -> list[Mark]:
    """Every annotated span of an article."""
    marks = [
        Mark("entity", entity.id, span, f"type-{entity.type.lower()}")
        for entity in article.entities
        for span in entity.mentions
    ]
    for quote in article.quotes:
        marks += [Mark("quote", quote.id, span) for span in quote.spans]
        if quote.cue is not None:
            marks.append(Mark("cue", quote.id, quote.cue.span))
        if quote.speaker is not None and quote.speaker.span is not None:
            marks.append(Mark("speaker", quote.id, quote.speaker.span))
    marks += [Mark("trigger", event.id, event.trigger) for event in article.events]
    marks += [Mark("damage", str(n), d.span) for n, d in enumerate(article.damage)]
    return [m for m in marks if 0 <= m.span[0] < m.span[1] <= len(article.text)]


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """`text` cut at every mark boundary; each piece lists the marks covering it. The first
    piece of each quote and each trigger carries its anchor (`q-<id>`, `ev-<id>`), so that
    links can point at the place in the text."""
    cuts = sorted({0, len(text)} | {m.span[0] for m in marks} | {m.span[1] for m in marks})
    starts: dict[int, list[Mark]] = {}
    for mark in sorted(marks, key=lambda m: m.span):
        starts.setdefault(mark.span[0], []).append(mark)
    anchored: set[str] = set()
    active: list[Mark] = []
    pieces = []
    for begin, end in pairwise(cuts):
        active = [m for m in active if m.span[1] > begin] + starts.get(begin, [])
        segment = Segment(text[begin:end], begin, list(active))
        for mark in active:
            anchor = _anchor(mark)
            if anchor and anchor not in anchored:
                anchored.add(anchor)
                segment.anchors.append(anchor)
        pieces.append(segment)
    return pieces


def _anchor(mark: Mark) -> str | None:
    if mark.kind == "quote":
        return f"q-{mark.key}"
    if mark.kind == "trigger":
        return f"ev-{mark.key}"
    return None


__all__ = ["KINDS", "Mark", "Segment", "marks_of", "segments"]
