"""The ID-number mask cannot be undone: readers without clearance see neither the birth-date digits nor the full
date of birth beside them, and the audit trail masks as the pages do."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from core.security import MASK, mask_birth_date, mask_for_audit, mask_id_number
from core.validators import build_id_number

pytestmark = pytest.mark.django_db


def test_the_mask_hides_region_and_birth_date_digits():
    id_number = build_id_number("310104", datetime.date(1990, 7, 15), 123)
    masked = mask_id_number(id_number)
    assert len(masked) == 18
    assert masked[:2] == id_number[:2] and masked[-4:] == id_number[-4:]
    assert set(masked[2:14]) == {"*"}, "region (3–6) and birth date (7–14) hidden"


def test_a_department_head_cannot_rebuild_the_id_number_from_the_employee_page(org, users, login):
    """Probe: masked ID + full birth date left two digits to guess. Now neither the date nor its digits show."""
    worker = org.worker
    page = login(users["head"]).get(reverse("employees:employee_detail", args=[worker.pk])).content.decode()
    assert mask_id_number(worker.id_number) in page
    assert worker.id_number[6:14] not in page
    assert worker.birth_date.strftime("%Y-%m-%d") not in page
    assert mask_birth_date(worker.birth_date) in page


def test_cleared_hr_sees_the_full_date_of_birth(org, users, login):
    page = login(users["hr_manager"]).get(reverse("employees:employee_detail", args=[org.worker.pk])).content.decode()
    assert org.worker.birth_date.strftime("%Y-%m-%d") in page


def test_the_audit_trail_masks_id_numbers_as_the_pages_do(org):
    worker = org.worker
    old = worker.id_number
    worker.id_number = build_id_number("440305", worker.birth_date, 456)
    worker.save()
    entry = LogEntry.objects.get_for_object(worker).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    before, after = entry.changes["id_number"]
    assert before == mask_id_number(old) and after == mask_id_number(worker.id_number)


@pytest.mark.parametrize("value, expected", [("6000.00", MASK), ("125000.00", MASK), ("", ""), (None, "")])
def test_other_secret_values_are_masked_whole_in_the_audit_trail(value, expected):
    assert mask_for_audit(value) == expected
