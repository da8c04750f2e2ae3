"""Candidates: creation with duplicate detection and recorded consent, resumes, anonymisation (PIPL)."""

import datetime
import logging
import re
import zipfile

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import Access, access_log
from core.validators import validate_upload

from .. import policies
from ..models import Candidate, Evaluation
from ..selectors import candidates_due_for_anonymisation
from .name_copies import clear_name_copies, identifiers

logger = logging.getLogger(__name__)

# Resume types: extension → (content type, leading bytes of a real file of that type).
RESUME_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
# The candidate's own data, as typed on the form and read from an import file (one list for both).
CANDIDATE_FIELDS = (
    "name",
    "gender",
    "phone",
    "email",
    "id_number",
    "education",
    "school",
    "work_experience",
    "expected_salary",
    "source_channel",
    "talent_pool_consent",
)
EDITABLE_FIELDS = frozenset(CANDIDATE_FIELDS)
DUPLICATE_FIELDS = (
    ("phone", gettext_lazy("phone")),
    ("email", gettext_lazy("e-mail")),
    ("id_number", gettext_lazy("ID number")),
)


def normalise_phone(value: str) -> str:
    """Digits only, without the +86 country code, so "138-0000 0000" and "+8613800000000" match."""
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


def _normalise(candidate: Candidate) -> None:
    candidate.name = (candidate.name or "").strip()
    candidate.phone = normalise_phone(candidate.phone)
    candidate.email = (candidate.email or "").strip().lower()
    candidate.id_number = (candidate.id_number or "").strip().upper()


def find_duplicates(*, phone: str = "", email: str = "", id_number: str = "", exclude_pk=None) -> dict[str, Candidate]:
    """{field: existing candidate} for each of phone / e-mail / ID number already on file (one query)."""
    wanted = {
        "phone": normalise_phone(phone),
        "email": (email or "").strip().lower(),
        "id_number": (id_number or "").strip().upper(),
    }
    from django.db.models import Q

    q = Q(pk__in=[])
    for field, value in wanted.items():
        if value:
            q |= Q(**{field: value})
    qs = Candidate.objects.filter(q).only("pk", "name", "phone", "email", "id_number")
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    found: dict[str, Candidate] = {}
    for existing in qs:
        for field, value in wanted.items():
            if value and getattr(existing, field) == value:
                found.setdefault(field, existing)
    return found


def duplicate_errors(candidate: Candidate) -> dict[str, ValidationError]:
    found = find_duplicates(
        phone=candidate.phone, email=candidate.email, id_number=candidate.id_number, exclude_pk=candidate.pk
    )
    labels = dict(DUPLICATE_FIELDS)
    return {
        field: ValidationError(
            _("A candidate with this %(field)s is already on file: %(name)s (no. %(pk)s).")
            % {"field": labels[field], "name": existing.name, "pk": existing.pk},
            code="duplicate_candidate",
        )
        for field, existing in found.items()
    }


def rehire_warning(id_number: str) -> str:
    """The duplicate check against former staff: a former employee with this ID number marked not eligible for
    rehire (offboarding), in plain words, or "". Offboarding comes after recruitment, so it is asked lazily."""
    from offboarding.selectors import rehire_block

    case = rehire_block(id_number)
    if case is None:
        return ""
    return _("Former employee %(name)s (%(number)s, left on %(day)s) is marked not eligible for rehire: %(reason)s") % {
        "name": case.employee.name,
        "number": case.employee.number,
        "day": f"{case.day:%Y-%m-%d}",
        "reason": case.rehire_note,
    }


def validate_resume_upload(upload) -> str:
    """PDF, DOC, DOCX or JPG, checked by content and size; returns the content type to store and serve."""
    ext = validate_upload(
        upload,
        signatures={ext: signatures for ext, (_type, signatures) in RESUME_TYPES.items()},
        type_message=_("A resume must be a PDF, DOC, DOCX or JPG file."),
    )
    if ext == ".docx":
        # A .docx is a zip archive; a zip that is not a Word document is refused too.
        try:
            with zipfile.ZipFile(upload) as archive:
                ok = "word/document.xml" in archive.namelist()
        except zipfile.BadZipFile:
            ok = False
        upload.seek(0)
        if not ok:
            raise ValidationError(
                _("The file's content does not match its type %(ext)s."), params={"ext": ext}, code="content"
            )
    return RESUME_TYPES[ext][0]


def _store_resume(candidate: Candidate, upload) -> None:
    content_type = validate_resume_upload(upload)
    old = candidate.resume.name if candidate.resume else ""
    candidate.resume_uploaded_at = timezone.now()
    candidate.resume_name = upload.name[:200]
    candidate.resume_content_type = content_type
    candidate.resume_size = upload.size
    candidate.resume.save(upload.name, upload, save=False)
    if old:
        storage = candidate.resume.storage
        transaction.on_commit(lambda: storage.delete(old))


