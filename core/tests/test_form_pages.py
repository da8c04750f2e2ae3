"""Forms at volume (#17): with hundreds of people, candidates, positions and requisitions, no form page (new or
edit) renders a select of all of them — each picker searches as you type (core.pickers) — and the pages keep
within the list budget of queries. The form pages measured are the benchmark's (each app's bench.py)."""

import copy
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.registry import BUDGETS, pages_for
from employees.models import Employee
from org.models import Position
from recruitment.models import Candidate, Requisition

MANY = 600
MAX_OPTIONS = 300


def clone(instance, count: int, **unique):
    """`count` copies of a row in one INSERT, each unique field made by its function of the copy's index."""
    copies = []
    for index in range(count):
        row = copy.copy(instance)
        row.pk = row.id = None
        for name, make in unique.items():
            setattr(row, name, make(index))
        copies.append(row)
    return type(instance).objects.bulk_create(copies)


@pytest.fixture
def volume(demo):
    """The demo company with 600 more employees, logins, candidates, positions and recruiting requisitions."""
    employee = Employee.objects.filter(department__code__startswith="PRD").order_by("pk").first()
    clone(
        employee, MANY, number=lambda i: f"V{i:05d}", id_number=lambda i: f"11010119900101{i:04d}", user=lambda i: None
    )
    user = get_user_model().objects.get(username="employee")
    clone(user, MANY, username=lambda i: f"volume{i:04d}", email=lambda i: "", password=lambda i: "!")
    candidate = Candidate.objects.not_anonymised().order_by("pk").first()
    clone(candidate, MANY, phone=lambda i: f"170{i:08d}", email=lambda i: "", id_number=lambda i: "")
    position = Position.objects.filter(is_active=True, department=employee.department).order_by("pk").first()
    clone(position, MANY, code=lambda i: f"VP{i:04d}")
    requisition = Requisition.objects.order_by("pk").first()
    clone(requisition, MANY, number=lambda i: f"VR{i:05d}", status=lambda i: Requisition.Status.RECRUITING)
    return {"employee": employee}


def options(html: str) -> int:
    return len(re.findall(r"<option\b", html))


# The form pages that had a select of every person, candidate, position or requisition.
PICKER_PAGES = {
    "hr_manager": [
        "Employee form, new",
        "Employee form, edit",
        "Job change form",
        "Department form, new",
        "Department form, edit (biggest)",
        "Requisition form, new",
        "Application form, new",
        "Interview form, new",
        "Recruitment plan form",
        "Delegations form",
    ],
    "prod_head": ["Requisition form, new", "Delegations form"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["hr_manager", "prod_head"])
def test_no_form_page_lists_everyone_and_each_keeps_the_list_budget(volume, client, username):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    pages = [page for page in pages_for(user) if page.kind == "form"]
    assert set(PICKER_PAGES[username]) <= {page.label for page in pages}

    over = []
    for page in pages:
        client.get(page.url)  # warm-up (session, caches)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.url)
        assert response.status_code == 200, (page.label, response.status_code)
        html = response.content.decode()
        if options(html) >= MAX_OPTIONS or len(captured.captured_queries) > BUDGETS["form"][0]:
            over.append((page.label, options(html), len(captured.captured_queries), len(html) // 1024))
    assert over == [], "\n".join(map(str, over))


@pytest.mark.django_db
def test_the_application_form_offers_no_candidate_list(volume, client):
    """The probe of #17: adding an applicant rendered every candidate in one select."""
    client.force_login(get_user_model().objects.get(username="hr_manager"))
    html = client.get(reverse("recruitment:application_create")).content.decode()

    assert Candidate.objects.count() > MANY
    assert options(html) < 5
    assert 'data-picker-url="' + reverse("recruitment:pick_candidates") in html


@pytest.mark.django_db
def test_the_query_count_of_a_form_page_does_not_grow_with_the_data(demo, client):
    """Same queries with 600 more of everything (the pickers' chosen options are one query each)."""
    user = get_user_model().objects.get(username="hr_manager")
    client.force_login(user)
    labels = set(PICKER_PAGES["hr_manager"])

    def counts():
        found = {}
        for page in pages_for(user):
            if page.label in labels:
                client.get(page.url)
                with CaptureQueriesContext(connection) as captured:
                    client.get(page.url)
                found[page.label] = len(captured.captured_queries)
        return found

    before = counts()
    employee = Employee.objects.filter(department__code__startswith="PRD").order_by("pk").first()
    clone(
        employee, MANY, number=lambda i: f"V{i:05d}", id_number=lambda i: f"11010119900101{i:04d}", user=lambda i: None
    )
    candidate = Candidate.objects.not_anonymised().order_by("pk").first()
    clone(candidate, MANY, phone=lambda i: f"170{i:08d}", email=lambda i: "", id_number=lambda i: "")
    assert counts() == before


@pytest.mark.django_db
def test_no_admin_form_lists_everyone(volume, client):
    """Every add and change page of the admin: people, candidates, positions and requisitions are chosen by
    autocomplete (scoped by the target admin's get_queryset) or by id, never from a select of all of them."""
    from django.contrib import admin

    client.force_login(get_user_model().objects.get(username="admin"))
    over, seen = [], 0
    ours = {"accounts", "org", "employees", "approvals", "notifications", "printing", "recruitment", "onboarding"}
    for model in admin.site._registry:
        if model._meta.app_label not in ours:
            continue
        info = model._meta.app_label, model._meta.model_name
        urls = [reverse("admin:{}_{}_add".format(*info))]
        first = model.objects.first()
        if first is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
        for url in urls:
            response = client.get(url)
            if response.status_code != 200:
                continue
            seen += 1
            if (count := options(response.content.decode())) >= MAX_OPTIONS:
                over.append((url, count))
    assert seen > 15
    assert over == [], "\n".join(map(str, over))


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["employees:employee_list", "recruitment:application_list"])
def test_the_list_filters_pick_positions_and_requisitions_by_search(volume, client, url_name):
    """The employee list's position filter and the application list's requisition filter search as you type."""
    client.force_login(get_user_model().objects.get(username="hr_manager"))
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert options(response.content.decode()) < MAX_OPTIONS
    assert "data-picker-url" in response.content.decode()
