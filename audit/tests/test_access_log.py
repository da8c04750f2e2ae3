"""Every view, print, download and export of secret data is an ACCESS entry in the audit trail: who, when, what."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.urls import reverse

from audit.services import Access, access_log
from core import roles
from core.security import SecrecyLevel
from employees.models import Employee, PersonnelDocument
from onboarding.models import Conversion
from recruitment.models import Candidate, Offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_manager(demo):
    return get_user_model().objects.get(username="hr_manager")


@pytest.fixture
def accesses(demo):
    """accesses(obj) → the ACCESS entries of obj the test caused (the demo has its own, see audit.demo)."""
    since = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def of(obj):
        return LogEntry.objects.filter(action=LogEntry.Action.ACCESS, pk__gt=since) & (
            LogEntry.objects.get_for_object(obj) if obj is not None else LogEntry.objects.filter(object_pk="export")
        )

    return of


def test_printing_an_offer_letter_is_logged(hr_manager, login, accesses):
    offer = (
        Offer.objects.filter(status__in=[Offer.Status.APPROVED, Offer.Status.ACCEPTED])
        .select_related("application")
        .first()
    )
    response = login(hr_manager).get(reverse("recruitment:offer_pdf", args=[offer.application_id]))
    assert response.status_code == 200
    entry = accesses(offer).get()
    assert entry.actor == hr_manager
    assert entry.changes_dict == {Access.PRINT: [None, "录用通知书"]}


def test_printing_a_conversion_form_and_its_salary_slip_is_logged(hr_manager, login, accesses):
    conversion = Conversion.objects.first()
    client = login(hr_manager)
    for name in ("conversion_pdf", "salary_slip_pdf"):
        response = client.get(reverse(f"onboarding:{name}", args=[conversion.case_id, conversion.pk]))
        assert response.status_code == 200
    printed = [entry.changes_dict[Access.PRINT][1] for entry in accesses(conversion).order_by("pk")]
    assert printed == ["员工试用考核转正审批表", "调薪单"]
    assert set(accesses(conversion).values_list("actor", flat=True)) == {hr_manager.pk}


def test_printing_an_employee_registration_form_is_logged(hr_manager, login, accesses):
    employee = Employee.objects.order_by("pk").first()
    login(hr_manager).get(reverse("employees:employee_registration_pdf", args=[employee.pk]))
    entry = accesses(employee).get()
    assert (entry.actor, entry.changes_dict) == (hr_manager, {Access.PRINT: [None, "员工资料登记表"]})


def test_a_candidates_full_id_number_on_screen_is_logged_but_not_the_masked_one(hr_manager, make_user, login, accesses):
    candidate = Candidate.objects.exclude(id_number="").first()
    url = reverse("recruitment:candidate_detail", args=[candidate.pk])
    login(make_user("hr_plain", roles=[roles.HR], clearance=SecrecyLevel.INTERNAL)).get(url)
    assert not accesses(candidate).exists()

    body = login(hr_manager).get(url).content.decode()
    assert candidate.id_number in body
    entry = accesses(candidate).get()
    assert entry.actor == hr_manager and Access.VIEW in entry.changes_dict


def test_an_interview_evaluation_form_with_the_full_id_number_is_logged(hr_manager, login, accesses):
    candidate = Candidate.objects.exclude(id_number="").filter(applications__interviews__isnull=False).first()
    application = candidate.applications.filter(interviews__isnull=False).first()
    response = login(hr_manager).get(reverse("recruitment:evaluation_pdf", args=[application.pk]))
    assert response.status_code == 200
    assert accesses(candidate).get().changes_dict == {Access.PRINT: [None, "面试评价表"]}


def test_an_admin_export_of_candidates_is_logged(demo, login, accesses):
    admin_user = get_user_model().objects.get(username="admin")
    response = login(admin_user).post(
        reverse("admin:recruitment_candidate_export"),
        {"format": "1", "resource": "0", "candidateresource_name": "on", "candidateresource_id_number": "on"},
    )
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    entry = accesses(None).get()
    assert entry.actor == admin_user
    assert "id_number" in entry.changes_dict[Access.EXPORT][1]
    assert str(Candidate.objects.count()) in entry.object_repr


def test_the_old_helpers_write_the_same_entries(hr_manager):
    """employees' document helper and the admin export write through the one helper."""
    from employees import services

    document = PersonnelDocument.objects.first()
    if document is not None:
        entry = services.document_access_log(document=document, by=hr_manager)
        assert entry.changes_dict == {Access.DOWNLOAD: [None, document.original_name]}
    entry = access_log(by=hr_manager, access=Access.EXPORT, model=Employee, count=3, detail="number, id_number")
    assert entry.object_pk == "export" and entry.changes_dict == {Access.EXPORT: [None, "number, id_number"]}
    assert entry.actor_email == hr_manager.email


def test_an_anonymous_access_has_no_actor():
    from django.contrib.auth.models import AnonymousUser

    entry = access_log(by=AnonymousUser(), access=Access.EXPORT, model=Employee, count=0)
    assert entry.actor is None and entry.actor_email is None
