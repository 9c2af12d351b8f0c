"""Pure helpers for groups: connected components, deterministic ids, the central member."""

from __future__ import annotations

import hashlib
import heapq
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
    come first in `nodes`; the result does not depend on the order of `similarities`.

    A heap of candidate merges, checked against the groups' current sizes when popped,
    makes it O(E log E) for E similar pairs instead of O(n * E)."""
    order = list(dict.fromkeys(nodes))
    index = {node: i for i, node in enumerate(order)}
    groups: dict[int, list[T]] = {i: [node] for i, node in enumerate(order)}
    # Each group's summed similarity to every group it has a pair with (both directions).
    totals: dict[int, dict[int, float]] = {i: {} for i in groups}
    for (a, b), similarity in similarities.items():
        if a in index and b in index and a != b:
            i, j = index[a], index[b]
            best = max(totals[i].get(j, 0.0), similarity)  # each pair counted once
            totals[i][j] = totals[j][i] = best
    heap = [
        (-total, i, j, 1, 1) for i, others in totals.items() for j, total in others.items() if i < j
    ]
    heapq.heapify(heap)
    while heap:
        negative_mean, i, j, size_i, size_j = heapq.heappop(heap)
        if -negative_mean < threshold:
            break
        if i not in groups or j not in groups:
            continue  # merged away since this entry was pushed
        if (len(groups[i]), len(groups[j])) != (size_i, size_j) or j not in totals[i]:
            continue  # stale: a newer entry for the pair carries its current mean
        _merge(groups, totals, i, j)
        for other, total in totals[i].items():
            low, high = min(i, other), max(i, other)
            mean = total / (len(groups[i]) * len(groups[other]))
            heapq.heappush(heap, (-mean, low, high, len(groups[low]), len(groups[high])))
    return [sorted(group, key=index.__getitem__) for _, group in sorted(groups.items())]


def _merge(
    groups: dict[int, list[T]], totals: dict[int, dict[int, float]], keep: int, gone: int
) -> None:
    """Merge group `gone` into `keep`, adding up their similarity totals to the others."""
    groups[keep] += groups.pop(gone)
    for other, total in totals.pop(gone).items():
        del totals[other][gone]
        if other != keep:
            summed = totals[keep].get(other, 0.0) + total
            totals[keep][other] = totals[other][keep] = summed


__all__ = ["average_link", "components", "group_id"]
