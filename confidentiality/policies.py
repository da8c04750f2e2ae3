"""Who may do what with the register, in which state (core.policy). Scope — which documents a user finds at
all — is `selectors.documents_visible_to`; these decide only for documents in reach."""

from django.utils.translation import gettext as _

from core.policy import ALLOW, Verdict, deny, first_denial
from core.security import SecrecyLevel

from .models import Copy, CopyStatus, Destruction, Document, DocumentStatus, Grant, Handover, Issue, Policy
from .selectors import is_keeper

_NOT_KEEPER = "not_keeper"


def _keeper(user) -> Verdict:
    if is_keeper(user):
        return ALLOW
    return deny(_NOT_KEEPER, _("Only the records keeper or the confidentiality officer can do this."))


def _classified(document: Document) -> Verdict:
    if document.status == DocumentStatus.CLASSIFIED:
        return ALLOW
    return deny("not_classified", _("This document is not (or no longer) in force as a classified document."))


def is_owner(user, document: Document) -> bool:
    """The owning department's head or manager (主办部门)."""
    department = document.owning_department
    return any(
        employee is not None and employee.user_id == user.pk for employee in (department.head, department.manager)
    )


def can_register(user) -> Verdict:
    return _keeper(user)


def can_edit(user, document: Document) -> Verdict:
    return first_denial(
        _keeper(user),
        ALLOW
        if document.status in (DocumentStatus.DRAFT, DocumentStatus.PENDING, DocumentStatus.CLASSIFIED)
        else deny("closed", _("A declassified or destroyed document is kept as it is.")),
    )


def can_upload(user, document: Document) -> Verdict:
    return first_denial(
        can_edit(user, document),
        ALLOW
        if document.level < SecrecyLevel.TOP_SECRET or Policy.get().top_secret_files_allowed
        else deny(
            "top_secret_physical_only",
            _(
                "Top-secret documents are kept as physical copies only: the regulations forbid putting them on "
                "computer networks, so no file can be uploaded. An administrator can change this policy."
            ),
        ),
    )


def can_issue(user, document: Document) -> Verdict:
    return first_denial(_keeper(user), _classified(document))


def can_acknowledge(user, issue: Issue) -> Verdict:
    if issue.recipient_id != user.pk:
        return deny("not_recipient", _("Only the person the copy was issued to signs for it."))
    if issue.returned_at is not None or issue.acknowledged_at is not None:
        return deny("already_signed", _("This copy has already been signed for or returned."))
    return ALLOW


def can_check_in(user, copy: Copy) -> Verdict:
    return first_denial(
        _keeper(user),
        ALLOW if copy.status == CopyStatus.ISSUED else deny("not_issued", _("This copy is not out on issue.")),
    )


def can_revoke(user, grant: Grant) -> Verdict:
    allowed = is_keeper(user) or is_owner(user, grant.document)
    return first_denial(
        ALLOW
        if allowed
        else deny("not_revoker", _("Only the records keeper or the owning department's head or manager can revoke.")),
        ALLOW if grant.ended_at is None else deny("grant_ended", _("This grant has already ended.")),
    )


def can_extend(user, document: Document) -> Verdict:
    return first_denial(
        ALLOW
        if is_owner(user, document) or is_keeper(user)
        else deny("not_owner", _("Only the owning department or the records keeper extends the period.")),
        _classified(document),
    )


def can_request_reproduction(user, document: Document) -> Verdict:
    return _classified(document)


def can_request_disclosure(user, document: Document) -> Verdict:
    return _classified(document)


def can_record_destruction(user, destruction: Destruction) -> Verdict:
    return first_denial(
        _keeper(user),
        ALLOW
        if destruction.destroyed_at is None
        else deny("already_destroyed", _("This document has already been destroyed.")),
    )


def can_view_log(user) -> Verdict:
    return _keeper(user)


def can_sign_handover(user, handover: Handover) -> Verdict:
    if user.pk == handover.from_keeper_id and handover.from_signed_at is None:
        return ALLOW
    if user.pk == handover.to_keeper_id and handover.to_signed_at is None:
        return ALLOW
    return deny("not_your_signature", _("This handover does not wait for your signature."))
