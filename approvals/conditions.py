"""The named conditions a step may carry. The engine knows only the names; each process says whether
one holds for its subject (its adapter's `conditions`, or the subject's `approval_condition(name)`)."""

from django.utils.translation import gettext_lazy as _

MANAGER_LEVEL_POSITION = "manager_level_position"
STAFF_GRADE_OR_ABOVE = "staff_grade_or_above"
OVER_AUTHORISED_HEADCOUNT = "over_authorised_headcount"
COST_ABOVE_THRESHOLD = "cost_above_threshold"
NEW_POSITION = "new_position"
SALARY_CHANGE = "salary_change"

CONDITIONS = {
    MANAGER_LEVEL_POSITION: _("Only for manager-level positions and above"),
    STAFF_GRADE_OR_ABOVE: _("Only for staff grade and above"),
    OVER_AUTHORISED_HEADCOUNT: _("Only when the request exceeds the authorised headcount"),
    COST_ABOVE_THRESHOLD: _("Only when the cost is above the threshold"),
    NEW_POSITION: _("Only for a new position whose job description is approved with the request"),
    SALARY_CHANGE: _("Only when the request changes the salary"),
}


def condition_choices() -> list[tuple[str, str]]:
    return list(CONDITIONS.items())
