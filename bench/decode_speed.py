"""Benchmark: words per second of `decode` against bare `nlp.pipe` of the same model.

    python bench/decode_speed.py [--articles 300] [--out bench/results.json]

Reads a deterministic sample of ../shared/data/corpus/allsides-intl/articles.jsonl, writes
it as a JSON Lines input, and times on the same texts, in one run:
  bare       nlp.pipe over the texts (the model alone, one process)
  decode     newsgraph.decode with --no-store, one worker
  decode+db  newsgraph.decode into a fresh SQLite store, one worker
  2 workers  the same with two worker processes (includes starting them)
  re-run     decode of the same input into the same store (everything is skipped)
The overhead ratio is decode time / bare time with one worker. Runs alternate and each
figure is the best of --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsgraph import Config, decode  # noqa: E402
from newsgraph.nlp.model import load_model  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "allsides-intl" / "articles.jsonl"


def sample_records(path: Path, count: int) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    step = max(1, len(lines) // count)
    records = [json.loads(line) for line in lines[::step][:count]]
    return [{"id": r["id"], "text": r["text"], "title": r["title"]} for r in records]


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each, best counts")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (it lives in ../shared/data)")

    records = sample_records(args.corpus, args.articles)
    texts = [r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)
    config = Config()
    nlp = load_model(config.model)  # loaded once, outside every timing
    list(nlp.pipe(texts[:5]))  # warm-up

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

        # Runs alternate and each figure is the best of --repeat, so that a burst of load on
        # the machine does not land on one side of the ratio only.
        best: dict[str, float] = {}
        actions = {
            "bare_nlp_pipe": lambda: list(nlp.pipe(texts, batch_size=config.batch_size)),
            "decode_no_store": lambda: decode([source], config=config).run(),
            "decode_store": fresh_store_run(1),
        }
        for _ in range(args.repeat):
            for name, action in actions.items():
                best[name] = min(best.get(name, float("inf")), timed(action))
        best["decode_store_2_workers"] = timed(fresh_store_run(2))
        best["rerun_same_input"] = timed(lambda: decode([source], config=config, db=db).run())
        db_bytes = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*"))

    bare, no_store, with_store = (
        best["bare_nlp_pipe"],
        best["decode_no_store"],
        best["decode_store"],
    )
    two_workers, rerun = best["decode_store_2_workers"], best["rerun_same_input"]
    results = {
        "articles": len(records),
        "repeat": args.repeat,
        "words": words,
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "seconds": {
            "bare_nlp_pipe": round(bare, 3),
            "decode_no_store": round(no_store, 3),
            "decode_store": round(with_store, 3),
            "decode_store_2_workers": round(two_workers, 3),
            "rerun_same_input": round(rerun, 3),
        },
        "words_per_second": {
            "bare_nlp_pipe": round(words / bare),
            "decode_no_store": round(words / no_store),
            "decode_store": round(words / with_store),
            "decode_store_2_workers": round(words / two_workers),
        },
        "overhead_vs_bare": {
            "decode_no_store": round(no_store / bare - 1, 3),
            "decode_store": round(with_store / bare - 1, 3),
        },
        "speedup_2_workers": round(with_store / two_workers, 2),
        "rerun_vs_first_run": round(rerun / with_store, 4),
        "store_bytes_per_article": round(db_bytes / len(records)),
        "peak_rss_mb_main": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_rss_mb_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