@transaction.atomic
def candidate_create(*, by, consent_given: bool, resume=None, **fields) -> Candidate:
    """Add a candidate. The PIPL notice and consent must be recorded; phone, e-mail and ID number must be new."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"candidate fields cannot be set here: {sorted(unknown)}")
    if not consent_given:
        message = _("Record that the candidate received the privacy notice and consented (PIPL).")
        raise ValidationError({"consent_given": ValidationError(message, code="consent_required")})
    now = timezone.now()
    candidate = Candidate(created_by=by, privacy_notice_at=now, **fields)
    _normalise(candidate)
    if candidate.talent_pool_consent:
        candidate.talent_pool_consent_at = now
    errors = duplicate_errors(candidate)
    if errors:
        raise ValidationError(errors)
    candidate.full_clean(exclude=["resume"])
    candidate.save()
    if resume is not None:
        try:
            _store_resume(candidate, resume)
        except ValidationError as exc:
            raise ValidationError({"resume": exc.error_list})
        candidate.save()
    return candidate


@transaction.atomic
def candidate_update(*, candidate: Candidate, by, resume=None, **fields) -> Candidate:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"candidate fields cannot be set here: {sorted(unknown)}")
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    policies.can_edit_candidate(by, candidate).enforce()
    had_pool_consent = candidate.talent_pool_consent
    for name, value in fields.items():
        setattr(candidate, name, value)
    _normalise(candidate)
    if candidate.talent_pool_consent and not had_pool_consent:
        candidate.talent_pool_consent_at = timezone.now()
    if not candidate.talent_pool_consent:
        candidate.talent_pool_consent_at = None
    errors = duplicate_errors(candidate)
    if errors:
        raise ValidationError(errors)
    candidate.full_clean(exclude=["resume"])
    if resume is not None:
        try:
            _store_resume(candidate, resume)
        except ValidationError as exc:
            raise ValidationError({"resume": exc.error_list})
    candidate.save()
    return candidate


def _anonymise_rows(candidates: list[Candidate], now) -> None:
    """Blank everything that identifies the person; keep channel, education and dates for the statistics."""
    storage_files = [c.resume.name for c in candidates if c.resume]
    ids = [c.pk for c in candidates]
    replacements = {}
    for candidate in candidates:
        old = identifiers(candidate)
        candidate.name = _("Anonymised candidate %(pk)s") % {"pk": candidate.pk}
        replacements[candidate.pk] = [(value, candidate.name) for value in old]
        candidate.gender = ""
        candidate.phone = ""
        candidate.email = ""
        candidate.id_number = ""
        candidate.school = ""
        candidate.work_experience = ""
        candidate.expected_salary = None
        candidate.resume = ""
        candidate.resume_name = ""
        candidate.resume_content_type = ""
        candidate.resume_size = None
        candidate.anonymised_at = now
    Candidate.objects.bulk_update(
        candidates,
        [
            "name",
            "gender",
            "phone",
            "email",
            "id_number",
            "school",
            "work_experience",
            "expected_salary",
            "resume",
            "resume_name",
            "resume_content_type",
            "resume_size",
            "anonymised_at",
        ],
    )
    # Free-text opinions about the person go too; the scores stay for the statistics.
    Evaluation.objects.filter(interview__application__candidate_id__in=ids).update(comments="", gm_opinion="")
    clear_name_copies(replacements)
    if storage_files:
        storage = Candidate._meta.get_field("resume").storage

        def delete_files():
            for name in storage_files:
                try:
                    storage.delete(name)
                except OSError:
                    logger.warning("Could not delete resume file %s", name)

        transaction.on_commit(delete_files)


@transaction.atomic
def candidate_anonymise(*, candidate: Candidate, by=None) -> Candidate:
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.is_anonymised:
        return candidate
    if candidate.applications.exclude(stage__in=["rejected", "withdrawn"]).exists():
        raise ValidationError(
            _("A candidate with an open or successful application cannot be anonymised."), code="candidate_in_process"
        )
    _anonymise_rows([candidate], timezone.now())
    return candidate


@transaction.atomic
def candidates_anonymise_due(*, today: datetime.date, ids: list[int], months: int | None = None) -> int:
    """Anonymise those of `ids` that are past the retention period (HR confirmed them on the retention review
    page; nothing is anonymised without that). Candidates no longer due are skipped, so a second confirmation
    changes nothing. Returns how many were anonymised."""
    candidates = list(candidates_due_for_anonymisation(today, months).filter(pk__in=ids).select_for_update())
    if candidates:
        _anonymise_rows(candidates, timezone.now())
    return len(candidates)


def candidate_resume_access_log(*, candidate: Candidate, by) -> LogEntry:
    """Record a resume download (who, when, which candidate's resume) in the audit trail. Not the file's name: it
    often carries the person's name, and the trail outlives the anonymisation (audit.privacy)."""
    return access_log(by=by, access=Access.DOWNLOAD, obj=candidate, detail=_("resume"))
