"""Job descriptions (new positions and new versions) go through the "position_jd" flow: HR manager → GM."""

from django.utils.translation import gettext_lazy as _

from approvals import conditions, registry

from . import services
from .models import JobDescription, PositionCategory


def _summary(jd: JobDescription) -> dict:
    position = jd.position
    return {
        _("Position"): f"{position.title} ({position.code})",
        _("Department"): position.department.name,
        _("Category"): position.get_category_display(),
        _("Version"): jd.version,
        _("Authorised headcount (编制)"): position.authorised_headcount,
        _("Duties (岗位职责)"): jd.duty_list,
        _("Education (学历)"): jd.education,
        _("Experience (经历)"): jd.experience,
        _("Required training (所需培训)"): jd.required_training,
        _("Skills (技能)"): jd.skills,
    }


registry.register(
    JobDescription,
    flow_code="position_jd",
    on_approved=services.job_description_on_approved,
    on_rejected=services.job_description_on_rejected,
    on_returned=services.job_description_on_back_to_draft,
    on_withdrawn=services.job_description_on_back_to_draft,
    on_resubmitted=services.job_description_on_resubmitted,
    department_of=lambda jd: jd.position.department,
    conditions={
        conditions.MANAGER_LEVEL_POSITION: lambda jd: jd.position.category == PositionCategory.MANAGER,
        conditions.STAFF_GRADE_OR_ABOVE: lambda jd: (
            jd.position.category in (PositionCategory.STAFF, PositionCategory.MANAGER)
        ),
    },
    context=_summary,
    people_of=lambda jd: [jd.created_by_id],
)
