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

Usage: python eval/events.py [--plover PATH] [--none PATH] [--petrarch DIR] [--limit N]
       [--show N] [--out PATH]
Always exits 0 once the results are written: a separate gate compares them to floors.
"""

from __future__ import annotations

import argparse
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
SHARED = REPO_ROOT.parent / "shared" / "data" / "events"
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
        if not article.events:
            return None
        doc = self.nlp(article.text)
        depth = {token.idx: _depth(token) for token in doc}
        return min(article.events, key=lambda e: (depth.get(e.trigger[0], 99), e.trigger[0]))


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
    score.detail = "; ".join(
        f"{e.type}/{e.cameo}/{e.modality} {[a.code for a in e.source]}->"
        f"{[a.code for a in e.target]} '{article.text[e.trigger[0] : e.trigger[1]]}'"
        for e in article.events
    )
    return score


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
        name, aliases = names[0].title(), "|".join(n.title() for n in names[1:])
        if len(code) == 3:
            countries.append(f"{code}\t\t{name}\t{aliases}")
        else:
            row = [f"petr:{code}", name, aliases, "group", code[:3], code[3:6], code]
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
    root: bool,
) -> bool:
    source, target, code = expected
    for event in events:
        if root is None:
            same_kind = True
        elif root:
            same_kind = bool(event.cameo) and event.cameo[:2] == code[:2]
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


def print_report(results: dict[str, Any]) -> None:
    plover = results.get("plover", {})
    if plover:
        print(f"PLOVER GSR dev ({plover['records']} records)")
        for key in (
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
        ):
            print(f"  {key:<26} {plover[key]}")
    if "none" in results:
        print(f"no-event sentences: {results['none']}")
    if "petrarch" in results:
        print(f"PETRARCH2 unit tests: {results['petrarch']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plover", type=Path, default=DEFAULT_PLOVER)
    parser.add_argument("--none", type=Path, default=DEFAULT_NONE)
    parser.add_argument("--petrarch", type=Path, default=DEFAULT_PETRARCH)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N records")
    parser.add_argument("--show", type=int, default=0, help="print up to N errors per part")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    config = event_config()
    results: dict[str, Any] = {}
    if args.plover.exists():
        records = load_plover(args.plover)[: args.limit]
        main_event = MainEvent(config)
        scores = [score_record(record, config, main_event) for record in records]
        results["plover"] = summarize_plover(scores)
        results["plover"]["predicted_types"] = dict(Counter(t for s in scores for t in s.types))
        show_plover_errors(scores, args.show)
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
