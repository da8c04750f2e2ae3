"""The one access rule, table-driven: levels × clearance × how the user relates to the document."""

import datetime
import itertools

import pytest
from django.utils import timezone

from confidentiality.models import Copy, CopyStatus, Document, DocumentStatus, Grant, Issue
from confidentiality.selectors import can_read_document, documents_visible_to
from core import roles
from core.security import SecrecyLevel
from org.services import department_create

pytestmark = pytest.mark.django_db

LEVELS = [SecrecyLevel.SECRET, SecrecyLevel.CONFIDENTIAL, SecrecyLevel.TOP_SECRET]
CLEARANCES = list(SecrecyLevel)
# How the user relates to the document, and whether that relation lets them in (clearance permitting).
RELATIONS = {
    "nothing": False,
    "holds_copy": True,
    "held_copy_returned": True,
    "valid_grant": True,
    "grant_expired": False,
    "grant_not_yet_valid": False,
    "grant_revoked": False,
    "records_keeper": True,
    "confidentiality_officer": True,
    "other_role_hr_manager": False,
    "gm": False,
}


def _relate(relation, user, document, keeper):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    if relation in ("holds_copy", "held_copy_returned"):
        copy = Copy.objects.create(document=document, number=1, status=CopyStatus.ISSUED, holder=user)
        Issue.objects.create(
            copy=copy,
            document=document,
            recipient=user,
            issued_by=keeper,
            return_due=today + day,
            returned_at=timezone.now() if relation == "held_copy_returned" else None,
        )
    elif relation.startswith("grant") or relation == "valid_grant":
        valid_from, valid_until, ended = today - day, today + day, None
        if relation == "grant_expired":
            valid_from, valid_until = today - 10 * day, today - day
        elif relation == "grant_not_yet_valid":
            valid_from, valid_until = today + day, today + 5 * day
        elif relation == "grant_revoked":
            ended = timezone.now()
        Grant.objects.create(
            document=document, user=user, valid_from=valid_from, valid_until=valid_until, ended_at=ended
        )


ROLE_OF = {
    "records_keeper": roles.RECORDS_KEEPER,
    "confidentiality_officer": roles.CONFIDENTIALITY_OFFICER,
    "other_role_hr_manager": roles.HR_MANAGER,
    "gm": roles.GM,
}


@pytest.mark.parametrize(("level", "clearance", "relation"), list(itertools.product(LEVELS, CLEARANCES, RELATIONS)))
def test_the_one_rule(make_user, level, clearance, relation):
    """Clearance ≥ level AND (on the distribution list OR a valid grant OR records keeper/officer)."""
    keeper = make_user("k", roles=[roles.RECORDS_KEEPER], clearance=SecrecyLevel.TOP_SECRET)
    user = make_user("u", roles=[ROLE_OF[relation]] if relation in ROLE_OF else [], clearance=clearance)
    department = department_create(code="D", name="部门")
    document = Document.objects.create(
        number="N-1",
        title="标题",
        level=level,
        owning_department=department,
        registered_by=keeper,
        declassify_on=timezone.localdate() + datetime.timedelta(days=300),
        status=DocumentStatus.CLASSIFIED,
    )
    Document.objects.create(  # a neighbour the user never relates to
        number="N-2",
        title="别的",
        level=SecrecyLevel.SECRET,
        owning_department=department,
        registered_by=keeper,
        declassify_on=timezone.localdate() + datetime.timedelta(days=300),
        status=DocumentStatus.CLASSIFIED,
    )
    _relate(relation, user, document, keeper)

    expected = clearance >= level and RELATIONS[relation]
    assert can_read_document(user, document) is expected
    visible = set(documents_visible_to(user).values_list("number", flat=True))
    assert ("N-1" in visible) is expected
    keeper_like = relation in ("records_keeper", "confidentiality_officer") and clearance >= SecrecyLevel.SECRET
    assert ("N-2" in visible) is keeper_like


def test_an_inactive_or_anonymous_user_reaches_nothing(make_user):
    from django.contrib.auth.models import AnonymousUser

    keeper = make_user("k", roles=[roles.RECORDS_KEEPER], clearance=SecrecyLevel.TOP_SECRET)
    department = department_create(code="D", name="部门")
    Document.objects.create(
        number="N-1",
        title="标题",
        level=SecrecyLevel.SECRET,
        owning_department=department,
        registered_by=keeper,
        declassify_on=timezone.localdate(),
    )
    assert documents_visible_to(AnonymousUser()).count() == 0
    keeper.is_active = False
    keeper.save()
    assert documents_visible_to(keeper).count() == 0
