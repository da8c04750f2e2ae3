"""Writes of the register. Every change runs in one transaction and writes its ConfidentialityEvent row."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Access, access_log
from notifications.services import notify

from . import files, kinds, policies
from .models import (
    AccessRequest,
    ConfidentialityEvent,
    Copy,
    CopyKind,
    CopyStatus,
    Destruction,
    Disclosure,
    Document,
    DocumentStatus,
    EventKind,
    Grant,
    Handover,
    Issue,
    Policy,
    ReproductionKind,
    ReproductionRequest,
    RequestStatus,
)
from .selectors import KEEPER_ROLES, can_read_document, copies_held_by, documents_visible_to, valid_grants

User = get_user_model()


def event(kind: str, *, actor=None, document=None, copy=None, person=None, detail: str = "") -> ConfidentialityEvent:
    return ConfidentialityEvent.objects.create(
        kind=kind, actor=actor, document=document, copy=copy, person=person, detail=str(detail)[:255]
    )


def document_label_for(user, document: Document) -> str:
    """How a notification to `user` names the document: number and title only if they may read it."""
    if can_read_document(user, document):
        return f"{document.number} {document.title}"
    return _("a %(level)s document") % {"level": document.get_level_display()}


def keepers() -> list:
    return list(User.objects.filter(groups__name__in=KEEPER_ROLES, is_active=True).distinct().order_by("pk"))


def _notify_about(document: Document, *, recipients, kind: str, title: str, body: str = "", url: str = "") -> None:
    """`title`/`body` carry %(document)s, filled per recipient by what they may read."""
    seen = set()
    for user in recipients:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        label = document_label_for(user, document)
        readable = can_read_document(user, document)
        notify(
            recipient=user,
            kind=kind,
            title=title % {"document": label},
            body=body % {"document": label} if body else "",
            url=url if readable else "",
        )


# --- register ---------------------------------------------------------------------------------------------


@transaction.atomic
def document_register(*, by, upload=None, submit: bool = True, **fields) -> Document:
    """A register entry with its numbered copies (with the records keeper); the level goes to the owning
    department and its responsible leader for confirmation (flow "classified_level")."""
    policies.can_register(by).enforce()
    document = Document(registered_by=by, **fields)
    document.full_clean()
    document.save()
    Copy.objects.bulk_create(
        [Copy(document=document, number=n, custodian=by) for n in range(1, document.copies_count + 1)]
    )
    event(EventKind.REGISTERED, actor=by, document=document, detail=document.get_level_display())
    if upload is not None:
        document_attach_file(document=document, upload=upload, by=by)
    if submit:
        document_submit(document=document, by=by)
    return document


@transaction.atomic
def document_update(*, document: Document, by, **fields) -> Document:
    policies.can_edit(by, document).enforce()
    for name, value in fields.items():
        setattr(document, name, value)
    document.full_clean()
    document.save()
    return document


def document_submit(*, document: Document, by) -> None:
    from approvals.services import request_submit

    document.status = DocumentStatus.PENDING
    document.save(update_fields=["status"])
    request_submit(subject=document, by=by)


def document_on_approved(document: Document, request, by) -> None:
    document.status = DocumentStatus.CLASSIFIED
    document.level_confirmed_at = timezone.now()
    document.save(update_fields=["status", "level_confirmed_at"])
    event(EventKind.LEVEL_CONFIRMED, actor=by, document=document, detail=document.get_level_display())


def document_on_sent_back(document: Document, request, by) -> None:
    document.status = DocumentStatus.DRAFT
    document.save(update_fields=["status"])


def document_on_resubmitted(document: Document, request, by) -> None:
    document.status = DocumentStatus.PENDING
    document.save(update_fields=["status"])


@transaction.atomic
def document_attach_file(*, document: Document, upload, by) -> Document:
    """Store the PDF encrypted; top secret is refused unless the administrator's policy allows it."""
    verdict = policies.can_upload(by, document)
    if not verdict:
        raise ValidationError(verdict.reason, code=verdict.code)
    pages = files.validate_pdf(upload)
    upload.seek(0)
    data = files.encrypt(upload.read())
    if document.file:
        document.file.delete(save=False)
    document.file.save(f"{document.pk}.pdf.enc", ContentFile(data), save=False)
    document.file_name = (upload.name or "document.pdf")[-200:]
    document.file_pages = pages
    document.save(update_fields=["file", "file_name", "file_pages"])
    event(EventKind.UPLOADED, actor=by, document=document, detail=document.file_name)
    return document


