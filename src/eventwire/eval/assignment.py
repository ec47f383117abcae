"""Optimal one-to-one assignment (Hungarian method), used by CEAF.

scipy is not a dependency; this is the O(n²m) shortest-augmenting-path form of
Kuhn–Munkres for a rectangular matrix.
"""

from __future__ import annotations

from collections.abc import Sequence


def min_cost_assignment(cost: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """(row, column) pairs of minimum total cost; every row is assigned when rows <= cols."""
    if not cost or not cost[0]:
        return []
    n_rows, n_cols = len(cost), len(cost[0])
    if n_rows > n_cols:
        transposed = [[cost[i][j] for i in range(n_rows)] for j in range(n_cols)]
        return sorted((i, j) for j, i in min_cost_assignment(transposed))
    inf = float("inf")
    u = [0.0] * (n_rows + 1)
    v = [0.0] * (n_cols + 1)
    owner = [0] * (n_cols + 1)  # owner[j]: 1-based row holding column j, 0 for none
    way = [0] * (n_cols + 1)
    for row in range(1, n_rows + 1):
        owner[0] = row
        col = 0
        min_v = [inf] * (n_cols + 1)
        used = [False] * (n_cols + 1)
        while owner[col] != 0:
            used[col] = True
            r, delta, nxt = owner[col], inf, 0
            for j in range(1, n_cols + 1):
                if used[j]:
                    continue
                reduced = cost[r - 1][j - 1] - u[r] - v[j]
                if reduced < min_v[j]:
                    min_v[j], way[j] = reduced, col
                if min_v[j] < delta:
                    delta, nxt = min_v[j], j
            for j in range(n_cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    min_v[j] -= delta
            col = nxt
        while col:
            prev = way[col]
            owner[col] = owner[prev]
            col = prev
    return sorted((owner[j] - 1, j - 1) for j in range(1, n_cols + 1) if owner[j])


def max_weight_matching(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """(row, column) pairs of maximum total weight."""
    return min_cost_assignment([[-w for w in row] for row in weights])
