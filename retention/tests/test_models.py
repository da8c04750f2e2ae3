import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from core.errors import error_codes
from retention.models import RecordType, RetentionAction, RetentionPolicy

pytestmark = pytest.mark.django_db


def test_the_table_has_a_default_for_every_record_type_in_chinese():
    table = {p.record_type: p for p in RetentionPolicy.objects.all()}
    assert set(table) == set(RecordType.values)
    assert table[RecordType.CANDIDATES].months == 12
    assert table[RecordType.CANDIDATES].name == "未录用候选人"
    assert table[RecordType.SEPARATED_FILES].months >= 24
    assert table[RecordType.NOTIFICATIONS].months == 12
    assert table[RecordType.ACCESS_LOGS].action == RetentionAction.LIST_ONLY


def test_separated_employees_files_cannot_be_kept_shorter_than_the_law_says():
    """LCL art. 50: contracts of separated employees are kept at least two years."""
    policy = RetentionPolicy.objects.get(record_type=RecordType.SEPARATED_FILES)
    policy.months = 23
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        policy.full_clean()
    assert "retention_below_legal_minimum" in error_codes(excinfo.value)
    with translation.override("en"):
        assert "Labour Contract Law art. 50" in str(excinfo.value)
    policy.months = 24
    policy.full_clean()


def test_other_record_types_may_be_shortened():
    policy = RetentionPolicy.objects.get(record_type=RecordType.NOTIFICATIONS)
    policy.months = 6
    policy.full_clean()
    policy.months = 0
    with pytest.raises(ValidationError) as excinfo:
        policy.full_clean()
    assert "retention_too_short" in error_codes(excinfo.value)


def test_an_administrator_edits_the_table_in_the_admin_and_is_refused_below_the_minimum(client, make_user):
    admin = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    policy = RetentionPolicy.objects.get(record_type=RecordType.SEPARATED_FILES)
    url = f"/admin/retention/retentionpolicy/{policy.pk}/change/"
    data = {"name": policy.name, "months": 12, "counted_from": policy.counted_from, "basis": policy.basis}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "art. 50" in response.content.decode()
    policy.refresh_from_db()
    assert policy.months == 24
    response = client.post(url, {**data, "months": 30})
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.months == 30


def test_staff_without_the_administrator_role_only_read_the_table(client, make_user):
    clerk = make_user("clerk", roles=["hr_manager"], is_staff=True)
    client.force_login(clerk)
    policy = RetentionPolicy.objects.get(record_type=RecordType.NOTIFICATIONS)
    response = client.post(
        f"/admin/retention/retentionpolicy/{policy.pk}/change/",
        {"name": policy.name, "months": 1, "counted_from": policy.counted_from, "basis": ""},
    )
    assert response.status_code == 403
    policy.refresh_from_db()
    assert policy.months == 12
