"""Pre-hire self-registration (信息采集, issue 24): HR sends a one-time link, the new hire fills in the employee
registration form (员工资料登记表) and uploads the personnel-file documents, HR confirms and the checklist's
registration task ticks itself.

The token is 32 random bytes shown to HR once; only its SHA-256 is stored. A link works until it expires
(HRMS_REGISTRATION_LINK_DAYS), is used, or is replaced by a new one. HR may also have it e-mailed to the new hire
when it is made — once, since the token is not kept: sending again makes a new link. The token goes into that
e-mail and onto HR's page only, never into a log, the case history or the audit trail.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from employees import services as employee_services
from employees.models import DocumentKind
from notifications.services import email_outsider, notify

from .. import kinds, policies
from ..models import FIXED_TASK_TITLES, CaseEvent, OnboardingCase, OnboardingTask, RegistrationLink, TaskKind
from ._common import _event, _lock
from .cases import task_complete

REGISTRATION_FORM = "registration_form"
# What the new hire fills in: copied onto the employee record when HR confirms (bank details stay with payroll).
REGISTRATION_FIELDS = ("phone", "email", "address", "emergency_contact", "emergency_phone", "education")
# The personnel-file documents the new hire uploads (the signed contract and confidentiality agreement come later).
SELF_UPLOAD_KINDS = (DocumentKind.CV, DocumentKind.ID_COPY, DocumentKind.EDUCATION, DocumentKind.QUALIFICATION)
REQUIRED_SELF_UPLOADS = (DocumentKind.CV, DocumentKind.ID_COPY, DocumentKind.EDUCATION)


class LinkState:
    VALID = "valid"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def registration_link_lookup(token: str) -> tuple[str, RegistrationLink | None]:
    """The link behind a token and whether it still works; unknown tokens and withdrawn links say nothing more."""
    if not token or len(token) > 100:
        return LinkState.UNKNOWN, None
    link = (
        RegistrationLink.objects.select_related("case__employee__position", "case__employee__department")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if link is None or link.status == RegistrationLink.Status.REVOKED:
        return LinkState.UNKNOWN, None
    if link.status != RegistrationLink.Status.SENT:
        return LinkState.USED, link
    if link.expires_at <= timezone.now():
        return LinkState.EXPIRED, link
    return LinkState.VALID, link


def registration_url(token: str) -> str:
    """The absolute link the new hire opens (HRMS_SITE_URL), for HR's page, the QR code and the e-mail."""
    return f"{settings.HRMS_SITE_URL.rstrip('/')}{reverse('onboarding:register', args=[token])}"


def _registration_task(case: OnboardingCase) -> OnboardingTask:
    task = case.tasks.filter(code=REGISTRATION_FORM).first()
    if task is None:
        last = case.tasks.order_by("-order").values_list("order", flat=True).first() or 0
        task = OnboardingTask.objects.create(
            case=case,
            order=last + 1,
            code=REGISTRATION_FORM,
            kind=TaskKind.LEGAL,
            title=str(FIXED_TASK_TITLES[REGISTRATION_FORM]),
            due_date=case.start_date,
            owner=case.created_by,
        )
    return task


@transaction.atomic
def registration_link_send(*, case: OnboardingCase, by, email: bool = False) -> tuple[RegistrationLink, str]:
    """A new one-time link for the case's new hire (earlier unused links stop working); returns it and the token,
    which is not stored and must be shown now. With ``email`` the link also goes to the new hire's e-mail address
    (after commit) and the link records where and when. The registration task joins the checklist."""
    case = _lock(case)
    (policies.can_email_registration_link if email else policies.can_send_registration_link)(by, case).enforce()
    case.registration_links.filter(status=RegistrationLink.Status.SENT).update(status=RegistrationLink.Status.REVOKED)
    token = secrets.token_urlsafe(32)
    link = RegistrationLink.objects.create(
        case=case,
        token_hash=token_hash(token),
        expires_at=timezone.now() + datetime.timedelta(days=settings.HRMS_REGISTRATION_LINK_DAYS),
        created_by=by,
    )
    _registration_task(case)
    comment = ""
    if email:
        _registration_link_email(link=link, token=token, to=case.new_hire_email, by=by)
        # Where it went is on the link (HR's page); the case history, which the department reads, only says how.
        comment = _("Also sent to the new hire by e-mail")
    _event(case, CaseEvent.Action.REGISTRATION_SENT, by, comment)
    return link, token


