"""A title to show for an article that came without one: its first sentence, shortened.

The stored `title` stays what the source gave (None when it gave none: the JSON Lines
output and the store never hold an invented title); readers that must show something, such
as the web explorer, call :func:`title_from_text` and mark the result as derived.
"""

from __future__ import annotations

import re

# The longest title shown; a longer first sentence is cut at a clause or a word boundary.
MAX_TITLE = 100
# A clause boundary this far in or further is a better cut than a word boundary.
MIN_CLAUSE = 40

# "WASHINGTON — ", "KYIV, Ukraine (Reuters) - ": a dateline says where, not what happened.
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+(?:, [A-Z][\w .'’-]+)?\s*(?:\([^)]{1,40}\)\s*)?[—–-]+\s+")
# A sentence ends at . ! or ? (and a closing quote or bracket) before a space and a capital
# or an opening quote, unless the word before the stop is an abbreviation or an initial.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
# ("32. Mitglied": an ordinal in German and other languages, while a year ends sentences;
# "5 p.m. Monday".)
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b\d{1,2}|\b(?:[a-z]\.)+[a-z]"
    r"|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|St|Jr|Sr|No|vs|U\.S|U\.K|U\.N))\.$"
)
_CLAUSE = re.compile(r"[,;:]\s|\s[—–]\s")
# Words a shortened title does not end on.
_DANGLING_WORDS = (
    "a an the to of in on at for from by with as into onto over under after before about"
    " against between during since than while when and or but nor that which who whose its"
    " their his her our is are was were be been will would has have had"
)
_DANGLING = frozenset(_DANGLING_WORDS.split())


def first_sentence(text: str, end: int | None = None) -> str:
    """The first sentence of `text` (its first paragraph at most); `end` is where the
    analysis said the first sentence ends, when it was analyzed."""
    body = text.lstrip()
    skipped = len(text) - len(body)
    paragraph = body.split("\n", 1)[0].strip()
    if end is not None and 0 < end - skipped <= len(paragraph):
        return paragraph[: end - skipped].strip()
    for match in _SENTENCE_END.finditer(paragraph):
        if not _ABBREVIATION.search(paragraph[: match.start() + 1]):
            return paragraph[: match.start() + 1].strip()
    return paragraph


def title_from_text(text: str, first_end: int | None = None, limit: int = MAX_TITLE) -> str | None:
    """A title made from the first sentence of `text` (None when the text has no words):
    without a dateline or the final stop, cut to at most `limit` characters with "…"."""
    sentence = _DATELINE.sub("", first_sentence(text, first_end)).strip()
    sentence = re.sub(r"\s+", " ", sentence).rstrip(".").strip()
    if not any(ch.isalnum() for ch in sentence):
        return None
    if len(sentence) <= limit:
        return sentence
    head = sentence[: limit - 1]
    clauses = [m.start() for m in _CLAUSE.finditer(head) if m.start() >= MIN_CLAUSE]
    cut = clauses[-1] if clauses else head.rfind(" ")
    if cut < MIN_CLAUSE // 2:
        cut = len(head)
    words = head[:cut].rstrip(" ,;:—–-").split(" ")
    while len(words) > 3 and words[-1].lower() in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(" ,;:—–-") + "…"


__all__ = ["MAX_TITLE", "first_sentence", "title_from_text"]
