"""The event vocabulary: trigger words and phrases, modality cues, context keywords and the
CAMEO code table.

The data lives in tab-separated files under ``newsgraph/data/events/`` (see the README there).
Users add files of the same formats through ``config.event_files``; a file's kind is told by
its header, and a user row with the same key as a packaged one replaces it (triggers by word,
part of speech and condition; cues by word and kind; contexts by word; CAMEO rows by code).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.tsv import parse_table

PACKAGED_FILES = (
    "cameo.tsv",
    "triggers.tsv",
    "cues.tsv",
    "contexts.tsv",
    "modes.tsv",
    "sectors.tsv",
)
_CONDITION_KINDS = frozenset(
    {"obj", "prep", "prt", "mod", "xcomp", "oprd", "gov", "subj", "pobj", "role"}
)
# Converted from PETRARCH2's verb dictionary (petrarch.py): our own rows take precedence.
# Shipped but not loaded by default: on our own gold set's tuning half its triggers were
# right 1 time in 32 (README, Events); `event_files` adds it by this name.
CONVERTED_FILES = frozenset({"petrarch_triggers.tsv"})
CONVERTED_TRIGGERS = "petrarch_triggers.tsv"


def converted_triggers_path() -> str:
    """The packaged converted PETRARCH2 trigger file, for `event_files`."""
    return str(resources.files("newsgraph.data").joinpath("events").joinpath(CONVERTED_TRIGGERS))


_MODALITIES = frozenset({"negated", "intended", "future", "hypothetical", ""})
_CUE_KINDS = frozenset(
    {"negation", "aux", "governor", "conditional", "light", "reporting", "control", "ultimatum"}
)


@dataclass(frozen=True)
class Condition:
    """A dependent a trigger must have: `kind` (obj, prep, prt, mod, xcomp, oprd) whose lemma
    is one of `words` (any lemma when `words` is empty)."""

    kind: str
    words: frozenset[str]


@dataclass(frozen=True)
class TriggerRule:
    word: str
    # "verb", "noun", "modal" ("X said Y must ...": a request) or "verdict" (the predicate
    # of a reported copular clause: "X said Y's move was a provocation")
    pos: str
    conditions: tuple[Condition, ...]
    type: str
    mode: str | None
    cameo: str | None
    converted: bool = False  # from a converted dictionary, not our own rows


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    quad_class: int
    goldstein: float | None
    plover_type: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...]


@dataclass(frozen=True)
class EventVocabulary:
    triggers: dict[tuple[str, str], tuple[TriggerRule, ...]]  # (lemma, pos) -> rules
    cues: dict[str, dict[str, str]]  # kind -> word -> modality
    contexts: dict[str, str]  # keyword -> PLOVER context
    cameo: dict[str, CameoCode]
    modes: dict[tuple[str, str], tuple[str, str | None]]  # (keyword, type) -> (mode, CAMEO)
    sectors: dict[str, str] = field(default_factory=dict)  # CAMEO sector -> PLOVER sector

    def plover_code(self, code: str | None) -> str | None:
        """An actor code with its sector (letters 4-6) as PLOVER names it: "IRQINS" -> IRQREB."""
        if code is None or len(code) < 6 or code[3:6] not in self.sectors:
            return code
        return code[:3] + self.sectors[code[3:6]] + code[6:]

    def rules_for(self, lemma: str, pos: str) -> tuple[TriggerRule, ...]:
        return self.triggers.get((lemma, pos), ())

    def verb_rules(self, token: Any) -> tuple[TriggerRule, ...]:
        """The verb rules of a token, by its lemma or, where the lemmatizer fails ("staged"
        -> "stag"), by the base forms its spelling allows."""
        for form in verb_forms(token):
            rules = self.triggers.get((form, "verb"))
            if rules:
                return rules
        return ()

    def verb_cue(self, kind: str, token: Any) -> str | None:
        """`cue` for a verb token, tried with each of its possible base forms."""
        for form in verb_forms(token):
            value = self.cue(kind, form)
            if value is not None:
                return value
        return None

    def cue(self, kind: str, word: str) -> str | None:
        """The modality a cue word of `kind` carries ("" for light verbs), None if no cue."""
        return self.cues.get(kind, {}).get(word)


def verb_forms(token: Any) -> list[str]:
    """The lemma of a verb token, then base forms guessed from its spelling."""
    lemma, word = str(token.lemma_).lower(), str(token.text).lower()
    # Not the word itself: "wound" (of "wind") must not be read as "to wound".
    forms = [lemma]
    # "staged" -> "stage", "rallied" -> "rally", "bombed" -> "bomb", "urges" -> "urge"
    endings = (("ied", "y"), ("ed", "e"), ("ed", ""), ("d", ""), ("es", ""), ("s", ""))
    for suffix, replacement in endings:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + replacement)
    return forms


# ---------------------------------------------------------------- reading files

_Row = dict[str, str]


def _table_kind(columns: tuple[str, ...], source: str) -> str:
    present = set(columns)
    for kind, needed in (
        ("cameo", {"code", "name", "quad_class"}),
        ("triggers", {"word", "pos", "type"}),
        ("cues", {"word", "kind", "modality"}),
        ("modes", {"word", "type", "mode"}),
        ("contexts", {"word", "context"}),
        ("sectors", {"sector", "plover_sector"}),
    ):
        if needed <= present:
            return kind
    raise ConfigError(
        f"{source}: unknown event vocabulary file (header {', '.join(columns)}); see "
        "newsgraph/data/events/README.md for the columns"
    )


def _conditions(cell: str, where: str) -> tuple[Condition, ...]:
    conditions = []
    for part in cell.split():
        kind, _, words = part.partition(":")
        if kind not in _CONDITION_KINDS or not words:
            raise ConfigError(f"{where}: bad condition {part!r} (use e.g. obj:talk|negotiation)")
        lemmas = frozenset() if words == "*" else frozenset(w.lower() for w in words.split("|"))
        conditions.append(Condition(kind, lemmas))
    return tuple(conditions)


def _trigger_row(row: _Row, where: str, converted: bool = False) -> TriggerRule:
    pos = row.get("pos", "").lower()
    if pos not in {"verb", "noun", "modal", "verdict"}:
        raise ConfigError(f"{where}: pos must be verb, noun, modal or verdict, not {pos!r}")
    word, event_type = row.get("word", "").lower(), row.get("type", "").upper()
    if not word or not event_type:
        raise ConfigError(f"{where}: word and type are required")
    return TriggerRule(
        word=word,
        pos=pos,
        conditions=_conditions(row.get("requires", ""), where),
        type=event_type,
        mode=row.get("mode") or None,
        cameo=row.get("cameo") or None,
        converted=converted,
    )


def _cameo_row(row: _Row, where: str) -> CameoCode:
    try:
        quad = int(row["quad_class"])
        goldstein = float(row["goldstein"]) if row.get("goldstein") else None
    except (KeyError, ValueError) as exc:
        raise ConfigError(f"{where}: bad quad_class or goldstein ({exc})") from exc
    contexts = tuple(c for c in row.get("plover_context", "").split("|") if c)
    return CameoCode(
        code=row["code"],
        name=row.get("name", ""),
        quad_class=quad,
        goldstein=goldstein,
        plover_type=row.get("plover_type") or None,
        plover_mode=row.get("plover_mode") or None,
        plover_context=contexts,
    )


class _Builder:
    """Collects rows file by file; a later file's row with the same key replaces earlier ones."""

    def __init__(self) -> None:
        self.triggers: dict[tuple[str, str, tuple[Condition, ...]], TriggerRule] = {}
        self.cues: dict[str, dict[str, str]] = defaultdict(dict)
        self.contexts: dict[str, str] = {}
        self.cameo: dict[str, CameoCode] = {}
        self.modes: dict[tuple[str, str], tuple[str, str | None]] = {}
        self.sectors: dict[str, str] = {}

    def add(self, text: str, source: str, converted: bool = False) -> None:
        columns, rows = parse_table(text, source)
        kind = _table_kind(columns, source)
        for number, row in rows:
            self._add_row(kind, row, f"{source}:{number}", converted)

    def _add_row(self, kind: str, row: _Row, where: str, converted: bool = False) -> None:
        if kind == "triggers":
            rule = _trigger_row(row, where, converted)
            trigger_key = (rule.word, rule.pos, rule.conditions)
            earlier = self.triggers.get(trigger_key)
            if converted and earlier is not None and not earlier.converted:
                return  # our rows take precedence: a converted row never replaces one
            self.triggers[trigger_key] = rule
        elif kind == "cameo":
            code = _cameo_row(row, where)
            self.cameo[code.code] = code
        elif kind == "cues":
            cue_kind, modality = row.get("kind", ""), row.get("modality", "")
            if cue_kind not in _CUE_KINDS or modality not in _MODALITIES:
                raise ConfigError(f"{where}: bad cue kind {cue_kind!r} or modality {modality!r}")
            self.cues[cue_kind][row["word"].lower()] = modality
        elif kind == "sectors":
            self.sectors[row["sector"].upper()] = row["plover_sector"].upper()
        elif kind == "modes":
            key = (row["word"].lower(), row["type"].upper())
            self.modes[key] = (row["mode"], row.get("cameo") or None)
        else:
            self.contexts[row["word"].lower()] = row["context"]

    def build(self) -> EventVocabulary:
        by_word: dict[tuple[str, str], list[TriggerRule]] = defaultdict(list)
        for rule in self.triggers.values():
            if rule.cameo is not None and rule.cameo not in self.cameo:
                raise ConfigError(f"trigger {rule.word!r}: unknown CAMEO code {rule.cameo}")
            by_word[(rule.word, rule.pos)].append(rule)
        for (word, _), (_, cameo) in self.modes.items():
            if cameo is not None and cameo not in self.cameo:
                raise ConfigError(f"mode keyword {word!r}: unknown CAMEO code {cameo}")
        ordered = {
            key: _ordered(rules, self.cues.get("light", {}).keys(), _function_cues(self.cues))
            for key, rules in by_word.items()
        }
        return EventVocabulary(
            ordered, dict(self.cues), self.contexts, self.cameo, self.modes, self.sectors
        )


