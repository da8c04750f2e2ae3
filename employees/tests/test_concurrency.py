"""A double-submitted 调薪单 writes one row: twice from one page, and at the same moment from two tabs."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from employees.models import SalaryChange

SLIP = {"new_salary": "7300", "effective_date": "2026-12-01", "reason": "年度调薪"}


def _url(org):
    return reverse("employees:salary_change_create", args=[org.worker.pk])


@pytest.mark.django_db
def test_a_slip_sent_twice_from_the_page_is_one_salary_change(org, users, login):
    client = login(users["hr"])
    assert client.post(_url(org), SLIP).status_code == 302
    assert client.post(_url(org), SLIP).status_code == 302
    changes = list(SalaryChange.objects.filter(employee=org.worker))
    assert len(changes) == 1
    org.worker.refresh_from_db()
    assert org.worker.base_salary == 7300
    assert changes[0].previous_salary != changes[0].new_salary


@pytest.mark.django_db
def test_a_different_slip_the_same_day_is_a_second_change(org, users, login):
    client = login(users["hr"])
    client.post(_url(org), SLIP)
    client.post(_url(org), {**SLIP, "new_salary": "7500", "reason": "更正"})
    assert SalaryChange.objects.filter(employee=org.worker).count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_tabs_sending_the_same_slip_at_once_write_one_row(org, users):
    """Two requests at the same moment (two tabs, a double click): the employee row lock serialises them and the
    second returns the first's 调薪单."""
    hr = users["hr"]
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def send():
        client = Client()
        client.force_login(hr)
        try:
            barrier.wait(timeout=10)
            statuses.append(client.post(_url(org), SLIP).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert statuses == [302, 302]
    assert SalaryChange.objects.filter(employee=org.worker).count() == 1
