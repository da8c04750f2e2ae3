"""The admin site is scoped and masked like the pages for staff who are not superusers (#18): a department head
given admin permissions sees only their department's candidates, no ID numbers and no offer salaries."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from recruitment import services
from recruitment.models import Candidate, Offer

from .factories import OFFER_TERMS, approve_all, evaluate_proceed, id_number

pytestmark = pytest.mark.django_db


def _staff(user, *codenames):
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def test_a_staff_head_sees_only_their_candidates_without_id_numbers(
    company, login, approved_requisition, make_candidate
):
    """Probe: candidate ID numbers showed company-wide in the admin to a staff user without clearance."""
    ours = make_candidate(id_number=id_number(1))
    services.application_create(by=company.hr, candidate=ours, requisition=approved_requisition)
    theirs = make_candidate(id_number=id_number(2))
    head = _staff(company.prod_head, "view_candidate", "change_candidate")
    client = login(head)
    listing = client.get(reverse("admin:recruitment_candidate_changelist"))
    assert listing.status_code == 200
    shown = set(listing.context["cl"].queryset)
    assert ours in shown and theirs not in shown
    page = client.get(reverse("admin:recruitment_candidate_change", args=[ours.pk])).content.decode()
    assert ours.id_number not in page
    assert client.get(reverse("admin:recruitment_candidate_change", args=[theirs.pk])).status_code in (302, 404)
    found = client.get(reverse("admin:recruitment_candidate_changelist"), {"q": ours.id_number})
    assert ours not in set(found.context["cl"].queryset), "no search by a field the reader may not see"


def test_offer_salaries_are_not_shown_to_staff_without_clearance(company, login, approved_requisition, make_candidate):
    candidate = make_candidate(id_number=id_number(3))
    application = services.application_create(by=company.hr, candidate=candidate, requisition=approved_requisition)
    evaluate_proceed(application, company)
    services.application_advance(application=application, by=company.hr)
    offer = services.offer_create(by=company.hr, application=application, **OFFER_TERMS)
    services.offer_submit(offer=offer, by=company.hr)
    approve_all(offer)
    offer.refresh_from_db()
    head = _staff(company.prod_head, "view_offer")
    client = login(head)
    page = client.get(reverse("admin:recruitment_offer_change", args=[offer.pk])).content.decode()
    assert str(offer.salary) not in page and f"{offer.salary:,}" not in page
    assert Offer.objects.filter(pk=offer.pk).exists() and Candidate.objects.exists()
