"""The handover lists every classified copy the leaving person holds (confidentiality register) and the records
keeper's tick checks it in there."""

import datetime

import pytest
from django.utils import timezone

from confidentiality.models import Copy, CopyStatus, Document, DocumentStatus, Issue
from core.security import SecrecyLevel
from offboarding import services
from offboarding.models import Party
from offboarding.tests.test_services import _acknowledge_all, _resign

pytestmark = pytest.mark.django_db


def issue_copy(world) -> Copy:
    """A secret document whose copy No. 2 is out with the leaving worker."""
    world.worker_user.clearance = SecrecyLevel.SECRET
    world.worker_user.save()
    document = Document.objects.create(
        number="MJ-2026-009",
        title="工艺参数表",
        level=SecrecyLevel.SECRET,
        owning_department=world.company.production,
        status=DocumentStatus.CLASSIFIED,
        declassify_on=timezone.localdate() + datetime.timedelta(days=365),
        registered_by=world.keeper,
    )
    held = Copy.objects.create(document=document, number=2, status=CopyStatus.ISSUED, holder=world.worker_user)
    Copy.objects.create(document=document, number=3, status=CopyStatus.IN_STORE, custodian=world.keeper)
    Issue.objects.create(
        copy=held,
        document=document,
        recipient=world.worker_user,
        issued_by=world.keeper,
        return_due=timezone.localdate() + datetime.timedelta(days=30),
    )
    return held


def test_held_copy_is_listed_and_checked_in_by_the_keeper(world):
    held = issue_copy(world)
    case = _acknowledge_all(_resign(world))
    item = case.handover_items.get(party=Party.RECORDS)
    assert item.copy_id == held.pk and item.mandatory
    assert "工艺参数表" not in item.title  # the title stays inside the register
    services.handover_item_done(item=item, by=world.keeper)
    held.refresh_from_db()
    assert held.status == CopyStatus.IN_STORE and held.holder is None
    assert Issue.objects.get(copy=held).checked_in_by == world.keeper
