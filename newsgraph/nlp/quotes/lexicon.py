"""The cue lexicon: reporting verbs, nouns and phrases with their kind.

Read from ``newsgraph/data/quotes/cues.tsv`` and the user's ``cue_files`` (same columns);
a user row replaces a packaged row with the same cue and part of speech.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsgraph.errors import ConfigError
from newsgraph.model import ATTRIBUTIONS

KINDS = ATTRIBUTIONS
_PACKAGED = "quotes/cues.tsv"
_HOLDERS = "quotes/holders.tsv"
_POS = frozenset({"verb", "noun", "phrase", "label", "adjective"})


@dataclass(frozen=True)
class CueLexicon:
    """Cue words by part of speech: each maps a lemma (or a phrase) to its kind."""

    verbs: dict[str, str]
    nouns: dict[str, str]
    phrases: dict[str, str]
    forms: dict[str, str]  # an inflected verb form ("said", "told") -> its lemma
    objects: frozenset[str]  # verbs whose object says what was said ("called X a liar")
    labels: frozenset[str] = frozenset()  # "UPDATE", "Watch": line labels, not speakers
    holders: frozenset[str] = frozenset()  # nouns of someone who believes, wants, knows
    adjectives: dict[str, str] = field(default_factory=dict)  # "confident", "eager"

    def verb_kind(self, lemma: str, text: str = "") -> str | None:
        """The kind of a verb cue given its lemma (or, failing that, its surface form)."""
        kind = self.verbs.get(lemma.lower())
        if kind is None and text:
            kind = self.verbs.get(self.forms.get(text.lower(), ""))
        return kind

    def kind_of_text(self, cue: str) -> str | None:
        """The kind of a cue phrase as written ("has said", "according to", "told
        reporters"), without a parse: the first word that is a known cue decides."""
        lowered = " ".join(cue.lower().replace(":", " : ").split())
        for phrase, kind in self.phrases.items():
            if f" {phrase} " in f" {lowered} ":
                return kind
        if lowered.strip() == ":":
            return "speech"
        for word in lowered.split():
            word = word.strip(".,;:!?\"'“”‘’")
            lemma = self.forms.get(word, word)
            if lemma in self.verbs:
                return self.verbs[lemma]
            if word in self.nouns:
                return self.nouns[word]
        return None


def load_cues(extra_files: tuple[str, ...] | list[str] = ()) -> CueLexicon:
    """The packaged cue lexicon plus the user's files, loaded once per set of files."""
    return _load(tuple(extra_files))


@dataclass(frozen=True)
class _Row:
    kind: str
    forms: tuple[str, ...]
    objects: bool


@lru_cache(maxsize=8)
def _load(extra_files: tuple[str, ...]) -> CueLexicon:
    packaged = resources.files("newsgraph.data").joinpath(_PACKAGED).read_text(encoding="utf-8")
    rows = _parse(packaged, "cues.tsv")
    for name in extra_files:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read cue file {name}: {exc}") from exc
        rows.update(_parse(text, name))
    tables: dict[str, dict[str, str]] = {pos: {} for pos in _POS}
    forms: dict[str, str] = {}
    objects: set[str] = set()
    for (cue, pos), row in rows.items():
        tables[pos].setdefault(cue, row.kind)
        if pos == "verb":
            for form in (*_regular_forms(cue), *row.forms):
                forms.setdefault(form, cue)
            if row.objects:
                objects.add(cue)
    return CueLexicon(
        tables["verb"],
        tables["noun"],
        tables["phrase"],
        forms,
        frozenset(objects),
        frozenset(tables["label"]),
        _holders(),
        tables["adjective"],
    )


def _holders() -> frozenset[str]:
    text = resources.files("newsgraph.data").joinpath(_HOLDERS).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def _parse(text: str, name: str) -> dict[tuple[str, str], _Row]:
    rows: dict[tuple[str, str], _Row] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("cue\t"):
            continue
        cells = [*line.split("\t"), "", "", "", ""]
        cue, kind, pos, forms, content = (c.strip() for c in cells[:5])
        if kind not in KINDS or pos not in _POS or not cue:
            raise ConfigError(f"{name}, line {number}: expected cue, kind ({'|'.join(KINDS)}), pos")
        key = (cue.lower(), pos)
        # In the packaged file the first row of a cue wins; a user's file replaces it.
        if key not in rows or name != "cues.tsv":
            irregular = tuple(f.strip().lower() for f in forms.split("|") if f.strip())
            rows[key] = _Row(kind, irregular, content == "object")
    return rows


def _regular_forms(lemma: str) -> tuple[str, ...]:
    """-s, -ed and -ing forms of a regular verb ("argue" -> argues, argued, arguing)."""
    if lemma.endswith("e"):
        return (lemma + "s", lemma + "d", lemma[:-1] + "ing")
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return (lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing")
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return (lemma + "es", lemma + "ed", lemma + "ing")
    if _doubles_final(lemma):
        return (lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing")
    return (lemma + "s", lemma + "ed", lemma + "ing")


def _doubles_final(lemma: str) -> bool:
    # Short verbs ending consonant-vowel-consonant double it: "slam" -> "slammed", "quip".
    vowels = "aeiou"
    return (
        len(lemma) <= 4
        and len(lemma) >= 3
        and lemma[-1] not in vowels + "wxy"
        and lemma[-2] in vowels
        and lemma[-3] not in vowels
    )


__all__ = ["KINDS", "CueLexicon", "load_cues"]
