"""Bare lines: paragraphs that end without sentence punctuation (headlines, "Story
highlights" items, related-coverage links). Each is a statement of its own, so a cue on
one reports nothing on another line: a parse, a quotation grown over paragraphs or a
floating quotation otherwise joins one highlight's "X says" to the next highlight.
"""

from __future__ import annotations

import re

from newsgraph.model import Span

_PARAGRAPH = re.compile(r"[^\n]+")


def bare_lines(text: str) -> list[Span]:
    """The paragraphs of `text` that end in a letter or digit ("…, Kerry says") next to
    another such paragraph: a list of highlights or headlines. A paragraph ending in a
    stop, a quote mark or a colon is prose; so is a lone bare paragraph (a headline, a
    sentence that lost its stop) one the next paragraph continues in lower case, and lines
    wrapped at single line breaks."""
    paragraphs = [
        (m.start(), m.start() + len(m.group().rstrip())) for m in _PARAGRAPH.finditer(text)
    ]
    paragraphs = [p for p in paragraphs if p[0] < p[1]]
    bare = [
        text[end - 1].isalnum()
        and _set_apart(text, start, end)
        and not (i + 1 < len(paragraphs) and text[paragraphs[i + 1][0]].islower())
        for i, (start, end) in enumerate(paragraphs)
    ]
    return [
        line
        for i, line in enumerate(paragraphs)
        if bare[i] and ((i > 0 and bare[i - 1]) or (i + 1 < len(bare) and bare[i + 1]))
    ]


def _set_apart(text: str, start: int, end: int) -> bool:
    """Whether a blank line (or the text's edge) stands before and after the paragraph:
    text wrapped at single line breaks runs its sentences over the lines."""
    before = text[:start].rstrip(" \t")
    after = text[end:].lstrip(" \t")
    return (not before or before.endswith("\n\n")) and (not after or after.startswith("\n\n"))


def on_own_line(content: list[Span], cue: Span | None, bare: list[Span]) -> list[Span]:
    """`content` of a cue on a bare line cut to that line ("…, Kerry says" reports only
    its own highlight); other content as it is."""
    home = next((line for line in bare if cue and line[0] <= cue[0] < line[1]), None)
    if home is None:
        return content
    return [
        (max(start, home[0]), min(end, home[1]))
        for start, end in content
        if start < home[1] and home[0] < end
    ]


__all__ = ["bare_lines", "on_own_line"]
