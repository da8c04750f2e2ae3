import datetime

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.security import mask_id_number
from core.validators import build_id_number
from employees import services
from employees.models import Employee, EmployeeStatus, JobChange, LabourContract, SalaryChange
from tests.factories import EmployeeFactory, LabourContractFactory, PositionFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def detail_url(employee):
    return reverse("employees:employee_detail", args=[employee.pk])


@pytest.mark.parametrize("role", ["hr", "hr_manager", "gm"])
def test_company_wide_roles_see_every_employee_unmasked(org, users, login, role):
    client = login(users[role])
    listed = client.get(reverse("employees:employee_list"))
    assert listed.status_code == 200
    assert {org.worker, org.inspector_emp, org.head} <= set(listed.context["page_obj"])
    detail = client.get(detail_url(org.inspector_emp))
    assert detail.status_code == 200
    assert org.inspector_emp.id_number in detail.content.decode()


def test_a_department_head_sees_only_their_subtree_masked_and_read_only(org, users, login):
    """A department head sees their sections' people with the ID number masked, and nobody else's."""
    client = login(users["head"])
    listed = set(client.get(reverse("employees:employee_list")).context["page_obj"])
    assert org.worker in listed
    assert org.inspector_emp not in listed
    detail = client.get(detail_url(org.worker)).content.decode()
    assert mask_id_number(org.worker.id_number) in detail
    assert org.worker.id_number not in detail
    assert "6000" not in detail
    assert client.get(detail_url(org.inspector_emp)).status_code == 404
    assert client.get(reverse("employees:employee_edit", args=[org.worker.pk])).status_code == 403
    assert client.get(reverse("employees:contract_add", args=[org.worker.pk])).status_code == 403
    assert client.get(reverse("employees:salary_change_create", args=[org.worker.pk])).status_code == 403
    assert client.get(reverse("employees:employee_create")).status_code == 403


def test_an_employee_sees_only_their_own_profile_masked(org, users, login):
    client = login(users["me"])
    profile = client.get(reverse("employees:my_profile"))
    assert profile.status_code == 200
    body = profile.content.decode()
    assert org.me.name in body
    assert mask_id_number(org.me.id_number) in body
    assert org.me.id_number not in body
    assert client.get(detail_url(org.worker)).status_code == 404
    assert client.get(reverse("employees:employee_list")).status_code == 403


def test_a_login_without_an_employee_record_gets_a_clear_page(users, login):
    response = login(users["outsider"]).get(reverse("employees:my_profile"))
    assert response.status_code == 404
    assert "employees/no_profile.html" in [t.name for t in response.templates]


def test_hr_creates_an_employee_with_an_automatic_number(org, users, login):
    client = login(users["hr"])
    birth = datetime.date(1998, 2, 3)
    response = client.post(
        reverse("employees:employee_create"),
        {
            "number": "",
            "name": "周新员工",
            "gender": "M",
            "id_number": build_id_number("440305", birth, 7).lower(),
            "birth_date": "",
            "hire_date": "2025-09-01",
            "department": org.quality.pk,
            "position": org.inspector.pk,
            "employment_type": "probation",
            "status": "probation",
            "base_salary": "5000",
        },
    )
    employee = Employee.objects.get(name="周新员工")
    assert response.status_code == 302
    assert response["Location"] == detail_url(employee)
    assert employee.number
    assert employee.birth_date == birth
    assert employee.id_number.endswith(employee.id_number[-1].upper())


