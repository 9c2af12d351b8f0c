"""Fit the story similarity's weights on the tuning sets, and show what separates stories.

For every pair of articles of a tuning set at most `--window` days apart (document
frequencies from the set itself), the cosine of each channel (title ``t``, title-and-lead
``w``, body ``b``, actors ``a``, events ``e``) and the shared-quotation score ``q`` are
computed, times the time factor; a class-balanced logistic regression of "same gold story"
on them gives the channel weights and the bias of
:func:`newsgraph.stories.similarity.calibrated`. Per channel it prints how same-story
pairs and different-story pairs score (what each feature separates), then the weights.
The thresholds are then chosen with eval/stories.py (incremental, as the store groups).

Reads the tuning sets only (``tuning_all``, both date modes): the check sets are never
used to choose anything.

Usage: python eval/stories_fit.py [--corpus PATH] [--modes real,week] [--window D]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
from collections import Counter
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
for path in (REPO_ROOT, REPO_ROOT / "eval"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from stories_data import (  # noqa: E402
    COMPONENTS,
    DEFAULT_CORPUS,
    GOLD_FILES,
    SETS,
    decoded_store,
    load_gold,
    load_records,
)

from newsgraph.store.sqlite import Store  # noqa: E402
from newsgraph.stories.similarity import (  # noqa: E402
    SimilaritySettings,
    cosine,
    quote_score,
    time_factor,
    vectors,
)
from newsgraph.stories.stored import stored_features  # noqa: E402

CHANNELS = "twbae"
TUNING = "tuning_all"  # the only set read here


def pair_features(
    db: Path, gold: dict[str, str], window: int
) -> tuple[list[list[float]], list[int]]:
    """Each pair's channel cosines and quote score (times the time factor), and whether
    the gold puts it in one story."""
    settings = SimilaritySettings()
    with Store(db) as store:
        found = {a: stored_features(store.conn, a) for a in gold}
    feats = {a: f for a, f in found.items() if f is not None}
    df: Counter[str] = Counter()
    for features, _ in feats.values():
        df.update(features.terms)
        df.update(features.shingles)
    vecs = {a: vectors(f.terms, df, len(feats)) for a, (f, _) in feats.items()}
    rows, labels = [], []
    for a, b in itertools.combinations(sorted(feats), 2):
        days = feats[a][1] - feats[b][1]
        if abs(days) > window:
            continue
        factor = time_factor(days, settings)
        row = [
            cosine(vecs[a][c], vecs[b][c]) if c in vecs[a] and c in vecs[b] else 0.0
            for c in CHANNELS
        ]
        row.append(quote_score(feats[a][0].shingles, feats[b][0].shingles, df, settings))
        rows.append([factor * x for x in row])
        labels.append(int(gold[a] == gold[b]))
    return rows, labels


def fit(x: np.ndarray, y: np.ndarray, steps: int = 4000, rate: float = 0.5) -> np.ndarray:
    """Class-balanced logistic regression by gradient descent (small L2); the bias last."""
    x = np.hstack([x, np.ones((len(x), 1))])
    positive = y.sum()
    balance = np.where(y == 1, len(y) / (2 * positive), len(y) / (2 * (len(y) - positive)))
    weights = np.zeros(x.shape[1])
    for _ in range(steps):
        error = (1 / (1 + np.exp(-(x @ weights))) - y) * balance
        weights -= rate * (x.T @ error / len(y) + 1e-3 * np.append(weights[:-1], 0.0))
    return weights


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--modes", default="real,week")
    parser.add_argument("--window", type=int, default=7)
    args = parser.parse_args()
    golds = {name: load_gold(GOLD_FILES[name]) for name in SETS[TUNING]}
    gold = {a: s for g in golds.values() for a, s in g.items()}
    records = load_records(args.corpus, set(gold))
    rows: list[list[float]] = []
    labels: list[int] = []
    for mode in args.modes.split(","):
        mode_rows, mode_labels = pair_features(
            decoded_store(records, mode, COMPONENTS), gold, args.window
        )
        print(f"{mode}: {len(mode_rows)} pairs, {sum(mode_labels)} in one story")
        for i, channel in enumerate([*CHANNELS, "q"]):
            same = [r[i] for r, y in zip(mode_rows, mode_labels, strict=True) if y]
            other = [r[i] for r, y in zip(mode_rows, mode_labels, strict=True) if not y]
            print(
                f"  {channel}: same-story median {statistics.median(same):.3f},"
                f" >0.2 {sum(v > 0.2 for v in same) / len(same):.2f};"
                f" different stories >0.2 {sum(v > 0.2 for v in other)}"
            )
        rows += mode_rows
        labels += mode_labels
    weights = fit(np.array(rows), np.array(labels, dtype=float))
    print(
        "weights:",
        {c: round(float(w), 2) for c, w in zip([*CHANNELS, "q"], weights[:-1], strict=True)},
    )
    print("bias:", round(float(weights[-1]), 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
