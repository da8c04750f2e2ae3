"""Search-as-you-type pickers (core.pickers): the endpoints search only the user's scope, at most 20 rows in a
constant number of queries, and a picker field renders only the chosen option and refuses a typed id outside
the scope."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from employees.models import Employee
from org.models import Position
from org.selectors import scope_department_ids
from recruitment.models import Candidate
from recruitment.selectors import requisitions_visible_to

PICKERS = {
    "employees": "employees:pick_employees",
    "users": "employees:pick_users",
    "positions": "org:pick_positions",
    "candidates": "recruitment:pick_candidates",
    "requisitions": "recruitment:pick_requisitions",
}


@pytest.fixture
def as_user(demo, client):
    def login(username):
        user = get_user_model().objects.get(username=username)
        client.force_login(user)
        return user

    return login


def search(client, kind, **params):
    response = client.get(reverse(PICKERS[kind]), params)
    assert response.status_code == 200, response.status_code
    return response.json()


def other_department_employee(head) -> Employee:
    return Employee.objects.active().exclude(department_id__in=scope_department_ids(head)).order_by("pk").first()


@pytest.mark.django_db
def test_a_department_head_finds_the_people_of_their_departments_only(as_user, client):
    """A department head's search never returns another department's people, logins or positions."""
    head = as_user("prod_head")
    scope = set(scope_department_ids(head))
    outsider = other_department_employee(head)

    for params in ({}, {"q": ""}, {"only": "active"}):
        found = search(client, "employees", **params)["results"]
        assert found
        assert (
            set(Employee.objects.filter(pk__in=[r["id"] for r in found]).values_list("department", flat=True)) <= scope
        )
    assert search(client, "employees", q=outsider.number)["results"] == []
    by_name = search(client, "employees", q=outsider.name)["results"]
    assert set(Employee.objects.filter(pk__in=[r["id"] for r in by_name]).values_list("department", flat=True)) <= scope
    positions = search(client, "positions")["results"]
    assert positions
    assert (
        set(Position.objects.filter(pk__in=[r["id"] for r in positions]).values_list("department", flat=True)) <= scope
    )
    users = search(client, "users")["results"]
    in_scope = set(Employee.objects.filter(department_id__in=scope, user__isnull=False).values_list("user", flat=True))
    assert users and {int(r["id"]) for r in users} <= in_scope | {head.pk}
    requisitions = {r["id"] for r in search(client, "requisitions")["results"]}
    assert requisitions <= {str(pk) for pk in requisitions_visible_to(head).values_list("pk", flat=True)}


@pytest.mark.django_db
def test_hr_finds_everyone_by_number_or_name_and_the_result_carries_the_submitted_key(as_user, client):
    as_user("hr_manager")
    someone = Employee.objects.active().order_by("-pk").first()

    by_number = search(client, "employees", q=someone.number, only="active", key="number")["results"]
    assert by_number[0]["id"] == someone.number and someone.name in by_number[0]["text"]
    assert str(someone.pk) in {r["id"] for r in search(client, "employees", q=someone.name)["results"]}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["employees", "users", "positions", "candidates", "requisitions"])
def test_an_employee_gets_no_picker(as_user, client, kind):
    """A plain employee has no page with a picker: 403 (404 for recruitment, as its pages)."""
    as_user("employee")
    assert client.get(reverse(PICKERS[kind]), {"q": "a"}).status_code in (403, 404)


@pytest.mark.django_db
def test_candidates_are_searched_by_hr_only_and_anonymised_ones_never(as_user, client):
    as_user("prod_head")
    assert client.get(reverse(PICKERS["candidates"])).status_code == 403
    as_user("hr")
    candidate = Candidate.objects.not_anonymised().order_by("pk").first()
    assert str(candidate.pk) in {r["id"] for r in search(client, "candidates", q=candidate.name)["results"]}
    Candidate.objects.filter(pk=candidate.pk).update(anonymised_at="2026-01-01T00:00Z")
    assert str(candidate.pk) not in {r["id"] for r in search(client, "candidates", q=candidate.name)["results"]}


@pytest.mark.django_db
def test_unknown_filters_and_keys_are_refused(as_user, client):
    as_user("hr_manager")
    assert client.get(reverse(PICKERS["employees"]), {"only": "everything"}).status_code == 400
    assert client.get(reverse(PICKERS["employees"]), {"key": "id_number"}).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username,kind",
    [("hr_manager", kind) for kind in PICKERS]
    + [("prod_head", kind) for kind in ("employees", "users", "positions", "requisitions")],
)
def test_at_most_twenty_results_in_constant_queries(as_user, client, username, kind, django_assert_max_num_queries):
    as_user(username)
    search(client, kind)
    with django_assert_max_num_queries(6):
        data = search(client, kind)
    assert len(data["results"]) <= 20
    with django_assert_max_num_queries(6):
        search(client, kind, q="1 2")


@pytest.mark.django_db
def test_more_is_said_when_the_search_has_more_than_twenty_matches(as_user, client):
    as_user("hr_manager")
    assert Employee.objects.count() > 20
    data = search(client, "employees")
    assert len(data["results"]) == 20 and data["more"] is True


@pytest.mark.django_db
def test_the_picker_renders_only_the_chosen_option_and_a_labelled_search_box(as_user):
    from employees.forms import EmployeeForm

    hr = as_user("hr_manager")
    employee = Employee.objects.filter(manager__isnull=False, user__isnull=False).first() or Employee.objects.first()
    form = EmployeeForm(instance=employee, user=hr)
    html = str(form["manager"])
    assert html.count("<option") == (1 if employee.manager_id else 0)
    assert 'id="id_manager_search"' in html and 'role="combobox"' in html
    assert reverse("employees:pick_employees") + "?only=active&amp;key=number" in html
    assert " required" not in html.split("<input")[0]  # the hidden select carries no browser-side `required`
    assert form["manager"].id_for_label == "id_manager_search"
    if employee.manager_id:
        assert f'value="{employee.manager.number}" selected' in html


@pytest.mark.django_db
def test_a_typed_id_outside_the_scope_fails_validation(as_user):
    """The field's queryset is the user's scope: posting another department's position or person is refused."""
    from approvals.forms import DelegationForm
    from recruitment.forms import RequisitionForm

    head = as_user("prod_head")
    foreign = Position.objects.filter(is_active=True).exclude(department_id__in=scope_department_ids(head)).first()
    form = RequisitionForm(
        data={"position": foreign.pk, "headcount": 1, "reason": "replacement", "employment_type": "regular"},
        user=head,
    )
    assert not form.is_valid() and "position" in form.errors
    outsider = other_department_employee(head)
    outsider_user = outsider.user or get_user_model().objects.get(username="qa_head")
    form = DelegationForm(
        data={"to_user": outsider_user.pk, "start_date": "2026-12-01", "end_date": "2026-12-05"}, user=head
    )
    assert not form.is_valid() and "to_user" in form.errors