def test_a_bad_id_number_is_a_form_error_and_nothing_is_saved(org, users, login, en):
    client = login(users["hr"])
    good = build_id_number("440305", datetime.date(1998, 2, 3), 7)
    response = client.post(
        reverse("employees:employee_create"),
        {
            "name": "错号码",
            "gender": "M",
            "id_number": good[:17] + ("1" if good[17] != "1" else "2"),
            "hire_date": "2025-09-01",
            "department": org.quality.pk,
            "position": org.operator.pk,
            "employment_type": "regular",
            "status": "regular",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "id_number" in form.errors
    assert "position" in form.errors
    assert "check character" in response.content.decode()
    assert not Employee.objects.filter(name="错号码").exists()


def test_a_duplicate_id_number_is_a_form_error(org, users, login):
    client = login(users["hr"])
    response = client.post(
        reverse("employees:employee_create"),
        {
            "name": "重复",
            "gender": "M",
            "id_number": org.worker.id_number,
            "hire_date": "2025-09-01",
            "department": org.quality.pk,
            "position": org.inspector.pk,
            "employment_type": "regular",
            "status": "regular",
        },
    )
    assert "id_number" in response.context["form"].errors


def test_hr_edits_a_profile_but_not_a_separated_one(org, users, login):
    client = login(users["hr"])
    url = reverse("employees:employee_edit", args=[org.worker.pk])
    form = client.get(url).context["form"]
    assert "base_salary" not in form.fields and "position" not in form.fields
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(phone="13900000000", manager=org.head.number)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    org.worker.refresh_from_db()
    assert org.worker.phone == "13900000000"
    assert org.worker.manager == org.head

    org.worker.status, org.worker.separated_on = EmployeeStatus.SEPARATED, datetime.date(2025, 6, 1)
    org.worker.save()
    response = client.post(url, {**data, "phone": "1"})
    assert response.status_code == 403
    assert url not in client.get(detail_url(org.worker)).content.decode()  # no edit button either
    org.worker.refresh_from_db()
    assert org.worker.phone == "13900000000"


def test_hr_without_clearance_edits_without_the_id_number_and_cannot_open_secret_pages(org, users, login):
    client = login(users["hr_uncleared"])
    form = client.get(reverse("employees:employee_edit", args=[org.worker.pk])).context["form"]
    assert "id_number" not in form.fields
    detail = client.get(detail_url(org.worker)).content.decode()
    assert org.worker.id_number not in detail
    assert client.get(reverse("employees:contract_add", args=[org.worker.pk])).status_code == 403
    assert client.get(reverse("employees:document_upload", args=[org.worker.pk])).status_code == 403


def test_hr_adds_a_contract_and_the_flag_goes_away_once_signed(org, users, login):
    client = login(users["hr"])
    assert "contract-flag" in client.get(detail_url(org.worker)).content.decode()
    response = client.post(
        reverse("employees:contract_add", args=[org.worker.pk]),
        {
            "number": "LC-2025-1",
            "contract_type": "fixed",
            "start_date": "2025-01-01",
            "end_date": "2027-12-31",
            "probation_months": "2",
            "signed_on": "",
        },
    )
    assert response.status_code == 302
    contract = org.worker.contracts.get()
    assert "contract-flag" in client.get(detail_url(org.worker)).content.decode()
    client.post(reverse("employees:contract_sign", args=[org.worker.pk, contract.pk]), {"signed_on": "2025-01-02"})
    contract.refresh_from_db()
    assert contract.signed_on == datetime.date(2025, 1, 2)
    assert "contract-flag" not in client.get(detail_url(org.worker)).content.decode()


def test_a_fixed_term_contract_without_an_end_is_a_form_error(org, users, login):
    response = login(users["hr"]).post(
        reverse("employees:contract_add", args=[org.worker.pk]),
        {"number": "LC-1", "contract_type": "fixed", "start_date": "2025-01-01", "probation_months": "0"},
    )
    assert response.status_code == 200
    assert "end_date" in response.context["form"].errors


def test_documents_are_downloaded_only_with_clearance_as_an_attachment_and_logged(org, users, login, private_storage):
    document = services.document_upload(
        employee=org.worker,
        kind="id_copy",
        upload=SimpleUploadedFile("id.pdf", PDF, content_type="application/pdf"),
        by=users["hr"],
    )
    url = reverse("employees:document_download", args=[org.worker.pk, document.pk])
    assert login(users["head"]).get(url).status_code == 403
    assert login(users["hr_uncleared"]).get(url).status_code == 403
    assert login(users["me"]).get(url).status_code == 403

    response = login(users["hr"]).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert private_storage.exists(document.file.name), "stored in the private storage under test"
    access = LogEntry.objects.get_for_object(document).filter(action=LogEntry.Action.ACCESS).get()
    assert access.actor == users["hr"]

    other = reverse("employees:document_download", args=[org.inspector_emp.pk, document.pk])
    assert login(users["hr"]).get(other).status_code == 404


def test_hr_uploads_a_document_through_the_form(org, users, login, private_storage):
    client = login(users["hr"])
    bad = client.post(
        reverse("employees:document_upload", args=[org.worker.pk]),
        {"kind": "cv", "file": SimpleUploadedFile("cv.png", b"not a png")},
    )
    assert bad.status_code == 200 and "file" in bad.context["form"].errors
    good = client.post(
        reverse("employees:document_upload", args=[org.worker.pk]),
        {"kind": "cv", "file": SimpleUploadedFile("cv.pdf", PDF)},
    )
    assert good.status_code == 302
    document = org.worker.documents.get()
    assert document.kind == "cv"
    with private_storage.open(document.file.name, "rb") as stored:
        assert stored.read() == PDF


def test_hr_records_a_salary_change_and_a_job_change(org, users, login):
    client = login(users["hr"])
    client.post(
        reverse("employees:salary_change_create", args=[org.worker.pk]),
        {"new_salary": "7000", "effective_date": "2025-07-01", "reason": "晋级"},
    )
    assert SalaryChange.objects.get(employee=org.worker).new_salary == 7000
    response = client.post(
        reverse("employees:job_change_create", args=[org.worker.pk]),
        {
            "kind": "promotion",
            "effective_date": "2025-07-01",
            "to_department": org.production.pk,
            "to_position": org.operator.pk,
            "reason": "表现优秀",
        },
    )
    assert response.status_code == 302
    org.worker.refresh_from_db()
    # Submitted for approval: the post changes when it is approved and its date has come (test_job_changes).
    assert org.worker.position == org.stamper
    assert JobChange.objects.get(employee=org.worker).from_position == org.stamper
    history = client.get(detail_url(org.worker)).context["history"]
    assert any(row.object_repr.startswith(org.worker.name) for row in history)


def test_hr_without_clearance_sees_the_history_with_secret_values_masked(org, users, login):
    services.salary_change_record(
        employee=org.worker, new_salary=7777, effective_date=datetime.date(2025, 7, 1), reason="x", by=users["hr"]
    )
    body = login(users["hr_uncleared"]).get(detail_url(org.worker)).content.decode()
    assert "7777" not in body


def test_the_list_filters_by_department_subtree_and_searches(org, users, login):
    client = login(users["hr"])
    in_production = set(
        client.get(reverse("employees:employee_list"), {"department": org.production.pk}).context["page_obj"]
    )
    assert in_production == {org.head, org.worker}
    found = list(client.get(reverse("employees:employee_list"), {"q": "检验"}).context["page_obj"])
    assert found == [org.inspector_emp]
    by_name = list(client.get(reverse("employees:employee_list"), {"ordering": "-number"}).context["page_obj"])
    assert [e.number for e in by_name] == sorted((e.number for e in by_name), reverse=True)


def test_a_head_cannot_filter_by_a_department_outside_their_scope(org, users, login):
    response = login(users["head"]).get(reverse("employees:employee_list"), {"department": org.quality.pk})
    assert org.inspector_emp not in set(response.context["page_obj"])


def _count_list_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("employees:employee_list"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_list_runs_the_same_number_of_queries_for_5_and_50_rows(org, users, login, django_assert_max_num_queries):
    """No query per row: 5 employees and 50 (with contracts to flag) cost the same."""
    client = login(users["hr"])
    position = PositionFactory(department=org.quality)
    EmployeeFactory(position=position)
    assert Employee.objects.count() == 5
    five = _count_list_queries(client)
    for employee in EmployeeFactory.create_batch(45, position=position):
        LabourContractFactory(employee=employee, signed_on=None)
    fifty = _count_list_queries(client)
    assert five == fifty
    # Filtering adds one query: the chosen department is looked up once.
    with django_assert_max_num_queries(fifty + 1):
        client.get(reverse("employees:employee_list"), {"department": org.quality.pk, "ordering": "name"})


def test_opening_a_person_unmasked_is_recorded_in_the_audit_trail(make_user, login):
    """Access to secret HR data is audited: HR opening an employee page leaves an access entry naming them."""
    from auditlog.models import LogEntry

    from core import roles
    from core.security import SecrecyLevel
    from tests.factories import EmployeeFactory

    hr = make_user("hr_auditor", roles=[roles.HR], clearance=SecrecyLevel.SECRET)
    person = EmployeeFactory()
    assert login(hr).get(person.get_absolute_url()).status_code == 200
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(person.pk))
    assert entry.actor == hr


def test_saving_an_agency_worker_above_the_legal_share_warns_hr(org, users, login):
    """HR may still hire through an agency, but is told in plain words that the 10 % of art. 66 is exceeded."""
    from tests.factories import EmployeeFactory

    EmployeeFactory(employment_type="agency", agency_name="某劳务公司", position=org.operator)
    client = login(users["hr"])
    client.cookies["django_language"] = "en"
    birth = datetime.date(1996, 4, 5)
    response = client.post(
        reverse("employees:employee_create"),
        {
            "name": "派遣员工",
            "gender": "M",
            "id_number": build_id_number("440305", birth, 9),
            "hire_date": "2025-09-01",
            "department": org.production.pk,
            "position": org.operator.pk,
            "employment_type": "agency",
            "agency_name": "某劳务公司",
            "dispatch_agreement": "PQ-2025-031",
            "dispatch_start": "2025-09-01",
            "dispatch_end": "2027-08-31",
            "status": "regular",
        },
        follow=True,
    )
    assert Employee.objects.filter(name="派遣员工").exists()
    body = response.content.decode()
    assert "above the 10 % that Labour Contract Law art. 66 allows" in body
    assert "PQ-2025-031 · 2025-09-01 – 2027-08-31" in body  # the detail page shows the dispatch term


# --- LCL art. 42 / 45 on the contract tab ----------------------------------------------------------------------


def _protected_contract(org, users):
    from employees import services
    from tests.factories import LabourContractFactory

    contract = LabourContractFactory(
        employee=org.worker, start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2026, 12, 31)
    )
    services.protected_period_add(
        employee=org.worker,
        by=users["hr"],
        reason="pregnancy",
        start_date=datetime.date(2026, 5, 1),
        end_date=datetime.date(2027, 8, 31),
    )
    return contract


def test_hr_records_a_protected_period_and_cannot_let_the_contract_expire(org, users, login, en):
    """The contract tab shows the situation; "not renewed" is refused in plain words; "extend" applies art. 45."""
    contract = _protected_contract(org, users)
    client = login(users["hr"])

    page = client.get(detail_url(org.worker)).content.decode()
    assert "Protected at the end date: Pregnancy, maternity or nursing" in page
    assert "Extend to 2027-08-31" in page

    assert 'name="reason"' not in page  # no "not renewed" form while protected (art. 42)
    response = client.post(
        reverse("employees:contract_not_renew", args=[org.worker.pk, contract.pk]), {"reason": "到期"}
    )
    assert response.status_code == 403
    contract.refresh_from_db()
    assert contract.not_renewed_on is None

    response = client.post(reverse("employees:contract_extend", args=[org.worker.pk, contract.pk]), follow=True)
    assert "continues until 2027-08-31 (Labour Contract Law art. 45)" in response.content.decode()
    contract.refresh_from_db()
    assert contract.end_date == datetime.date(2027, 8, 31)


def test_hr_records_a_contract_not_renewed_and_a_protected_period_through_the_form(org, users, login):
    from tests.factories import LabourContractFactory

    contract = LabourContractFactory(
        employee=org.inspector_emp, start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2026, 12, 31)
    )
    client = login(users["hr"])
    client.post(
        reverse("employees:contract_not_renew", args=[org.inspector_emp.pk, contract.pk]), {"reason": "岗位撤销"}
    )
    contract.refresh_from_db()
    assert contract.not_renewed_reason == "岗位撤销"

    response = client.post(
        reverse("employees:protected_period_add", args=[org.inspector_emp.pk]),
        {"reason": "medical", "start_date": "2026-11-01", "end_date": "2026-10-01"},
    )
    assert response.status_code == 200 and "end_date" in response.context["form"].errors
    response = client.post(
        reverse("employees:protected_period_add", args=[org.inspector_emp.pk]),
        {"reason": "medical", "start_date": "2026-11-01", "end_date": ""},
    )
    assert response.status_code == 302
    assert org.inspector_emp.protected_periods.get().end_date is None


