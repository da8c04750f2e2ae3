"""The arithmetic of a KPI sheet, table-driven."""

from decimal import Decimal as D

import pytest

from performance.models import ScoringRule
from performance.scoring import DEFAULT_BANDS, grade_for, indicator_score, weighted_total, weights_problem

L, P, M = ScoringRule.LINEAR, ScoringRule.PASS_FAIL, ScoringRule.MANUAL


@pytest.mark.parametrize(
    ("rule", "actual", "target", "floor", "manual", "expected"),
    [
        (L, D("100"), D("100"), D("80"), None, D("100")),  # target reached
        (L, D("120"), D("100"), D("80"), None, D("100")),  # capped at 100
        (L, D("80"), D("100"), D("80"), None, D("0")),  # floor scores 0
        (L, D("70"), D("100"), D("80"), None, D("0")),  # below the floor: 0, not negative
        (L, D("90"), D("100"), D("80"), None, D("50")),  # halfway
        (L, D("95.5"), D("100"), D("80"), None, D("77.5")),
        (L, D("2"), D("1"), D("5"), None, D("75")),  # lower is better (defect rate)
        (L, D("0.5"), D("1"), D("5"), None, D("100")),
        (L, D("6"), D("1"), D("5"), None, D("0")),
        (L, None, D("100"), D("80"), None, None),  # no value yet
        (P, D("100"), D("100"), None, None, D("100")),
        (P, D("99"), D("100"), None, None, D("0")),
        (P, D("0"), D("0"), D("1"), None, D("100")),  # no accident: target 0, lower is better
        (P, D("1"), D("0"), D("1"), None, D("0")),
        (M, None, None, None, D("85"), D("85")),
        (M, None, None, None, D("120"), D("100")),
        (M, None, None, None, None, None),
    ],
)
def test_indicator_score(rule, actual, target, floor, manual, expected):
    assert indicator_score(rule=rule, actual=actual, target=target, floor=floor, manual=manual) == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([(40, D("50")), (30, D("75")), (10, D("100")), (20, D("70"))], D("66.5")),
        ([(100, D("100"))], D("100.0")),
        ([(50, D("89.9")), (50, D("90"))], D("90.0")),  # 89.95 rounds half up
        ([(50, D("80")), (50, None)], None),  # a missing score: no total
    ],
)
def test_weighted_total(rows, expected):
    assert weighted_total(rows) == expected


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        (D("100"), "A"),
        (D("90"), "A"),
        (D("89.9"), "B"),
        (D("80"), "B"),
        (D("79.9"), "C"),
        (D("60"), "C"),
        (D("59.9"), "D"),
        (D("0"), "D"),
        (None, ""),
    ],
)
def test_default_grades(total, grade):
    assert grade_for(total, DEFAULT_BANDS) == grade


def test_configured_grades():
    """HR's own table replaces the default: here S from 95, A from 85, F below 85."""
    bands = [("S", D("95")), ("A", D("85")), ("F", D("0"))]
    assert [grade_for(D(t), bands) for t in ("96", "95", "90", "10")] == ["S", "S", "A", "F"]


@pytest.mark.parametrize(
    ("weights", "ok"),
    [([40, 30, 10, 20], True), ([100], True), ([50, 40], False), ([60, 60], False), ([], False)],
)
def test_weights_must_add_up_to_100(weights, ok):
    problem = weights_problem(weights)
    assert (problem == "") is ok
    if weights and not ok:
        assert str(sum(weights)) in problem