@pytest.mark.django_db
def test_the_position_search_follows_the_department_chosen_beside(as_user, client):
    """On the job change (and the new employee) form the positions offered are those of the chosen department."""
    from employees.forms import JobChangeForm

    hr = as_user("hr_manager")
    position = Position.objects.filter(is_active=True).order_by("pk").first()
    found = search(client, "positions", department=position.department_id, only="active")["results"]
    assert found and set(
        Position.objects.filter(pk__in=[r["id"] for r in found]).values_list("department", flat=True)
    ) == {position.department_id}
    assert search(client, "positions", department="x")["results"] == []

    html = str(JobChangeForm(prefix="jc", user=hr)["to_position"])
    assert 'data-picker-forward="department=jc-to_department"' in html


@pytest.mark.django_db
def test_a_chosen_value_outside_the_choices_stays_and_fails_validation(as_user):
    """A manager who has left is not silently cleared from the record: the number stays chosen and saving asks
    for another (as the text box did); nothing is read about the row."""
    from employees.forms import EmployeeForm
    from employees.models import EmployeeStatus

    hr = as_user("hr_manager")
    employee, manager = Employee.objects.active().order_by("pk")[:2]
    Employee.objects.filter(pk=employee.pk).update(manager=manager)
    Employee.objects.filter(pk=manager.pk).update(status=EmployeeStatus.SEPARATED)
    employee.refresh_from_db()

    form = EmployeeForm(instance=employee, user=hr)
    html = str(form["manager"])
    assert f'<option value="{manager.number}" selected>{manager.number}</option>' in html
    assert manager.name not in html
    with pytest.raises(ValidationError):
        form.fields["manager"].clean(manager.number)


@pytest.mark.django_db
def test_the_admin_autocomplete_of_people_is_scoped_by_the_employee_admin(as_user, client):
    """In the admin, people are chosen by autocomplete, which searches the employee admin's scoped rows."""
    from django.contrib.auth.models import Permission

    head = as_user("prod_head")
    head.is_staff = True
    head.save(update_fields=["is_staff"])
    head.user_permissions.add(Permission.objects.get(codename="view_employee"))
    client.force_login(head)
    outsider = other_department_employee(head)
    insider = Employee.objects.filter(department_id__in=scope_department_ids(head)).order_by("pk").first()

    def admin_search(term):
        params = {"app_label": "employees", "model_name": "employee", "field_name": "manager", "term": term}
        response = client.get(reverse("admin:autocomplete"), params)
        assert response.status_code == 200
        return {r["id"] for r in response.json()["results"]}

    assert str(insider.pk) in admin_search(insider.number)
    assert admin_search(outsider.number) == set()


@pytest.mark.django_db
def test_the_search_box_says_required_only_when_the_field_is(as_user):
    from recruitment.forms import RequisitionForm

    head = as_user("prod_head")
    new = str(RequisitionForm(user=head)["position"])  # a new requisition may be a new post: position optional
    assert 'aria-required="true"' not in new and "data-picker-optional" in new
    assert " required" not in new
    from approvals.forms import DelegationForm

    assert 'aria-required="true"' in str(DelegationForm(user=head)["to_user"])


@pytest.mark.django_db
def test_a_planner_hands_their_approvals_to_a_planner_and_an_employee_to_nobody(as_user, client):
    """Production management sees no department: its delegates are its colleagues; an employee finds nobody."""
    from django.contrib.auth.models import Group

    from core import roles

    colleague = get_user_model().objects.create_user(username="pmc2", last_name="计划员二")
    colleague.groups.add(Group.objects.get(name=roles.PRODUCTION_MGMT))
    as_user("pmc")
    url = reverse("approvals:pick_delegates")
    found = {r["id"] for r in client.get(url).json()["results"]}
    assert str(colleague.pk) in found
    assert str(get_user_model().objects.get(username="employee").pk) not in found

    as_user("employee")
    assert client.get(url).json()["results"] == []
