"""Nothing outside a user's department or clearance is shown, even when a URL is typed by hand.

Every URL pattern of the project that takes an argument is listed in `TARGETS` (how to find the objects a user
may and may not reach: the model and the app's selector or policy) or in `EXEMPT` (with the reason). A new page
taking an id fails `test_every_url_with_an_id_is_listed` until it is added here.

For every scoped demo login and every listed URL, one object outside the user's visible set is typed into the URL
(for nested URLs also under a parent the user may see): GET must answer 403/404/405 (or send to the login page),
POST with an empty body the same and leave the object as it was. Never 200, never a server error. Also:
- secret pages (offers, salary, contracts) and actions on company-wide objects (cycles, survey templates), typed
  with objects the user *may* see but whose policy refuses: they do not render either;
- classified rows above the user's clearance (documents, meetings, media, incidents…) are refused for every demo
  login, company-wide roles included (the object's level against the clearance, not the selectors);
- every listed URL typed with an object the user may see never fails, and shows nobody else's salary or ID number
  to a user not cleared for secret HR data;
- ids typed into the query string (department filters, pre-filled forms) are refused or ignored;
- without a login, every listed URL sends to the login page.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pytest
from django.apps import apps
from django.db.models import DecimalField, Q, QuerySet
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.module_loading import import_string

from accounts.demo import DEMO_LOGINS

# The demo logins whose view is not the whole company (department-, role- or clearance-scoped).
SCOPED_LOGINS = (
    "prod_head",
    "prod_manager",
    "qa_head",
    "pmc",
    "employee",
    "leaver",
    "auditor",
    "records_keeper",
    "security_officer",
)
REFUSED = {403, 404}
LOGIN_PREFIX = "/accounts/login/"


def PK(obj):
    return {"pk": obj.pk}


def _call(dotted: str):
    return import_string(dotted)


@dataclass(frozen=True)
class Target:
    """model: "app_label.Model"; visible(user) → the queryset of objects the user may reach through this URL;
    kwargs(obj) → the URL's arguments for an object; parent: (kwarg, visible-parent function) for nested URLs,
    also typed with a *visible* parent and an out-of-scope child."""

    model: str
    visible: Callable[..., QuerySet]
    kwargs: Callable = PK
    parent: tuple[str, Callable[..., QuerySet]] | None = None
    # policy(user, obj) → truthy when the user may open this page for an object in scope: the secret part
    # (offers, salary, contracts) and the actions on company-wide objects.
    policy: Callable | None = None
    # A page that shows nothing of the object (only a form, e.g. the QR check-in): a 200 is allowed when the
    # object's name is not on it; a POST still must not change it.
    form_only: bool = False
    # The objects that can be typed into the URL at all (default: every row of the model).
    universe: Callable[[], QuerySet] | None = None

    @property
    def model_class(self):
        return apps.get_model(self.model)


def sel(dotted: str) -> Callable[..., QuerySet]:
    """The app's selector `dotted` (user → queryset)."""
    return lambda user: _call(dotted)(user)


def via(model: str, lookup: str, dotted: str) -> Callable[..., QuerySet]:
    """Objects of `model` whose `lookup` is in the selector's queryset (a child of a visible parent)."""
    return lambda user: apps.get_model(model).objects.filter(**{f"{lookup}__in": _call(dotted)(user)})


def where(model: str, field: str) -> Callable[..., QuerySet]:
    """Objects of `model` whose `field` is the user (their own)."""

    def visible(user):
        return apps.get_model(model).objects.filter(**{field: user})

    return visible


def by_policy(model: str, allowed: Callable) -> Callable[..., QuerySet]:
    """Objects of `model` the policy `allowed(user, obj)` lets the user reach (small demo tables only)."""

    def visible(user):
        qs = apps.get_model(model).objects.all()
        return qs.filter(pk__in=[obj.pk for obj in qs if allowed(user, obj)])

    return visible


def everyone(model: str) -> Callable[..., QuerySet]:
    """A company-wide object (no department): every user may reach it by id; what it shows is scoped inside."""
    return lambda user: apps.get_model(model).objects.all()


# --- how the register's requests, logins and shared objects are reached --------------------------------------


def _subject_allowed(user, subject) -> bool:
    """confidentiality's register requests: the applicant, a keeper who reads the document, whoever sees the
    approval."""
    from approvals.policies import can_view as can_view_request
    from approvals.selectors import latest_request_for
    from confidentiality.selectors import can_read_document, is_keeper

    if subject.applicant_id == user.pk:
        return True
    if is_keeper(user) and can_read_document(user, subject.document):
        return True
    approval = latest_request_for(subject)
    return approval is not None and bool(can_view_request(user, approval))


def _logins(user):
    from django.contrib.auth import get_user_model

    from accounts.policies import can_manage_logins

    User = get_user_model()
    return User.objects.all() if can_manage_logins(user) else User.objects.none()


def _positions(user):
    from org.views.positions import _positions_for

    return _positions_for(user)


def _job_changes(user):
    from employees.models import JobChange
    from employees.selectors import employees_visible_to, job_changes_visible_to

    pks = []
    for employee in employees_visible_to(user).filter(job_changes__isnull=False).distinct():
        pks += list(job_changes_visible_to(user, employee).values_list("pk", flat=True))
    return JobChange.objects.filter(pk__in=pks)