# Among rules with as many conditions, the object says most about the event ("withdrew
# inspectors from Iraq" is about the inspectors, not the place).
_KIND_RANK = {
    "obj": 0, "oprd": 1, "prt": 2, "mod": 3, "gov": 4, "xcomp": 5, "prep": 6, "pobj": 6, "subj": 7,
    "role": 8,
}  # fmt: skip


def _ordered(
    rules: list[TriggerRule], light: Collection[str], function_words: Collection[str]
) -> tuple[TriggerRule, ...]:
    """The rules of one word in the order they are tried: ours first, most specific first,
    then the converted ones. Where we have rows for a word, a converted row without
    conditions is dropped: our rows decide when the bare word is an event ("talk" only
    "with" someone); converted phrases count only where none of ours holds. Words our cues
    read as saying, modality, negation or light verbs ("say", "expect", "fail", "impose")
    take no converted row at all: "critics say" reports, "expected to" is about the next
    verb, and a light verb's event is its noun's ("imposed sanctions" is SANCTION)."""
    own = sorted((rule for rule in rules if not rule.converted), key=_specificity)
    if rules[0].word in function_words or rules[0].word in light:
        return tuple(own)
    converted = [r for r in rules if r.converted and (r.conditions or not own)]
    return (*own, *sorted(converted, key=_specificity))


