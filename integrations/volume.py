"""Volume data for integrations: the lifecycle webhook log (WebhookDelivery) of the company's other systems.

The payroll system listens since PAYROLL_YEARS ago (hired, converted, transferred, separated), access control
since ACCESS_YEARS ago (hired, separated). Every lifecycle event of the history after an endpoint's start —
hires, conversions (the "试用期满转正" salary entries), job changes in effect, separations — has one delivery per
endpoint with the payload the receivers would have built (payloads.employee: no salary, ID number or phone).
Most went through at once, some after retries; a few failed, and HR replayed about half of those (the replay
is its own delivery, pointing at the failed one). The endpoints are stored disabled, at addresses that do not
resolve. Uses ctx.made["employees.employees"]; bulk inserts, created_at set afterwards with bulk_update.
Being the last generator, it also writes the messenger delivery log (notifications.volume.messenger_log).
"""

import datetime
import uuid

from django.conf import settings
from django.utils import timezone

from core.crypto import encrypt
from core.seeding import VolumeContext, add_years
from employees.models import Employee, JobChange, JobChangeStatus, SalaryChange
from notifications import volume as notifications_volume

from . import payloads
from .models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint

PAYROLL_YEARS = 6
ACCESS_YEARS = 3
CONVERSION_REASON = "试用期满转正"
ERRORS = [
    "payroll.example.invalid: HTTP 502",
    "payroll.example.invalid: HTTP 500",
    "payroll.example.invalid: timed out",
    "access.example.invalid: [Errno 111] Connection refused",
]


