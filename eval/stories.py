"""Score story grouping against hand-labelled story groups of the AllSides corpus.

Four gold files (see eval/data/stories_README.md) give, for every article of eight windows
of ../shared/data/corpus/allsides-intl, the development it reports. They make the sets
scored here (eval/stories_data.py): ``tuning`` (2018 Q2) and ``heldout`` (April 2017), the
first two files, each alone; ``tuning_all`` (``tuning`` with 2013-08, 2015-03, 2016-05..06
and 2019-10), on which the settings were chosen; and ``check_all`` (``heldout`` with
2012-11, 2014-08, 2017-07..08 and 2019-06), labelled before the grouping ever ran on it and
never used to choose anything. We (the newsgraph developers) labelled them from titles and
leads: the figures measure agreement with our own reading.

Each set is grouped twice: with its articles' real dates, and with every date moved into
one week (``week``: a fixed day per article; see eval/stories_data.py), where only what
happened can tell developments apart. Each grouping runs from scratch with
:func:`newsgraph.stories.update_stories` in batches of `--batch-size`, in publication order
and in `--shuffles` random orders (the stories must not depend on the arrival order), on
all the set's articles, on its ``developments`` only (stories of two articles or more), and
on ``triplets`` (three outlets' articles of every development three outlets tell: the shape
of a set of left/centre/right reports). Reported: B-cubed and pairwise precision/recall/F1,
stories found, agreement between orders, merged-event counts and grouping time per article.

Usage: python eval/stories.py [--corpus PATH] [--sets NAME,...] [--modes real,week]
                              [--shuffles N] [--threshold T] [--window D] [--show]
                              [--out PATH]
Always exits 0 once the results are written: a separate gate compares them to floors.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "eval" / "results" / "stories.json"

# Run from a checkout without installing the package.
for path in (REPO_ROOT, REPO_ROOT / "eval"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from stories_data import (  # noqa: E402
    COMPONENTS,
    DATE_MODES,
    DEFAULT_CORPUS,
    GOLD_FILES,
    SETS,
    decoded_store,
    load_gold,
    load_records,
)
from stories_scores import (  # noqa: E402
    Clustering,
    bcubed,
    clusters,
    developments,
    score,
    story_counts,
    triplets,
)

from newsgraph.store.sqlite import Store  # noqa: E402
from newsgraph.stories import (  # noqa: E402
    GroupingSettings,
    article_story,
    clear_stories,
    update_stories,
)


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
    return {a: article_story(store, a) or a for a in order}, seconds


def merged_event_counts(store: Store) -> dict[str, Any]:
    conn = store.conn
    asserted = conn.execute("SELECT COUNT(*) FROM events WHERE modality = 'asserted'").fetchone()
    merged = conn.execute(
        "SELECT COUNT(*), SUM(articles > 1), SUM(sources > 1), MAX(articles) FROM merged_events"
    ).fetchone()
    return {
        "asserted_events": asserted[0],
        "merged_events": merged[0],
        "merged_multi_article": merged[1] or 0,
        "merged_multi_outlet": merged[2] or 0,
        "largest_merged_articles": merged[3] or 0,
    }


def show_errors(predicted: Clustering, gold: Clustering, titles: dict[str, str]) -> None:
    """Predicted stories that mix gold stories, and gold stories split apart."""
    for label, members in sorted(clusters(predicted).items(), key=lambda kv: -len(kv[1])):
        golds = Counter(gold[m] for m in members)
        if len(golds) > 1:
            print(f"\nmixed story {label} ({len(members)}): {dict(golds)}")
            for member in sorted(members, key=lambda m: gold[m]):
                print(f"  [{gold[member]}] {titles[member][:90]}")
    for label, members in clusters(gold).items():
        parts = Counter(predicted[m] for m in members)
        if len(parts) > 1:
            print(f"\nsplit gold story {label}: {len(parts)} parts of sizes {list(parts.values())}")


def evaluate(
    args: argparse.Namespace, store: Store, gold: Clustering, settings: GroupingSettings
) -> dict[str, Any]:
    """Scores of one set in one date mode (the store holds its articles so dated)."""
    rows = {
        str(r["id"]): r
        for r in store.conn.execute("SELECT id, published, source, title FROM articles")
    }
    gold = {a: s for a, s in gold.items() if a in rows}
    order = sorted(gold, key=lambda a: (rows[a]["published"] or "", a))
    sources = {a: rows[a]["source"] or a for a in order}
    clustering, seconds = group(store, order, args.batch_size, settings)
    results: dict[str, Any] = {
        "articles": len(order),
        "gold": story_counts(gold, sources),
        "singletons_baseline": score({a: a for a in order}, gold, sources),
        "publication_order": score(clustering, gold, sources),
        "ms_per_article": round(1000 * seconds / max(len(order), 1), 2),
        "merged": merged_event_counts(store),
    }
    if args.show:
        show_errors(clustering, gold, {a: rows[a]["title"] or "" for a in order})
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
                "identical_to_publication_order": other == clustering,
            }
        )
    results["shuffled"] = shuffled
    if shuffled:
        results["shuffled_min_bcubed_f1"] = min(s["bcubed"]["f1"] for s in shuffled)
        results["shuffled_min_pairwise_f1"] = min(s["pairwise"]["f1"] for s in shuffled)
        results["order_agreement_min_bcubed_f1"] = min(
            s["agreement_with_publication_order"]["f1"] for s in shuffled
        )
    for name, chosen in (
        ("developments", developments(gold)),
        ("triplets", triplets(gold, sources)),
    ):
        subset = [a for a in order if a in chosen]
        part, _ = group(store, subset, args.batch_size, settings)
        results[name] = {"articles": len(subset), **score(part, gold, sources)}
    return results


def print_report(name: str, mode: str, results: dict[str, Any]) -> None:
    def line(label: str, r: dict[str, Any]) -> None:
        b, p = r["bcubed"], r["pairwise"]
        print(
            f"{label:22} {b['precision']:>6.3f} {b['recall']:>6.3f} {b['f1']:>6.3f}"
            f" {p['precision']:>6.3f} {p['recall']:>6.3f} {p['f1']:>6.3f}"
            f" {r['stories']:>7} {r['multi_article']:>6} {r['multi_outlet']:>7}"
        )

    print(f"\n{name} ({mode} dates): {results['articles']} articles, gold {results['gold']}")
    print(
        f"{'grouping':22} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'pw P':>6} {'pw R':>6}"
        f" {'pw F1':>6} {'stories':>7} {'multi':>6} {'outlets':>7}"
    )
    line("singletons baseline", results["singletons_baseline"])
    line("publication order", results["publication_order"])
    for s in results["shuffled"]:
        line(f"shuffled (seed {s['seed']})", s)
    line("developments only", results["developments"])
    line("triplets", results["triplets"])
    print(f"grouping: {results['ms_per_article']} ms per article")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sets", default=",".join(SETS), help="sets to score, comma-separated")
    parser.add_argument("--modes", default=",".join(DATE_MODES), help="real, week or both")
    parser.add_argument("--components", default=COMPONENTS)
    parser.add_argument("--threshold", type=float, default=GroupingSettings().threshold)
    parser.add_argument("--window", type=int, default=GroupingSettings().window_days)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--shuffles", type=int, default=3)
    parser.add_argument("--show", action="store_true", help="print mixed and split stories")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(list(argv) if argv is not None else None)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    if not args.corpus.exists():
        logging.warning("corpus not found at %s; nothing to score", args.corpus)
        return 0

    settings = replace(GroupingSettings(), threshold=args.threshold, window_days=args.window)
    sets = {name: SETS[name] for name in args.sets.split(",")}
    golds = {name: load_gold(path) for name, path in GOLD_FILES.items()}
    records = load_records(args.corpus, {a for gold in golds.values() for a in gold})
    started = time.perf_counter()
    results: dict[str, Any] = {name: {} for name in sets}
    for mode in args.modes.split(","):
        with Store(decoded_store(records, mode, args.components)) as store:
            for name, files in sets.items():
                gold = {a: s for f in files for a, s in golds[f].items()}
                scored = evaluate(args, store, gold, settings)
                if mode == "real":  # where the floors have always read them
                    results[name].update(scored)
                else:
                    results[name][mode] = scored
                print_report(name, mode, scored)
    results["settings"] = {"threshold": settings.threshold, "window_days": settings.window_days}
    results["seconds"] = round(time.perf_counter() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
