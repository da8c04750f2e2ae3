"""Services of offboarding: the resignation as a notice, company separations within the law, the handover, the
last day and the certificate."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from approvals.selectors import latest_request_for
from approvals.services import request_decide
from core.errors import error_codes
from core.policy import PolicyDenied
from employees.models import EmployeeStatus, ProtectedPeriod, ProtectionReason
from employees.signals import employee_separated
from offboarding import policies, services
from offboarding.models import CaseStatus, Party, PostEmploymentTerms, SeparationCase

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _resign(world, *, days=30, **extra) -> SeparationCase:
    return services.resignation_give(
        employee=world.worker,
        by=world.worker_user,
        reason="pay",
        reason_text="另有高就",
        requested_last_day=TODAY() + datetime.timedelta(days=days),
        **extra,
    )


def _acknowledge_all(case, comment="收到"):
    request = latest_request_for(case)
    while request.status == "pending":
        step = request.steps.get(round=request.round, index=request.current_step)
        request = request_decide(request=request, by=step.assigned_to, decision="acknowledge", comment=comment)
    case.refresh_from_db()
    return case


def test_a_notice_computes_the_earliest_day_and_goes_to_the_chain(world):
    case = _resign(world)
    assert case.status == CaseStatus.NOTICE
    assert case.earliest_last_day == TODAY() + datetime.timedelta(days=30)
    assert not case.earlier_by_agreement
    request = latest_request_for(case)
    assert request.applicant == world.worker_user
    assert request.steps.get(index=0).assigned_to == world.prod_head


def test_an_earlier_day_is_recorded_as_agreed(world):
    case = _resign(world, days=10)
    assert case.earlier_by_agreement
    case = _acknowledge_all(case)
    assert case.status == CaseStatus.CONFIRMED and case.last_day == TODAY() + datetime.timedelta(days=10)


def test_probation_and_secrecy_period_set_the_earliest_day(world):
    world.worker.status = EmployeeStatus.PROBATION
    world.worker.save()
    PostEmploymentTerms.objects.create(employee=world.worker, secrecy_notice_months=2, agreed_on=TODAY())
    case = _resign(world, days=5)
    from employees.labour_law import add_months

    assert case.in_probation and case.secrecy_notice_months == 2
    assert case.earliest_last_day == add_months(TODAY(), 2)
    assert case.earlier_by_agreement


def test_nobody_can_reject_a_resignation(world):
    case = _resign(world)
    request = latest_request_for(case)
    with pytest.raises(ValidationError) as caught:
        request_decide(request=request, by=world.prod_head, decision="reject", comment="不同意")
    assert "acknowledgement_only" in error_codes(caught.value)


def test_the_employee_withdraws_before_confirmation(world):
    case = _resign(world)
    request = latest_request_for(case)
    request_decide(request=request, by=world.prod_head, decision="acknowledge", comment="收到")
    case = services.resignation_withdraw(case=case, by=world.worker_user, comment="留下")
    assert case.status == CaseStatus.WITHDRAWN
    assert latest_request_for(case).status == "withdrawn"
    # A new notice is possible afterwards.
    assert _resign(world).status == CaseStatus.NOTICE


def test_withdrawal_is_refused_after_confirmation(world):
    case = _acknowledge_all(_resign(world))
    with pytest.raises(PolicyDenied) as caught:
        services.resignation_withdraw(case=case, by=world.worker_user)
    assert caught.value.code == "already_confirmed"


def test_hr_enters_a_paper_notice_which_the_employee_can_withdraw(world):
    case = services.resignation_give(
        employee=world.worker,
        by=world.hr,
        reason="personal",
        reason_text="书面申请",
        requested_last_day=TODAY() + datetime.timedelta(days=30),
        on_paper=True,
    )
    assert case.on_paper and case.created_by == world.hr
    assert latest_request_for(case).applicant == world.worker_user
    assert case.events.first().action == "paper"
    services.resignation_withdraw(case=case, by=world.worker_user)


def test_one_open_case_per_person(world):
    _resign(world)
    with pytest.raises(PolicyDenied):
        _resign(world)


def test_confirmation_builds_the_handover_from_the_template(world):
    case = _acknowledge_all(_resign(world))
    parties = set(case.handover_items.values_list("party", flat=True))
    assert {Party.WORK, Party.EQUIPMENT, Party.BADGE, Party.FINANCE, Party.IT} <= parties


def _decide(world, **overrides):
    fields = {
        "separation_type": "dismissal",
        "ground": "art40",
        "decided_on": TODAY(),
        "last_day": TODAY() + datetime.timedelta(days=30),
        "pay_in_lieu": False,
        "union_informed_on": TODAY(),
        "monthly_wage": Decimal("8000"),
    }
    fields.update(overrides)
    return services.separation_decide(
        employee=world.worker, by=world.hr, reason_text="不能胜任，调岗后仍不能胜任", **fields
    )


def test_art40_needs_notice_or_pay_in_lieu(world):
    with pytest.raises(ValidationError) as caught:
        _decide(world, last_day=TODAY() + datetime.timedelta(days=10))
    assert "notice_too_short" in error_codes(caught.value)
    case = _decide(world, last_day=TODAY() + datetime.timedelta(days=10), pay_in_lieu=True)
    assert case.status == CaseStatus.CONFIRMED


def test_protected_employee_is_not_dismissed_under_art40_41_nor_not_renewed(world):
    ProtectedPeriod.objects.create(
        employee=world.worker, reason=ProtectionReason.PREGNANCY, start_date=TODAY(), created_by=world.hr
    )
    for overrides in ({"ground": "art40"}, {"ground": "art41"}, {"separation_type": "not_renewed", "ground": ""}):
        with pytest.raises(ValidationError) as caught:
            _decide(world, **overrides)
        assert "protected_employee" in error_codes(caught.value)
    # Misconduct (art. 39) is not barred by art. 42.
    assert _decide(world, ground="art39").status == CaseStatus.CONFIRMED


def test_the_trade_union_is_informed_first(world):
    with pytest.raises(ValidationError) as caught:
        _decide(world, union_informed_on=None)
    assert "union_not_informed" in error_codes(caught.value)
    with pytest.raises(ValidationError) as caught:
        _decide(world, union_informed_on=TODAY() + datetime.timedelta(days=1))
    assert "union_informed_late" in error_codes(caught.value)


def test_compensation_is_computed_where_owed(world):
    case = _decide(world)
    # From 1 March 2022: the months of service decide; one month per year, half under six months.
    from employees.labour_law import compensation

    owed = compensation(hire=world.worker.hire_date, last_day=case.last_day, monthly_wage=Decimal(8000))
    assert case.compensation_amount == owed.amount > 0
    world.worker.refresh_from_db()
    retirement = services.separation_check(
        employee=world.other,
        separation_type="retirement",
        decided_on=TODAY(),
        last_day=TODAY() + datetime.timedelta(days=5),
    )
    assert retirement.compensation_amount is None and not retirement.compensation_owed


def _separated(world):
    case = _acknowledge_all(_resign(world, days=10))
    services.separations_due(case.last_day)
    case.refresh_from_db()
    return case


def test_the_last_day_separates_once(world):
    received = []

    def listener(sender, employee, by, date, **kwargs):
        received.append((employee.pk, date))

    employee_separated.connect(listener)
    try:
        case = _acknowledge_all(_resign(world, days=10))
        assert services.separations_due(case.last_day - datetime.timedelta(days=1)) == []
        assert len(services.separations_due(case.last_day)) == 1
        assert services.separations_due(case.last_day + datetime.timedelta(days=1)) == []
    finally:
        employee_separated.disconnect(listener)
    case.refresh_from_db()
    world.worker.refresh_from_db()
    world.worker_user.refresh_from_db()
    assert received == [(world.worker.pk, case.last_day)]
    assert case.status == CaseStatus.SEPARATED and case.certificate_number
    assert world.worker.status == EmployeeStatus.SEPARATED and world.worker.separated_on == case.last_day
    assert not world.worker_user.is_active
    assert case.file_transfer_due == case.last_day + datetime.timedelta(days=15)


def test_completion_is_blocked_by_open_mandatory_items_but_not_the_certificate(world):
    case = _separated(world)
    assert policies.can_print_certificate(world.hr, case)
    with pytest.raises(ValidationError) as caught:
        services.case_complete(case=case, by=world.hr)
    assert "handover_open" in error_codes(caught.value)
    for item in case.handover_items.filter(mandatory=True):
        by = {Party.WORK: world.prod_head, Party.EQUIPMENT: world.prod_head}.get(item.party, world.hr)
        services.handover_item_done(item=item, by=by, handed_to=world.company.production.head)
    assert services.case_complete(case=case, by=world.hr).status == CaseStatus.COMPLETED


def test_each_party_ticks_only_its_items(world):
    case = _acknowledge_all(_resign(world))
    work = case.handover_items.get(party=Party.WORK)
    it = case.handover_items.get(party=Party.IT)
    assert not policies.can_tick(world.hr, work)
    assert not policies.can_tick(world.qa_head, work)
    assert not policies.can_tick(world.keeper, it)
    assert not policies.can_tick(world.worker_user, it)
    with pytest.raises(ValidationError):
        services.handover_item_done(item=work, by=world.prod_head)  # to whom?
    item = services.handover_item_done(item=work, by=world.prod_head, handed_to=world.company.production.head)
    assert item.done_by == world.prod_head and item.done_at is not None


def test_noncompete_is_validated(world):
    terms = PostEmploymentTerms(employee=world.worker, noncompete=True, agreed_on=TODAY(), noncompete_months=30)
    with pytest.raises(ValidationError) as caught:
        terms.full_clean()
    codes = error_codes(caught.value)
    assert {"noncompete_basis_required", "noncompete_scope_required", "noncompete_too_long"} <= codes
    assert "noncompete_compensation_required" in codes


def test_noncompete_enforced_at_exit_has_an_end(world):
    PostEmploymentTerms.objects.create(
        employee=world.worker,
        noncompete=True,
        noncompete_basis="technical",
        noncompete_scope="汽车零部件，华东",
        noncompete_months=12,
        noncompete_monthly_compensation=Decimal("3000"),
        agreed_on=datetime.date(2022, 3, 1),
    )
    case = _acknowledge_all(_resign(world))
    case = services.noncompete_decide(case=case, by=world.hr, decision="enforce")
    from employees.labour_law import add_months

    assert case.noncompete_end == add_months(case.last_day, 12)


def test_rehire_flag_is_found_by_id_number(world):
    from offboarding.selectors import rehire_block

    case = _separated(world)
    with pytest.raises(ValidationError):
        services.rehire_mark(case=case, by=world.hr, not_eligible=True, note="")
    services.rehire_mark(case=case, by=world.hr, not_eligible=True, note="严重违纪")
    assert rehire_block(world.worker.id_number.lower()) == case


def test_exit_interview_once_by_hr_or_head(world):
    case = _acknowledge_all(_resign(world))
    with pytest.raises(PolicyDenied):
        services.exit_interview_record(
            case=case, by=world.qa_head, held_on=TODAY(), main_reason="pay", would_rejoin="yes"
        )
    services.exit_interview_record(
        case=case, by=world.prod_head, held_on=TODAY(), main_reason="pay", would_rejoin="yes"
    )
    with pytest.raises(PolicyDenied):
        services.exit_interview_record(case=case, by=world.hr, held_on=TODAY(), main_reason="pay", would_rejoin="no")
