"""Page furniture in an article's text: never quote content, cue or speaker.

Extraction keeps some widget text inside the article body: CNN's video captions ("JUST
WATCHED Obama speaks out Replay More Videos ... MUST WATCH Obama speaks out 02:12"), a
"Story highlights" or "Hide caption" lead before the first line of a paragraph, "Read More"
links. The words are the actor layer's furniture words (``not_actors.tsv``, kind
furniture); the rules here are about where widgets sit, so they hold for captions never seen:

* a paragraph is a widget when it shows two of: a run of two or more capitalised furniture
  words ("Replay More Videos"), a furniture word in capitals ("WATCHED"), a timestamp at its
  end ("02:12");
* elsewhere, such a run of capitalised furniture words is furniture by itself;
* a paragraph's lead of a capitalised word and a lower-case furniture word, before a
  capitalised word ("Story highlights Group says …", "Hide caption Margaret …"), or of
  furniture words in capitals ("WATCH: Obama …"), is furniture.
"""

from __future__ import annotations

import re

from newsgraph.model import Span
from newsgraph.nlp.actors.filters import not_actor_words

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_TIMESTAMP_END = re.compile(r"\b\d{1,2}:\d{2}\s*$")
_PARAGRAPH = re.compile(r"[^\n]+")


def furniture_spans(text: str) -> list[Span]:
    """The stretches of `text` that are page furniture, in text order."""
    spans: list[Span] = []
    for paragraph in _PARAGRAPH.finditer(text):
        spans.extend(_in_paragraph(paragraph.group(), paragraph.start()))
    return spans


def masked(text: str, spans: list[Span]) -> str:
    """`text` with the furniture blanked out (same length, so offsets hold)."""
    pieces: list[str] = []
    at = 0
    for start, end in spans:
        pieces.extend((text[at:start], " " * (end - start)))
        at = end
    return "".join(pieces) + text[at:]


def past_furniture(text: str, span: Span | None, spans: list[Span]) -> Span | None:
    """A speaker's phrase without the furniture it starts with ("Story highlights Group"
    is "Group"); None when nothing else is left."""
    if span is None:
        return None
    start, end = span
    for f_start, f_end in spans:
        if f_start <= start < f_end:
            start = f_end
    while start < end and text[start].isspace():
        start += 1
    return (start, end) if start < end else None


def _is_furniture(word: str) -> bool:
    return not_actor_words().has("furniture", word.rstrip(".:"))


def _in_paragraph(paragraph: str, offset: int) -> list[Span]:
    words = list(_WORD.finditer(paragraph))
    runs = _capitalised_runs(words)
    shouted = any(
        w.group().isupper() and len(w.group()) >= 3 and _is_furniture(w.group()) for w in words
    )
    signals = bool(runs) + shouted + bool(_TIMESTAMP_END.search(paragraph))
    if signals >= 2:
        start = len(paragraph) - len(paragraph.lstrip())
        return [(offset + start, offset + len(paragraph.rstrip()))]
    spans = [(offset + words[a].start(), offset + words[b].end()) for a, b in runs]
    lead = _lead(words)
    if lead and not any(s[0] <= offset + lead < s[1] for s in spans):
        spans.insert(0, (offset + words[0].start(), offset + lead))
    return spans


def _capitalised_runs(words: list[re.Match[str]]) -> list[tuple[int, int]]:
    """(first, last) word indexes of runs of two or more capitalised furniture words."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, word in enumerate([*words, None]):
        fits = word is not None and word.group()[:1].isupper() and _is_furniture(word.group())
        if fits and start is None:
            start = i
        elif not fits and start is not None:
            if i - start >= 2:
                runs.append((start, i - 1))
            start = None
    return runs


def _lead(words: list[re.Match[str]]) -> int:
    """The end offset (in the paragraph) of a furniture lead, 0 when there is none."""
    shouted = 0
    while (
        shouted < len(words) - 1
        and words[shouted].group().isupper()
        and len(words[shouted].group()) >= 3
        and _is_furniture(words[shouted].group())
    ):
        shouted += 1
    if shouted:
        return words[shouted - 1].end()
    if len(words) < 3:
        return 0
    first, second, third = (w.group() for w in words[:3])
    # "What's more, Trump …" is a sentence, not a caption's lead.
    joined = not words[2].string[words[1].end() : words[2].start()].strip()
    lead = first[:1].isupper() and second.islower() and _is_furniture(second)
    return words[1].end() if lead and joined and third[:1].isupper() else 0


__all__ = ["furniture_spans", "masked", "past_furniture"]