@pytest.mark.parametrize("who", ["head", "hr_uncleared", "me"])
def test_protected_periods_and_non_renewal_are_for_cleared_hr_only(org, users, login, who):
    """Health and contract data are secret: others get 403 (404 outside their scope) and learn nothing."""
    contract = _protected_contract(org, users)
    client = login(users[who])
    refused = 404 if who == "me" else 403
    assert client.get(reverse("employees:protected_period_add", args=[org.worker.pk])).status_code == refused
    assert (
        client.post(
            reverse("employees:contract_not_renew", args=[org.worker.pk, contract.pk]), {"reason": "x"}
        ).status_code
        == refused
    )
    assert client.post(reverse("employees:contract_extend", args=[org.worker.pk, contract.pk])).status_code == refused
    body = client.get(detail_url(org.worker)).content.decode()
    assert "Pregnancy" not in body and "孕期" not in body


def test_only_a_contract_still_open_at_its_end_offers_renewal(org, users, login):
    """A renewed contract, an open-ended one or one already not renewed has no "Renew" link."""
    from tests.factories import LabourContractFactory

    old = LabourContractFactory(
        employee=org.worker, start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2022, 12, 31)
    )
    current = LabourContractFactory(
        employee=org.worker, start_date=datetime.date(2023, 1, 1), end_date=datetime.date(2025, 12, 31), renews=old
    )
    page = login(users["hr"]).get(detail_url(org.worker)).content.decode()
    renew = reverse("employees:contract_add", args=[org.worker.pk]) + "?renews="
    assert f"{renew}{current.pk}" in page
    assert f"{renew}{old.pk}" not in page


