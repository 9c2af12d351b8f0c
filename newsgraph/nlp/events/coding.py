"""Coding a found trigger: PLOVER type, mode and contexts, CAMEO code with quad class and
Goldstein value, and the modality the event is reported with."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from newsgraph.nlp.events.modality import Modality
from newsgraph.nlp.events.vocabulary import EventVocabulary, TriggerRule

# PLOVER manual, AGREE: cooperative actions "reported in future tense are also taken to imply
# intentions and should be coded as AGREE"; likewise a committed future use of force or
# pressure is a THREATEN. The CAMEO codes are the matching "express intent" / "threaten" ones.
_INTENT_CODES = {
    "CONSULT": "036",
    "SUPPORT": "032",
    "COOPERATE": "031",
    "AID": "033",
    "CONCEDE": "035",
    "RETREAT": "035",
}
_THREAT_CODES = {"ASSAULT": "138", "COERCE": "132", "SANCTION": "1313", "PROTEST": "133"}
# A cooperative step refused or failed ("will not accept refugees", "failed to reach
# agreement") is a REJECT; the CAMEO code says what was rejected.
_REJECT_CODES = {
    "AGREE": "120",
    "CONSULT": "125",
    "SUPPORT": "120",
    "COOPERATE": "121",
    "AID": "122",
    "CONCEDE": "124",
    "RETREAT": "124",
}


@dataclass(frozen=True)
class Coding:
    type: str
    mode: str | None
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    context: list[str]
    modality: str  # Event.modality: "asserted", "negated", "future", "hypothetical"


def sentence_keys(sentence: Any) -> list[str]:
    """The keys context and mode keywords are looked up by: the sentence's lemmas and words,
    and adjacent lemmas joined by "-" ("human-rights", "tear-gas")."""
    lemmas = [str(token.lemma_).lower() for token in sentence]
    words = [str(token.text).lower() for token in sentence]
    return [*lemmas, *words, *(f"{a}-{b}" for a, b in pairwise(lemmas))]


def sentence_contexts(keys: list[str], vocabulary: EventVocabulary) -> list[str]:
    """PLOVER contexts whose keywords occur in the sentence, in order of first mention."""
    found: list[str] = []
    for key in keys:
        context = vocabulary.contexts.get(key)
        if context is not None and context not in found:
            found.append(context)
    return found


def _keyword_mode(
    keys: list[str], event_type: str, vocabulary: EventVocabulary
) -> tuple[str, str | None] | None:
    """The mode (and CAMEO code) the first mode keyword of `event_type` in the sentence gives."""
    for key in keys:
        found = vocabulary.modes.get((key, event_type))
        if found is not None:
            return found
    return None


def _recode(
    rule: TriggerRule, modality: Modality, vocabulary: EventVocabulary
) -> tuple[str, str | None, str | None] | None:
    """The (type, mode, CAMEO code) a stated intention or refusal is coded as, or None when
    the event keeps its own coding."""
    values, event_type = modality.values, rule.type
    governor = modality.governed_by
    refused = governor is not None and vocabulary.cue("governor", str(governor.lemma_)) == "negated"
    if "negated" in values:
        if ("intended" in values or refused) and event_type in _REJECT_CODES:
            return "REJECT", None, _REJECT_CODES[event_type]
        return None
    if "intended" not in values:
        return None
    if modality.ultimatum or event_type in _THREAT_CODES:
        mode = "violence" if event_type == "ASSAULT" else None
        return "THREATEN", mode, _THREAT_CODES.get(event_type, "130")
    if event_type == "AGREE":
        return "AGREE", rule.mode, rule.cameo
    if event_type in _INTENT_CODES:
        return "AGREE", None, _INTENT_CODES[event_type]
    return None


def code_event(
    rule: TriggerRule,
    modality: Modality,
    embedded: bool,
    keys: list[str],
    vocabulary: EventVocabulary,
) -> Coding:
    """The coding of an event found by `rule`. `embedded` says that the trigger is the
    complement of another event's trigger ("agreed to cooperate"): that event carries the
    intention, so this one keeps its own type with a future modality."""
    event_type, mode, cameo = rule.type, rule.mode, rule.cameo
    value = modality.public
    if not embedded:
        recoded = _recode(rule, modality, vocabulary)
        if recoded is not None:
            (event_type, mode, cameo), value = recoded, "asserted"
    if mode is None and event_type == rule.type:
        # "killed in a car bomb attack": the sentence tells how
        keyword = _keyword_mode(keys, event_type, vocabulary)
        if keyword is not None:
            mode, cameo = keyword[0], keyword[1] or cameo
    code = vocabulary.cameo.get(cameo) if cameo else None
    contexts = sentence_contexts(keys, vocabulary)
    context = contexts or (list(code.plover_context) if code else [])
    if mode in {"cyber", "misinformation"} and mode not in context:
        context.append(mode)
    return Coding(
        type=event_type,
        mode=mode,
        cameo=cameo,
        quad_class=code.quad_class if code else None,
        goldstein=code.goldstein if code else None,
        context=context,
        modality=value,
    )


__all__ = ["Coding", "code_event", "sentence_contexts", "sentence_keys"]
