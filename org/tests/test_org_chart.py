"""The org chart: the department tree in the reader's scope with heads and headcount against authorised, a link
to each department's people, and a printed PDF."""

import pytest
from django.urls import reverse


def test_hr_sees_every_department_with_its_head_and_headcount(users, login, org):
    org.stamper.authorised_headcount = 3
    org.stamper.save()
    page = login(users["hr"]).get(reverse("org:org_chart")).content.decode()
    assert org.production.name in page and org.quality.name in page and org.head.name in page
    assert f"?department={org.stamping.pk}" in page


def test_a_head_sees_only_their_subtree(users, login, org):
    page = login(users["head"]).get(reverse("org:org_chart")).content.decode()
    assert org.stamping.name in page and org.quality.name not in page


@pytest.mark.parametrize("who", ["me", "outsider"])
def test_an_employee_has_no_org_chart(users, login, who):
    assert login(users[who]).get(reverse("org:org_chart")).status_code == 403
    assert login(users[who]).get(reverse("org:org_chart_pdf")).status_code == 403


def test_the_org_chart_prints(users, login, org, poppler):
    pdf = login(users["hr"]).get(reverse("org:org_chart_pdf")).content
    assert org.quality.name in poppler.text(pdf) and all(f.embedded for f in poppler.fonts(pdf))


def test_the_org_chart_keeps_its_queries(users, login, org, django_assert_max_num_queries):
    from org.services import department_create

    client = login(users["hr"])
    client.get(reverse("org:org_chart"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("org:org_chart"))
    for n in range(5):
        department_create(code=f"X{n}", name=f"部门{n}", parent=org.quality)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("org:org_chart"))
