"""Scores of a story grouping against gold story labels (for eval/stories.py)."""

from __future__ import annotations

import hashlib
from collections import Counter
from itertools import combinations
from typing import Any

Clustering = dict[str, str]  # article id -> group label


def clusters(assignment: Clustering) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for item, label in assignment.items():
        found.setdefault(label, set()).add(item)
    return found


def bcubed(predicted: Clustering, gold: Clustering) -> dict[str, float]:
    """B-cubed precision and recall: per article, the share of its predicted story that is
    in its gold story, and the reverse; averaged over articles."""
    items = [i for i in gold if i in predicted]
    pred = clusters({i: predicted[i] for i in items})
    true = clusters({i: gold[i] for i in items})
    precision = recall = 0.0
    for item in items:
        p, t = pred[predicted[item]], true[gold[item]]
        shared = len(p & t)
        precision += shared / len(p)
        recall += shared / len(t)
    return prf(precision / len(items), recall / len(items)) if items else prf(0.0, 0.0)


def _pairs(assignment: Clustering) -> set[tuple[str, str]]:
    return {
        pair
        for members in clusters(assignment).values()
        for pair in combinations(sorted(members), 2)
    }


def pairwise(predicted: Clustering, gold: Clustering) -> dict[str, float]:
    """Precision and recall of the article pairs put in one story."""
    items = [i for i in gold if i in predicted]
    pred = _pairs({i: predicted[i] for i in items})
    true = _pairs({i: gold[i] for i in items})
    precision = len(pred & true) / len(pred) if pred else 1.0
    recall = len(pred & true) / len(true) if true else 1.0
    return {**prf(precision, recall), "predicted_pairs": len(pred), "gold_pairs": len(true)}


def prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def story_counts(assignment: Clustering, sources: dict[str, str]) -> dict[str, int]:
    found = clusters(assignment).values()
    return {
        "stories": len(found),
        "multi_article": sum(len(c) > 1 for c in found),
        "multi_outlet": sum(len({sources[a] for a in c}) > 1 for c in found),
        "largest": max((len(c) for c in found), default=0),
    }


def score(predicted: Clustering, gold: Clustering, sources: dict[str, str]) -> dict[str, Any]:
    return {
        "bcubed": bcubed(predicted, gold),
        "pairwise": pairwise(predicted, gold),
        **story_counts({a: predicted[a] for a in gold if a in predicted}, sources),
    }


def developments(gold: Clustering) -> set[str]:
    """The articles of gold stories told by two articles or more (no single articles)."""
    sizes = Counter(gold.values())
    return {a for a, story in gold.items() if sizes[story] > 1}


def triplets(gold: Clustering, sources: dict[str, str]) -> set[str]:
    """Three articles from three outlets of every gold story that three outlets or more
    tell (chosen by a hash of their ids): the shape of a set of developments each told by
    a left, a centre and a right outlet."""
    by_story: dict[str, list[str]] = {}
    for article in sorted(gold, key=lambda a: hashlib.sha1(a.encode("utf-8")).hexdigest()):
        by_story.setdefault(gold[article], []).append(article)
    chosen: set[str] = set()
    for members in by_story.values():
        picked: dict[str, str] = {}
        for article in members:
            picked.setdefault(sources[article], article)
        if len(picked) >= 3:
            chosen.update(list(picked.values())[:3])
    return chosen


__all__ = [
    "Clustering",
    "bcubed",
    "clusters",
    "developments",
    "pairwise",
    "prf",
    "score",
    "story_counts",
    "triplets",
]