def test_the_history_lists_contracts_salary_and_protected_periods_for_cleared_hr_only(org, users, login):
    """Cleared HR sees every change of the record and its secret rows in one history; uncleared HR only the
    record's own changes (and no trace of the health data)."""
    from employees import services
    from tests.factories import LabourContractFactory

    LabourContractFactory(employee=org.worker, number="LC-HIST-1")
    services.salary_change_record(
        employee=org.worker, new_salary=6100, effective_date=datetime.date(2025, 7, 1), reason="x", by=users["hr"]
    )
    services.protected_period_add(
        employee=org.worker, by=users["hr"], reason="medical", start_date=datetime.date(2026, 1, 5)
    )
    LabourContractFactory(employee=org.inspector_emp, number="LC-OTHER")  # another person's: never listed

    cleared = {row.object_repr for row in login(users["hr"]).get(detail_url(org.worker)).context["history"]}
    assert "LC-HIST-1" in cleared and "LC-OTHER" not in cleared
    assert f"{org.worker} 2025-07-01" in cleared  # the salary change
    assert any("医疗期" in repr_ or "Medical" in repr_ for repr_ in cleared)

    uncleared = {row.object_repr for row in login(users["hr_uncleared"]).get(detail_url(org.worker)).context["history"]}
    assert "LC-HIST-1" not in uncleared and f"{org.worker} 2025-07-01" not in uncleared
    assert not any("医疗期" in repr_ or "Medical" in repr_ for repr_ in uncleared)


