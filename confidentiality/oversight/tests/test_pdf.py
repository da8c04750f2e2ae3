"""The printed forms: the Chinese form name, an embedded CJK font, the content, the secrecy mark and the statement
that HR must confirm the legal basis of a penalty; every print in the access log."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from confidentiality.oversight import services
from core.security import SecrecyLevel
from printing.tests.conftest import Poppler, requires_poppler

from .conftest import held_meeting_with_handouts

pytestmark = pytest.mark.django_db


@pytest.fixture
def poppler() -> Poppler:
    requires_poppler()
    return Poppler()


def _fetch(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content) if response.streaming else response.content


def _embedded(poppler, pdf):
    fonts = poppler.fonts(pdf)
    assert fonts and all(font.embedded for font in fonts)


def test_the_handout_register(people, meeting, login, poppler):
    handouts = held_meeting_with_handouts(people, meeting)
    services.handout_collect(handout=handouts[0], by=people.keeper)
    pdf = _fetch(login(people.manager), reverse("confidentiality_oversight:handout_register_pdf", args=[meeting.pk]))
    _embedded(poppler, pdf)
    text = poppler.text(pdf)
    assert "会议资料发放登记表" in text and meeting.number in text and "秘密" in text
    assert f"{meeting.number}-01" in text and f"{meeting.number}-02" in text and "未收回" in text
    assert LogEntry.objects.filter(object_pk=str(meeting.pk), action=LogEntry.Action.ACCESS).exists()


def test_the_inspection_record(people, login, poppler):
    today = timezone.localdate()
    inspection = services.inspection_plan(
        by=people.officer,
        kind="holiday",
        holiday="spring_festival",
        planned_on=today,
        departments=[people.department],
        inspectors=[people.keeper],
    )
    services.inspection_record(inspection=inspection, by=people.keeper, done_on=today, findings="保密柜钥匙未专人保管")
    services.action_add(
        inspection=inspection,
        by=people.keeper,
        department=people.department,
        finding="钥匙",
        action="指定专人保管钥匙",
        owner=people.manager,
        due_on=today - datetime.timedelta(days=1),
    )
    pdf = _fetch(login(people.officer), reverse("confidentiality_oversight:inspection_pdf", args=[inspection.pk]))
    _embedded(poppler, pdf)
    text = poppler.text(pdf)
    assert "保密检查记录表" in text and "生产部" in text and "指定专人保管钥匙" in text and "逾期未整改" in text


def test_the_incident_record_says_hr_must_confirm_the_legal_basis(people, login, poppler):
    incident = services.incident_report(by=people.cleared, found_on=timezone.localdate(), what="配置表外传")
    services.incident_investigate(
        incident=incident,
        by=people.officer,
        level=SecrecyLevel.CONFIDENTIAL,
        investigation="查明",
        remedial_actions="收回",
        loss=None,
    )
    services.responsibility_record(
        incident=incident,
        by=people.officer,
        person=people.uncleared,
        severity="serious",
        penalty=Decimal("2000"),
        dismissal=True,
    )
    pdf = _fetch(login(people.gm), reverse("confidentiality_oversight:incident_pdf", args=[incident.pk]))
    _embedded(poppler, pdf)
    text = poppler.text(pdf)
    assert "泄密事件处理记录表" in text and incident.number in text and "2000" in text and "机密" in text
    assert "不从工资中扣除" in text and "确认法律依据" in text
