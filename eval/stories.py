"""Score story grouping against hand-labelled story groups of the AllSides corpus.

Two gold sets (see eval/data/stories_README.md) give, for every article of a window of
../shared/data/corpus/allsides-intl, the story it belongs to: ``tuning`` (2018-04-01 ..
2018-06-30, 167 articles, 32 outlets), on which the default settings were chosen, and
``heldout`` (April 2017, 71 articles, 23 outlets), labelled the same way before the
grouping was ever run on it. Both were labelled by us (the newsgraph developers) from
titles and leads: the figures measure agreement with our own reading, not with an
independent annotator, and the tuning figures are optimistic by construction.

The articles of each set are decoded once into a store (temporary, or NAME.db in
`--db-dir`, reused by later runs), then grouped from scratch with
:func:`newsgraph.stories.update_stories` in batches of `--batch-size`, in publication order
and in `--shuffles` random orders (grouping should not depend on arrival order). Reported:
B-cubed and pairwise precision/recall/F1 against the gold for each order (and for the
every-article-alone baseline), agreement between orders, stories found (multi-article,
multi-outlet), merged-event counts, and grouping time per article. `--sweep` also scores a
grid of thresholds and windows (in publication order).

Usage: python eval/stories.py [--corpus PATH] [--gold NAME=PATH ...] [--db-dir DIR]
                              [--shuffles N] [--threshold T] [--window D] [--sweep]
                              [--show] [--components LIST] [--out PATH]
Always exits 0 once the results are written: a separate gate compares them to floors.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = (
    REPO_ROOT.parent / "shared" / "data" / "corpus" / "allsides-intl" / "articles.jsonl"
)
# "tuning": the window the settings were chosen on; "heldout": labelled the same way
# before the grouping was run on it, never used to choose anything.
DEFAULT_GOLDS = {
    "tuning": REPO_ROOT / "eval" / "data" / "stories_gold.jsonl",
    "heldout": REPO_ROOT / "eval" / "data" / "stories_gold_heldout.jsonl",
}
DEFAULT_OUT = REPO_ROOT / "eval" / "results" / "stories.json"
COMPONENTS = "sentences,actors,events,damage"  # quotes play no part in stories

# Run from a checkout without installing the package.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from newsgraph import decode  # noqa: E402
from newsgraph.config import Config  # noqa: E402
from newsgraph.store.sqlite import Store  # noqa: E402
from newsgraph.stories import (  # noqa: E402
    GroupingSettings,
    article_story,
    clear_stories,
    update_stories,
)

Clustering = dict[str, str]  # article id -> group id


# --- data -----------------------------------------------------------------------------------


def load_gold(path: Path) -> Clustering:
    gold: Clustering = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                gold[record["article_id"]] = record["story"]
    return gold


def load_records(corpus: Path, ids: set[str]) -> list[dict[str, Any]]:
    """The corpus records of the gold articles, in publication order."""
    records = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in ids:
                fields = ("id", "title", "date", "source", "url", "text")
                records.append({key: record[key] for key in fields})
    return sorted(records, key=lambda r: (r["date"], r["id"]))


def decode_into(db: Path, records: list[dict[str, Any]], components: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "stories.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        config = Config(components=tuple(components.split(",")))
        run = decode([source], config=config, db=db).run()
    for failure in run.failures[:5]:
        logging.warning("not decoded: %s", failure)
    return {"decoded": run.counts.decoded, "failed": run.counts.failed}


# --- grouping -------------------------------------------------------------------------------


def group(
    store: Store, order: list[str], batch_size: int, settings: GroupingSettings
) -> tuple[Clustering, float]:
    """Group the articles from scratch, batch by batch in `order`; returns the clustering
    and the seconds spent grouping."""
    with store.transaction():
        clear_stories(store)
    started = time.perf_counter()
    for start in range(0, len(order), batch_size):
        with store.transaction():
            update_stories(store, order[start : start + batch_size], settings)
    seconds = time.perf_counter() - started
    clustering = {a: article_story(store, a) or a for a in order}
    return clustering, seconds


# --- scores ---------------------------------------------------------------------------------


def _clusters(assignment: Clustering) -> dict[str, set[str]]:
    clusters: dict[str, set[str]] = {}
    for item, label in assignment.items():
        clusters.setdefault(label, set()).add(item)
    return clusters


def bcubed(predicted: Clustering, gold: Clustering) -> dict[str, float]:
    """B-cubed precision and recall: per article, the share of its predicted story that is
    in its gold story, and the reverse; averaged over articles."""
    items = [i for i in gold if i in predicted]
    pred, true = _clusters({i: predicted[i] for i in items}), _clusters({i: gold[i] for i in items})
    precision = recall = 0.0
    for item in items:
        p, t = pred[predicted[item]], true[gold[item]]
        shared = len(p & t)
        precision += shared / len(p)
        recall += shared / len(t)
    return _prf(precision / len(items), recall / len(items)) if items else _prf(0.0, 0.0)


def _pairs(assignment: Clustering) -> set[tuple[str, str]]:
    return {
        pair
        for members in _clusters(assignment).values()
        for pair in combinations(sorted(members), 2)
    }


def pairwise(predicted: Clustering, gold: Clustering) -> dict[str, float]:
    """Precision and recall of the article pairs put in one story."""
    items = [i for i in gold if i in predicted]
    pred = _pairs({i: predicted[i] for i in items})
    true = _pairs({i: gold[i] for i in items})
    precision = len(pred & true) / len(pred) if pred else 1.0
    recall = len(pred & true) / len(true) if true else 1.0
    return {**_prf(precision, recall), "predicted_pairs": len(pred), "gold_pairs": len(true)}


def _prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def story_counts(assignment: Clustering, sources: dict[str, str]) -> dict[str, int]:
    clusters = _clusters(assignment).values()
    return {
        "stories": len(clusters),
        "multi_article": sum(len(c) > 1 for c in clusters),
        "multi_outlet": sum(len({sources[a] for a in c}) > 1 for c in clusters),
        "largest": max((len(c) for c in clusters), default=0),
    }


def score(predicted: Clustering, gold: Clustering, sources: dict[str, str]) -> dict[str, Any]:
    return {
        "bcubed": bcubed(predicted, gold),
        "pairwise": pairwise(predicted, gold),
        **story_counts(predicted, sources),
    }


def merged_event_counts(store: Store) -> dict[str, Any]:
    conn = store.conn
    asserted = conn.execute("SELECT COUNT(*) FROM events WHERE modality = 'asserted'").fetchone()
    merged = conn.execute(
        "SELECT COUNT(*), SUM(articles > 1), SUM(sources > 1), MAX(articles) FROM merged_events"
    ).fetchone()
    return {
        "events": conn.execute("SELECT COUNT(*) FROM events").fetchone()[0],
        "asserted_events": asserted[0],
        "merged_events": merged[0],
        "merged_multi_article": merged[1] or 0,
        "merged_multi_outlet": merged[2] or 0,
        "largest_merged_articles": merged[3] or 0,
    }


def show_errors(predicted: Clustering, gold: Clustering, titles: dict[str, str]) -> None:
    """Predicted stories that mix gold stories, and gold stories split apart."""
    for label, members in sorted(_clusters(predicted).items(), key=lambda kv: -len(kv[1])):
        golds = Counter(gold[m] for m in members)
        if len(golds) > 1:
            print(f"\nmixed story {label} ({len(members)}): {dict(golds)}")
            for member in sorted(members, key=lambda m: gold[m]):
                print(f"  [{gold[member]}] {titles[member][:90]}")
    for label, members in _clusters(gold).items():
        parts = Counter(predicted[m] for m in members)
        if len(parts) > 1:
            print(f"\nsplit gold story {label}: {len(parts)} parts of sizes {list(parts.values())}")


# --- running --------------------------------------------------------------------------------


def sweep(
    store: Store, order: list[str], gold: Clustering, sources: dict[str, str], batch: int
) -> list[dict[str, Any]]:
    rows = []
    for window in (1, 2, 3, 4):
        for threshold in (0.1, 0.12, 0.15, 0.18, 0.2, 0.25):
            settings = GroupingSettings(threshold=threshold, window_days=window)
            clustering, _ = group(store, order, batch, settings)
            result = score(clustering, gold, sources)
            rows.append({"threshold": threshold, "window_days": window, **result})
            print(
                f"window {window} threshold {threshold:.2f}: B3 F1 {result['bcubed']['f1']:.3f}"
                f" (P {result['bcubed']['precision']:.3f} R {result['bcubed']['recall']:.3f})"
                f"  pairwise F1 {result['pairwise']['f1']:.3f}"
            )
    return rows


def evaluate(args: argparse.Namespace, gold_path: Path, db: Path) -> dict[str, Any]:
    gold = load_gold(gold_path)
    records = load_records(args.corpus, set(gold))
    missing = len(gold) - len(records)
    decoded = decode_into(db, records, args.components)
    sources = {r["id"]: r["source"] for r in records}
    titles = {r["id"]: r["title"] for r in records}
    settings = GroupingSettings(threshold=args.threshold, window_days=args.window)
    with Store(db) as store:
        stored = set(store.article_ids())
        gold = {a: s for a, s in gold.items() if a in stored}
        order = [r["id"] for r in records if r["id"] in stored]
        clustering, seconds = group(store, order, args.batch_size, settings)
        results: dict[str, Any] = {
            "gold_file": gold_path.name,
            "articles": len(order),
            "gold_missing_from_corpus": missing,
            **decoded,
            "settings": {"threshold": args.threshold, "window_days": args.window},
            "gold": story_counts(gold, sources),
            "singletons_baseline": score({a: a for a in order}, gold, sources),
            "publication_order": score(clustering, gold, sources),
            "ms_per_article": round(1000 * seconds / max(len(order), 1), 2),
            "merged": merged_event_counts(store),
        }
        if args.show:
            show_errors(clustering, gold, titles)
        shuffled = []
        for seed in range(args.shuffles):
            shuffled_order = list(order)
            random.Random(seed).shuffle(shuffled_order)
            other, _ = group(store, shuffled_order, args.batch_size, settings)
            shuffled.append(
                {
                    "seed": seed,
                    **score(other, gold, sources),
                    "agreement_with_publication_order": bcubed(other, clustering),
                    "merged_events": merged_event_counts(store)["merged_events"],
                }
            )
        results["shuffled"] = shuffled
        if shuffled:
            results["shuffled_min_bcubed_f1"] = min(s["bcubed"]["f1"] for s in shuffled)
        if args.sweep:
            results["sweep"] = sweep(store, order, gold, sources, args.batch_size)
    return results


def print_report(results: dict[str, Any]) -> None:
    def line(name: str, r: dict[str, Any]) -> None:
        b, p = r["bcubed"], r["pairwise"]
        print(
            f"{name:22} {b['precision']:>6.3f} {b['recall']:>6.3f} {b['f1']:>6.3f}"
            f" {p['precision']:>6.3f} {p['recall']:>6.3f} {p['f1']:>6.3f}"
            f" {r['stories']:>7} {r['multi_article']:>6} {r['multi_outlet']:>7}"
        )

    print(f"\n{results['gold_file']}: {results['articles']} articles, gold: {results['gold']}")
    print(
        f"{'order':22} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'pw P':>6} {'pw R':>6}"
        f" {'pw F1':>6} {'stories':>7} {'multi':>6} {'outlets':>7}"
    )
    line("singletons baseline", results["singletons_baseline"])
    line("publication order", results["publication_order"])
    for s in results["shuffled"]:
        line(f"shuffled (seed {s['seed']})", s)
    print(
        f"\ngrouping: {results['ms_per_article']} ms per article; merged events: "
        f"{results['merged']}"
    )


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--gold",
        action="append",
        metavar="NAME=PATH",
        help="a gold set to score (repeatable); default: the tuning and held-out sets",
    )
    parser.add_argument("--db-dir", type=Path, help="keep the decoded stores here (NAME.db)")
    parser.add_argument("--components", default=COMPONENTS)
    parser.add_argument("--threshold", type=float, default=GroupingSettings().threshold)
    parser.add_argument("--window", type=int, default=GroupingSettings().window_days)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--shuffles", type=int, default=3)
    parser.add_argument("--sweep", action="store_true", help="also score a grid of settings")
    parser.add_argument("--show", action="store_true", help="print mixed and split stories")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(list(argv) if argv is not None else None)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    if not args.corpus.exists():
        logging.warning("corpus not found at %s; nothing to score", args.corpus)
        return 0

    golds = dict(g.split("=", 1) for g in args.gold) if args.gold else DEFAULT_GOLDS
    started = time.perf_counter()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.db_dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for name, path in golds.items():
            results[name] = evaluate(args, Path(path), folder / f"{name}.db")
            print_report(results[name])
    results["seconds"] = round(time.perf_counter() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