def _dev_plans(user):
    from training.models import DevelopmentPlan

    return DevelopmentPlan.objects.all() if user.sees_all_departments else DevelopmentPlan.objects.none()


def _terminations(user):
    from offboarding.models import SeparationCase, SeparationType
    from onboarding.selectors import cases_visible_to

    return SeparationCase.objects.filter(
        separation_type=SeparationType.PROBATION,
        employee__in=cases_visible_to(user).values("employee"),
    )


def _offer_policy(name):
    def allowed(user, application):
        from recruitment import policies
        from recruitment.models import Offer

        offer = Offer.objects.filter(application=application).first()
        if offer is None:
            return name == "edit" and policies.can_draft_offer(user, application)
        return {
            "edit": policies.can_edit_offer,
            "pdf": policies.can_send_offer,
            "submit": policies.can_submit_offer,
            "withdraw": policies.can_withdraw_offer,
            "accept": policies.can_accept_offer,
            "decline": policies.can_decline_offer,
        }[name](user, offer)

    return allowed


def _policy(dotted):
    """The policy `dotted`, asked about the user and the object."""
    return lambda user, obj: _call(dotted)(user, obj)


def _user_only(dotted):
    """The policy `dotted`, asked about the user alone."""
    return lambda user, obj: _call(dotted)(user)


EMP = "employees.selectors.employees_visible_to"
DOCS = "confidentiality.selectors.documents_visible_to"
MEETINGS = "confidentiality.oversight.selectors.meetings_visible_to"
INCIDENTS = "confidentiality.oversight.selectors.incidents_visible_to"
INSPECTIONS = "confidentiality.oversight.selectors.inspections_visible_to"
MEDIA = "confidentiality.oversight.selectors.media_visible_to"
OFF_CASES = "offboarding.selectors.cases_visible_to"
ON_CASES = "onboarding.selectors.cases_visible_to"
SHEETS = "performance.selectors.sheets_visible_to"
APPLICATIONS = "recruitment.selectors.applications_visible_to"
REQUISITIONS = "recruitment.selectors.requisitions_visible_to"
CANDIDATES = "recruitment.selectors.candidates_visible_to"
SURVEYS = "performance.survey.selectors.surveys_visible_to"
SESSIONS = "training.selectors.sessions_visible_to"
T_PLANS = "training.selectors.plans_visible_to"
DEPARTMENTS = "org.selectors.departments_visible_to"

employee = Target("employees.Employee", sel(EMP))
employee_kw = Target("employees.Employee", sel(EMP), kwargs=lambda o: {"employee_pk": o.pk})
document = Target("confidentiality.Document", sel(DOCS))
off_case = Target("offboarding.SeparationCase", sel(OFF_CASES))
on_case = Target("onboarding.OnboardingCase", sel(ON_CASES))
sheet = Target("performance.Sheet", sel(SHEETS))
application = Target("recruitment.Application", sel(APPLICATIONS))
requisition = Target("recruitment.Requisition", sel(REQUISITIONS))
candidate = Target("recruitment.Candidate", sel(CANDIDATES))
survey = Target("survey.Survey", sel(SURVEYS))
session = Target("training.Session", sel(SESSIONS))
training_plan = Target("training.TrainingPlan", sel(T_PLANS))
login = Target("accounts.User", _logins)


def _contract(policy=None):
    return Target(
        "employees.LabourContract",
        via("employees.LabourContract", "employee", EMP),
        kwargs=lambda o: {"pk": o.employee_id, "contract_pk": o.pk},
        parent=("pk", sel(EMP)),
        policy=policy,
    )


def _nested(model, lookup, parent_selector, child_kw, parent_kw="pk", policy=None):
    return Target(
        model,
        via(model, lookup, parent_selector),
        kwargs=lambda o: {parent_kw: getattr(o, f"{lookup}_id"), child_kw: o.pk},
        parent=(parent_kw, sel(parent_selector)),
        policy=policy,
    )


