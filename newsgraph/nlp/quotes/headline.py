"""Headlines written in title case: "Another GOP Figure Endorses Hillary Clinton",
"Bellwether County Says Trump Should Win". A parse trained on sentence case reads the
capitalized verb as part of a name, so the clause rules miss it; here the first word of
the line that is an inflected cue verb splits it into speaker and what was said, unless
the parse reads that word as a noun (a subject, an object, or owned: "Why Clinton’s
Attacks Could Backfire")."""

from __future__ import annotations

import re
from typing import Any

from newsgraph.model import Span
from newsgraph.nlp.quotes.content import Attribution, trim
from newsgraph.nlp.quotes.lexicon import CueLexicon

_WORD = re.compile(r"[A-Za-z][\w’'-]*")
# Short words a headline leaves in lower case ("of", "to", "the").
_SMALL = frozenset({"a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "at", "by"})
# A headline is short: longer lines are text, whose parse reads its verbs.
_MAX_WORDS = 16
_MIN_CONTENT_WORDS = 2
# A speaker is a short name or title: more words before the verb make it a clause of its
# own ("Clinton Under Pressure To Repudiate General Who Called …").
_MAX_SOURCE_WORDS = 5


# Roles of a word the parse reads as a noun.
_NOUN_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def headline_verbs(doc: Any, text: str, lexicon: CueLexicon) -> list[Attribution]:
    """An attribution for each title-case line "Speaker Verbs what", the verb its cue
    (`doc` is the parse of `text`)."""
    found: list[Attribution] = []
    start = 0
    for line in text.split("\n"):
        attribution = _headline(text, start, line, lexicon)
        if attribution is not None and attribution.cue is not None:
            word = doc.char_span(*attribution.cue, alignment_mode="expand")
            if word is None or len(word) == 0 or not _a_noun(word[0]):
                found.append(attribution)
        start += len(line) + 1
    return found


def _headline(text: str, start: int, line: str, lexicon: CueLexicon) -> Attribution | None:
    words = list(_WORD.finditer(line))
    if not 3 <= len(words) <= _MAX_WORDS or ":" in line or not _title_case(words):
        return None
    for index, word in enumerate(words[1:-1], 1):
        form = word.group().lower()
        # An inflected form only ("Says", "Endorses", "Slammed"): a bare "Call" in a
        # headline is as often a noun.
        lemma = lexicon.forms.get(form)
        if lemma is None or form in lexicon.verbs or lexicon.verb_kind(lemma, form) != "speech":
            continue
        source = trim(text, (start, start + word.start()))
        content = trim(text, (start + word.end(), start + len(line)))
        while content[1] > content[0] and text[content[1] - 1] in ".!?":
            content = (content[0], content[1] - 1)
        if len(words) - index - 1 < _MIN_CONTENT_WORDS or index > _MAX_SOURCE_WORDS:
            return None
        if source[0] >= source[1] or not text[source[0]].isalnum():
            return None  # "(Reporting by …" is a credit line
        cue: Span = (start + word.start(), start + word.end())
        return Attribution([content], cue, "speech", source, source)
    return None


def _a_noun(word: Any) -> bool:
    """Whether the parse reads the word as a noun: a subject or object, or owned
    ("Clinton’s Attacks On …")."""
    owned = word.i > 0 and word.nbor(-1).tag_ == "POS"
    return bool(word.dep_ in _NOUN_ROLES or owned)


def _title_case(words: list[re.Match[str]]) -> bool:
    """Every word but the small ones capitalized."""
    return all(w.group()[0].isupper() for w in words if w.group().lower() not in _SMALL)


__all__ = ["headline_verbs"]