def _registration_link_email(*, link: RegistrationLink, token: str, to: str, by) -> None:
    if link.emailed_at is not None:
        raise ValidationError(
            _("This link was already e-mailed. Send a new link instead."), code="registration_link_already_emailed"
        )
    employee = link.case.employee
    until = timezone.localtime(link.expires_at)
    # The new hire has no language setting here: they read the site's language, whatever HR's page is in.
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _registration_email_text(link=link, token=token, employee=employee, until=until, by=by)
    email_outsider(to=to, subject=subject, body=body)
    link.emailed_to = to
    link.emailed_at = timezone.now()
    link.save(update_fields=["emailed_to", "emailed_at"])


def _registration_email_text(*, link: RegistrationLink, token: str, employee, until, by) -> tuple[str, str]:
    # Translators: the subject of the e-mail that carries the employee registration form (员工资料登记表) link.
    subject = _("Please fill in your employee registration form before %(start)s") % {
        "start": f"{link.case.start_date:%Y-%m-%d}"
    }
    body = _(
        "Dear %(name)s,\n\n"
        "before your first day (%(start)s), please fill in the employee registration form (员工资料登记表) and "
        "upload your CV, a copy of your ID card and your education certificate on this page:\n\n"
        "%(url)s\n\n"
        "The link works once, until %(until)s (Beijing time). It leads to your own form: do not pass it on. "
        "If it no longer works, ask HR for a new one.\n\n"
        "%(hr)s, HR"
    ) % {
        "name": employee.name,
        "start": f"{link.case.start_date:%Y-%m-%d}",
        "url": registration_url(token),
        "until": f"{until:%Y-%m-%d %H:%M}",
        "hr": by.get_full_name() or by.get_username(),
    }
    return subject, body


@transaction.atomic
def registration_submit(*, token: str, data: dict, files: dict) -> RegistrationLink:
    """The new hire's form and documents. Works once: the link is locked and re-checked, then marked filled in.
    The documents go to the personnel file at once (private storage, checked type and size); the form's fields
    wait for HR's confirmation."""
    state, link = registration_link_lookup(token)
    if state != LinkState.VALID:
        raise ValidationError(_("This registration link no longer works."), code=f"registration_link_{state}")
    link = RegistrationLink.objects.select_for_update().select_related("case__employee").get(pk=link.pk)
    if link.status != RegistrationLink.Status.SENT or link.expires_at <= timezone.now():
        raise ValidationError(_("This registration link no longer works."), code="registration_link_used")
    employee = link.case.employee
    if data.get("id_number", "").strip().upper() != employee.id_number.upper():
        raise ValidationError(
            {"id_number": _("This is not the ID number on your offer. Please check it, or call HR.")},
            code="id_number_mismatch",
        )
    # Filed under the new hire's login when they have one, else under the HR member who sent the link.
    uploader = employee.user or link.created_by
    for kind, upload in files.items():
        employee_services.document_upload(
            employee=employee,
            kind=kind,
            upload=upload,
            by=uploader,
            note=_("Uploaded by the new hire (self-registration)"),
        )
    link.data = {name: data.get(name, "") for name in REGISTRATION_FIELDS}
    link.status = RegistrationLink.Status.SUBMITTED
    link.submitted_at = timezone.now()
    link.save(update_fields=["data", "status", "submitted_at"])
    _event(link.case, CaseEvent.Action.REGISTRATION_FILLED, None)
    notify(
        recipient=link.created_by,
        kind=kinds.REGISTRATION_SUBMITTED,
        title=_("%(name)s filled in the registration form") % {"name": employee.name},
        url=link.case.get_absolute_url() + "registration/",
    )
    return link


@transaction.atomic
def registration_confirm(*, link: RegistrationLink, by) -> RegistrationLink:
    """HR checked the form: its fields go onto the employee record and the registration task is done."""
    link = RegistrationLink.objects.select_for_update().select_related("case__employee").get(pk=link.pk)
    policies.can_confirm_registration(by, link).enforce()
    case = link.case
    fields = {name: value for name, value in link.data.items() if name in REGISTRATION_FIELDS and value}
    if fields:
        employee_services.employee_update(employee=case.employee, by=by, **fields)
    task = _registration_task(case)
    if task.status == OnboardingTask.Status.OPEN:
        task_complete(task=task, by=by, registration_confirming=True)
    link.status = RegistrationLink.Status.CONFIRMED
    link.confirmed_by = by
    link.confirmed_at = timezone.now()
    # The values now live on the employee record (and its audit trail); the copy here is not kept.
    link.data = {}
    link.save(update_fields=["status", "confirmed_by", "confirmed_at", "data"])
    return link
