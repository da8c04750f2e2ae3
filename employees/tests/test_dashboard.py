import pytest
from django.utils import translation

from core import roles
from core.security import SecrecyLevel
from tests.factories import EmployeeFactory, LabourContractFactory

pytestmark = pytest.mark.django_db


def _cards(client):
    response = client.get("/")
    assert response.status_code == 200
    return {card.title: card for card in response.context["cards"]}


def test_cleared_hr_sees_the_people_without_a_signed_contract(make_user, login):
    """HR's home page counts people who need a written contract and have none signed, and links to them."""
    hr = make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET)
    EmployeeFactory(name="无合同")
    LabourContractFactory(signed_on=None)
    LabourContractFactory()
    EmployeeFactory(employment_type="agency", agency_name="某劳务公司")
    client = login(hr)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        cards = _cards(client)
    card = cards["Labour contracts missing or not signed"]
    assert card.count == 2
    listed = client.get(card.url)
    assert listed.context["page_obj"].paginator.count == 2


def test_a_department_head_gets_no_contract_card(make_user, login):
    """Contract data is secret: a department head's home page does not count it."""
    head = make_user("head", roles=[roles.DEPT_HEAD], clearance=SecrecyLevel.CONFIDENTIAL)
    client = login(head)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        cards = _cards(client)
    assert "Labour contracts missing or not signed" not in cards


def test_a_plain_employee_gets_no_people_cards(make_user, login):
    worker = make_user("worker", roles=[roles.EMPLOYEE])
    assert _cards(login(worker)) == {}


AGENCY_CARD = "Agency workers (劳务派遣), limit 10 %"


def _agency_card(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        return _cards(client).get(AGENCY_CARD)


def test_hr_sees_the_agency_share_and_is_warned_above_ten_percent(make_user, login):
    """LCL art. 66: dispatched workers at most 10 % of the workforce. 1 of 10 is within it, 2 of 11 is not."""
    hr = make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET)
    EmployeeFactory.create_batch(9)
    EmployeeFactory(employment_type="agency", agency_name="某劳务公司")
    EmployeeFactory(employment_type="agency", agency_name="某劳务公司", status="separated")  # not counted
    client = login(hr)

    card = _agency_card(client)
    assert (card.count, card.tone) == (1, "success")
    assert card.items[0][0] == "10.0 % of the workforce (LCL art. 66)"

    EmployeeFactory(employment_type="agency", agency_name="另一劳务公司")
    card = _agency_card(client)
    assert (card.count, card.tone) == (2, "danger")
    assert "18.2 % of the workforce (2 of 11)" in card.items[0][0]
    assert "art. 66" in card.items[0][0]
    assert client.get(card.url).context["page_obj"].paginator.count == 2


def test_a_department_head_gets_no_agency_card(make_user, login):
    """The share is company-wide: a department head's home page does not show it."""
    head = make_user("head", roles=[roles.DEPT_HEAD], clearance=SecrecyLevel.CONFIDENTIAL)
    EmployeeFactory(employment_type="agency", agency_name="某劳务公司")
    assert _agency_card(login(head)) is None


def test_the_ending_contracts_card_marks_a_protected_employee(make_user, login):
    """A contract ending during a protected situation (LCL art. 42) is marked on HR's home page: extend it."""
    import datetime

    from django.utils import timezone

    from employees.models import ProtectedPeriod

    hr = make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET)
    today = timezone.localdate()
    ending = today + datetime.timedelta(days=30)
    protected = LabourContractFactory(start_date=ending.replace(year=ending.year - 3), end_date=ending)
    LabourContractFactory(start_date=ending.replace(year=ending.year - 3), end_date=ending)
    ProtectedPeriod.objects.create(
        employee=protected.employee, reason="pregnancy", start_date=today, end_date=None, created_by=hr
    )
    client = login(hr)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        card = _cards(client)["Labour contracts ending within 60 days"]
    labels = [label for label, _url in card.items]
    assert card.count == 2
    assert sum("protected (art. 42): extend" in label for label in labels) == 1
    assert any(label.startswith(protected.employee.name) and "art. 42" in label for label in labels)


def test_the_ending_contracts_card_says_when_the_next_contract_must_be_open_ended(make_user, login):
    """LCL art. 14: after two consecutive fixed terms the renewal is open-ended (unless the employee asks)."""
    import datetime

    from django.utils import timezone

    hr = make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET)
    ending = timezone.localdate() + datetime.timedelta(days=30)
    second = LabourContractFactory(start_date=ending.replace(year=ending.year - 3), end_date=ending)
    LabourContractFactory(
        employee=second.employee,
        start_date=ending.replace(year=ending.year - 6),
        end_date=ending.replace(year=ending.year - 3) - datetime.timedelta(days=1),
    )
    first = LabourContractFactory(start_date=ending.replace(year=ending.year - 3), end_date=ending)
    client = login(hr)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        card = _cards(client)["Labour contracts ending within 60 days"]
    labels = {label.split(" · ")[0]: label for label, _url in card.items}
    assert "open-ended due (art. 14)" in labels[second.employee.name]
    assert "art. 14" not in labels[first.employee.name]


def test_the_written_contract_deadline_is_one_calendar_month_on_the_flag_the_filter_and_the_card(
    make_user, login, monkeypatch
):
    """LCL arts. 10, 82: started 31 January, the contract is due by 28 February (not 2 March, 30 days later).
    On 1 March the person is overdue: flagged so on the list and the page, filtered, and the card says so."""
    import datetime

    hr = make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET)
    today = datetime.date(2025, 3, 1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: today)
    late = EmployeeFactory(name="逾期人", hire_date=datetime.date(2025, 1, 31))
    on_time = EmployeeFactory(name="未到期", hire_date=datetime.date(2025, 2, 2))
    assert (late.contract_deadline, on_time.contract_deadline) == (datetime.date(2025, 2, 28), today)
    assert (late.contract_overdue, on_time.contract_overdue) == (True, False)
    client = login(hr)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        assert "overdue since 2025-02-28" in client.get(late.get_absolute_url()).content.decode()
        assert "due by 2025-03-01" in client.get(on_time.get_absolute_url()).content.decode()
        listed = client.get("/people/?contract=overdue").context["page_obj"].object_list
        assert [e.name for e in listed] == ["逾期人"]
        card = _cards(client)["Labour contracts missing or not signed"]
    assert card.count == 2 and card.tone == "danger"
    assert any("逾期人" in label and "overdue since 2025-02-28" in label for label, _url in card.items)
    assert any("未到期" in label and "due by 2025-03-01" in label for label, _url in card.items)
