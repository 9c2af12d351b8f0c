"""Benchmark: words per second of `decode` against bare `nlp.pipe` of the same model.

    python bench/decode_speed.py [--articles 300] [--out bench/results.json]

Reads a deterministic sample of ../shared/data/corpus/allsides-intl/articles.jsonl, writes
it as a JSON Lines input, and times on the same texts, in one run:
  bare       nlp.pipe over the texts (the model alone, one process)
  decode     newsgraph.decode with --no-store, one worker
  decode+db  newsgraph.decode into a fresh SQLite store, one worker (forked: it analyses
             while this process writes the store, as `decode` does on Linux)
  2 workers  the same with two worker processes (includes starting them: forked from
             this process, which holds the loaded model, as `decode` does on Linux)
  re-run     decode of the same input into the same store (everything is skipped)
The overhead ratio is decode time / bare time with one worker. Runs alternate and each
figure is the median of --repeat runs (the best is kept too). Each run's CPU seconds are
recorded beside its wall time, with CPU ratios to bare: on a shared machine wall ratios
move with the load average (recorded), CPU ratios much less. The CPU share of each stage
(extraction, the model, each component, store writes, story grouping) is timed with
newsgraph.nlp.timing in an extra run into the store, analysed in this process (timing
sees this process only), not counted in the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsgraph import Config, decode  # noqa: E402
from newsgraph.decoder import Decoder  # noqa: E402
from newsgraph.nlp import timing  # noqa: E402
from newsgraph.nlp.model import load_model  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "allsides-intl" / "articles.jsonl"


def sample_records(path: Path, count: int) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    step = max(1, len(lines) // count)
    records = [json.loads(line) for line in lines[::step][:count]]
    return [{"id": r["id"], "text": r["text"], "title": r["title"]} for r in records]


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (this process and the workers it waited for)."""
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    action()
    return time.perf_counter() - start, _cpu_seconds() - cpu_start


def _cpu_seconds() -> float:
    # Worker processes count once they are joined (the pool closes before a run returns).
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, median counts")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (it lives in ../shared/data)")

    records = sample_records(args.corpus, args.articles)
    texts = [r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)
    config = Config(workers=1)  # one process; 2 workers are timed on their own
    nlp = load_model(config.model)  # loaded once, outside every timing
    list(nlp.pipe(texts[:5]))  # warm-up
    Decoder(config)  # the components' tables (gazetteer, actors) are loaded once per process

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "sample.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        db = Path(tmp) / "bench.db"

        def fresh_store_run(workers: int) -> Callable[[], object]:
            def run() -> object:
                for path in Path(tmp).glob("bench.db*"):
                    path.unlink()
                return decode([source], config=Config(workers=workers), db=db).run()

            return run

        # Runs alternate, so that a burst of load on the machine does not land on one side
        # of a ratio only.
        runs: dict[str, list[float]] = {}
        cpu_runs: dict[str, list[float]] = {}
        actions = {
            "bare_nlp_pipe": lambda: list(nlp.pipe(texts, batch_size=config.batch_size)),
            "decode_no_store": lambda: decode([source], config=config).run(),
            "decode_store": fresh_store_run(1),
            "decode_store_2_workers": fresh_store_run(2),
        }
        load_before = os.getloadavg()
        for _ in range(args.repeat):
            for name, action in actions.items():
                wall, cpu = timed(action)
                runs.setdefault(name, []).append(wall)
                cpu_runs.setdefault(name, []).append(cpu)
        load_after = os.getloadavg()
        # CPU seconds by stage (on a shared machine wall time by stage mostly measures who
        # else was running), from an extra run: timing covers this process only, so while
        # it is on, decode analyses here rather than in a worker beside the store writes.
        with timing.collect(cpu=True) as stages:
            _, stage_cpu = timed(fresh_store_run(1))
        rerun, _ = timed(lambda: decode([source], config=Config(workers=1), db=db).run())
        db_bytes = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*"))

    median = {name: statistics.median(times) for name, times in runs.items()}
    best = {name: min(times) for name, times in runs.items()}
    cpu_median = {name: statistics.median(times) for name, times in cpu_runs.items()}
    results = {
        "articles": len(records),
        "repeat": args.repeat,
        "words": words,
        "machine": f"{platform.machine()}, {platform.python_version()}, {os.cpu_count()} cores",
        "load_average_1min": {"before": round(load_before[0], 2), "after": round(load_after[0], 2)},
        "seconds_median": {name: round(t, 3) for name, t in median.items()},
        "seconds_best": {name: round(t, 3) for name, t in best.items()},
        "seconds_runs": {name: [round(t, 2) for t in times] for name, times in runs.items()},
        "words_per_second": {name: round(words / t) for name, t in median.items()},
        "ratio_to_bare": {
            "decode_no_store": _ratio(median["decode_no_store"], median["bare_nlp_pipe"]),
            "decode_store": _ratio(median["decode_store"], median["bare_nlp_pipe"]),
        },
        "cpu_seconds_median": {name: round(t, 3) for name, t in cpu_median.items()},
        "cpu_seconds_runs": {
            name: [round(t, 2) for t in times] for name, times in cpu_runs.items()
        },
        # The steadier figure on a shared machine: CPU seconds are not stretched by other
        # processes (2 workers: their CPU summed, so this ratio is their total work).
        "cpu_ratio_to_bare": {
            name: _ratio(seconds, cpu_median["bare_nlp_pipe"])
            for name, seconds in cpu_median.items()
            if name != "bare_nlp_pipe"
        },
        "speedup_2_workers": _ratio(median["decode_store"], median["decode_store_2_workers"]),
        "stage_cpu_share_of_decode_store": _shares(stages, stage_cpu),
        "stage_run_cpu_seconds": round(stage_cpu, 3),
        "rerun_seconds": round(rerun, 3),
        "store_bytes_per_article": round(db_bytes / len(records)),
        "peak_rss_mb_main": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_rss_mb_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


def _ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 3)


def _shares(stages: dict[str, float], total: float) -> dict[str, float]:
    """Each stage's share of a run's CPU time; "store" is timed around the transaction,
    story grouping included, so the grouping is taken out of it; "other" is the rest
    (reading inputs, batching, bookkeeping)."""
    seconds = dict(stages)
    if "store" in seconds:
        seconds["store"] -= seconds.get("stories", 0.0)
    seconds["other"] = total - sum(seconds.values())
    return {name: round(t / total, 4) for name, t in sorted(seconds.items(), key=lambda x: -x[1])}


if __name__ == "__main__":
    main()
