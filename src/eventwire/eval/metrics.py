"""Metric functions shared by the scorers: P/R/F1, macro-F1, Jaccard, distances, coreference.

Every ratio with an empty denominator is 0.0 (the scikit-learn ``zero_division=0``
convention), so "coded nothing" scores 0 rather than failing or looking perfect.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .assignment import max_weight_matching

M = TypeVar("M", bound=Hashable)

EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius


def ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def f1(precision: float, recall: float) -> float:
    return ratio(2 * precision * recall, precision + recall)


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives; adds up across items."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def named(self, prefix: str) -> dict[str, float | None]:
        """``{prefix}_precision``, ``{prefix}_recall`` and ``{prefix}_f1``."""
        return {f"{prefix}_precision": self.precision, f"{prefix}_recall": self.recall,
                f"{prefix}_f1": self.f1}


def set_counts(gold: Collection[M], predicted: Collection[M]) -> Counts:
    """Counts for two sets of hashable items (e.g. triples) of one record."""
    g, p = set(gold), set(predicted)
    return Counts(len(g & p), len(p - g), len(g - p))


def accuracy(gold: Sequence[object], predicted: Sequence[object]) -> float:
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    return ratio(sum(g == p for g, p in zip(gold, predicted, strict=True)), len(gold))


def macro_f1(
    gold: Sequence[str | None], predicted: Sequence[str | None],
    labels: Iterable[str] | None = None,
) -> float:
    """Mean per-label F1 of a single-label classification.

    ``labels`` defaults to every label seen in gold or predictions; ``None`` stands for
    "no label" and is never averaged itself (it still costs recall and precision).
    """
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    label_set = set(labels) if labels is not None else {
        x for x in (*gold, *predicted) if x is not None
    }
    if not label_set:
        return 0.0
    scores = []
    for label in sorted(label_set):
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        scores.append(Counts(tp, fp, fn).f1)
    return sum(scores) / len(scores)


def jaccard(a: Collection[M], b: Collection[M]) -> float:
    """|a ∩ b| / |a ∪ b|; 0.0 when both are empty (nothing to agree on)."""
    sa, sb = set(a), set(b)
    return ratio(len(sa & sb), len(sa | sb))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres on a sphere of the mean Earth radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def median_or_none(values: Sequence[float]) -> float | None:
    """The median, or None when there is nothing to take it of (never a fake 0 km)."""
    return statistics.median(values) if values else None


def mean_or_none(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


@dataclass(frozen=True, slots=True)
class Match:
    gold: int
    pred: int
    score: float


def greedy_match(
    n_gold: int, n_pred: int, score: Callable[[int, int], float], minimum: float = 0.0
) -> list[Match]:
    """One-to-one pairs, best score first; a pair needs a score above ``minimum``."""
    pairs = [Match(g, p, s) for g in range(n_gold) for p in range(n_pred)
             if (s := score(g, p)) > minimum]
    pairs.sort(key=lambda m: (-m.score, m.gold, m.pred))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for m in pairs:
        if m.gold not in used_g and m.pred not in used_p:
            used_g.add(m.gold)
            used_p.add(m.pred)
            out.append(m)
    return out


# --- coreference ---------------------------------------------------------------------

Clusters = Sequence[Collection[M]]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def _muc_side(key: Clusters[M], response: Clusters[M]) -> float:
    where = {m: i for i, cluster in enumerate(response) for m in cluster}
    num = den = 0
    for cluster in key:
        # Mentions the response leaves out count as one partition each.
        parts = {where.get(m, ("missing", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return ratio(num, den)


def muc(key: Clusters[M], response: Clusters[M]) -> PRF:
    """MUC (Vilain et al. 1995): links kept over links needed."""
    return PRF(_muc_side(response, key), _muc_side(key, response))


def _b3_side(key: Clusters[M], response: Clusters[M]) -> float:
    total = sum(len(c) for c in key)
    score = 0.0
    for k in key:
        ks = set(k)
        score += sum(len(ks & set(r)) ** 2 for r in response) / len(ks) if ks else 0.0
    return ratio(score, total)


def b_cubed(key: Clusters[M], response: Clusters[M]) -> PRF:
    """B³ (Bagga & Baldwin 1998) over the mentions each side has (CoNLL-2012 form)."""
    return PRF(_b3_side(response, key), _b3_side(key, response))


def ceaf_e(key: Clusters[M], response: Clusters[M]) -> PRF:
    """Entity-based CEAF (Luo 2005) with φ4 similarity and an optimal alignment."""
    key = [k for k in key if k]
    response = [r for r in response if r]
    if not key or not response:
        return PRF(0.0, 0.0)
    sims = [[2 * len(set(k) & set(r)) / (len(k) + len(r)) for r in response] for k in key]
    total = sum(sims[i][j] for i, j in max_weight_matching(sims))
    return PRF(ratio(total, len(response)), ratio(total, len(key)))


def conll_f1(key: Clusters[M], response: Clusters[M]) -> float:
    """The CoNLL-2012 score: the mean of MUC, B³ and CEAF-e F1."""
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3