def test_the_contract_tab_says_an_open_ended_contract_is_due_unless_the_employee_asks_otherwise(org, users, login, en):
    """LCL art. 14: after two consecutive fixed terms the renewal is open-ended, unless the employee asks for a
    fixed term (not: "if they ask for one")."""
    from tests.factories import LabourContractFactory

    first = LabourContractFactory(
        employee=org.worker, start_date=datetime.date(2019, 1, 1), end_date=datetime.date(2021, 12, 31)
    )
    second = LabourContractFactory(
        employee=org.worker, renews=first, start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2027, 12, 31)
    )
    client = login(users["hr"])
    page = client.get(detail_url(org.worker)).content.decode()
    assert "open-ended unless the employee asks for a fixed term" in page
    renew = client.get(reverse("employees:contract_add", args=[org.worker.pk]) + f"?renews={second.pk}")
    assert "open-ended unless the employee asks for a fixed term" in renew.content.decode()
    assert "if they ask for one" not in renew.content.decode()


def test_the_contract_tab_costs_the_same_for_2_and_8_contracts(org, users, login):
    """The actions on each contract row (sign, renew, not renewed, extend) are decided from the lists in hand."""

    def chain(count):
        previous = None
        for year in range(2000, 2000 + count):
            previous = LabourContractFactory(
                employee=org.worker,
                renews=previous,
                start_date=datetime.date(year, 1, 1),
                end_date=datetime.date(year, 12, 31),
                signed_on=None,
            )

    client = login(users["hr"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(detail_url(org.worker)).status_code == 200
        return len(ctx.captured_queries)

    chain(2)
    count()  # the first request also fills the per-process caches (content types, …)
    two = count()
    LabourContract.objects.filter(employee=org.worker).update(renews=None)
    LabourContract.objects.filter(employee=org.worker).delete()
    chain(8)
    assert count() == two