def document_read_file(*, document: Document, user, download: bool = False) -> bytes:
    """The watermarked PDF for `user` (who must reach the document), logged as viewed or downloaded."""
    if not can_read_document(user, document) or not document.file:
        raise Document.DoesNotExist
    from .selectors import reader_copy_number

    with document.file.open("rb") as handle:
        plain = files.decrypt(handle.read())
    copy_number = reader_copy_number(user, document)
    employee = getattr(user, "employee", None)
    now = timezone.localtime()
    lines = [
        f"{user} {employee.number if employee is not None else user.get_username()}",
        f"{now:%Y-%m-%d %H:%M} · {_('copy No.')} {copy_number}",
    ]
    pdf = files.watermark(plain, lines)
    kind = EventKind.DOWNLOADED if download else EventKind.VIEWED
    with transaction.atomic():
        event(kind, actor=user, document=document, detail=_("copy No. %(n)s") % {"n": copy_number})
        access_log(
            by=user,
            access=Access.DOWNLOAD if download else Access.VIEW,
            obj=document,
            detail=_("classified file, copy No. %(n)s") % {"n": copy_number},
        )
    return pdf


# --- copies and the distribution register -----------------------------------------------------------------


def _lock_copy(copy: Copy) -> Copy:
    return Copy.objects.select_for_update(of=("self",)).select_related("document").get(pk=copy.pk)


def copy_issue(*, copy: Copy, recipient, by, return_due: datetime.date | None = None) -> Issue:
    """Issue a copy from the records keeper to one person. The copy row is locked: two keepers issuing the same
    copy at the same moment give one issue; the other is told it is out."""
    with transaction.atomic():
        locked = _lock_copy(copy)
        document = locked.document
        policies.can_issue(by, document).enforce()
        if locked.status != CopyStatus.IN_STORE:
            raise ValidationError(
                _("Copy No. %(n)s is not with the records keeper: it must be returned before it is issued again.")
                % {"n": locked.number},
                code="copy_not_in_store",
            )
        if recipient is None or not recipient.is_active:
            raise ValidationError(_("Choose an active user to issue the copy to."), code="recipient_inactive")
        if recipient.clearance < document.level:
            raise ValidationError(
                _("%(user)s is not cleared for %(level)s documents.")
                % {"user": recipient, "level": document.get_level_display()},
                code="recipient_not_cleared",
            )
        today = timezone.localdate()
        return_due = (
            return_due or document.return_deadline or today + datetime.timedelta(days=Policy.get().default_loan_days)
        )
        if return_due < today:
            raise ValidationError(_("The return deadline cannot be in the past."), code="return_due_past")
        try:
            with transaction.atomic():
                issue = Issue.objects.create(
                    copy=locked, document=document, recipient=recipient, issued_by=by, return_due=return_due
                )
        except IntegrityError:
            raise ValidationError(_("This copy is already out on issue."), code="copy_not_in_store") from None
        locked.status = CopyStatus.ISSUED
        locked.holder = recipient
        locked.save(update_fields=["status", "holder"])
        event(EventKind.ISSUED, actor=by, document=document, copy=locked, person=recipient, detail=str(return_due))
    _notify_about(
        document,
        recipients=[recipient],
        kind=kinds.COPY_ISSUED,
        title=_("Copy No. %(n)s of %%(document)s was issued to you: please sign for it") % {"n": locked.number},
        body=_("Return by %(date)s.") % {"date": return_due},
        url=document.get_absolute_url(),
    )
    return issue