TARGETS: dict[str, Target] = {
    # accounts: logins are the login managers' (HR manager, administrators)
    "accounts:login_access": login,
    "accounts:login_detail": login,
    "accounts:login_reset_password": login,
    "accounts:login_reset_two_factor": login,
    "accounts:login_set_active": login,
    # approvals
    "approvals:decide": Target("approvals.RequestStep", sel("approvals.selectors.steps_visible_to")),
    "approvals:request_detail": Target("approvals.Request", sel("approvals.selectors.requests_visible_to")),
    "approvals:withdraw": Target("approvals.Request", sel("approvals.selectors.requests_visible_to")),
    "approvals:delegation_end": Target("approvals.Delegation", where("approvals.Delegation", "from_user")),
    # confidentiality
    "confidentiality:document_detail": document,
    "confidentiality:document_edit": document,
    "confidentiality:document_extend": document,
    "confidentiality:document_file": document,
    "confidentiality:document_upload": document,
    "confidentiality:disclosure_create": document,
    "confidentiality:reproduction_create": document,
    "confidentiality:distribution_register_pdf": document,
    "confidentiality:access_request_detail": Target(
        "confidentiality.AccessRequest", by_policy("confidentiality.AccessRequest", _subject_allowed)
    ),
    "confidentiality:access_request_pdf": Target(
        "confidentiality.AccessRequest", by_policy("confidentiality.AccessRequest", _subject_allowed)
    ),
    "confidentiality:disclosure_detail": Target(
        "confidentiality.Disclosure", by_policy("confidentiality.Disclosure", _subject_allowed)
    ),
    "confidentiality:reproduction_detail": Target(
        "confidentiality.ReproductionRequest", by_policy("confidentiality.ReproductionRequest", _subject_allowed)
    ),
    "confidentiality:copy_issue": Target("confidentiality.Copy", via("confidentiality.Copy", "document", DOCS)),
    "confidentiality:copy_return": Target("confidentiality.Copy", via("confidentiality.Copy", "document", DOCS)),
    "confidentiality:destruction_record": Target(
        "confidentiality.Destruction", via("confidentiality.Destruction", "document", DOCS)
    ),
    "confidentiality:grant_revoke": Target("confidentiality.Grant", via("confidentiality.Grant", "document", DOCS)),
    "confidentiality:handover_detail": Target(
        "confidentiality.Handover",
        lambda user: apps.get_model("confidentiality.Handover").objects.filter(Q(from_keeper=user) | Q(to_keeper=user)),
    ),
    "confidentiality:issue_acknowledge": Target("confidentiality.Issue", where("confidentiality.Issue", "recipient")),
    # confidentiality oversight
    **{
        f"confidentiality_oversight:{name}": Target("confidentiality_oversight.Meeting", sel(MEETINGS))
        for name in (
            "meeting_detail",
            "meeting_edit",
            "meeting_open",
            "meeting_close",
            "meeting_cancel",
            "meeting_attendees",
            "minutes_record",
            "handouts_issue",
            "handout_register_pdf",
        )
    },
    "confidentiality_oversight:venue_check": Target(
        "confidentiality_oversight.Meeting", sel(MEETINGS), kwargs=lambda o: {"pk": o.pk, "stage": "before"}
    ),
    "confidentiality_oversight:meeting_attendee_remove": _nested(
        "confidentiality_oversight.Attendee", "meeting", MEETINGS, "attendee_pk"
    ),
    "confidentiality_oversight:handout_collect": _nested(
        "confidentiality_oversight.Handout", "meeting", MEETINGS, "handout_pk"
    ),
    **{
        f"confidentiality_oversight:{name}": Target("confidentiality_oversight.Incident", sel(INCIDENTS))
        for name in (
            "incident_detail",
            "incident_decide",
            "incident_investigate",
            "incident_close",
            "incident_pdf",
            "responsibility_record",
            "reward_record",
        )
    },
    **{
        f"confidentiality_oversight:{name}": Target("confidentiality_oversight.Inspection", sel(INSPECTIONS))
        for name in ("inspection_detail", "inspection_record", "inspection_pdf", "action_add")
    },
    "confidentiality_oversight:action_close": _nested(
        "confidentiality_oversight.CorrectiveAction", "inspection", INSPECTIONS, "action_pk"
    ),
    **{
        f"confidentiality_oversight:{name}": Target("confidentiality_oversight.Medium", sel(MEDIA))
        for name in ("medium_detail", "medium_issue", "medium_lost", "medium_return")
    },
    # employees
    "employees:employee_detail": employee,
    "employees:employee_edit": employee,
    "employees:employee_cv_pdf": employee,
    "employees:employee_registration_pdf": employee,
    "employees:document_upload": employee,
    "employees:job_change_create": employee,
    "employees:protected_period_add": employee,
    "employees:contract_add": Target(
        "employees.Employee", sel(EMP), policy=_policy("employees.policies.can_add_contract")
    ),
    "employees:salary_change_create": Target(
        "employees.Employee", sel(EMP), policy=_user_only("employees.policies.can_change_salary")
    ),
    "employees:contract_extend": _contract(policy=_policy("employees.policies.can_extend_contract")),
    "employees:contract_not_renew": _contract(policy=_policy("employees.policies.can_mark_not_renewed")),
    "employees:contract_sign": _contract(policy=_policy("employees.policies.can_sign_contract")),
    "employees:document_download": _nested("employees.PersonnelDocument", "employee", EMP, "document_pk"),
    "employees:salary_slip_pdf": _nested(
        "employees.SalaryChange", "employee", EMP, "change_pk", policy=_user_only("employees.policies.can_see_salary")
    ),
    "employees:job_change_detail": Target(
        "employees.JobChange",
        _job_changes,
        kwargs=lambda o: {"pk": o.employee_id, "change_pk": o.pk},
        parent=("pk", sel(EMP)),
    ),
    "employees:job_change_edit": Target(
        "employees.JobChange",
        _job_changes,
        kwargs=lambda o: {"pk": o.employee_id, "change_pk": o.pk},
        parent=("pk", sel(EMP)),
    ),
    "employees:my_contract_pdf": Target(
        "employees.LabourContract",
        lambda user: apps.get_model("employees.LabourContract").objects.filter(employee__user=user),
        kwargs=lambda o: {"contract_pk": o.pk},
    ),
    "employees:my_document_download": Target(
        "employees.PersonnelDocument",
        lambda user: apps.get_model("employees.PersonnelDocument").objects.filter(employee__user=user),
        kwargs=lambda o: {"document_pk": o.pk},
    ),
    "employees:contact_change_decide": Target(
        "employees.ContactChangeRequest", via("employees.ContactChangeRequest", "employee", EMP)
    ),
    # imports, notifications
    **{
        f"imports:{name}": Target("imports.ImportJob", sel("imports.selectors.import_jobs_visible_to"))
        for name in ("job_detail", "job_commit", "job_progress")
    },
    "notifications:mark_read": Target("notifications.Notification", sel("notifications.selectors.notifications_for")),
    "notifications:open": Target("notifications.Notification", sel("notifications.selectors.notifications_for")),
    # offboarding
    **{
        f"offboarding:{name}": off_case
        for name in (
            "case_detail",
            "certificate_pdf",
            "complete",
            "handover_pdf",
            "interview",
            "interview_pdf",
            "noncompete",
            "notice_pdf",
            "off_classified",
            "rehire",
            "resubmit",
            "transfer",
            "withdraw",
        )
    },
    "offboarding:employee_cases": employee_kw,
    "offboarding:terms": employee_kw,
    "offboarding:tick": Target(
        "offboarding.HandoverItem", sel("offboarding.selectors.items_for"), kwargs=lambda o: {"item_pk": o.pk}
    ),
    # onboarding
    **{
        f"onboarding:{name}": on_case
        for name in (
            "case_detail",
            "case_refresh",
            "conversion_create",
            "probation_extend",
            "probation_terminate",
            "registration_review",
            "registration_send",
            "review_create",
            "safety_education_record",
            "self_report",
            "self_report_pdf",
        )
    },
    "onboarding:contract_record": Target(
        "onboarding.OnboardingCase", sel(ON_CASES), policy=_policy("onboarding.policies.can_record_contract")
    ),
    "onboarding:case_start": employee_kw,
    "onboarding:employee_case": employee_kw,
    "onboarding:conversion_pdf": _nested("onboarding.Conversion", "case", ON_CASES, "conversion_pk"),
    "onboarding:salary_slip_pdf": _nested(
        "onboarding.Conversion",
        "case",
        ON_CASES,
        "conversion_pk",
        policy=_user_only("onboarding.policies.can_print_salary_slip"),
    ),
    "onboarding:review_pdf": _nested("onboarding.ProbationReview", "case", ON_CASES, "review_pk"),
    "onboarding:task_complete": _nested("onboarding.OnboardingTask", "case", ON_CASES, "task_pk"),
    "onboarding:termination_pdf": Target(
        "offboarding.SeparationCase",
        _terminations,
        universe=lambda: apps.get_model("offboarding.SeparationCase").objects.filter(
            employee__in=apps.get_model("onboarding.OnboardingCase").objects.values("employee")
        ),
        kwargs=lambda o: {
            "pk": apps.get_model("onboarding.OnboardingCase").objects.filter(employee=o.employee_id).first().pk,
            "termination_pk": o.pk,
        },
    ),
    # org
    "org:department_detail": Target("org.Department", sel(DEPARTMENTS)),
    "org:department_edit": Target("org.Department", sel(DEPARTMENTS)),
    "org:position_detail": Target("org.Position", _positions),
    "org:position_special": Target("org.Position", _positions),
    "org:job_description_edit": Target("org.Position", _positions),
    "org:job_description_pdf": Target(
        "org.JobDescription", via("org.JobDescription", "position", "org.selectors.positions_visible_to")
    ),
    # performance (+ survey)
    **{
        f"performance:{name}": sheet
        for name in (
            "sheet_detail",
            "sheet_acknowledge",
            "sheet_amend",
            "sheet_calibrate",
            "sheet_consequences",
            "sheet_goals",
            "sheet_interview",
            "sheet_pdf",
            "sheet_peers",
            "sheet_release",
            "sheet_score",
            "sheet_self",
            "plan_create",
            "plan_detail",
            "plan_pdf",
            "plan_training",
        )
    },
    # Cycles are company-wide (no department): every team user reaches one by id, the sheets on it are scoped by
    # sheets_visible_to; what they may do with it is the policy's.
    "performance:cycle_detail": Target(
        "performance.Cycle", everyone("performance.Cycle"), policy=_user_only("performance.selectors.uses_team_pages")
    ),
    "performance:cycle_edit": Target(
        "performance.Cycle", everyone("performance.Cycle"), policy=_policy("performance.policies.can_edit_cycle")
    ),
    "performance:cycle_open": Target(
        "performance.Cycle", everyone("performance.Cycle"), policy=_policy("performance.policies.can_open_cycle")
    ),
    "performance:cycle_close": Target(
        "performance.Cycle", everyone("performance.Cycle"), policy=_policy("performance.policies.can_close_cycle")
    ),
    **{
        f"performance:{name}": Target(
            "performance.Cycle",
            everyone("performance.Cycle"),
            policy=_user_only("performance.policies.can_view_summary"),
        )
        for name in ("cycle_summary", "cycle_summary_pdf")
    },
    "performance:cycle_export": Target(
        "performance.Cycle", everyone("performance.Cycle"), policy=_user_only("performance.policies.can_export")
    ),
    "performance:peer_answer": Target("performance.PeerFeedback", sel("performance.selectors.peer_requests_for")),
    "performance:template_detail": Target("performance.KpiTemplate", sel("performance.selectors.templates_visible_to")),
    "performance:template_version": Target(
        "performance.KpiTemplate", sel("performance.selectors.templates_visible_to")
    ),
    **{
        f"survey:{name}": survey
        for name in ("answer", "close", "detail", "edit", "open", "publish", "report_edit", "report_pdf", "results")
    },
    "survey:template_edit": Target(
        "survey.SurveyTemplate",
        everyone("survey.SurveyTemplate"),
        policy=_user_only("performance.survey.policies.can_manage_templates"),
    ),
    # recruitment
    **{
        f"recruitment:{name}": application
        for name in (
            "application_detail",
            "application_advance",
            "application_move",
            "evaluation_pdf",
            "interview_create",
        )
    },
    **{
        f"recruitment:offer_{name}": Target("recruitment.Application", sel(APPLICATIONS), policy=_offer_policy(name))
        for name in ("edit", "pdf", "submit", "withdraw", "accept", "decline")
    },
    **{f"recruitment:{name}": candidate for name in ("candidate_detail", "candidate_resume", "candidate_update")},
    **{
        f"recruitment:{name}": Target(
            "recruitment.Interview", via("recruitment.Interview", "application", APPLICATIONS)
        )
        for name in ("evaluation_create", "interview_cancel", "interview_ics")
    },
    **{
        f"recruitment:{name}": requisition
        for name in (
            "plan_edit",
            "requisition_board",
            "requisition_cancel",
            "requisition_detail",
            "requisition_pdf",
            "requisition_submit",
            "requisition_update",
            "requisition_withdraw",
        )
    },
    # training
    # The QR check-in page is a code form only; an uninvited user who has the code is told so by the service
    # (training/tests/test_views.py::test_an_uninvited_user_gets_a_clear_message_at_check_in).
    "training:checkin": Target("training.Session", sel(SESSIONS), form_only=True),
    **{
        f"training:{name}": session
        for name in (
            "assessment_pdf",
            "session_attendance",
            "session_cancel",
            "session_detail",
            "session_file_upload",
            "session_invite",
            "session_rate",
            "session_scores",
            "signin_pdf",
        )
    },
    "training:application_evaluate": Target(
        "training.Participant",
        via("training.Participant", "employee", EMP),
        kwargs=lambda o: {"pk": o.session_id, "participant_pk": o.pk},
        parent=("pk", sel(SESSIONS)),
    ),
    "training:session_file_download": _nested("training.SessionFile", "session", SESSIONS, "file_pk"),
    "training:awareness_record": employee,
    "training:employee_competence": employee,
    "training:history": employee,
    "training:history_pdf": employee,
    "training:need_from_gap": Target(
        "employees.Employee",
        sel(EMP),
        kwargs=lambda o: {"pk": o.pk, "skill_pk": apps.get_model("training.Skill").objects.order_by("pk").first().pk},
    ),
    "training:certificate_scan": Target("training.Certificate", sel("training.views_records.certificates_visible_to")),
    "training:mentoring_sign_off": Target("training.Mentoring", sel("training.views_records.mentorings_visible_to")),
    **{
        f"training:{name}": Target("training.ExternalTraining", sel("training.views_records.externals_visible_to"))
        for name in ("external_certificate", "external_detail", "external_edit", "external_submit")
    },
    **{
        f"training:{name}": Target("training.DevelopmentPlan", _dev_plans)
        for name in ("devplan_detail", "devplan_edit", "devplan_submit")
    },
    "training:need_cancel": Target("training.TrainingNeed", sel("training.selectors.needs_visible_to")),
    **{
        f"training:{name}": training_plan
        for name in ("plan_detail", "plan_item_create", "plan_pdf", "plan_publish", "plan_submit")
    },
    "training:plan_item_edit": _nested("training.PlanItem", "plan", T_PLANS, "item_pk"),
    "training:position_standards": Target("org.Position", sel("org.selectors.positions_visible_to")),
    "training:review_create": Target("org.Department", sel(DEPARTMENTS), kwargs=lambda o: {"department_pk": o.pk}),
    **{
        f"training:{name}": Target(
            "training.CompetenceReview", via("training.CompetenceReview", "department", DEPARTMENTS)
        )
        for name in ("review_detail", "review_edit", "review_pdf")
    },
}