def _function_cues(cues: dict[str, dict[str, str]]) -> set[str]:
    kinds = ("reporting", "governor", "aux", "negation", "conditional")
    return {word for kind in kinds for word in cues.get(kind, {})}


def _specificity(rule: TriggerRule) -> tuple[int, int]:
    """Sort key: rules with more conditions first, then by their most telling condition."""
    best = min((_KIND_RANK.get(c.kind, 9) for c in rule.conditions), default=9)
    return -len(rule.conditions), best


def load_vocabulary(extra_files: tuple[str, ...] = ()) -> EventVocabulary:
    """The packaged event vocabulary plus `extra_files` (loaded once per set of files)."""
    return _load_vocabulary(tuple(extra_files))


@lru_cache(maxsize=8)
def _load_vocabulary(extra_files: tuple[str, ...]) -> EventVocabulary:
    builder = _Builder()
    folder = resources.files("newsgraph.data").joinpath("events")
    for name in PACKAGED_FILES:
        builder.add(folder.joinpath(name).read_text(encoding="utf-8"), f"events/{name}")
    for path in extra_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read event vocabulary file {path}: {exc}") from exc
        builder.add(text, path, converted=Path(path).name in CONVERTED_FILES)
    return builder.build()


__all__ = [
    "CameoCode",
    "Condition",
    "EventVocabulary",
    "TriggerRule",
    "converted_triggers_path",
    "load_vocabulary",
]