@transaction.atomic
def issue_acknowledge(*, issue: Issue, by) -> Issue:
    """The recipient signs for the copy in the system (签收)."""
    issue = Issue.objects.select_for_update(of=("self",)).get(pk=issue.pk)
    policies.can_acknowledge(by, issue).enforce()
    issue.acknowledged_at = timezone.now()
    issue.save(update_fields=["acknowledged_at"])
    event(EventKind.ACKNOWLEDGED, actor=by, document=issue.document, copy=issue.copy, person=by)
    return issue


def return_copy(*, copy: Copy, by) -> Issue:
    """The records keeper checks a copy back in (offboarding calls this on the handover checklist)."""
    with transaction.atomic():
        locked = _lock_copy(copy)
        policies.can_check_in(by, locked).enforce()
        issue = locked.issues.select_for_update(of=("self",)).filter(returned_at__isnull=True).first()
        if issue is None:
            raise ValidationError(_("This copy is not out on issue."), code="not_issued")
        issue.returned_at = timezone.now()
        issue.checked_in_by = by
        issue.save(update_fields=["returned_at", "checked_in_by"])
        holder = locked.holder
        locked.status = CopyStatus.IN_STORE
        locked.holder = None
        locked.custodian = by
        locked.save(update_fields=["status", "holder", "custodian"])
        event(EventKind.RETURNED, actor=by, document=locked.document, copy=locked, person=holder)
    return issue


def _next_numbers(document: Document, count: int) -> list[int]:
    Document.objects.select_for_update(of=("self",)).filter(pk=document.pk).first()
    last = document.copies.aggregate(last=Max("number"))["last"] or 0
    return list(range(last + 1, last + 1 + count))


# --- access requests and grants ---------------------------------------------------------------------------


def _unknown_document() -> ValidationError:
    # The same answer for "no such number" and "above your clearance": existence is never confirmed.
    return ValidationError(
        _("No document with this number that you may ask for. Check the number with the records keeper."),
        code="document_unknown",
    )


def requestable_document(user, number: str) -> Document:
    """The document a user may ask access for by its number: within their clearance, in force."""
    document = (
        Document.objects.filter(
            number=(number or "").strip(), level__lte=user.clearance, status=DocumentStatus.CLASSIFIED
        )
        .select_related("owning_department")
        .first()
    )
    if document is None:
        raise _unknown_document()
    return document