# URL patterns with arguments that name no object a user could be kept out of.
EXEMPT: dict[str, str] = {
    "password_reset_confirm": "Django's reset link: a signed token for one login, no object id.",
    "onboarding:register": "The new hire's self-registration by signed token (no login; the token is the scope).",
    "imports:start": "The import kind (a slug), not an object; the page is role-gated by imports' policies.",
    "reports:report_detail": "A report code (slug), not an object; each report scopes its rows by the reader.",
    "reports:report_pdf": "A report code (slug), not an object; each report scopes its rows by the reader.",
    "reports:report_xlsx": "A report code (slug), not an object; each report scopes its rows by the reader.",
    "retention:review": "A record type (slug), not an object; the page is the records keeper's.",
    "retention:confirm": "A record type (slug), not an object; the page is the records keeper's.",
    "training:department_form_pdf": "A blank form name (str); the department comes from the query string.",
}


def _url_patterns(patterns=None, prefix="", namespace=()):
    """(view name, route) of every URL pattern of the project, admin and static files aside."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            ns = namespace + ((entry.namespace,) if entry.namespace else ())
            yield from _url_patterns(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield ":".join((*namespace, entry.name or "")), prefix + str(entry.pattern)


def _routes_with_arguments() -> dict[str, str]:
    return {
        name: route
        for name, route in _url_patterns()
        if re.search(r"<(?:\w+:)?\w+>", route) and not route.startswith(("admin/", "^", "static/", "media/"))
    }


def test_every_url_with_an_id_is_listed():
    """A new page taking an argument cannot be forgotten: it is in TARGETS or EXEMPT (with the reason)."""
    routes = _routes_with_arguments()
    missing = sorted(f"{name} ({route})" for name, route in routes.items() if name not in TARGETS | EXEMPT)
    assert not missing, "URLs with arguments missing from tests/test_typed_urls.py TARGETS/EXEMPT: " + ", ".join(
        missing
    )
    stale = sorted((set(TARGETS) | set(EXEMPT)) - set(routes))
    assert not stale, "listed but no longer routed: " + ", ".join(stale)
    assert not set(TARGETS) & set(EXEMPT)
    assert all(reason.strip() for reason in EXEMPT.values())


# --- the probe -------------------------------------------------------------------------------------------------


def _state(obj):
    """The object's columns as stored (a POST that was refused leaves them as they were)."""
    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    return None if fresh is None else model_to_dict(fresh, fields=[f.name for f in obj._meta.concrete_fields])


