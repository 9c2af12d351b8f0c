"""Score actor coding: does the entity covering a gold actor get the right country and sector?

Two gold sets, scored the same way:

* ``plover``: the PLOVER gold-standard records (one sentence each; ``source`` and ``target``
  are lists of ``{"actorText", "code", "sector"?}``). Read from the shared data directory and
  never copied into the repo. DOCUMENT records and non-list source/target fields are skipped.
* ``own``: eval/data/actors_own.jsonl, sentences written for newsgraph (see eval/data/README.md),
  ``{"text", "date", "actors": [...]}`` with actors in PLOVER's form.

For each gold actor the sentence is decoded once (``decode_text(text, published=date)``), the
actorText is located in the text (case-insensitive, first occurrence), and the predicted entity
whose mentions overlap that span is scored:

* country: predicted ``entity.country`` equals the gold code ("IGO" matches "IGO");
* sector: predicted ``entity.sector`` equals the gold sector, over gold actors with a sector;
* code: country right and, when gold has a sector, sector right too;
* unmatched: no predicted entity overlaps the actorText (scored wrong on all three).

Each set's figures are given over all its actors (top level, the keys older floors use) and
for two halves split once by a stable hash of the record id (PLOVER) or the sentence's line
number (own), the same rule as eval/events.py: ``tuning``, the half rules may be written
against, and ``check``, the half that is reported; ``gap`` is tuning minus check. ``--show``
prints errors from the tuning halves only: the check halves stay unread.

Usage: python eval/actors.py [--plover PATH] [--own PATH] [--limit N] [--show N] [--out PATH]
Always exits 0 once the results are written: a separate gate compares them to floors.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the main checkout; a worktree under /work/wt finds it one level up.
SHARED_ROOT = next(
    (p / "shared" for p in (REPO_ROOT.parent, REPO_ROOT.parent.parent) if (p / "shared").exists()),
    REPO_ROOT.parent / "shared",
)
DEFAULT_PLOVER = SHARED_ROOT / "data" / "events" / "plover" / "PLOVER_GSR_dev.json"
DEFAULT_OWN = REPO_ROOT / "eval" / "data" / "actors_own.jsonl"
DEFAULT_OUT = REPO_ROOT / "eval" / "results" / "actors.json"

# Run from a checkout without installing the package.
for path in (REPO_ROOT, REPO_ROOT / "eval"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

# The halves of eval/events.py, so a PLOVER record is in the same half in both evals.
from events import gap, half  # noqa: E402

from newsgraph import decode_text  # noqa: E402
from newsgraph.errors import NewsgraphError  # noqa: E402
from newsgraph.model import Article, Entity  # noqa: E402

Span = tuple[int, int]

# PLOVER writes discontinuous actors with an ellipsis ("U.S. ... negotiators"); the head
# before the gap is what a mention of the actor overlaps.
_ELLIPSIS_RE = re.compile(r"\s*\.{2,}\s*|\s*…\s*")
# PLOVER uses "***" for "sector not coded"; it is not a sector to score against.
_NO_SECTOR = {"", "***"}


@dataclass
class GoldActor:
    text: str
    date: str | None
    actor_text: str
    code: str
    sector: str | None  # primary 3-letter sector, None when gold has none
    raw_sector: str | None  # as written in the gold ("REFtam", "GOVMOS", ...)
    record: str  # record id or line number, for error listings


@dataclass
class Scored:
    gold: GoldActor
    span: Span | None  # where the actorText was found; None: not found in the text
    entity: Entity | None
    country_ok: bool
    sector_ok: bool | None  # None when gold has no sector
    code_ok: bool


# --- gold -----------------------------------------------------------------------------------


def primary_sector(sector: Any) -> str | None:
    """The first 3-letter CAMEO sector code: gold like "REFtam" (refugee, Tamil) or "GOVMOS"
    (government, Muslim) stacks a sector with ethnic/religious codes, which actors do not
    predict; "***" means uncoded."""
    if not isinstance(sector, str) or sector.strip() in _NO_SECTOR:
        return None
    return sector.strip()[:3].upper()


def _gold_actor(actor: dict[str, Any], text: str, date: str | None, record: str) -> GoldActor:
    raw_sector = actor.get("sector") or None
    return GoldActor(
        text=text,
        date=date,
        actor_text=str(actor.get("actorText", "")),
        code=str(actor.get("code", "")).strip().upper(),
        sector=primary_sector(raw_sector),
        raw_sector=raw_sector,
        record=record,
    )


def load_plover(path: Path) -> list[GoldActor]:
    records = json.loads(path.read_text(encoding="utf-8"))
    actors: list[GoldActor] = []
    for record in records:
        if record.get("event") == "DOCUMENT" or not record.get("text"):
            continue
        for role in ("source", "target"):
            value = record.get(role)
            if not isinstance(value, list):  # "", None or a free-text note: no actor to score
                continue
            for actor in value:
                actors.append(
                    _gold_actor(actor, record["text"], record.get("date"), str(record["id"]))
                )
    return actors


def load_own(path: Path) -> list[GoldActor]:
    actors: list[GoldActor] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            for actor in record["actors"]:
                actors.append(
                    _gold_actor(actor, record["text"], record.get("date"), f"line {number}")
                )
    return actors


# --- matching -------------------------------------------------------------------------------


def find_actor_text(text: str, actor_text: str) -> Span | None:
    """The first case-insensitive occurrence of the actorText, tolerant of the gold's
    doubled spaces and ellipses. None when absent (PLOVER has typos like "Ghanians" for the
    text's "Ghanaians"): such actors are counted as unmatched and reported separately."""
    head = _ELLIPSIS_RE.split(actor_text.strip())[0].strip()
    if not head:
        return None
    words = head.split()
    pattern = r"\s+".join(re.escape(word) for word in words)
    match = re.search(pattern, text, re.IGNORECASE)
    if match:
        return match.start(), match.end()
    return None


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def covering_entity(article: Article, span: Span) -> Entity | None:
    """The entity with a mention overlapping the span; the largest overlap wins, so a
    "Chinese" demonym inside "Chinese President Xi Jinping" does not beat the full name."""
    best: Entity | None = None
    best_overlap = 0
    for entity in article.entities:
        for mention in entity.mentions:
            if overlaps(mention, span):
                size = min(mention[1], span[1]) - max(mention[0], span[0])
                if size > best_overlap:
                    best, best_overlap = entity, size
    return best


def _attr(entity: Entity | None, name: str) -> str | None:
    # The actor layer adds these attributes; until it lands they are absent.
    value = getattr(entity, name, None) if entity is not None else None
    return str(value).strip().upper() if value else None


def score_actor(gold: GoldActor, article: Article | None) -> Scored:
    span = find_actor_text(gold.text, gold.actor_text)
    entity = covering_entity(article, span) if article is not None and span else None
    country_ok = entity is not None and _attr(entity, "country") == gold.code
    sector_ok: bool | None = None
    if gold.sector is not None:
        sector_ok = entity is not None and _attr(entity, "sector") == gold.sector
    code_ok = country_ok and sector_ok is not False
    return Scored(gold, span, entity, country_ok, sector_ok, code_ok)


# --- running --------------------------------------------------------------------------------


def decode_all(golds: list[GoldActor]) -> dict[str, Article | None]:
    """Each distinct sentence decoded once (several actors share a sentence)."""
    articles: dict[str, Article | None] = {}
    for gold in golds:
        if gold.text in articles:
            continue
        try:
            articles[gold.text] = decode_text(gold.text, published=gold.date)
        except NewsgraphError as error:
            logging.warning("could not decode %s: %s", gold.record, error)
            articles[gold.text] = None
    return articles


def summarize_halves(scored: list[Scored]) -> dict[str, Any]:
    """All actors at the top level, then the tuning and check halves and their gap."""
    tuning = summarize([s for s in scored if half(s.gold.record) == "tuning"])
    check = summarize([s for s in scored if half(s.gold.record) == "check"])
    return {**summarize(scored), "tuning": tuning, "check": check, "gap": gap(tuning, check)}


def summarize(scored: list[Scored]) -> dict[str, Any]:
    n = len(scored)
    with_sector = [s for s in scored if s.sector_ok is not None]
    country = sum(s.country_ok for s in scored)
    sector = sum(bool(s.sector_ok) for s in with_sector)
    code = sum(s.code_ok for s in scored)
    unmatched = sum(s.entity is None for s in scored)
    not_found = sum(s.span is None for s in scored)
    return {
        "actors": n,
        "with_sector": len(with_sector),
        "country_right": country,
        "sector_right": sector,
        "code_right": code,
        "unmatched_count": unmatched,
        "actor_text_not_found": not_found,
        "country_accuracy": country / n if n else 0.0,
        "sector_accuracy": sector / len(with_sector) if with_sector else 0.0,
        "code_accuracy": code / n if n else 0.0,
        "unmatched": unmatched / n if n else 0.0,
    }


def describe(entity: Entity | None) -> str:
    if entity is None:
        return "(no entity)"
    code = getattr(entity, "code", None)
    return (
        f"{entity.name!r} country={_attr(entity, 'country')} "
        f"sector={_attr(entity, 'sector')} code={code}"
    )


def show_errors(name: str, scored: list[Scored], limit: int) -> None:
    errors = [s for s in scored if not s.code_ok and half(s.gold.record) == "tuning"]
    if not limit or not errors:
        return
    print(f"\n{name}: first {min(limit, len(errors))} of {len(errors)} tuning-half errors")
    for s in errors[:limit]:
        gold = s.gold
        print(f"- [{gold.record}] {gold.text}")
        print(f"  actorText={gold.actor_text!r} gold={gold.code} sector={gold.raw_sector}")
        print(f"  predicted: {describe(s.entity)}" + ("" if s.span else "  (actorText not found)"))


def print_table(results: dict[str, dict[str, Any]]) -> None:
    header = f"{'set':8} {'actors':>6} {'country':>8} {'sector':>8} {'code':>8} {'unmatched':>9}"
    print(header)
    print("-" * len(header))
    for name, all_halves in results.items():
        for label, r in (
            ("", all_halves),
            (".tun", all_halves["tuning"]),
            (".chk", all_halves["check"]),
        ):
            print(
                f"{name + label:8} {r['actors']:>6} {r['country_accuracy']:>8.3f} "
                f"{r['sector_accuracy']:>8.3f} {r['code_accuracy']:>8.3f} {r['unmatched']:>9.3f}"
            )


def evaluate(golds: list[GoldActor]) -> list[Scored]:
    articles = decode_all(golds)
    return [score_actor(gold, articles[gold.text]) for gold in golds]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plover", type=Path, default=DEFAULT_PLOVER)
    parser.add_argument("--own", type=Path, default=DEFAULT_OWN)
    parser.add_argument("--limit", type=int, default=0, help="score only the first N actors")
    parser.add_argument("--show", type=int, default=0, help="print the first N errors per set")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")

    started = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}
    for name, path, loader in (("plover", args.plover, load_plover), ("own", args.own, load_own)):
        if not path.exists():
            logging.warning("%s gold not found at %s; skipped", name, path)
            continue
        golds = loader(path)
        if args.limit:
            golds = golds[: args.limit]
        scored = evaluate(golds)
        results[name] = {"path": str(path), **summarize_halves(scored)}
        show_errors(name, scored, args.show)

    print()
    print_table(results)
    results_out: dict[str, Any] = {**results, "seconds": round(time.perf_counter() - started, 1)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results_out, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
