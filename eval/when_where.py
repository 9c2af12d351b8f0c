"""Score when and where events happen: dates resolved against the publication date, and
places geocoded with the offline gazetteer.

Gold: eval/data/when_where.jsonl, sentences written for newsgraph (no publisher's text), one
event a line::

    {"id", "text", "trigger", "published": "YYYY-MM-DD",
     "date": "2024-07-03" | "2024-W27" | "2024-07" | "2024",
     "place": {"name", "country"} | null}

``trigger`` is the event's trigger word (its first occurrence in ``text``); ``date`` is the
event's date at the precision the text gives (the publication date when the text gives
none); ``place`` is where the event took place (``country`` ISO alpha-3, null for seas and
regions that span countries), null when the text does not say.

Each text is decoded (``decode_text(text, published=...)``: sentences and actors), parsed
with the configured spaCy model, and the trigger's sentence goes to
``resolve_event_date`` and ``locate_event``. Scores:

* date accuracy: the value equals the gold value (same precision);
* country accuracy: both null, or both places with the same country;
* place accuracy: both null, or the predicted place is the gold one (same name, or the
  gazetteer entry the gold name and country resolve to);
* place precision and recall over the sentences where a place is predicted / gold.

Also measured: gazetteer load time (wall and CPU) and memory (resident set growth), and
the time per call of each function.

Usage: python eval/when_where.py [--gold PATH] [--show N] [--out PATH]
Always exits 0 once the results are written: a separate gate compares them to floors.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = REPO_ROOT / "eval" / "data" / "when_where.jsonl"
DEFAULT_OUT = REPO_ROOT / "eval" / "results" / "when_where.json"

# Run from a checkout without installing the package.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from newsgraph import decode_text  # noqa: E402
from newsgraph.config import Config  # noqa: E402
from newsgraph.model import Location  # noqa: E402
from newsgraph.nlp.actors.component import publication_date  # noqa: E402
from newsgraph.nlp.actors.kb import load_kb, normalize_name  # noqa: E402
from newsgraph.nlp.events.when import EventDate, resolve_event_date  # noqa: E402
from newsgraph.nlp.events.where import locate_event  # noqa: E402
from newsgraph.nlp.model import load_model  # noqa: E402
from newsgraph.nlp.places.gazetteer import Gazetteer, load_gazetteer  # noqa: E402


@dataclass
class Scored:
    gold: dict[str, Any]
    date: EventDate
    location: Location | None
    date_right: bool
    country_right: bool
    place_right: bool


def resident_mb() -> float:
    """Resident set size of this process in MB (Linux /proc; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * 4096 / 1e6


def measure_gazetteer() -> tuple[Gazetteer, dict[str, float]]:
    load_kb()  # the actor layer loads it anyway: keep it out of the gazetteer's figures
    before, start, cpu = resident_mb(), time.perf_counter(), time.process_time()
    gazetteer = load_gazetteer()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return gazetteer, {
        # CPU time is the steadier figure on a shared machine; wall time includes waiting.
        "gazetteer_load_seconds": round(seconds, 3),
        "gazetteer_load_cpu_seconds": round(cpu, 3),
        "gazetteer_memory_mb": round(resident_mb() - before, 1),
        "gazetteer_names": len(gazetteer),
    }


def same_place(predicted: Location, gold: dict[str, Any], gazetteer: Gazetteer) -> bool:
    if normalize_name(predicted.name) == normalize_name(gold["name"]):
        return True
    known = gazetteer.lookup(gold["name"], gold.get("country"))
    return known is not None and known.name == predicted.name and known.lat == predicted.lat


def score_one(
    gold: dict[str, Any], nlp: Any, gazetteer: Gazetteer, timings: dict[str, float]
) -> Scored:
    article = decode_text(gold["text"], published=gold["published"])
    doc = nlp(article.text)
    start = article.text.index(gold["trigger"])
    trigger = (start, start + len(gold["trigger"]))
    sentence = next((s for s in article.sentences if s[0] <= start < s[1]), (0, len(article.text)))
    clock = time.perf_counter()
    date = resolve_event_date(article.text, doc, sentence, trigger, publication_date(article))
    timings["when"] += time.perf_counter() - clock
    clock = time.perf_counter()
    location = locate_event(article.text, doc, sentence, trigger, article, gazetteer)
    timings["where"] += time.perf_counter() - clock
    place = gold.get("place")
    if place is None or location is None:
        country_right = place_right = place is None and location is None
    else:
        country_right = location.country == place.get("country")
        place_right = same_place(location, place, gazetteer)
    return Scored(gold, date, location, date.value == gold["date"], country_right, place_right)


def summarize(scored: list[Scored], timings: dict[str, float]) -> dict[str, Any]:
    n = len(scored)
    predicted = [s for s in scored if s.location is not None]
    with_gold = [s for s in scored if s.gold.get("place") is not None]
    from_text = [s for s in scored if s.date.source == "text"]
    return {
        "events": n,
        "date_accuracy": sum(s.date_right for s in scored) / n,
        "date_from_text_share": len(from_text) / n,
        "country_accuracy": sum(s.country_right for s in scored) / n,
        "place_accuracy": sum(s.place_right for s in scored) / n,
        "place_precision": sum(s.place_right for s in predicted) / len(predicted)
        if predicted
        else 0.0,
        "place_recall": sum(s.place_right for s in with_gold) / len(with_gold)
        if with_gold
        else 0.0,
        "when_ms_per_call": round(1000 * timings["when"] / n, 3),
        "where_ms_per_call": round(1000 * timings["where"] / n, 3),
    }


def show_errors(scored: list[Scored], limit: int) -> None:
    errors = [s for s in scored if not (s.date_right and s.place_right and s.country_right)]
    for s in errors[:limit]:
        place = s.gold.get("place")
        got = None if s.location is None else (s.location.name, s.location.country)
        want = None if place is None else (place["name"], place.get("country"))
        print(f"- {s.gold['id']} {s.gold['text']}")
        if not s.date_right:
            print(f"    date: got {s.date.value} ({s.date.source}), want {s.gold['date']}")
        if not (s.place_right and s.country_right):
            print(f"    place: got {got}, want {want}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--show", type=int, default=20, help="errors to print")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    golds = [json.loads(line) for line in args.gold.read_text("utf-8").splitlines() if line.strip()]
    gazetteer, load_figures = measure_gazetteer()
    nlp = load_model(Config().model)
    timings = {"when": 0.0, "where": 0.0}
    scored = [score_one(gold, nlp, gazetteer, timings) for gold in golds]
    results = {**summarize(scored, timings), **load_figures}

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"when/where on {results['events']} events ({args.gold.name})")
    for key in ("date_accuracy", "country_accuracy", "place_accuracy"):
        print(f"  {key:<20} {results[key]:.3f}")
    print(
        f"  place precision {results['place_precision']:.3f}  recall {results['place_recall']:.3f}"
    )
    print(
        f"  gazetteer: {results['gazetteer_load_seconds']} s "
        f"({results['gazetteer_load_cpu_seconds']} s CPU), "
        f"{results['gazetteer_memory_mb']} MB, {results['gazetteer_names']} names; "
        f"{results['when_ms_per_call']} ms when, {results['where_ms_per_call']} ms where"
    )
    show_errors(scored, args.show)
    print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