def _refused(response) -> bool:
    """403/404, 405 (a GET to an action that only takes POST renders nothing), or off to the login page."""
    if response.status_code in REFUSED or response.status_code == 405:
        return True
    return response.status_code == 302 and response["Location"].startswith(LOGIN_PREFIX)


def _shows_nothing_of(target, obj, response) -> bool:
    return (
        target.form_only
        and response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and str(obj) not in response.content.decode()
    )


def _refused_and_unchanged(client, url, name, obj) -> list[str]:
    """A GET and an empty POST of `url`: what was not refused, and what changed the object."""
    failures = []
    for method in (client.get, client.post):
        before = _state(obj)
        response = method(url)
        if not _refused(response):
            failures.append(f"{method.__name__.upper()} {url} [{name}] → {_describe(response)}")
        if _state(obj) != before:
            failures.append(f"{method.__name__.upper()} {url} [{name}] changed {obj._meta.label} {obj.pk}")
    return failures


def _describe(response) -> str:
    if response.status_code in (301, 302):
        return f"{response.status_code} → {response['Location']}"
    return str(response.status_code)


@cache
def _out_of_scope(name, username):
    """(kwargs, object) for one object the user may not reach through the URL `name`, and, for nested URLs, the
    same child under a parent the user may see (the classic id swap); [] when the demo has none."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    target = TARGETS[name]
    model = target.model_class
    visible = target.visible(user)
    universe = target.universe() if target.universe else model._default_manager.all()
    hidden = universe.exclude(pk__in=list(visible.values_list("pk", flat=True))).order_by("pk")
    cases = []
    # One object per URL and user; the logins take the first, middle or last hidden row in turn, so the probe
    # covers different departments and kinds of rows without typing every id.
    count = hidden.count()
    if not count:
        return cases
    obj = hidden[(count - 1) * (SCOPED_LOGINS.index(username) % 3) // 2] if username in SCOPED_LOGINS else hidden[0]
    cases.append((target.kwargs(obj), obj))
    if target.parent is not None:
        kwarg, parent_visible = target.parent
        parent = parent_visible(user).order_by("pk").first()
        if parent is not None:
            swapped = {**target.kwargs(obj), kwarg: parent.pk}
            if swapped != cases[0][0]:
                cases.append((swapped, obj))
    return cases


@pytest.fixture(autouse=True, scope="module")
def _fresh_probe_cache():
    """The chosen objects are the demo's of this module (the demo is seeded per module)."""
    _out_of_scope.cache_clear()
    yield
    _out_of_scope.cache_clear()


