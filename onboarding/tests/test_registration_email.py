"""The registration link by e-mail: HR ticks "send by e-mail" when making the link, the new hire gets it with its
expiry, the link records where and when; a resend is a new link; the token stays out of logs and history."""

import datetime
import logging
import re

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from core.policy import PolicyDenied
from employees.models import Employee
from onboarding import policies, services
from onboarding.models import CaseEvent, OnboardingCase, RegistrationLink

pytestmark = pytest.mark.django_db

ADDRESS = "wu.haifeng@example.com"


@pytest.fixture
def case(start_case):
    return start_case(days_ago=-7, email=ADDRESS)


def _send(client, case, **data):
    return client.post(reverse("onboarding:registration_send", args=[case.pk]), data)


def _link_in(message) -> str:
    return re.search(r"https?://\S+/onboarding/register/[\w-]+/", message.body).group(0)


def test_hr_emails_the_link_and_the_new_hire_opens_the_registration_page_from_it(
    company, case, login, client, django_capture_on_commit_callbacks, settings
):
    settings.HRMS_SITE_URL = "https://hr.example.com"
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(login(company.hr), case, email="1")
    assert response.status_code == 200 and 'id="registration-emailed"' in response.content.decode()

    (message,) = mail.outbox
    assert message.to == [ADDRESS]
    url = _link_in(message)
    assert url.startswith("https://hr.example.com/onboarding/register/")
    link = RegistrationLink.objects.get()
    until = timezone.localtime(link.expires_at)
    assert f"{until:%Y-%m-%d %H:%M}" in message.body
    assert case.employee.name in message.body
    assert (link.emailed_to, link.emailed_at is not None) == (ADDRESS, True)

    client.logout()
    page = client.get(url.removeprefix("https://hr.example.com"))
    assert page.status_code == 200 and 'id="registration-form"' in page.content.decode()


def test_the_email_is_in_the_sites_language_whatever_hrs_page_is_in(
    company, case, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "en"
    with translation.override("zh-hans"), django_capture_on_commit_callbacks(execute=True):
        services.registration_link_send(case=case, by=company.hr, email=True)
    assert "Dear" in mail.outbox[0].body


def test_without_ticking_email_nothing_is_mailed(company, case, login, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert _send(login(company.hr), case).status_code == 200
    link = RegistrationLink.objects.get()
    assert mail.outbox == [] and link.emailed_to == "" and link.emailed_at is None


def test_resending_makes_a_new_link_and_the_old_one_stops_working(
    company, case, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first, _token = services.registration_link_send(case=case, by=company.hr, email=True)
        second, _token = services.registration_link_send(case=case, by=company.hr, email=True)
    old_url, new_url = (_link_in(m) for m in mail.outbox)
    assert old_url != new_url and first.pk != second.pk
    first.refresh_from_db()
    assert first.status == RegistrationLink.Status.REVOKED
    path = "/" + old_url.split("/", 3)[3]
    assert client.get(path).status_code == 404
    assert client.get("/" + new_url.split("/", 3)[3]).status_code == 200


def test_an_emailed_link_that_expired_or_was_used_is_still_refused(
    company, case, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        link, token = services.registration_link_send(case=case, by=company.hr, email=True)
    path = "/" + _link_in(mail.outbox[0]).split("/", 3)[3]
    RegistrationLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(path).status_code == 410

    RegistrationLink.objects.filter(pk=link.pk).update(
        expires_at=timezone.now() + datetime.timedelta(days=1), status=RegistrationLink.Status.SUBMITTED
    )
    used = client.get(path)
    assert used.status_code == 410 and 'data-state="used"' in used.content.decode()


def test_a_link_is_emailed_once(company, case):
    """There is no path that mails an existing link again; the one mailing step refuses a link already mailed."""
    link, token = services.registration_link_send(case=case, by=company.hr, email=True)
    with pytest.raises(ValidationError) as refused:
        services.registration._registration_link_email(link=link, token=token, to=ADDRESS, by=company.hr)
    assert refused.value.code == "registration_link_already_emailed"


@pytest.mark.parametrize("who", ["prod_head", "outsider", "qa_head", "gm"])
def test_only_hr_emails_a_registration_link(company, case, login, who, django_capture_on_commit_callbacks):
    user = getattr(company, who)
    assert not policies.can_email_registration_link(user, case)
    with django_capture_on_commit_callbacks(execute=True):
        assert _send(login(user), case, email="1").status_code in (403, 404)
    with pytest.raises(PolicyDenied):
        services.registration_link_send(case=case, by=user, email=True)
    assert mail.outbox == [] and not RegistrationLink.objects.exists()


def test_hr_may_not_email_on_its_own_case(company, start_case):
    case = start_case(days_ago=-7, email=ADDRESS, user=company.hr_plain)
    assert policies.can_email_registration_link(company.hr_plain, case).code == "own_case"


def test_no_email_address_gets_a_clear_message_and_no_link(company, start_case, login):
    case = start_case(days_ago=-7)
    assert policies.can_email_registration_link(company.hr, case).code == "no_email"
    client = login(company.hr)
    client.cookies["django_language"] = "en"
    review = client.get(reverse("onboarding:registration_review", args=[case.pk])).content.decode()
    assert 'id="registration-no-email"' in review and 'name="email"' not in review

    response = _send(client, case, email="1")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "has no e-mail address" in page
    assert not RegistrationLink.objects.exists() and mail.outbox == []
    with pytest.raises(PolicyDenied):
        services.registration_link_send(case=case, by=company.hr, email=True)


def test_the_candidates_address_is_used_when_the_employee_record_has_none(
    make_user, django_capture_on_commit_callbacks
):
    from onboarding.tests.test_integration import _accepted_offer
    from recruitment.models import Candidate
    from recruitment.tests.factories import build_company

    company = build_company(make_user)
    offer = _accepted_offer(company)
    Employee.objects.filter(pk=offer.employee_id).update(email="")
    Candidate.objects.filter(pk=offer.application.candidate_id).update(email="candidate@example.com")
    case = OnboardingCase.objects.get(offer=offer)
    with django_capture_on_commit_callbacks(execute=True):
        link, _token = services.registration_link_send(case=case, by=company.hr, email=True)
    assert mail.outbox[0].to == ["candidate@example.com"] and link.emailed_to == "candidate@example.com"


def test_the_token_is_never_in_the_logs_the_history_or_the_audit_trail(
    company, case, login, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        body = _send(login(company.hr), case, email="1").content.decode()
    token = re.search(r"/onboarding/register/([\w-]+)/", body).group(1)
    assert token in mail.outbox[0].body
    assert token not in caplog.text
    for entry in LogEntry.objects.all():
        assert token not in str(entry.changes) and token not in entry.object_repr
    for event in CaseEvent.objects.filter(case=case):
        assert token not in event.comment
    event = CaseEvent.objects.filter(case=case, action=CaseEvent.Action.REGISTRATION_SENT).get()
    assert event.comment and ADDRESS not in event.comment


def test_the_case_page_shows_where_and_when_the_link_was_emailed(
    company, case, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        link, _token = services.registration_link_send(case=case, by=company.hr, email=True)
    client = login(company.hr)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'id="registration-link-state"' in page and ADDRESS in page
    assert f"{timezone.localtime(link.emailed_at):%Y-%m-%d %H:%M}" in page
    review = client.get(reverse("onboarding:registration_review", args=[case.pk])).content.decode()
    assert 'id="registration-emailed"' in review and ADDRESS in review
    # Not shown to the department head, who does not handle the registration.
    assert ADDRESS not in login(company.prod_head).get(case.get_absolute_url()).content.decode()
