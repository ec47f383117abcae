"""Metric functions against values computed by hand."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.eval.assignment import max_weight_matching, min_cost_assignment
from eventwire.eval.metrics import (
    Counts,
    accuracy,
    b_cubed,
    ceaf_e,
    conll_f1,
    greedy_match,
    haversine_km,
    jaccard,
    macro_f1,
    mean_or_none,
    median_or_none,
    muc,
    set_counts,
)


def test_counts_precision_recall_f1() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == 0.75
    assert c.recall == 0.6
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)  # 0.6667
    assert (c + Counts(1, 1, 0)) == Counts(4, 2, 2)
    assert c.named("x") == {"x_precision": 0.75, "x_recall": 0.6, "x_f1": c.f1}


def test_empty_denominators_score_zero() -> None:
    assert Counts().precision == 0.0
    assert Counts(0, 0, 5).f1 == 0.0
    assert accuracy([], []) == 0.0
    assert macro_f1([], []) == 0.0


def test_set_counts_on_triples() -> None:
    gold = {("ARN", "AGREE", "GON"), ("ARN", "AGREE", None)}
    ours = {("ARN", "AGREE", "GON"), ("GON", "ASSAULT", "ARN"), ("MOR", "AID", None)}
    assert set_counts(gold, ours) == Counts(tp=1, fp=2, fn=1)


def test_accuracy_and_macro_f1_by_hand() -> None:
    gold = ["A", "A", "B", None]
    ours = ["A", "B", "B", "B"]
    assert accuracy(gold, ours) == 0.5
    # A: tp1 fp0 fn1 -> P1 R.5 F.6667; B: tp1 fp2 fn0 -> P1/3 R1 F.5
    assert macro_f1(gold, ours) == pytest.approx((2 / 3 + 0.5) / 2)
    # A fixed label list also averages a label nobody used (F1 0).
    assert macro_f1(gold, ours, labels=["A", "B", "C"]) == pytest.approx((2 / 3 + 0.5) / 3)
    with pytest.raises(ValueError, match="length"):
        accuracy(["A"], [])


def test_jaccard() -> None:
    assert jaccard({1, 2, 3}, {2, 3, 4}) == 0.5
    assert jaccard({1}, {1}) == 1.0
    assert jaccard(set(), set()) == 0.0


def test_haversine_by_hand() -> None:
    one_degree = 2 * math.pi * 6371.0088 / 360  # 111.195 km along the equator
    assert haversine_km(0, 0, 0, 1) == pytest.approx(one_degree)
    assert haversine_km(0, 0, 1, 0) == pytest.approx(one_degree)
    assert haversine_km(10, 20, 10, 20) == 0.0
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088)
    assert haversine_km(90, 0, -90, 0) == pytest.approx(math.pi * 6371.0088)


def test_median_and_mean_are_none_without_values() -> None:
    assert median_or_none([]) is None
    assert mean_or_none([]) is None
    assert median_or_none([3.0, 1.0, 2.0, 10.0]) == 2.5
    assert mean_or_none([1.0, 2.0, 6.0]) == 3.0


def test_greedy_match_is_one_to_one_best_first() -> None:
    scores = {(0, 0): 0.9, (0, 1): 0.95, (1, 1): 0.8, (1, 0): 0.1}
    pairs = greedy_match(2, 2, lambda g, p: scores.get((g, p), 0.0))
    assert [(m.gold, m.pred) for m in pairs] == [(0, 1), (1, 0)]
    assert greedy_match(2, 2, lambda g, p: 0.0) == []


# The worked example of Pradhan et al. (2014), "Scoring coreference partitions":
# key {a b c} {d e f g}; response {a b} {c d} {f g h i}.
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_muc_by_hand() -> None:
    # recall: key1 split in 2 parts (3-2=1), key2 in 3 parts ({d},{e},{f g}: 4-3=1) -> 2/5
    # precision: {a b} 1 part (1), {c d} 2 parts (0), {f g h i} 3 parts (1) -> 2/5
    score = muc(KEY, RESPONSE)
    assert score.recall == pytest.approx(0.4)
    assert score.precision == pytest.approx(0.4)
    assert score.f1 == pytest.approx(0.4)


def test_b_cubed_by_hand() -> None:
    # recall = (2²/3 + 1²/3 + 1²/4 + 2²/4) / 7 = (5/3 + 5/4) / 7 = 5/12
    # precision = (2²/2 + (1²+1²)/2 + 2²/4) / 8 = 4/8
    score = b_cubed(KEY, RESPONSE)
    assert score.recall == pytest.approx(5 / 12)
    assert score.precision == pytest.approx(0.5)


def test_ceaf_e_by_hand() -> None:
    # φ4: key1~{a b} 4/5, key2~{f g h i} 4/8 is the best alignment: 1.3
    score = ceaf_e(KEY, RESPONSE)
    assert score.recall == pytest.approx(1.3 / 2)
    assert score.precision == pytest.approx(1.3 / 3)


def test_conll_is_the_mean_of_three() -> None:
    expected = (muc(KEY, RESPONSE).f1 + b_cubed(KEY, RESPONSE).f1
                + ceaf_e(KEY, RESPONSE).f1) / 3
    assert conll_f1(KEY, RESPONSE) == pytest.approx(expected)


def test_perfect_and_empty_coreference() -> None:
    assert conll_f1(KEY, KEY) == pytest.approx(1.0)
    assert ceaf_e(KEY, []).f1 == 0.0
    assert muc([{"a"}], [{"a"}]).f1 == 0.0  # singletons have no links to find
    assert b_cubed([{"a"}], [{"a"}]).f1 == 1.0


def test_assignment_small_cases() -> None:
    assert min_cost_assignment([[4, 1, 3], [2, 0, 5], [3, 2, 2]]) == [(0, 1), (1, 0), (2, 2)]
    assert max_weight_matching([[0.8, 0.4, 0.0], [0.0, 1 / 3, 0.5]]) == [(0, 0), (1, 2)]
    assert max_weight_matching([[1.0], [5.0], [2.0]]) == [(1, 0)]
    assert min_cost_assignment([]) == []


@given(st.lists(st.lists(st.integers(0, 20), min_size=3, max_size=3), min_size=1, max_size=3))
def test_assignment_matches_brute_force(rows: list[list[int]]) -> None:
    best = min(sum(rows[i][cols[i]] for i in range(len(rows)))
               for cols in itertools.permutations(range(3), len(rows)))
    found = min_cost_assignment(rows)
    assert len(found) == len(rows)
    assert sum(rows[i][j] for i, j in found) == best