@pytest.mark.parametrize("username", SCOPED_LOGINS)
def test_typed_ids_outside_the_users_scope_are_refused(demo, django_user_model, username):
    assert username in {login.username for login in DEMO_LOGINS}
    user = django_user_model.objects.get(username=username)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    failures, probed = [], 0
    for name in sorted(TARGETS):
        for kwargs, obj in _out_of_scope(name, username):
            url = reverse(name, kwargs=kwargs)
            probed += 1
            response = client.get(url)
            if not (_refused(response) or _shows_nothing_of(TARGETS[name], obj, response)):
                failures.append(f"GET {url} [{name}] → {_describe(response)}")
            before = _state(obj)
            response = client.post(url)
            if not (_refused(response) or _shows_nothing_of(TARGETS[name], obj, response)):
                failures.append(f"POST {url} [{name}] → {_describe(response)}")
            if _state(obj) != before:
                failures.append(f"POST {url} [{name}] changed {obj._meta.label} {obj.pk}")
    assert probed, f"{username}: no out-of-scope object in the demo"
    assert not failures, f"{username}:\n" + "\n".join(failures)


def test_typed_ids_need_a_login(demo, db):
    """Without a login every page taking an id sends to the login page (or refuses), whatever the id."""
    client = Client(raise_request_exception=False)
    failures = []
    for name, target in sorted(TARGETS.items()):
        obj = target.model_class._default_manager.order_by("pk").first()
        if obj is None:
            continue
        url = reverse(name, kwargs=target.kwargs(obj))
        failures += _refused_and_unchanged(client, url, name, obj)
    assert not failures, "anonymous:\n" + "\n".join(failures)


