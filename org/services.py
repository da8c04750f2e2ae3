"""Writes to the organisation. The department path is maintained here, never in save()."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.services import request_resubmit, request_submit
from core.policy import PolicyDenied

from . import policies
from .models import Department, JobDescription, Position
from .selectors import scope_department_ids


def _path_for(department: Department) -> tuple[str, int]:
    if department.parent_id:
        parent = department.parent
        return f"{parent.path}{department.pk}/", parent.depth + 1
    return f"/{department.pk}/", 0


@transaction.atomic
def department_create(**fields) -> Department:
    department = Department(**fields)
    department.full_clean(exclude=["path", "depth"])
    department.save()
    department.path, department.depth = _path_for(department)
    department.save(update_fields=["path", "depth"])
    return department


@transaction.atomic
def department_update(*, department: Department, **fields) -> Department:
    """Update a department; moving it rewrites the paths of its whole subtree. Nothing is deleted."""
    old_path = department.path
    for name, value in fields.items():
        setattr(department, name, value)
    department.full_clean(exclude=["path", "depth"])
    department.path, department.depth = _path_for(department)
    department.save()
    if department.path != old_path:
        depth_delta = department.path.count("/") - old_path.count("/")
        for child in Department.objects.filter(path__startswith=old_path).exclude(pk=department.pk):
            child.path = department.path + child.path[len(old_path) :]
            child.depth += depth_delta
            child.save(update_fields=["path", "depth"])
    return department


# --- positions and job descriptions (spec 01; approved through the "position_jd" flow, spec 02) -------------

QUALITY_POLICY_DUTIES = ("support the company quality policy", "支持公司质量方针")
JD_FIELDS = ("duties", "education", "experience", "required_training", "skills")
POSITION_FIELDS = (
    "department",
    "code",
    "title",
    "category",
    "is_key",
    "is_quality_relevant",
    "occupational_hazards",
    "authorised_headcount",
    "is_special",
    "special_basis",
    "special_basis_note",
)


def duties_check(duties: str) -> list[str]:
    """The duties as an ordered list; the first must be "support the company quality policy" (spec 01)."""
    lines = [line.strip() for line in (duties or "").splitlines() if line.strip()]
    if not lines:
        raise ValidationError({"duties": ValidationError(_("List the duties, one per line."), code="duties_missing")})
    first = lines[0].lower().lstrip("0123456789.、)） ").strip()
    if not first.startswith(QUALITY_POLICY_DUTIES):
        raise ValidationError(
            {
                "duties": ValidationError(
                    _(
                        "The first duty must be “Support the company quality policy” (支持公司质量方针); "
                        "it is missing from the first line."
                    ),
                    code="duties_quality_policy_first",
                )
            }
        )
    return lines


def _check_special(*, by, position: Position, was_special: bool, old_basis: tuple[str, str]) -> None:
    changed = position.is_special != was_special or (
        position.is_special and (position.special_basis, position.special_basis_note) != old_basis
    )
    if changed:
        policies.can_set_special_post(by).enforce()
    if not position.is_special:
        position.special_basis = ""
        position.special_basis_note = ""


def _new_version(
    *, position: Position, by, fields: dict, status: str = JobDescription.Status.PENDING
) -> JobDescription:
    duties_check(fields.get("duties", ""))
    last = position.job_descriptions.order_by("-version").values_list("version", flat=True).first() or 0
    jd = JobDescription(
        position=position,
        version=last + 1,
        status=status,
        created_by=by,
        **{name: fields.get(name, "") for name in JD_FIELDS},
    )
    jd.full_clean()
    jd.save()
    return jd


@transaction.atomic
def position_create(*, by, job_description: dict, **fields) -> Position:
    """HR creates a position with its first job description, submitted to the HR manager → GM flow.

    The position stays inactive until that first version is approved.
    """
    policies.can_create_position(by).enforce()
    position = _position_new(by=by, fields=fields)
    jd = _new_version(position=position, by=by, fields=job_description)
    request_submit(subject=jd, by=by, comment=job_description.get("comment", ""))
    return position


def _position_new(*, by, fields: dict) -> Position:
    """An inactive position: it becomes active when its first job description is approved."""
    position = Position(**{name: value for name, value in fields.items() if name in POSITION_FIELDS})
    position.is_active = False
    _check_special(by=by, position=position, was_special=False, old_basis=("", ""))
    position.full_clean()
    position.save()
    return position


# --- a new position proposed inside another process (spec 03: a headcount requisition for a new post) --------
#
# The process (the "carrier") writes the position and its first job description with its own request and approves
# them with it: version 1 stays a draft here and no "position_jd" approval starts. The carrier moves the version
# through the job_description_on_* callbacks below from its own approval callbacks.

JobDescriptionCarrierFinder = Callable[[JobDescription], object | None]
_carrier_finders: dict[str, JobDescriptionCarrierFinder] = {}


def register_job_description_carrier(finder: JobDescriptionCarrierFinder) -> None:
    """A process that approves job descriptions with its own request says which of its objects carries a version."""
    _carrier_finders[f"{finder.__module__}.{finder.__qualname__}"] = finder


def job_description_carrier(jd: JobDescription) -> object | None:
    """The open object (e.g. a new-post requisition) a version is written and approved with, if any."""
    for finder in _carrier_finders.values():
        carrier = finder(jd)
        if carrier is not None:
            return carrier
    return None


def _check_proposer(*, by, department: Department | None) -> None:
    ids = scope_department_ids(by)
    if by.is_hr or ids is None:
        return
    if department is None or department.pk not in ids:
        raise PolicyDenied(_("You can only propose positions for your own department."), "not_own_department")


@transaction.atomic
def position_propose(*, by, job_description: dict, **fields) -> Position:
    """A department head (or HR) proposes a new position with its job description inside a carrying process.

    The position is created inactive and version 1 stays a draft; nothing is submitted here.
    """
    _check_proposer(by=by, department=fields.get("department"))
    position = _position_new(by=by, fields=fields)
    _new_version(position=position, by=by, fields=job_description, status=JobDescription.Status.DRAFT)
    return position


@transaction.atomic
def position_proposal_update(*, position: Position, by, job_description: dict, **fields) -> Position:
    """Change a proposed position and its draft version 1 (before submission, or after a return)."""
    position = Position.objects.select_for_update().get(pk=position.pk)
    jd = position.job_descriptions.order_by("-version").first()
    if position.is_active or jd is None or jd.version != 1 or jd.status != JobDescription.Status.DRAFT:
        raise ValidationError(
            _("Only a proposed position whose job description is still a draft can be changed."),
            code="proposal_not_draft",
        )
    _check_proposer(by=by, department=position.department)
    was_special, old_basis = position.is_special, (position.special_basis, position.special_basis_note)
    for name, value in fields.items():
        if name in POSITION_FIELDS:
            setattr(position, name, value)
    _check_proposer(by=by, department=position.department)
    _check_special(by=by, position=position, was_special=was_special, old_basis=old_basis)
    position.full_clean()
    position.save()
    duties_check(job_description.get("duties", ""))
    for name in JD_FIELDS:
        setattr(jd, name, job_description.get(name, ""))
    jd.full_clean()
    jd.save()
    return position


@transaction.atomic
def position_set_special(*, position: Position, by, is_special: bool, basis: str = "", note: str = "") -> Position:
    """R&D (or an administrator) marks or unmarks a special post, with its basis (customer or regulation)."""
    policies.can_set_special_post(by).enforce()
    position.is_special = is_special
    position.special_basis = basis if is_special else ""
    position.special_basis_note = note if is_special else ""
    position.full_clean()
    position.save(update_fields=["is_special", "special_basis", "special_basis_note"])
    return position


@transaction.atomic
def position_update(*, position: Position, by, **fields) -> Position:
    """Change a position's record (the admin site): the special-post flag and its basis only as R&D decides, the
    authorised headcount only as the HR manager or the general manager decides (org.policies)."""
    position = Position.objects.select_for_update().get(pk=position.pk)
    was_special, old_basis = position.is_special, (position.special_basis, position.special_basis_note)
    old_headcount, was_active = position.authorised_headcount, position.is_active
    for name, value in fields.items():
        if name in (*POSITION_FIELDS, "is_active"):
            setattr(position, name, value)
    if position.authorised_headcount != old_headcount:
        policies.can_change_authorised_headcount(by).enforce()
    if position.is_active and not was_active and not has_approved_job_description(position):
        raise ValidationError(
            {
                "is_active": ValidationError(
                    _("A position becomes active when its first job description is approved."),
                    code="position_not_approved",
                )
            }
        )
    _check_special(by=by, position=position, was_special=was_special, old_basis=old_basis)
    position.full_clean()
    position.save()
    return position


def has_approved_job_description(position: Position) -> bool:
    return position.job_descriptions.filter(status=JobDescription.Status.APPROVED).exists()


def job_description_in_progress(position: Position) -> JobDescription | None:
    """The newest version if it is not approved yet (pending, or a draft after a return or withdrawal)."""
    latest = position.job_descriptions.order_by("-version").first()
    if latest is not None and latest.status in (JobDescription.Status.PENDING, JobDescription.Status.DRAFT):
        return latest
    return None


@transaction.atomic
def job_description_revise(*, position: Position, by, comment: str = "", **fields) -> JobDescription:
    """Editing a job description creates a NEW version, submitted for approval; older versions stay.

    A version that came back (returned or withdrawn) is edited in place and sent again instead.
    """
    from approvals.models import RequestStatus
    from approvals.selectors import latest_request_for

    Position.objects.select_for_update().filter(pk=position.pk).first()
    draft = job_description_in_progress(position)
    carrier = job_description_carrier(draft) if draft is not None else None
    policies.can_submit_job_description(by).enforce()
    verdict = policies.can_submit_job_description(by, in_progress=draft, carried=carrier is not None)
    if not verdict:
        # A state conflict, not a permission: refused as invalid (callers and forms show it as an error).
        raise ValidationError(verdict.reason, code=verdict.code)
    if draft is None:
        jd = _new_version(position=position, by=by, fields=fields)
        request_submit(subject=jd, by=by, comment=comment)
        return jd
    duties_check(fields.get("duties", ""))
    for name in JD_FIELDS:
        setattr(draft, name, fields.get(name, ""))
    draft.full_clean()
    draft.save()
    request = latest_request_for(draft)
    if request is not None and request.status == RequestStatus.RETURNED:
        request_resubmit(request=request, by=by, comment=comment)
    else:
        draft.status = JobDescription.Status.PENDING
        draft.save(update_fields=["status"])
        request_submit(subject=draft, by=by, comment=comment)
    draft.refresh_from_db()
    return draft


@transaction.atomic
def job_description_draft_update(*, jd: JobDescription, by, **fields) -> JobDescription:
    """Change the text of a draft version in place (the admin site); sending it is the position page's job."""
    jd = JobDescription.objects.select_for_update().get(pk=jd.pk)
    policies.can_edit_job_description_version(by, jd).enforce()
    duties_check(fields.get("duties", jd.duties))
    for name in JD_FIELDS:
        if name in fields:
            setattr(jd, name, fields[name])
    jd.full_clean()
    jd.save()
    return jd


def _jd_set_status(jd: JobDescription, status: str, **extra) -> None:
    jd.status = status
    for name, value in extra.items():
        setattr(jd, name, value)
    jd.save(update_fields=["status", *extra])


def job_description_on_approved(jd: JobDescription, request, by) -> None:
    """Final approval: the version becomes approved and current; a new position becomes active."""
    _jd_set_status(jd, JobDescription.Status.APPROVED, approved_at=timezone.now())
    if jd.version == 1 and not jd.position.is_active:
        Position.objects.filter(pk=jd.position_id).update(is_active=True)


def job_description_on_rejected(jd: JobDescription, request, by) -> None:
    _jd_set_status(jd, JobDescription.Status.REJECTED)


def job_description_on_back_to_draft(jd: JobDescription, request, by) -> None:
    """Returned for changes or withdrawn: HR edits the version and sends it again."""
    _jd_set_status(jd, JobDescription.Status.DRAFT)


def job_description_on_resubmitted(jd: JobDescription, request, by) -> None:
    """Sent again (or, by a carrying process, sent with its request): the version is pending approval."""
    _jd_set_status(jd, JobDescription.Status.PENDING)
