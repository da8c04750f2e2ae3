import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from employees.models import EmployeeStatus
from org.models import Department
from org.services import department_create
from tests.factories import EmployeeFactory, PositionFactory

pytestmark = pytest.mark.django_db


def test_the_tree_shows_heads_and_headcount_without_separated_people(org, users, login):
    EmployeeFactory(position=org.stamper, status=EmployeeStatus.SEPARATED, separated_on="2025-01-31")
    response = login(users["hr"]).get(reverse("org:department_list"))
    rows = {d.code: d for d in response.context["departments"]}
    assert [d.code for d in response.context["departments"]] == ["PRD", "PRD-ST", "QA"]
    assert rows["PRD"].headcount == 1
    assert rows["PRD"].subtree_headcount == 2
    assert rows["PRD-ST"].headcount == 1
    assert rows["PRD"].head == org.head
    assert "王主管" in response.content.decode()


def test_a_department_head_sees_only_their_subtree(org, users, login):
    client = login(users["head"])
    codes = [d.code for d in client.get(reverse("org:department_list")).context["departments"]]
    assert codes == ["PRD", "PRD-ST"]
    assert client.get(reverse("org:department_detail", args=[org.quality.pk])).status_code == 404
    assert client.get(reverse("org:department_detail", args=[org.stamping.pk])).status_code == 200
    assert client.get(reverse("org:department_edit", args=[org.stamping.pk])).status_code == 403


def test_an_employee_has_no_department_pages(org, users, login):
    client = login(users["me"])
    assert client.get(reverse("org:department_list")).status_code == 403
    assert client.get(reverse("org:department_detail", args=[org.quality.pk])).status_code == 403


def test_the_detail_shows_sections_and_positions_authorised_and_filled(org, users, login):
    response = login(users["gm"]).get(reverse("org:department_detail", args=[org.production.pk]))
    assert [s.code for s in response.context["sections"]] == ["PRD-ST"]
    positions = {p.code: p for p in response.context["positions"]}
    assert positions["PRD-OP"].authorised_headcount == 5
    assert positions["PRD-OP"].filled == 1
    assert response.context["headcount"] == 1


def test_hr_creates_a_section_and_moves_it_keeping_its_people(org, users, login):
    client = login(users["hr"])
    response = client.post(
        reverse("org:department_create"),
        {"code": "PRD-WD", "name": "焊接课", "parent": org.production.pk, "is_active": "on", "sort_order": "2"},
    )
    welding = Department.objects.get(code="PRD-WD")
    assert response.status_code == 302
    assert welding.path == f"{org.production.path}{welding.pk}/"
    welder = EmployeeFactory(position=PositionFactory(department=welding))

    response = client.post(
        reverse("org:department_edit", args=[org.production.pk]),
        {
            "code": "PRD",
            "name": "生产部",
            "parent": org.quality.pk,
            "head": org.head.number,
            "is_active": "on",
            "sort_order": "0",
        },
    )
    assert response.status_code == 302
    welding.refresh_from_db()
    assert welding.path.startswith(Department.objects.get(code="QA").path)
    assert welding.depth == 2
    welder.refresh_from_db()
    assert welder.department == welding


def test_a_department_cannot_move_below_itself(org, users, login):
    response = login(users["hr"]).post(
        reverse("org:department_edit", args=[org.production.pk]),
        {"code": "PRD", "name": "生产部", "parent": org.stamping.pk, "is_active": "on", "sort_order": "0"},
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    org.production.refresh_from_db()
    assert org.production.parent is None


def test_closing_a_department_keeps_its_employees(org, users, login):
    login(users["hr"]).post(
        reverse("org:department_edit", args=[org.stamping.pk]),
        {"code": "PRD-ST", "name": "冲压课", "parent": org.production.pk, "sort_order": "0"},
    )
    org.stamping.refresh_from_db()
    assert org.stamping.is_active is False
    org.worker.refresh_from_db()
    assert org.worker.department == org.stamping


def test_an_unknown_head_number_is_a_form_error(org, users, login):
    response = login(users["hr"]).post(
        reverse("org:department_create"), {"code": "X1", "name": "新部门", "head": "NOPE", "sort_order": "0"}
    )
    assert "head" in response.context["form"].errors
    assert not Department.objects.filter(code="X1").exists()


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_department_pages_cost_the_same_for_5_and_50_departments(org, users, login):
    client = login(users["hr"])
    list_url = reverse("org:department_list")
    detail_url = reverse("org:department_detail", args=[org.production.pk])
    for i in (0, 1):
        department_create(code=f"EXTRA-{i}", name=f"扩展{i}", parent=org.production)
    PositionFactory(department=org.production)
    assert Department.objects.count() == 5
    few = (_count(client, list_url), _count(client, detail_url))
    for i in range(2, 47):
        section = department_create(code=f"EXTRA-{i}", name=f"扩展{i}", parent=org.production, head=org.head)
        PositionFactory(department=org.production if i % 2 else section)
    assert Department.objects.count() == 50
    assert (_count(client, list_url), _count(client, detail_url)) == few


def _requisition(position, user, *, headcount, status, filled=0):
    from recruitment.models import Requisition

    return Requisition.objects.create(
        department=position.department,
        position=position,
        headcount=headcount,
        filled_count=filled,
        reason=Requisition.Reason.EXPANSION,
        desired_start_date="2026-12-01",
        status=status,
        requested_by=user,
    )


def test_the_detail_shows_open_requisitions_against_authorised_headcount(org, users, login):
    """Authorised vs filled vs the still-open places of requisitions in approval or recruiting (not drafts,
    rejected or filled ones)."""
    from recruitment.models import Requisition

    hr = users["hr"]
    _requisition(org.operator, hr, headcount=3, filled=1, status=Requisition.Status.RECRUITING)
    _requisition(org.operator, hr, headcount=2, status=Requisition.Status.IN_APPROVAL)
    _requisition(org.operator, hr, headcount=4, status=Requisition.Status.DRAFT)
    _requisition(org.operator, hr, headcount=4, status=Requisition.Status.REJECTED)
    response = login(users["gm"]).get(reverse("org:department_detail", args=[org.production.pk]))
    positions = {p.code: p for p in response.context["positions"]}
    assert positions["PRD-OP"].open_requisitions == 4
    row = next(line for line in response.content.decode().split("<tr") if "PRD-OP" in line)
    assert "—" not in row and ">4<" in row.replace(" ", "")


def test_open_requisitions_keep_the_detail_query_count_constant(org, users, login):
    from recruitment.models import Requisition

    client = login(users["hr"])
    detail_url = reverse("org:department_detail", args=[org.production.pk])
    _requisition(org.operator, users["hr"], headcount=1, status=Requisition.Status.APPROVED)
    few = _count(client, detail_url)
    for _i in range(10):
        position = PositionFactory(department=org.production)
        _requisition(position, users["hr"], headcount=2, status=Requisition.Status.RECRUITING)
    assert _count(client, detail_url) == few