@pytest.mark.parametrize("username", SCOPED_LOGINS)
def test_the_admin_site_is_not_a_way_around(demo, django_user_model, username):
    """The admin site's URLs are left out of TARGETS (they are generated per model): only administrators
    (superusers, the only staff) enter it; a scoped login typing an admin page is sent to the admin's login."""
    user = django_user_model.objects.get(username=username)
    assert not user.is_staff
    client = Client(raise_request_exception=False)
    client.force_login(user)
    employee = apps.get_model("employees.Employee").objects.order_by("pk").first()
    for url in ("/admin/", reverse("admin:employees_employee_change", args=[employee.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login")), url


@pytest.mark.parametrize("username", SCOPED_LOGINS)
def test_pages_need_the_policy_even_in_scope(demo, django_user_model, username):
    """Offers, salary and contract pages for objects the user may see, and the actions on company-wide objects
    (cycles, survey templates): when the policy refuses (no secret clearance, not HR, not the role), the page does
    not render and a POST changes nothing."""
    user = django_user_model.objects.get(username=username)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    failures = []
    for name, target in sorted(TARGETS.items()):
        if target.policy is None:
            continue
        obj = next((o for o in target.visible(user).order_by("pk")[:20] if not target.policy(user, o)), None)
        if obj is None:
            continue
        url = reverse(name, kwargs=target.kwargs(obj))
        response = client.get(url)
        if not _refused(response):
            failures.append(f"GET {url} [{name}] → {_describe(response)}")
        before = _state(obj)
        response = client.post(url)
        if not _refused(response):
            failures.append(f"POST {url} [{name}] → {_describe(response)}")
        if _state(obj) != before:
            failures.append(f"POST {url} [{name}] changed {obj._meta.label} {obj.pk}")
    assert not failures, f"{username}:\n" + "\n".join(failures)


# Salary figures (secret, spec 08 "HR data is classified too"): model → fields, and the field naming the person
# (their own figures are theirs to see).
SALARY_FIELDS = {
    "employees.Employee": (("base_salary",), "pk"),
    "employees.SalaryChange": (("previous_salary", "new_salary"), "employee_id"),
    "recruitment.Offer": (("salary", "probation_salary"), None),
    "recruitment.Candidate": (("expected_salary",), None),
    "onboarding.OnboardingCase": (("agreed_salary", "probation_salary"), "employee_id"),
    "onboarding.ProbationReview": (("proposed_salary",), None),
    "onboarding.Conversion": (("old_salary", "new_salary"), None),
}


def _secret_figures(user) -> set[str]:
    """Other people's salaries as a page would print them (two decimals, with or without separators; only
    figures of four digits or more, so that a count or a year is not taken for a salary) and ID numbers."""
    from employees.selectors import employee_for_user

    me = employee_for_user(user)
    salaries = set()
    for label, (fields, person) in SALARY_FIELDS.items():
        rows = apps.get_model(label).objects.all()
        if person is not None and me is not None:
            rows = rows.exclude(**{person: me.pk})
        for values in rows.values_list(*fields):
            salaries |= {value for value in values if value is not None and value >= 1000}
    # A figure that is also a budget, a cost or another amount that is not secret proves nothing.
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, DecimalField) and f.name not in SALARY_FIELDS.get(model._meta.label, ((),))[0]
        ]
        if fields:
            for values in model._default_manager.values_list(*fields):
                salaries -= set(values)
    figures = {text for value in salaries for text in (f"{value:.2f}", f"{value:,.2f}")}
    # ID numbers (身份证号) are secret too.
    others = apps.get_model("employees.Employee").objects.exclude(pk=me.pk if me else None)
    for rows in (others, apps.get_model("recruitment.Candidate").objects.all()):
        figures |= {number for number in rows.values_list("id_number", flat=True) if number and len(number) >= 15}
    return figures


@pytest.mark.parametrize("username", SCOPED_LOGINS)
def test_pages_in_scope_never_fail_nor_show_secret_figures(demo, django_user_model, username):
    """Every URL typed with an object the user *may* see (company-wide ones included: cycles, templates, plans)
    gives a page, a refusal or a redirect — never a server error; a user not cleared for secret HR data finds
    nobody else's salary or ID number on it."""
    user = django_user_model.objects.get(username=username)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    figures = set() if user.sees_secret_hr_data else _secret_figures(user)
    failures = []
    for name, target in sorted(TARGETS.items()):
        obj = target.visible(user).order_by("pk").first()
        if obj is None:
            continue
        url = reverse(name, kwargs=target.kwargs(obj))
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"GET {url} [{name}] → {response.status_code}")
        elif figures and response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            shown = sorted(
                f for f in figures if re.search(rf"(?<![\d.,]){re.escape(f)}(?!\d)", response.content.decode())
            )
            if shown:
                failures.append(f"GET {url} [{name}] shows secret figures {shown[:3]}")
    assert not failures, f"{username}:\n" + "\n".join(failures)


