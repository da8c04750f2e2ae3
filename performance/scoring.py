"""The arithmetic of a KPI sheet (spec 06), as plain functions: an indicator's score by its rule, the weighted
total and the grade from HR's grade table."""

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from .models import HUNDRED, ScoringRule

ONE_DECIMAL = Decimal("0.1")
# The grade table when HR has not kept one (spec 06 default): (grade, lowest total).
DEFAULT_BANDS: tuple[tuple[str, Decimal], ...] = (
    ("A", Decimal("90")),
    ("B", Decimal("80")),
    ("C", Decimal("60")),
    ("D", Decimal("0")),
)


def _round(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def indicator_score(
    *, rule: str, actual: Decimal | None, target: Decimal | None, floor: Decimal | None, manual: Decimal | None
) -> Decimal | None:
    """0–100, or None while the value it needs is missing.

    Linear: the floor scores 0, the target 100, in between in proportion, capped at both ends; a floor above the
    target means lower is better (a defect rate). Pass/fail: 100 when the target is met (reached, or not exceeded
    when lower is better), else 0. Manual: the score the manager gave.
    """
    if rule == ScoringRule.MANUAL:
        return None if manual is None else _round(min(max(Decimal(manual), Decimal(0)), HUNDRED))
    if actual is None or target is None:
        return None
    lower_is_better = floor is not None and floor > target
    if rule == ScoringRule.PASS_FAIL:
        met = actual <= target if lower_is_better else actual >= target
        return HUNDRED if met else Decimal(0)
    if floor is None or floor == target:
        return None
    share = (Decimal(actual) - floor) / (target - floor)
    return _round(min(max(share, Decimal(0)), Decimal(1)) * HUNDRED)


def weighted_total(rows: Iterable[tuple[int, Decimal | None]]) -> Decimal | None:
    """Σ weight × score / 100 over (weight, score) rows; None while any score is missing."""
    total = Decimal(0)
    for weight, score in rows:
        if score is None:
            return None
        total += Decimal(weight) * score
    return _round(total / HUNDRED)


def grade_for(total: Decimal | None, bands: Sequence[tuple[str, Decimal]] = DEFAULT_BANDS) -> str:
    """The grade of the highest band whose lowest total the total reaches; '' without a total."""
    if total is None:
        return ""
    for grade, minimum in sorted(bands, key=lambda band: band[1], reverse=True):
        if total >= minimum:
            return grade
    return sorted(bands, key=lambda band: band[1])[0][0] if bands else ""


def weights_problem(weights: Iterable[int]) -> str:
    """'' when the weights add up to 100, else what is wrong, in words (the form shows it)."""
    from django.utils.translation import gettext as _

    weights = [w for w in weights if w is not None]
    if not weights:
        return _("Add at least one indicator.")
    total = sum(weights)
    if total != 100:
        return _("The weights add up to %(total)s%%; they must add up to 100%%.") % {"total": total}
    return ""
