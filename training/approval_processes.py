"""The annual training plan (年度培训计划) goes HR manager → general manager; the HR development plan (人力资源发展
计划) to the general manager (spec 02, flows created by approvals' and this app's data migrations)."""

from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from approvals import conditions, registry

from . import services
from .models import CompetenceReview, DevelopmentPlan, ExternalTraining, TrainingPlan

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


EXTERNAL_FLOW = "external_training"
# External training above this cost goes on to the general manager (spec 02: a setting, default 3,000 yuan).
EXTERNAL_GM_THRESHOLD = Decimal(str(getattr(settings, "HRMS_EXTERNAL_TRAINING_GM_THRESHOLD", 3000)))


def _external_summary(training: ExternalTraining) -> dict:
    return {
        _("Employee"): str(training.employee),
        _("Department"): training.employee.department.name,
        _("Course"): training.course,
        _("Provider"): training.provider,
        _("Dates"): f"{training.starts_on:%Y-%m-%d} – {training.ends_on:%Y-%m-%d}",
        _("Cost (yuan)"): training.cost,
        _("Reason"): training.reason,
    }


registry.register(
    ExternalTraining,
    flow_code=EXTERNAL_FLOW,
    on_approved=services.external_on_approved,
    on_rejected=services.external_on_rejected,
    on_returned=services.external_on_returned,
    on_withdrawn=services.external_on_withdrawn,
    on_resubmitted=services.external_on_resubmitted,
    department_of=lambda training: training.employee.department,
    conditions={conditions.COST_ABOVE_THRESHOLD: lambda training: training.cost > EXTERNAL_GM_THRESHOLD},
    context=_external_summary,
    people_of=lambda training: [training.created_by_id, training.employee.user_id],
)

registry.register(
    CompetenceReview,
    flow_code="competence_review",
    on_approved=services.plan_on_approved,
    on_rejected=services.plan_on_rejected,
    on_returned=services.plan_on_returned,
    on_withdrawn=services.plan_on_withdrawn,
    on_resubmitted=services.plan_on_resubmitted,
    department_of=lambda review: review.department,
    context=lambda review: {
        _("Department"): review.department.name,
        _("Year"): review.year,
        _("Evaluation"): review.conclusion,
    },
    people_of=lambda review: [review.created_by_id],
)