def test_the_table_finds_out_of_scope_objects(demo, django_user_model):
    """The probe has teeth: most listed URLs have an out-of-scope object in the demo for some scoped login."""
    covered = {name for name in TARGETS for username in SCOPED_LOGINS if _out_of_scope(name, username)}
    assert len(covered) >= 0.8 * len(TARGETS), sorted(set(TARGETS) - covered)


# --- ids typed into the query string -------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryProbe:
    """`?param=<id of an out-of-scope object>` on the page `name` (arguments from `kwargs()`)."""

    name: str
    param: str
    target: Target
    kwargs: Callable[[], dict] = dict
    value: Callable = lambda obj: obj.pk


department = Target("org.Department", sel(DEPARTMENTS))

QUERY_PROBES = (
    QueryProbe("training:matrix", "department", department),
    QueryProbe("training:matrix_xlsx", "department", department),
    QueryProbe("training:matrix_pdf", "department", department),
    *(
        QueryProbe("training:department_form_pdf", "department", department, kwargs=lambda form=form: {"form": form})
        for form in ("analysis", "assessment", "scoring", "result")
    ),
    QueryProbe(
        "performance:cycle_summary",
        "department",
        department,
        kwargs=lambda: {"pk": apps.get_model("performance.Cycle").objects.order_by("pk").first().pk},
    ),
    QueryProbe("training:mentoring_create", "employee", employee),
    QueryProbe("offboarding:resign_on_paper", "employee", employee, value=lambda obj: obj.number),
)


def _names(obj) -> list[str]:
    from django.utils.html import escape

    names = [str(obj), getattr(obj, "name", "")]
    return [escape(name) for name in names if name]


@pytest.mark.parametrize("username", SCOPED_LOGINS)
def test_ids_typed_into_the_query_string_are_refused(demo, django_user_model, username):
    """Filters and pre-filled forms taking an id from the query string: an out-of-scope id is refused, or
    ignored (an HTML page that does not name the object); a file is never produced for it."""
    user = django_user_model.objects.get(username=username)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    failures = []
    for probe in QUERY_PROBES:
        target = probe.target
        visible = target.visible(user).values_list("pk", flat=True)
        obj = target.model_class._default_manager.exclude(pk__in=list(visible)).order_by("pk").first()
        if obj is None:
            continue
        url = reverse(probe.name, kwargs=probe.kwargs())
        response = client.get(url, {probe.param: probe.value(obj)})
        if _refused(response):
            continue
        html = response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")
        if not html or any(name in response.content.decode() for name in _names(obj)):
            failures.append(f"GET {url}?{probe.param}={probe.value(obj)} [{probe.name}] → {_describe(response)}")
    assert not failures, f"{username}:\n" + "\n".join(failures)


# --- clearance -------------------------------------------------------------------------------------------------

# Where the secrecy level of each classified model (or of the classified thing it belongs to) is stored.
LEVEL_OF = {
    "confidentiality.Document": "level",
    "confidentiality.Copy": "document__level",
    "confidentiality.Grant": "document__level",
    "confidentiality.Destruction": "document__level",
    "confidentiality.AccessRequest": "document__level",
    "confidentiality.Disclosure": "document__level",
    "confidentiality.ReproductionRequest": "document__level",
    "confidentiality.Issue": "document__level",
    "confidentiality_oversight.Meeting": "level",
    "confidentiality_oversight.Attendee": "meeting__level",
    "confidentiality_oversight.Handout": "meeting__level",
    "confidentiality_oversight.Medium": "level",
    "confidentiality_oversight.Incident": "level",
}
# Rows a user reaches whatever their level, by the spec: anyone may report a suspected leak (spec 08) and follows
# the status of their own report, not the investigation or the decision (confidentiality/oversight/tests/
# test_visibility.py::test_incidents_reporter_sees_own_status_only_officer_and_gm_see_all).
OWN_ROWS = {"confidentiality_oversight.Incident": lambda user: Q(reported_by=user)}


@pytest.mark.parametrize("username", [login.username for login in DEMO_LOGINS])
def test_classified_objects_above_the_users_clearance_are_refused(demo, django_user_model, username):
    """Whatever the role (company-wide ones too), grant or distribution: a page about a classified thing above the
    user's clearance does not render (the level on the object against `user.clearance`, not the selectors)."""
    user = django_user_model.objects.get(username=username)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    failures = []
    for name, target in sorted(TARGETS.items()):
        level = LEVEL_OF.get(target.model)
        if level is None:
            continue
        above = target.model_class._default_manager.filter(**{f"{level}__gt": user.clearance})
        if target.model in OWN_ROWS:
            above = above.exclude(OWN_ROWS[target.model](user))
        obj = above.order_by("pk").first()
        if obj is None:
            continue
        url = reverse(name, kwargs=target.kwargs(obj))
        failures += _refused_and_unchanged(client, url, name, obj)
    assert not failures, f"{username}:\n" + "\n".join(failures)
