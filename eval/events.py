"""Score the events layer: PLOVER gold-standard records, sentences that hold no event, and
PETRARCH2's unit tests.

* ``plover`` — PLOVER_GSR_dev.json, one sentence a record coded by the PLOVER authors with an
  event type, its source (actor) and target (recipient) actors. Version 0.5b1 names are mapped
  to PLOVER 2.0: DEMAND→REQUEST, DISAPPROVE and INVESTIGATE→ACCUSE, FIGHT→ASSAULT; DOCUMENT
  records are skipped. Each sentence is decoded with its record's date as ``published``.

  - ``type_accuracy``: the gold type is among the sentence's predicted event types;
  - ``main_type_accuracy``: the main predicted event (the trigger highest in the parse tree,
    the first of equals) has the gold type;
  - actors are scored on the *matched* event (the first predicted event of the gold type,
    else the main one), once per gold actor: ``country`` — some predicted actor on the same
    side has the gold country code (the first three letters: "USA", "IGO"); ``code`` — and
    also the gold sector when the gold gives one (its first three letters: "REFtam" → REF;
    "***" is no sector), read from the predicted code's letters 4-6 ("USAGOV" → GOV). An
    empty prediction is wrong. ``actor_*`` pools sources and targets.
  - ``actor_reachable_share``: the share of gold actors whose country is the code of some
    actor of the article at all (what the actor layer makes possible: a ceiling);
  - ``events_per_sentence``: mean number of predicted events;
  - ``mode_accuracy``: among records whose gold gives a mode and whose type we find, the
    share where the predicted event of that type has the same mode (0.5b1 modes are renamed
    to PLOVER 2.0's: "host" → "visit", "assassinate" → "targeted", "strike-hun" → "hunger" ...).
  PLOVER figures are given for the whole file (top level of ``plover``, the keys older floors
  use) and for two halves split once by a stable hash of the record id (``half``):
  ``plover.tuning``, the half rules may be written against, and ``plover.check``, the half
  that is reported and gated; ``plover.gap`` is tuning minus check (over 0.05 on a figure
  means the rules fit the tuning half too closely).
* ``own`` — eval/data/events_own.jsonl: sentences drawn at random from the AllSides corpus
  and labelled by hand before the system ran on them (eval/data/events_own_README.md); the
  text is re-read from ../shared by article id and offsets (skipped when absent). Gold
  events are asserted events; a sentence may hold several or none. ``type_recall``: the
  gold type among the sentence's predicted events (``type_recall_asserted``: among its
  asserted ones); ``type_precision``: predicted asserted events whose type is a gold type
  of their sentence; actors scored as for PLOVER (gold actors coded "---" are skipped);
  ``false_event_rate``: sentences with no gold event that get an asserted event. Given for
  ``all``, ``tuning``, ``check`` (split by a hash of article id and offset), ``certain``
  (sentences not marked uncertain) and ``gap`` (tuning minus check).
* ``own_context`` — the same sentences and figures, each decoded with its article's text
  before it, as a real decode reads it (an actor named in full earlier and then by surname,
  the event the sentence before told); only events whose trigger lies in the labelled
  sentence count. ``--no-context`` skips it (it decodes about 30 times more text).
* ``none`` — eval/data/events_none.jsonl: news sentences with no PLOVER event;
  ``false_event_rate`` is the share with at least one asserted event, ``any_event_rate`` the
  share with any event at all.
* ``petrarch`` — PETR.UnitTest.records.xml with its test actor dictionary converted to our
  actor KB format (in a temporary folder) and passed as ``actor_files``. A sentence counts as
  reproduced when every expected event (source, target, CAMEO code) has a predicted event
  with that source and target country codes and the same PLOVER type (``type_share``) or
  the same CAMEO root code (``root_share``); ``actor_share`` asks only for an event between
  the expected actors. Sentences expecting no event count when we produce none
  (``silent_share``). PETRARCH has no modality, so events of every modality count. The unit
  tests code with PETRARCH's own test verb dictionary
  (invented phrases and codes, e.g. "restore diplomatic ties" = 064), so the type and root
  shares measure agreement with that dictionary more than with CAMEO.

``--show N`` prints errors from the tuning halves only: the check halves stay unread.

Usage: python eval/events.py [--plover PATH] [--own PATH] [--corpus PATH] [--none PATH]
       [--petrarch DIR] [--limit N] [--show N] [--out PATH] [--no-context]
Always exits 0 once the results are written: a separate gate compares them to floors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the main checkout; a worktree under /work/wt finds it one level up.
SHARED_ROOT = next(
    (p / "shared" for p in (REPO_ROOT.parent, REPO_ROOT.parent.parent) if (p / "shared").exists()),
    REPO_ROOT.parent / "shared",
)
SHARED = SHARED_ROOT / "data" / "events"
DEFAULT_CORPUS = SHARED_ROOT / "data" / "corpus" / "allsides-intl" / "articles.jsonl"
DEFAULT_OWN = REPO_ROOT / "eval" / "data" / "events_own.jsonl"
DEFAULT_PLOVER = SHARED / "plover" / "PLOVER_GSR_dev.json"
DEFAULT_NONE = REPO_ROOT / "eval" / "data" / "events_none.jsonl"
DEFAULT_PETRARCH = SHARED / "petrarch2"
DEFAULT_OUT = REPO_ROOT / "eval" / "results" / "events.json"
OLD_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# 0.5b1 modes under their PLOVER 2.0 names (the manual's mode tables).
OLD_MODES = {
    "strike-hun": "hunger",
    "strike-gen": "strike",
    "demo-org": "demo",
    "demo-spon": "demo",
    "riot-spon": "riot",
    "host": "visit",
    "assassinate": "targeted",
    "detain": "arrest",
}
EVENT_COMPONENTS = ("sentences", "actors", "quotes", "events")

if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from newsgraph import decode_text  # noqa: E402
from newsgraph.config import Config  # noqa: E402
from newsgraph.model import Article, Event  # noqa: E402
from newsgraph.nlp.model import load_model  # noqa: E402


def half(key: str) -> str:
    """The stable half a record belongs to: "tuning" (write rules against it) or "check"
    (report it). The same rule splits the PLOVER records (by id) and our own sentences (by
    "article_id:start"); it never changes, so no rule can drift onto the check half."""
    return "tuning" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "check"


def gap(tuning: dict[str, Any], check: dict[str, Any]) -> dict[str, float]:
    """Tuning minus check for every top-level figure that is a share or a mean."""
    return {
        key: round(value - check[key], 4)
        for key, value in tuning.items()
        if isinstance(value, float) and isinstance(check.get(key), float)
    }


def event_config(**overrides: Any) -> Config:
    """The default configuration with the events layer on (whatever the defaults say)."""
    components = [c for c in EVENT_COMPONENTS if c in _registered()]
    return Config(components=tuple(components), **overrides)


def _registered() -> set[str]:
    from newsgraph.nlp.registry import registered

    return set(registered())


# --- PLOVER ---------------------------------------------------------------------------------


@dataclass
class GoldRecord:
    id: str
    text: str
    date: str | None
    type: str
    mode: str | None
    source: list[tuple[str, str | None]]  # (country code, primary sector)
    target: list[tuple[str, str | None]]


@dataclass
class RecordScore:
    gold: GoldRecord
    types: list[str]
    main_type: str | None
    reachable: list[bool] = field(default_factory=list)  # gold country among the article's actors
    source_hits: list[tuple[bool, bool]] = field(default_factory=list)  # (country, code)
    target_hits: list[tuple[bool, bool]] = field(default_factory=list)
    events: int = 0
    mode: str | None = None  # the mode of the predicted event of the gold type
    detail: str = ""


def _gold_actors(value: Any) -> list[tuple[str, str | None]]:
    if not isinstance(value, list):
        return []  # "", None or a free-text note: no actor
    actors = []
    for actor in value:
        code = str(actor.get("code", "")).strip().upper()
        sector = actor.get("sector")
        primary = None
        if isinstance(sector, str) and sector.strip() and "*" not in sector:
            primary = sector.strip()[:3].upper()
        if code:
            actors.append((code[:3], primary))
    return actors


def _mode(value: Any) -> str | None:
    mode = str(value or "").strip()
    return OLD_MODES.get(mode, mode) or None


def load_plover(path: Path) -> list[GoldRecord]:
    records = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        if record.get("event") == "DOCUMENT" or not record.get("text"):
            continue
        event = OLD_NAMES.get(record["event"], record["event"])
        records.append(
            GoldRecord(
                id=str(record["id"]),
                text=record["text"],
                date=record.get("date"),
                type=event,
                mode=_mode(record.get("mode")),
                source=_gold_actors(record.get("source")),
                target=_gold_actors(record.get("target")),
            )
        )
    return records


class MainEvent:
    """Picks the main event of a sentence: the trigger closest to the root of the parse."""

    def __init__(self, config: Config) -> None:
        self.nlp = load_model(config.model)

    def pick(self, article: Article) -> Event | None:
        return self.pick_among(article.events, article.text)

    def pick_among(self, events: list[Event], text: str, offset: int = 0) -> Event | None:
        """The main one of `events`, all in `text`, which starts at `offset` of the article."""
        if not events:
            return None
        doc = self.nlp(text)
        depth = {token.idx + offset: _depth(token) for token in doc}
        return min(events, key=lambda e: (depth.get(e.trigger[0], 99), e.trigger[0]))


def _depth(token: Any) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _actor_hits(
    gold: list[tuple[str, str | None]], predicted: list[tuple[str, str]]
) -> list[tuple[bool, bool]]:
    hits = []
    for country, sector in gold:
        same_country = [code for c, code in predicted if c == country]
        code_ok = any(sector is None or code[3:6] == sector for code in same_country)
        hits.append((bool(same_country), bool(same_country) and code_ok))
    return hits


def _codes(actors: list[Any]) -> list[tuple[str, str]]:
    return [(a.code[:3], a.code) for a in actors if a.code]


def score_record(gold: GoldRecord, config: Config, main: MainEvent) -> RecordScore:
    article = decode_text(gold.text, config, published=gold.date)
    main_event = main.pick(article)
    matched = next((e for e in article.events if e.type == gold.type), main_event)
    score = RecordScore(
        gold=gold,
        types=[e.type for e in article.events],
        main_type=main_event.type if main_event else None,
        events=len(article.events),
    )
    score.mode = matched.mode if matched and matched.type == gold.type else None
    source = _codes(matched.source) if matched else []
    target = _codes(matched.target) if matched else []
    known = {(e.code or e.country or "")[:3] for e in article.entities}
    score.reachable = [country in known for country, _ in gold.source + gold.target]
    score.source_hits = _actor_hits(gold.source, source)
    score.target_hits = _actor_hits(gold.target, target)
    score.detail = describe(article)
    return score


def describe(article: Article, events: list[Event] | None = None) -> str:
    """The predicted events of a decoded sentence (or just `events` of it), for error
    listings."""
    return "; ".join(
        f"{e.type}/{e.cameo}/{e.modality} {[a.code for a in e.source]}->"
        f"{[a.code for a in e.target]} '{article.text[e.trigger[0] : e.trigger[1]]}'"
        for e in (article.events if events is None else events)
    )


def _share(values: list[bool]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def summarize_plover(scores: list[RecordScore]) -> dict[str, Any]:
    source = [hit for s in scores for hit in s.source_hits]
    target = [hit for s in scores for hit in s.target_hits]
    by_type: dict[str, list[bool]] = {}
    for s in scores:
        by_type.setdefault(s.gold.type, []).append(s.gold.type in s.types)
    return {
        "records": len(scores),
        "type_accuracy": _share([s.gold.type in s.types for s in scores]),
        "main_type_accuracy": _share([s.main_type == s.gold.type for s in scores]),
        "no_event_share": _share([not s.types for s in scores]),
        "source_country_accuracy": _share([h[0] for h in source]),
        "source_code_accuracy": _share([h[1] for h in source]),
        "target_country_accuracy": _share([h[0] for h in target]),
        "target_code_accuracy": _share([h[1] for h in target]),
        "actor_country_accuracy": _share([h[0] for h in source + target]),
        "actor_code_accuracy": _share([h[1] for h in source + target]),
        "gold_actors": {"source": len(source), "target": len(target)},
        "actor_reachable_share": _share([r for s in scores for r in s.reachable]),
        "events_per_sentence": round(sum(s.events for s in scores) / max(len(scores), 1), 3),
        "mode_accuracy": _share(
            [s.mode == s.gold.mode for s in scores if s.gold.mode and s.gold.type in s.types]
        ),
        "type_accuracy_by_type": {t: _share(v) for t, v in sorted(by_type.items())},
    }


def show_plover_errors(scores: list[RecordScore], limit: int) -> None:
    shown = 0
    for s in scores:
        wrong_actor = any(not h[0] for h in s.source_hits + s.target_hits)
        if s.gold.type in s.types and not wrong_actor:
            continue
        if shown >= limit:
            return
        shown += 1
        print(f"  {s.gold.id} gold {s.gold.type} {s.gold.source}->{s.gold.target}")
        print(f"    {s.gold.text[:160]}")
        print(f"    predicted: {s.detail or '-'}")


def evaluate_plover(
    path: Path, config: Config, main: MainEvent, show: int, limit: int | None
) -> dict[str, Any]:
    """The whole file at the top level (the keys older floors use), each half below it."""
    scores = [score_record(record, config, main) for record in load_plover(path)[:limit]]
    results = summarize_plover(scores)
    results["predicted_types"] = dict(Counter(t for s in scores for t in s.types))
    tuning = [s for s in scores if half(s.gold.id) == "tuning"]
    results["tuning"] = summarize_plover(tuning)
    results["check"] = summarize_plover([s for s in scores if half(s.gold.id) == "check"])
    results["gap"] = gap(results["tuning"], results["check"])
    show_plover_errors(tuning, show)
    return results


# --- our own gold sentences from the AllSides corpus ----------------------------------------


@dataclass
class OwnEvent:
    type: str
    source: list[str]  # country codes; "---" (not scored) when the sentence does not tell
    target: list[str]


@dataclass
class OwnSentence:
    key: str  # "article_id:start": what the halves are split by
    text: str
    date: str | None
    events: list[OwnEvent]
    uncertain: bool
    before: str = ""  # the article's text before the sentence (for ``own_context``)


@dataclass
class OwnScore:
    sentence: OwnSentence
    found: list[bool]  # per gold event: its type among the predicted events
    found_asserted: list[bool]  # ... among the predicted asserted events
    correct: list[bool]  # per predicted asserted event: its type is a gold type
    events: int  # predicted events of any modality
    source_hits: list[bool] = field(default_factory=list)
    target_hits: list[bool] = field(default_factory=list)
    detail: str = ""


def _own_event(event: dict[str, Any]) -> OwnEvent:
    return OwnEvent(
        event["type"],
        [a["code"] for a in event.get("source", [])],
        [a["code"] for a in event.get("target", [])],
    )


def _article_texts(corpus: Path, wanted: set[str]) -> dict[str, str]:
    texts = {}
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if article["id"] in wanted:
                texts[article["id"]] = article["text"]
    return texts


def load_own(path: Path, corpus: Path) -> tuple[list[OwnSentence], list[str]]:
    """The labelled sentences with their text re-read from the corpus, and the keys of the
    labels that no longer fit it (article gone, or a labelled actor's words not in the
    sentence: the corpus changed under the offsets)."""
    labels = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    texts = _article_texts(corpus, {label["article_id"] for label in labels})
    sentences, stale = [], []
    for label in labels:
        key = f"{label['article_id']}:{label['start']}"
        text = texts.get(label["article_id"], "")[label["start"] : label["end"]]
        words = [a["text"] for e in label["events"] for a in e["source"] + e["target"]]
        if not text or any(w not in text for w in words):
            stale.append(key)
            continue
        events = [_own_event(event) for event in label["events"]]
        before = texts[label["article_id"]][: label["start"]]
        sentences.append(
            OwnSentence(key, text, label.get("date"), events, bool(label.get("uncertain")), before)
        )
    return sentences, stale


def _country_hits(gold: list[str], predicted: list[Any]) -> list[bool]:
    scored: list[tuple[str, str | None]] = [(code, None) for code in gold if code != "---"]
    return [hit[0] for hit in _actor_hits(scored, _codes(predicted))]


def score_own(
    sentence: OwnSentence, config: Config, main: MainEvent, context: bool = False
) -> OwnScore:
    """Score one labelled sentence decoded alone or, with `context`, decoded with the
    article's text before it (as a real decode reads it: actors named in full earlier, the
    event told the sentence before), counting the events whose trigger is in the sentence."""
    offset = len(sentence.before) if context else 0
    text = sentence.before + sentence.text if context else sentence.text
    article = decode_text(text, config, published=sentence.date or None)
    events = [e for e in article.events if e.trigger[0] >= offset]
    main_event = main.pick_among(events, sentence.text, offset)
    asserted = [e for e in events if e.modality == "asserted"]
    gold_types = {event.type for event in sentence.events}
    score = OwnScore(
        sentence,
        found=[any(e.type == g.type for e in events) for g in sentence.events],
        found_asserted=[any(e.type == g.type for e in asserted) for g in sentence.events],
        correct=[e.type in gold_types for e in asserted],
        events=len(events),
        detail=describe(article, events),
    )
    for gold in sentence.events:
        matched = next((e for e in events if e.type == gold.type), main_event)
        score.source_hits += _country_hits(gold.source, matched.source if matched else [])
        score.target_hits += _country_hits(gold.target, matched.target if matched else [])
    return score


def summarize_own(scores: list[OwnScore]) -> dict[str, Any]:
    found = [hit for s in scores for hit in s.found]
    correct = [hit for s in scores for hit in s.correct]
    source = [hit for s in scores for hit in s.source_hits]
    target = [hit for s in scores for hit in s.target_hits]
    empty = [s for s in scores if not s.sentence.events]
    recall, precision = _share(found), _share(correct)
    by_type: dict[str, list[bool]] = {}
    for s in scores:
        for gold, hit in zip(s.sentence.events, s.found, strict=True):
            by_type.setdefault(gold.type, []).append(hit)
    return {
        "sentences": len(scores),
        "uncertain_sentences": sum(s.sentence.uncertain for s in scores),
        "gold_events": len(found),
        "predicted_asserted_events": len(correct),
        "type_recall": recall,
        "type_recall_asserted": _share([hit for s in scores for hit in s.found_asserted]),
        "type_precision": precision,
        "type_f1": round(2 * recall * precision / (recall + precision), 4)
        if recall + precision
        else 0.0,
        "source_country_accuracy": _share(source),
        "target_country_accuracy": _share(target),
        "actor_country_accuracy": _share(source + target),
        "gold_actors": {"source": len(source), "target": len(target)},
        "no_event_sentences": len(empty),
        "false_event_rate": _share([bool(s.correct) for s in empty]),
        "any_event_rate": _share([s.events > 0 for s in empty]),
        "type_recall_by_type": {t: _share(v) for t, v in sorted(by_type.items())},
    }


def show_own_errors(scores: list[OwnScore], limit: int) -> None:
    wrong = [
        s
        for s in scores
        if not all(s.found) or not all(s.correct) or not all(s.source_hits + s.target_hits)
    ]
    for s in wrong[:limit]:
        gold = [(e.type, e.source, e.target) for e in s.sentence.events]
        print(f"  {s.sentence.key} gold {gold or 'none'}")
        print(f"    {s.sentence.text[:160]}")
        print(f"    predicted: {s.detail or '-'}")


def evaluate_own(
    path: Path,
    corpus: Path,
    config: Config,
    main: MainEvent,
    show: int,
    limit: int | None,
    context: bool = False,
) -> dict[str, Any]:
    sentences, stale = load_own(path, corpus)
    scores = [score_own(sentence, config, main, context) for sentence in sentences[:limit]]
    tuning = [s for s in scores if half(s.sentence.key) == "tuning"]
    results: dict[str, Any] = {
        "all": summarize_own(scores),
        "tuning": summarize_own(tuning),
        "check": summarize_own([s for s in scores if half(s.sentence.key) == "check"]),
        "certain": summarize_own([s for s in scores if not s.sentence.uncertain]),
        "stale_labels": len(stale),
    }
    results["gap"] = gap(results["tuning"], results["check"])
    show_own_errors(tuning, show)
    return results


# --- sentences without events ---------------------------------------------------------------


def evaluate_none(path: Path, config: Config, show: int) -> dict[str, Any]:
    sentences = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    asserted, any_event = [], []
    for record in sentences:
        article = decode_text(record["text"], config, published=record.get("date"))
        events = [e for e in article.events if e.modality == "asserted"]
        asserted.append(bool(events))
        any_event.append(bool(article.events))
        if article.events and show:
            print(f"  false event: {record['text'][:120]}")
            for e in article.events:
                trigger = article.text[e.trigger[0] : e.trigger[1]]
                print(f"    {e.type} {e.modality} '{trigger}'")
    return {
        "sentences": len(sentences),
        "false_event_rate": _share(asserted),
        "any_event_rate": _share(any_event),
    }


# --- PETRARCH2 unit tests -------------------------------------------------------------------

_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_ATTRIBUTE = re.compile(r"(\w+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ACTOR_LINE = re.compile(r"^([^\[#<]+?)\s*\[([^\]]*)\]")


@dataclass
class PetrarchCase:
    id: str
    date: str | None
    text: str
    expected: list[tuple[str, str, str]]  # (source code, target code, CAMEO code)


def _attributes(text: str) -> dict[str, str]:
    return {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3) or ""
        for m in _ATTRIBUTE.finditer(text)
    }


def load_petrarch_cases(path: Path) -> list[PetrarchCase]:
    """The sentences of PETR.UnitTest.records.xml (not the ones expecting a coding error)."""
    cases = []
    for match in _SENTENCE.finditer(path.read_text(encoding="utf-8")):
        attributes, body = _attributes(match.group(1)), match.group(2)
        codings = [_attributes(c.group(1)) for c in _CODING.finditer(body)]
        text = _TEXT.search(body)
        if text is None or any("error" in c for c in codings):
            continue
        expected = [
            (c["sourcecode"].strip('"'), c["targetcode"].strip('"'), c["eventcode"])
            for c in codings
            if "eventcode" in c
        ]
        date = attributes.get("date", "")
        iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None
        cases.append(
            PetrarchCase(attributes.get("id", ""), iso, " ".join(text.group(1).split()), expected)
        )
    return cases


def convert_petrarch_actors(dictionary: Path, out: Path) -> list[str]:
    """PETRARCH's test actor dictionary as our KB files: three-letter codes become countries,
    longer ones organizations (country = letters 1-3, sector = 4-6); "+NAME" lines are aliases.
    Returns the written paths."""
    groups: list[tuple[str, str, list[str]]] = []
    for line in dictionary.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#")[0].rstrip()
        if line.startswith("+") and groups:
            groups[-1][2].append(_petrarch_name(line[1:]))
            continue
        match = _ACTOR_LINE.match(line)
        if match and re.fullmatch(r"[A-Za-z]{3,}", match.group(2).strip()):
            groups.append((_petrarch_name(match.group(1)), match.group(2).strip().upper(), []))
    by_code: dict[str, list[str]] = {}
    for name, code, aliases in groups:
        by_code.setdefault(code, []).extend(n for n in (name, *aliases) if n)
    countries = ["code\tiso2\tname\taliases"]
    organizations = ["id\tname\taliases\tkind\tcountry\tsector\tcode"]
    for code, names in by_code.items():
        if not names:
            continue
        name, joined = names[0].title(), "|".join(n.title() for n in names[1:])
        if len(code) == 3:
            countries.append(f"{code}\t\t{name}\t{joined}")
        else:
            row = [f"petr:{code}", name, joined, "group", code[:3], code[3:6], code]
            organizations.append("\t".join(row))
    paths = []
    for file_name, rows in (("countries.tsv", countries), ("organizations.tsv", organizations)):
        path = out / f"petrarch_{file_name}"
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def _petrarch_name(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split())


def _reproduced(
    expected: tuple[str, str, str],
    events: list[Event],
    cameo_type: dict[str, str | None],
    root: bool | None,  # None: any kind of event between the expected actors
) -> bool:
    source, target, code = expected
    for event in events:
        if root is None:
            same_kind = True
        elif root:
            same_kind = event.cameo is not None and event.cameo[:2] == code[:2]
        else:
            same_kind = cameo_type.get(code) is not None and event.type == cameo_type.get(code)
        sources = {a.code[:3] for a in event.source if a.code}
        targets = {a.code[:3] for a in [*event.target, *event.source] if a.code}
        if same_kind and source[:3] in sources and (target in {"", "---"} or target[:3] in targets):
            return True
    return False


def evaluate_petrarch(folder: Path, work: Path, show: int, limit: int | None) -> dict[str, Any]:
    from newsgraph.nlp.events.vocabulary import load_vocabulary

    cases = load_petrarch_cases(folder / "validation" / "PETR.UnitTest.records.xml")[:limit]
    actor_files = convert_petrarch_actors(
        folder / "dictionaries" / "PETR.Validate.actors.txt", work
    )
    config = event_config(actor_files=tuple(actor_files))
    cameo_type = {c.code: c.plover_type for c in load_vocabulary().cameo.values()}
    type_ok, root_ok, actors_ok, silent_ok, shown = [], [], [], [], 0
    for case in cases:
        article = decode_text(case.text, config, published=case.date)
        # PETRARCH has no modality: "is about to restore ties" is coded as the event itself.
        events = article.events
        if not case.expected:
            silent_ok.append(not events)
            continue
        typed = all(_reproduced(e, events, cameo_type, root=False) for e in case.expected)
        rooted = all(_reproduced(e, events, cameo_type, root=True) for e in case.expected)
        type_ok.append(typed)
        root_ok.append(rooted)
        actors_ok.append(all(_reproduced(e, events, cameo_type, root=None) for e in case.expected))
        if not rooted and shown < show:
            shown += 1
            got = [
                (e.type, e.cameo, [a.code for a in e.source], [a.code for a in e.target])
                for e in article.events
            ]
            print(f"  {case.id}: expected {case.expected} got {got}\n    {case.text[:150]}")
    return {
        "sentences_with_events": len(type_ok),
        "type_share": _share(type_ok),
        "root_share": _share(root_ok),
        "actor_share": _share(actors_ok),
        "sentences_without_events": len(silent_ok),
        "silent_share": _share(silent_ok),
    }


# --- main -----------------------------------------------------------------------------------


PLOVER_REPORT = (
    "type_accuracy",
    "main_type_accuracy",
    "source_country_accuracy",
    "source_code_accuracy",
    "target_country_accuracy",
    "target_code_accuracy",
    "actor_country_accuracy",
    "actor_code_accuracy",
    "actor_reachable_share",
    "events_per_sentence",
    "mode_accuracy",
    "no_event_share",
)
OWN_REPORT = (
    "type_recall",
    "type_recall_asserted",
    "type_precision",
    "type_f1",
    "source_country_accuracy",
    "target_country_accuracy",
    "actor_country_accuracy",
    "false_event_rate",
    "any_event_rate",
)


def _print_halves(
    title: str, views: dict[str, dict[str, Any]], gaps: dict[str, float], keys: tuple[str, ...]
) -> None:
    sizes = "  ".join(
        f"{name} {view.get('records', view.get('sentences'))}" for name, view in views.items()
    )
    print(f"{title} ({sizes})")
    print(f"  {'':<26}" + "".join(f"{name:>9}" for name in views) + f"{'gap':>9}")
    for key in keys:
        row = "".join(f"{view[key]:>9}" for view in views.values())
        print(f"  {key:<26}{row}{gaps.get(key, ''):>9}")


def print_report(results: dict[str, Any]) -> None:
    plover = results.get("plover", {})
    if plover:
        views = {"all": plover, "tuning": plover["tuning"], "check": plover["check"]}
        _print_halves("PLOVER GSR dev", views, plover["gap"], PLOVER_REPORT)
    for part, title in (("own", "own AllSides sentences"), ("own_context", "own, in context")):
        own = results.get(part, {})
        if own:
            views = {name: own[name] for name in ("all", "tuning", "check", "certain")}
            _print_halves(title, views, own["gap"], OWN_REPORT)
            print(f"  stale labels {own['stale_labels']}")
    if "none" in results:
        print(f"no-event sentences: {results['none']}")
    if "petrarch" in results:
        print(f"PETRARCH2 unit tests: {results['petrarch']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plover", type=Path, default=DEFAULT_PLOVER)
    parser.add_argument("--own", type=Path, default=DEFAULT_OWN)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--none", type=Path, default=DEFAULT_NONE)
    parser.add_argument("--petrarch", type=Path, default=DEFAULT_PETRARCH)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N records")
    parser.add_argument("--show", type=int, default=0, help="print up to N errors per part")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--no-context",
        dest="context",
        action="store_false",
        help="skip own_context (the own sentences decoded with their article's text before them)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    config = event_config()
    results: dict[str, Any] = {}
    main_event = MainEvent(config)
    if args.plover.exists():
        results["plover"] = evaluate_plover(args.plover, config, main_event, args.show, args.limit)
    if args.own.exists() and args.corpus.exists():
        results["own"] = evaluate_own(
            args.own, args.corpus, config, main_event, args.show, args.limit
        )
        if args.context:
            results["own_context"] = evaluate_own(
                args.own, args.corpus, config, main_event, args.show, args.limit, context=True
            )
    if args.none.exists():
        results["none"] = evaluate_none(args.none, config, args.show)
    if args.petrarch.exists():
        with tempfile.TemporaryDirectory() as folder:
            results["petrarch"] = evaluate_petrarch(
                args.petrarch, Path(folder), args.show, args.limit
            )
    results["seconds"] = round(time.perf_counter() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print_report(results)
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
