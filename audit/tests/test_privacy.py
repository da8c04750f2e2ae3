"""audit.privacy: the hook every entry goes through before it is written (PIPL), and the full mask."""

import datetime

import pytest
from auditlog.models import LogEntry

from audit.privacy import mask_changes, record_label
from audit.services import Access, access_log
from core.security import MASK, mask_for_audit, mask_fully

pytestmark = pytest.mark.django_db


def test_the_full_mask_keeps_nothing_of_the_value():
    assert mask_fully("欧阳娜娜") == MASK
    assert mask_fully("320102199503081091") == MASK  # unlike mask_for_audit, not even the last four
    assert mask_for_audit("320102199503081091").endswith("1091")
    assert mask_fully("") == "" and mask_fully(None) == "" and mask_fully("None") == ""


def test_records_of_models_without_the_hook_keep_their_name(make_user):
    from approvals.models import Delegation

    boss, deputy = make_user("boss"), make_user("deputy")
    delegation = Delegation.objects.create(
        from_user=boss, to_user=deputy, start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2026, 1, 10)
    )
    entry = LogEntry.objects.get_for_object(delegation).get()
    assert entry.object_repr == str(delegation)


def test_an_access_entry_and_an_export_entry_go_through_the_hook(make_user):
    from recruitment.models import Candidate

    hr = make_user("hr")
    candidate = Candidate.objects.create(
        name="欧阳娜娜",
        phone="13900000001",
        source_channel="online",
        privacy_notice_at=datetime.datetime.now(datetime.UTC),
    )
    entry = access_log(by=hr, access=Access.VIEW, obj=candidate, detail="ID number")
    assert entry.object_repr == record_label(Candidate, candidate.pk)
    export = access_log(by=hr, access=Access.EXPORT, model=Candidate, count=3, detail="name, phone")
    assert "3" in export.object_repr and "#" not in export.object_repr


def test_mask_changes_masks_only_the_fields_named_and_keeps_empty_values_empty():
    entry = LogEntry(changes={"comment": ["", "同意录用欧阳娜娜"], "status": ["pending", "approved"]})
    mask_changes(entry, ["comment", "absent"])
    assert entry.changes == {"comment": ["", MASK], "status": ["pending", "approved"]}
