"""The annual training plan (年度培训计划) goes HR manager → general manager; the HR development plan (人力资源发展
计划) to the general manager (spec 02, flows created by approvals' and this app's data migrations)."""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from approvals import registry

from . import services
from .models import DevelopmentPlan, TrainingPlan

PLAN_FLOW = "annual_training_plan"
DEVPLAN_FLOW = "hr_development_plan"


def _plan_summary(plan: TrainingPlan) -> dict:
    totals = plan.items.aggregate(hours=Sum("hours"), budget=Sum("budget"))
    return {
        _("Year"): plan.year,
        _("Title"): plan.title,
        _("Courses"): plan.items.count(),
        _("Hours"): totals["hours"] or 0,
        _("Budget (yuan)"): totals["budget"] or 0,
    }


registry.register(
    TrainingPlan,
    flow_code=PLAN_FLOW,
    on_approved=services.plan_on_approved,
    on_rejected=services.plan_on_rejected,
    on_returned=services.plan_on_returned,
    on_withdrawn=services.plan_on_withdrawn,
    on_resubmitted=services.plan_on_resubmitted,
    department_of=lambda plan: None,
    context=_plan_summary,
    people_of=lambda plan: [plan.created_by_id],
)

registry.register(
    DevelopmentPlan,
    flow_code=DEVPLAN_FLOW,
    on_approved=services.devplan_on_approved,
    on_rejected=services.plan_on_rejected,
    on_returned=services.plan_on_returned,
    on_withdrawn=services.plan_on_withdrawn,
    on_resubmitted=services.plan_on_resubmitted,
    department_of=lambda plan: None,
    context=lambda plan: {_("Year"): plan.year, _("Training focus"): plan.training_focus},
    people_of=lambda plan: [plan.created_by_id],
)
