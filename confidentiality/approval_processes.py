"""The register's approval flows (spec 02/08). Subjects' labels never carry a document's title or number:
the approval inbox and its notifications reach people the one rule may not let read the document."""

from django.utils.translation import gettext_lazy as _

from approvals import registry
from core.security import SecrecyLevel

from . import services
from .models import AccessRequest, Disclosure, Document, ReproductionRequest

LEVEL_FLOW = "classified_level"
# The other flows are approvals' defaults (approvals/migrations/0002_default_flows.py).
ACCESS_FLOW = "document_access"
ACCESS_TOP_SECRET_FLOW = "document_access_top_secret"
REPRODUCTION_FLOW = "document_copy"
REPRODUCTION_TOP_SECRET_FLOW = "document_copy_top_secret"
DISCLOSURE_FLOW = "external_disclosure"


def _document_rows(document: Document) -> dict:
    return {
        _("Document number"): document.number,
        _("Secrecy level"): document.get_level_display(),
        _("Owning department"): document.owning_department.name,
        _("Declassification date"): document.declassify_on,
    }


def _level_summary(document: Document) -> dict:
    return {
        **_document_rows(document),
        _("Basis of the level"): document.level_basis,
        _("Knowledge scope (知悉范围)"): document.knowledge_scope,
        _("Copies"): document.copies_count,
    }


registry.register(
    Document,
    flow_code=LEVEL_FLOW,
    on_approved=services.document_on_approved,
    on_rejected=services.document_on_sent_back,
    on_returned=services.document_on_sent_back,
    on_withdrawn=services.document_on_sent_back,
    on_resubmitted=services.document_on_resubmitted,
    department_of=lambda document: document.owning_department,
    context=_level_summary,
)


def _by_level(normal: str, top: str):
    return lambda subject: top if subject.document.level >= SecrecyLevel.TOP_SECRET else normal


registry.register(
    AccessRequest,
    flow_code=_by_level(ACCESS_FLOW, ACCESS_TOP_SECRET_FLOW),
    on_approved=services.access_on_approved,
    on_rejected=services.request_on_rejected,
    on_returned=services.request_on_returned,
    on_withdrawn=services.request_on_withdrawn,
    on_resubmitted=services.request_on_resubmitted,
    department_of=lambda subject: subject.document.owning_department,
    context=lambda subject: {
        **_document_rows(subject.document),
        _("Applicant"): str(subject.applicant),
        _("Reason"): subject.reason,
        _("Access needed until"): subject.until,
    },
    people_of=lambda subject: [subject.applicant_id],
)

registry.register(
    ReproductionRequest,
    flow_code=_by_level(REPRODUCTION_FLOW, REPRODUCTION_TOP_SECRET_FLOW),
    on_approved=services.reproduction_on_approved,
    on_rejected=services.request_on_rejected,
    on_returned=services.request_on_returned,
    on_withdrawn=services.request_on_withdrawn,
    on_resubmitted=services.request_on_resubmitted,
    department_of=lambda subject: subject.document.owning_department,
    context=lambda subject: {
        **_document_rows(subject.document),
        _("Kind"): subject.get_kind_display(),
        _("Number of copies"): subject.copies,
        _("Reason"): subject.reason,
        _("Return deadline"): subject.return_due,
    },
    people_of=lambda subject: [subject.applicant_id],
)

registry.register(
    Disclosure,
    flow_code=DISCLOSURE_FLOW,
    on_approved=services.disclosure_on_approved,
    on_rejected=services.request_on_rejected,
    on_returned=services.request_on_returned,
    on_withdrawn=services.request_on_withdrawn,
    on_resubmitted=services.request_on_resubmitted,
    department_of=lambda subject: subject.document.owning_department,
    context=lambda subject: {
        **_document_rows(subject.document),
        _("Recipient organisation"): subject.recipient_organisation,
        _("What is provided"): subject.what,
        _("Why"): subject.why,
        _("Confidentiality agreement"): subject.agreement,
    },
    people_of=lambda subject: [subject.applicant_id],
)