@transaction.atomic
def access_request_submit(*, number: str, by, reason: str, until: datetime.date) -> AccessRequest:
    from approvals.services import request_submit

    document = requestable_document(by, number)
    if can_read_document(by, document):
        raise ValidationError(_("You can already read this document."), code="already_readable")
    today = timezone.localdate()
    longest = Policy.get().max_grant_days
    if until < today or until > today + datetime.timedelta(days=longest):
        raise ValidationError(
            {
                "until": ValidationError(
                    _("Choose a date from today up to %(days)s days ahead.") % {"days": longest},
                    code="until_out_of_range",
                )
            }
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": ValidationError(_("Say why you need it."), code="reason_required")})
    if AccessRequest.objects.filter(document=document, applicant=by, status=RequestStatus.PENDING).exists():
        raise ValidationError(_("You already asked for this document."), code="already_asked")
    access_request = AccessRequest.objects.create(document=document, applicant=by, reason=reason.strip(), until=until)
    request_submit(subject=access_request, by=by, comment=reason.strip())
    return access_request


def _set_status(obj, status: str) -> None:
    obj.status = status
    obj.save(update_fields=["status"])


def access_on_approved(access_request: AccessRequest, request, by) -> None:
    _set_status(access_request, RequestStatus.APPROVED)
    grant_create(
        document=access_request.document,
        user=access_request.applicant,
        until=access_request.until,
        by=by,
        access_request=access_request,
    )


def grant_create(*, document: Document, user, until: datetime.date, by, access_request=None) -> Grant:
    if user.clearance < document.level:
        raise ValidationError(
            _("%(user)s is not cleared for %(level)s documents.")
            % {"user": user, "level": document.get_level_display()},
            code="recipient_not_cleared",
        )
    grant = Grant.objects.create(
        document=document, user=user, request=access_request, valid_from=timezone.localdate(), valid_until=until
    )
    event(EventKind.GRANTED, actor=by, document=document, person=user, detail=str(until))
    return grant


def _end_grant(grant: Grant, *, kind: str, by, reason: str) -> None:
    grant.ended_at = timezone.now()
    grant.ended_by = by
    grant.end_reason = str(reason)[:200]
    grant.save(update_fields=["ended_at", "ended_by", "end_reason"])
    event(kind, actor=by, document=grant.document, person=grant.user, detail=reason)
    notify(
        recipient=grant.user,
        kind=kinds.GRANT_ENDED,
        # The reader loses access now: the notice never names the document.
        title=_("Your access grant No. %(pk)s ended") % {"pk": grant.pk},
        body=str(reason),
    )


@transaction.atomic
def grant_revoke(*, grant: Grant, by, reason: str) -> Grant:
    grant = Grant.objects.select_for_update(of=("self",)).select_related("document__owning_department").get(pk=grant.pk)
    policies.can_revoke(by, grant).enforce()
    _end_grant(grant, kind=EventKind.REVOKED, by=by, reason=reason or _("revoked"))
    return grant


def grants_expire(today: datetime.date | None = None) -> int:
    """Daily: grants past their last day end (the rule already stops reading them; this records it)."""
    today = today or timezone.localdate()
    expired = list(
        Grant.objects.filter(ended_at__isnull=True, valid_until__lt=today).select_related("document", "user")
    )
    with transaction.atomic():
        for grant in expired:
            _end_grant(
                grant, kind=EventKind.EXPIRED, by=None, reason=_("expired on %(date)s") % {"date": grant.valid_until}
            )
    return len(expired)


def grants_end_for(user, *, reason: str, by=None, keep=lambda grant: False) -> int:
    ended = 0
    for grant in valid_grants(user).select_related("document"):
        if not keep(grant):
            _end_grant(grant, kind=EventKind.REVOKED, by=by, reason=reason)
            ended += 1
    return ended


# --- print/copy/excerpt and outside disclosure ------------------------------------------------------------


@transaction.atomic
def reproduction_submit(
    *, document: Document, by, kind: str, copies: int, reason: str, return_due
) -> ReproductionRequest:
    from approvals.services import request_submit

    if not can_read_document(by, document):
        raise Document.DoesNotExist
    policies.can_request_reproduction(by, document).enforce()
    if copies < 1 or copies > 20:
        raise ValidationError({"copies": ValidationError(_("From 1 to 20 copies."), code="copies_out_of_range")})
    if return_due < timezone.localdate():
        raise ValidationError(
            {"return_due": ValidationError(_("The return deadline cannot be in the past."), code="return_due_past")}
        )
    reproduction = ReproductionRequest.objects.create(
        document=document, applicant=by, kind=kind, copies=copies, reason=reason, return_due=return_due
    )
    request_submit(subject=reproduction, by=by, comment=reason)
    return reproduction


def reproduction_on_approved(reproduction: ReproductionRequest, request, by) -> None:
    """The approved copies take the next numbers and are issued to the applicant, to sign for and return."""
    _set_status(reproduction, RequestStatus.APPROVED)
    document = reproduction.document
    kind = {ReproductionKind.PRINT: CopyKind.PRINT, ReproductionKind.COPY: CopyKind.COPY}.get(
        reproduction.kind, CopyKind.EXCERPT
    )
    numbers = _next_numbers(document, reproduction.copies)
    now = timezone.now()
    for number in numbers:
        copy = Copy.objects.create(
            document=document,
            number=number,
            kind=kind,
            status=CopyStatus.ISSUED,
            holder=reproduction.applicant,
            created_at=now,
        )
        Issue.objects.create(
            copy=copy,
            document=document,
            recipient=reproduction.applicant,
            issued_by=by,
            return_due=reproduction.return_due,
        )
        event(
            EventKind.REPRODUCED,
            actor=by,
            document=document,
            copy=copy,
            person=reproduction.applicant,
            detail=reproduction.get_kind_display(),
        )


@transaction.atomic
def disclosure_submit(*, document: Document, by, **fields) -> Disclosure:
    from approvals.services import request_submit

    if not can_read_document(by, document):
        raise Document.DoesNotExist
    policies.can_request_disclosure(by, document).enforce()
    disclosure = Disclosure(document=document, applicant=by, **fields)
    disclosure.full_clean()
    disclosure.save()
    request_submit(subject=disclosure, by=by, comment=disclosure.why)
    return disclosure


def disclosure_on_approved(disclosure: Disclosure, request, by) -> None:
    """Logged like a copy: the next number, provided outside (never returned into the store)."""
    document = disclosure.document
    (number,) = _next_numbers(document, 1)
    copy = Copy.objects.create(document=document, number=number, kind=CopyKind.DISCLOSURE, status=CopyStatus.DISCLOSED)
    disclosure.copy = copy
    disclosure.status = RequestStatus.APPROVED
    disclosure.save(update_fields=["copy", "status"])
    event(
        EventKind.DISCLOSED,
        actor=by,
        document=document,
        copy=copy,
        person=disclosure.applicant,
        detail=disclosure.recipient_organisation,
    )


def request_on_rejected(subject, request, by) -> None:
    _set_status(subject, RequestStatus.REJECTED)


def request_on_returned(subject, request, by) -> None:
    _set_status(subject, RequestStatus.RETURNED)


def request_on_withdrawn(subject, request, by) -> None:
    _set_status(subject, RequestStatus.WITHDRAWN)


def request_on_resubmitted(subject, request, by) -> None:
    _set_status(subject, RequestStatus.PENDING)


# --- period, declassification, destruction ----------------------------------------------------------------


@transaction.atomic
def document_extend(*, document: Document, by, declassify_on: datetime.date) -> Document:
    policies.can_extend(by, document).enforce()
    if declassify_on <= document.declassify_on:
        raise ValidationError(
            {
                "declassify_on": ValidationError(
                    _("Choose a date after the current end of the period."), code="not_later"
                )
            }
        )
    old = document.declassify_on
    document.declassify_on = declassify_on
    document.save(update_fields=["declassify_on"])
    event(EventKind.EXTENDED, actor=by, document=document, detail=f"{old} → {declassify_on}")
    return document


def documents_declassify(today: datetime.date | None = None) -> int:
    """Daily: documents whose period ended are declassified (自行解密)."""
    today = today or timezone.localdate()
    due = list(Document.objects.filter(status=DocumentStatus.CLASSIFIED, declassify_on__lte=today))
    now = timezone.now()
    with transaction.atomic():
        for document in due:
            document.status = DocumentStatus.DECLASSIFIED
            document.declassified_at = now
            document.save(update_fields=["status", "declassified_at"])
            event(EventKind.DECLASSIFIED, document=document, detail=str(document.declassify_on))
    return len(due)


def destruction_list(today: datetime.date | None = None) -> list[Destruction]:
    """Every March, the declassified documents not yet listed go to the destruction register."""
    today = today or timezone.localdate()
    if today.month != 3:
        return []
    documents = Document.objects.filter(status=DocumentStatus.DECLASSIFIED, destruction__isnull=True)
    return Destruction.objects.bulk_create([Destruction(document=d, listed_on=today) for d in documents])


@transaction.atomic
def destruction_record(*, destruction: Destruction, by, witness, method: str) -> Destruction:
    destruction = Destruction.objects.select_for_update(of=("self",)).select_related("document").get(pk=destruction.pk)
    policies.can_record_destruction(by, destruction).enforce()
    if witness is None or witness.pk == by.pk:
        raise ValidationError(
            {"witness": ValidationError(_("A witness other than yourself must be present."), code="witness_required")}
        )
    document = destruction.document
    if document.copies.filter(status=CopyStatus.ISSUED).exists():
        raise ValidationError(_("Some copies are still out on issue: check them in first."), code="copies_out")
    destruction.destroyed_at = timezone.now()
    destruction.destroyed_by = by
    destruction.witness = witness
    destruction.method = method
    destruction.save(update_fields=["destroyed_at", "destroyed_by", "witness", "method"])
    document.status = DocumentStatus.DESTROYED
    document.save(update_fields=["status"])
    document.copies.filter(status=CopyStatus.IN_STORE).update(status=CopyStatus.DESTROYED)
    if document.file:
        document.file.delete(save=False)
        document.file_name = ""
        document.save(update_fields=["file", "file_name"])
    event(EventKind.DESTROYED, actor=by, document=document, person=witness, detail=method)
    return destruction


# --- records keeper's handover ----------------------------------------------------------------------------


@transaction.atomic
def handover_create(*, by, to_keeper) -> Handover:
    """The outgoing keeper draws up the inventory of the register in their custody."""
    policies.can_register(by).enforce()
    if to_keeper is None or to_keeper.pk == by.pk or not to_keeper.has_role(*KEEPER_ROLES):
        raise ValidationError(
            {"to_keeper": ValidationError(_("Choose another records keeper to take over."), code="not_keeper")}
        )
    reach = documents_visible_to(by).values("pk")
    copies = (
        Copy.objects.filter(document__in=reach, status__in=[CopyStatus.IN_STORE, CopyStatus.ISSUED])
        .select_related("document", "holder")
        .order_by("document__number", "number")
    )
    inventory = [
        {
            "copy": copy.pk,
            "document": copy.document.number,
            "number": copy.number,
            "status": copy.status,
            "holder": str(copy.holder) if copy.holder else "",
        }
        for copy in copies
    ]
    handover = Handover.objects.create(from_keeper=by, to_keeper=to_keeper, inventory=inventory)
    notify(
        recipient=to_keeper,
        kind=kinds.HANDOVER,
        title=_("Custody handover No. %(pk)s waits for your signature") % {"pk": handover.pk},
        url=handover.get_absolute_url(),
    )
    return handover


@transaction.atomic
def handover_sign(*, handover: Handover, by) -> Handover:
    handover = Handover.objects.select_for_update(of=("self",)).get(pk=handover.pk)
    policies.can_sign_handover(by, handover).enforce()
    now = timezone.now()
    if by.pk == handover.from_keeper_id:
        handover.from_signed_at = now
    else:
        handover.to_signed_at = now
    handover.save(update_fields=["from_signed_at", "to_signed_at"])
    if handover.is_complete:
        Copy.objects.filter(pk__in=[row["copy"] for row in handover.inventory]).update(custodian=handover.to_keeper)
        event(
            EventKind.HANDED_OVER,
            actor=handover.from_keeper,
            person=handover.to_keeper,
            detail=_("%(n)s copies") % {"n": len(handover.inventory)},
        )
    return handover


# --- moves and departures ---------------------------------------------------------------------------------


def copies_list_for_return(*, user, by=None, why: str) -> int:
    """Tell the person and the records keepers which copies the person must hand back."""
    copies = list(copies_held_by(user))
    if not copies:
        return 0
    for copy in copies:
        event(EventKind.RETURN_LISTED, actor=by, document=copy.document, copy=copy, person=user, detail=why)
    recipients = [user, *keepers()]
    for recipient in recipients:
        numbers = ", ".join(
            f"{copy.document.number} No. {copy.number}"
            if can_read_document(recipient, copy.document)
            else _("a %(level)s copy") % {"level": copy.document.get_level_display()}
            for copy in copies
        )
        notify(
            recipient=recipient,
            kind=kinds.COPIES_TO_RETURN,
            title=_("Classified copies held by %(user)s to return") % {"user": user},
            body=f"{why}: {numbers}",
        )
    return len(copies)
