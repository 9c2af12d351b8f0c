"""Pure helpers for groups: connected components, deterministic ids, the central member."""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


def components(nodes: Iterable[T], edges: Iterable[tuple[T, T]]) -> list[list[T]]:
    """Connected components (union-find), each in the order its nodes were given, in the
    order of their first node. Edges to nodes outside `nodes` are ignored."""
    order = list(dict.fromkeys(nodes))
    parent = {node: node for node in order}

    def root(node: T) -> T:
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving keeps the trees flat
            node = parent[node]
        return node

    for a, b in edges:
        if a in parent and b in parent:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[rb] = ra
    groups: dict[T, list[T]] = {}
    for node in order:
        groups.setdefault(root(node), []).append(node)
    return list(groups.values())


def group_id(prefix: str, key: str) -> str:
    """A short deterministic id: the same first member always gives the same group id."""
    return prefix + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def average_link(
    nodes: Iterable[T], similarities: dict[tuple[T, T], float], threshold: float
) -> list[list[T]]:
    """Agglomerative clustering with average linkage: repeatedly merge the two groups
    whose mean pairwise similarity is highest, while it reaches `threshold`. Pairs missing
    from `similarities` (either order) count as 0, so a group must be similar as a whole,
    not through a chain of single pairs. Ties go to the pair of groups whose first nodes
    come first in `nodes`; the result does not depend on the order of `similarities`."""
    order = list(dict.fromkeys(nodes))
    index = {node: i for i, node in enumerate(order)}
    groups: dict[int, list[T]] = {i: [node] for i, node in enumerate(order)}
    totals: dict[tuple[int, int], float] = {}  # (lower group, higher group) -> summed similarity
    for (a, b), similarity in similarities.items():
        if a in index and b in index and a != b:
            pair = (min(index[a], index[b]), max(index[a], index[b]))
            totals[pair] = max(totals.get(pair, 0.0), similarity)  # each pair counted once
    while True:
        scores = [
            (total / (len(groups[i]) * len(groups[j])), -i, -j) for (i, j), total in totals.items()
        ]
        best = max((s for s in scores if s[0] >= threshold), default=None)
        if best is None:
            break
        _merge(groups, totals, -best[1], -best[2])
    return [sorted(group, key=index.__getitem__) for _, group in sorted(groups.items())]


def _merge(
    groups: dict[int, list[T]], totals: dict[tuple[int, int], float], keep: int, gone: int
) -> None:
    """Merge group `gone` into `keep`, adding up their similarity totals to the others."""
    groups[keep] += groups.pop(gone)
    for pair in [p for p in totals if gone in p]:
        total = totals.pop(pair)
        other = pair[0] if pair[1] == gone else pair[1]
        if other == keep:
            continue
        key = (min(keep, other), max(keep, other))
        totals[key] = totals.get(key, 0.0) + total


__all__ = ["average_link", "components", "group_id"]