def _aware(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _envelope(event_id, event: str, at: datetime.datetime, data: dict) -> dict:
    return {**payloads.envelope(event_id=event_id, event=event, data=data), "occurred_at": at.isoformat()}


def _lifecycle_events(ctx: VolumeContext, since: datetime.date) -> list[tuple[datetime.date, str, dict]]:
    """(day, event, data) of every lifecycle change on or after ``since``, oldest first."""
    ids = [e.pk for e in ctx.made.get("employees.employees", [])]
    people = Employee.objects.filter(pk__in=ids).select_related("department", "position", "user")
    people = {e.pk: e for e in people.iterator(chunk_size=ctx.batch_size)}
    events = []
    for employee in people.values():
        if employee.hire_date and since <= employee.hire_date <= ctx.today:
            data = {"employee": payloads.employee(employee), "start_date": employee.hire_date.isoformat()}
            events.append((employee.hire_date, Event.HIRED, data))
        if employee.separated_on and since <= employee.separated_on <= ctx.today:
            data = {"employee": payloads.employee(employee), "last_working_day": employee.separated_on.isoformat()}
            events.append((employee.separated_on, Event.SEPARATED, data))
    conversions = SalaryChange.objects.filter(
        employee_id__in=ids, reason=CONVERSION_REASON, effective_date__gte=since, effective_date__lte=ctx.today
    ).values_list("employee_id", "effective_date")
    for employee_id, day in conversions:
        data = {"employee": payloads.employee(people[employee_id]), "regular_from": day.isoformat(), "how": "converted"}
        events.append((day, Event.CONVERTED, data))
    changes = JobChange.objects.filter(
        employee_id__in=ids, status=JobChangeStatus.EFFECTIVE, effective_date__gte=since, effective_date__lte=ctx.today
    ).select_related("from_department", "from_position", "to_department", "to_position")
    for change in changes:
        data = {
            "employee": payloads.employee(people[change.employee_id]),
            "kind": change.kind,
            "effective_date": change.effective_date.isoformat(),
            "from": {
                "department": payloads._department(change.from_department),
                "position": payloads._position(change.from_position),
            },
            "to": {
                "department": payloads._department(change.to_department),
                "position": payloads._position(change.to_position),
            },
        }
        events.append((change.effective_date, Event.TRANSFERRED, data))
    events.sort(key=lambda item: (item[0], item[1]))
    return events


def generate(ctx: VolumeContext) -> None:
    # The messenger log covers every app's notifications: this is the last generator, so it is written here.
    notifications_volume.messenger_log(ctx)
    rng = ctx.rng
    if not ctx.made.get("employees.employees"):
        return
    payroll_from = add_years(ctx.today, -PAYROLL_YEARS)
    access_from = add_years(ctx.today, -ACCESS_YEARS)
    plan = [
        ("工资系统（数据量）", "https://payroll.example.invalid/hrms", payroll_from, []),
        ("门禁系统（数据量）", "https://access.example.invalid/hook", access_from, [Event.HIRED, Event.SEPARATED]),
    ]
    endpoints = ctx.bulk_create(
        WebhookEndpoint,
        [
            WebhookEndpoint(
                name=name, url=url, secret_encrypted=encrypt("volume-not-a-secret"), events=events, enabled=False
            )
            for name, url, _start, events in plan
        ],
    )
    for endpoint, (_name, _url, start, _events) in zip(endpoints, plan, strict=True):
        endpoint.created_at = _aware(start, 9)
    WebhookEndpoint.objects.bulk_update(endpoints, ["created_at"])

    max_attempts = settings.HRMS_DELIVERY_MAX_ATTEMPTS
    deliveries, moments = [], []
    for day, event, data in _lifecycle_events(ctx, payroll_from):
        at = _aware(day, rng.randint(8, 18), rng.randint(0, 59))
        event_id = uuid.uuid4()
        payload = _envelope(event_id, event, at, data)
        for endpoint, (_name, _url, start, events) in zip(endpoints, plan, strict=True):
            if day < start or (events and event not in events):
                continue
            roll = rng.random()
            if day == ctx.today and roll < 0.2:
                status, attempts, error, sent_at = DeliveryStatus.RETRYING, 1, rng.choice(ERRORS), None
            elif roll < 0.01:
                status, attempts, error, sent_at = DeliveryStatus.FAILED, max_attempts, rng.choice(ERRORS), None
            elif roll < 0.05:
                attempts = rng.randint(2, max_attempts)
                status, error = DeliveryStatus.SENT, ""
                sent_at = at + datetime.timedelta(seconds=60 * (2 ** (attempts - 1) - 1) + rng.randint(1, 5))
            else:
                status, attempts, error = DeliveryStatus.SENT, 1, ""
                sent_at = at + datetime.timedelta(milliseconds=rng.randint(80, 900))
            deliveries.append(
                WebhookDelivery(
                    endpoint=endpoint,
                    event_id=event_id,
                    event=event,
                    payload=payload,
                    status=status,
                    attempts=attempts,
                    error=error,
                    sent_at=sent_at,
                )
            )
            moments.append(at)
    deliveries = ctx.bulk_create(WebhookDelivery, deliveries)
    for delivery, at in zip(deliveries, moments, strict=True):
        delivery.created_at = at

    # HR replayed about half of the failed deliveries the next working morning; the replay went through.
    replays, replay_moments = [], []
    for delivery in deliveries:
        if delivery.status != DeliveryStatus.FAILED or rng.random() < 0.5:
            continue
        at = delivery.created_at + datetime.timedelta(days=1, hours=rng.randint(0, 3))
        if at.date() > ctx.today:
            continue
        replays.append(
            WebhookDelivery(
                endpoint=delivery.endpoint,
                event_id=delivery.event_id,
                event=delivery.event,
                payload=delivery.payload,
                status=DeliveryStatus.SENT,
                attempts=1,
                replay_of=delivery,
                sent_at=at + datetime.timedelta(milliseconds=rng.randint(80, 900)),
            )
        )
        replay_moments.append(at)
    replays = ctx.bulk_create(WebhookDelivery, replays)
    for delivery, at in zip(replays, replay_moments, strict=True):
        delivery.created_at = at
    WebhookDelivery.objects.bulk_update(deliveries + replays, ["created_at"], batch_size=ctx.batch_size)
    ctx.log(f"  webhook deliveries: {len(deliveries) + len(replays)}")
