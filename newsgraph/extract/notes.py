"""Footers, editorial notes and series blurbs: kept out of the analyzed text, stored as notes.

The patterns are data (`newsgraph/data/notes.tsv`); users add their own files.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from newsgraph.errors import ConfigError
from newsgraph.model import Note

# Paragraphs are separated by blank lines; a single newline also ends one in plain text.
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class NotePattern:
    kind: str
    where: str  # "start", "end" or "both"
    regex: re.Pattern[str]


@dataclass
class SplitText:
    text: str
    notes: list[Note] = field(default_factory=list)
    title: str | None = None
    source: str | None = None


@cache
def default_patterns() -> tuple[NotePattern, ...]:
    data = resources.files("newsgraph").joinpath("data/notes.tsv").read_text(encoding="utf-8")
    return parse_patterns(data)


def load_patterns(path: str | Path) -> tuple[NotePattern, ...]:
    try:
        return parse_patterns(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, KeyError, re.error) as exc:
        raise ConfigError(f"cannot use note patterns from {path}: {exc!r}") from exc


def parse_patterns(data: str) -> tuple[NotePattern, ...]:
    lines = [line for line in data.splitlines() if line.strip() and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple(
        NotePattern(row["kind"], row["where"], re.compile(row["pattern"], re.I | re.S))
        for row in rows
    )


def split_notes(text: str, patterns: tuple[NotePattern, ...] | None = None) -> SplitText:
    """Remove note paragraphs from the start and end of `text` (already stripped).

    Only whole paragraphs go, so every offset into the remaining text is still an offset
    into the input less what was cut from its ends.
    """
    patterns = default_patterns() if patterns is None else patterns
    result = SplitText(text)
    _cut_from_end(result, patterns)
    _cut_from_start(result, patterns)
    return result


def _cut_from_end(result: SplitText, patterns: tuple[NotePattern, ...]) -> None:
    while result.text:
        breaks = list(_PARAGRAPH_BREAK.finditer(result.text))
        start = breaks[-1].end() if breaks else 0
        paragraph = result.text[start:].strip()
        pattern = _match(paragraph, patterns, "end")
        if pattern is None or start == 0:
            return  # never remove the whole article
        _record(result, pattern, paragraph)
        result.text = result.text[: breaks[-1].start()].rstrip()


def _cut_from_start(result: SplitText, patterns: tuple[NotePattern, ...]) -> None:
    while result.text:
        first_break = _PARAGRAPH_BREAK.search(result.text)
        if first_break is None:
            return
        paragraph = result.text[: first_break.start()].strip()
        pattern = _match(paragraph, patterns, "start")
        if pattern is None:
            return
        _record(result, pattern, paragraph)
        result.text = result.text[first_break.end() :].lstrip()


def _match(paragraph: str, patterns: tuple[NotePattern, ...], side: str) -> NotePattern | None:
    for pattern in patterns:
        if pattern.where in (side, "both") and pattern.regex.match(paragraph):
            return pattern
    return None


def _record(result: SplitText, pattern: NotePattern, paragraph: str) -> None:
    result.notes.insert(0, Note(pattern.kind, paragraph))
    match = pattern.regex.match(paragraph)
    groups = match.groupdict() if match else {}
    if groups.get("title") and not result.title:
        result.title = groups["title"].strip()
    if groups.get("source") and not result.source:
        result.source = groups["source"].strip()


__all__ = ["NotePattern", "SplitText", "default_patterns", "load_patterns", "split_notes"]
