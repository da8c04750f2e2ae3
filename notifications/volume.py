"""Volume data for notifications: the inbox's reminders over ten years and, since the company connected its
messengers, the messenger delivery log (ChannelDelivery).

generate(): department heads and HR receive about NOTICES_PER_EMPLOYEE_YEAR reminders and notices per employee per
year (probation and contract reminders, new hires, training invitations …) besides the approval notices, which
come with the approval trails (approvals.seeding); older ones are read, a few recent ones are not.
messenger_log(): the messengers came later — a company-wide WeCom robot MESSENGER_YEARS ago, WeCom work notices a
year after it, a DingTalk robot for the largest department, Feishu work notices last. The channels are stored
disabled, at addresses that do not resolve, so a benchmark run never calls out. Every notification a channel
covers from its start (approval notices included) has one delivery: most sent at the first attempt, some after
retries, a few failed with the provider's answer, the newest still retrying. It runs from integrations.volume,
the last generator, so that every app's notifications are in (generators run in INSTALLED_APPS order).
Uses ctx.made["employees.employees"] and ["employees.head_users"]; bulk inserts, the notifications' created_at set
afterwards with bulk_update (as recruitment.volume does) and copied to their deliveries by one UPDATE; a constant
number of queries per batch.
"""

import datetime
from collections import Counter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from core import roles
from core.crypto import encrypt
from core.seeding import VolumeContext, add_years
from employees.models import Employee
from org.models import Department

from .models import ChannelDelivery, DeliveryStatus, MessengerAccount, MessengerChannel, Notification, Provider

NOTICES_PER_EMPLOYEE_YEAR = 0.5
MESSENGER_YEARS = 4
UNREAD_DAYS = 21
# (kind, title pattern, share): the reminders and notices heads and HR get besides approvals (those come with the
# approval trails, approvals.seeding).
KINDS = [
    ("onboarding.probation_ending", "试用期即将届满：{name}（{date}）", 0.22),
    ("employees.contract_expiring", "劳动合同即将到期：{name}（{date}）", 0.22),
    ("onboarding.case_started", "本部门新员工入职：{name}", 0.18),
    ("training.invited", "培训邀请：三级安全教育（{date}）", 0.14),
    ("recruitment.interview", "面试安排：{name}，{date} 10:00", 0.12),
    ("employees.job_change_effective", "员工变动已生效：{name}", 0.12),
]
ERRORS = {
    Provider.WECOM_ROBOT: ["qyapi.weixin.qq.com: 45009 api freq out of limit", "qyapi.weixin.qq.com: HTTP 502"],
    Provider.WECOM_APP: ["qyapi.weixin.qq.com: 60111 userid not found", "qyapi.weixin.qq.com: timed out"],
    Provider.DINGTALK_ROBOT: ["oapi.dingtalk.com: 310000 sign not match", "oapi.dingtalk.com: HTTP 503"],
    Provider.FEISHU_APP: ["open.feishu.cn: 99991663 Invalid access token", "open.feishu.cn: 230013 no availability"],
}


def _aware(moment: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def generate(ctx: VolumeContext) -> None:
    rng = ctx.rng
    employees = ctx.made.get("employees.employees", [])
    User = get_user_model()
    heads = list(ctx.made.get("employees.head_users", []))
    hr = list(User.objects.filter(groups__name=roles.HR, is_active=True).order_by("pk"))
    recipients = heads + hr
    if not employees or not recipients:
        return
    first = datetime.datetime.combine(ctx.start, datetime.time(8))
    span = (datetime.datetime.combine(ctx.today, datetime.time(18)) - first).total_seconds()
    count = int(len(employees) * ctx.years * NOTICES_PER_EMPLOYEE_YEAR)
    weights = [share for _kind, _title, share in KINDS]
    unread_from = _aware(datetime.datetime.combine(ctx.today - datetime.timedelta(days=UNREAD_DAYS), datetime.time()))

    notifications, moments = [], []
    for at in sorted(first + datetime.timedelta(seconds=rng.uniform(0, span)) for _ in range(count)):
        at = _aware(at)
        kind, title, _share = rng.choices(KINDS, weights=weights)[0]
        about = rng.choice(employees)
        # Heads get most of it (their department's reminders), HR the rest.
        recipient = rng.choice(heads) if heads and rng.random() < 0.7 else rng.choice(hr or heads)
        read_at = None
        if at < unread_from or rng.random() < 0.4:
            read_at = at + datetime.timedelta(minutes=rng.randint(2, 60 * 48))
        due = (at + datetime.timedelta(days=rng.randint(3, 30))).date()
        notifications.append(
            Notification(
                recipient=recipient,
                kind=kind,
                title=title.format(name=about.name, date=f"{due:%Y-%m-%d}"),
                url=f"/employees/{about.pk}/",
                read_at=read_at,
            )
        )
        moments.append(at)
    notifications = ctx.bulk_create(Notification, notifications)
    for notification, at in zip(notifications, moments, strict=True):
        notification.created_at = at
    Notification.objects.bulk_update(notifications, ["created_at"], batch_size=ctx.batch_size)
    ctx.log(f"  reminder notifications: {len(notifications)}")


def messenger_log(ctx: VolumeContext) -> None:
    """The messenger channels, the recipients' messenger accounts and a delivery for every notification a channel
    covers from its start. Called by integrations.volume, the last generator, when every app's notifications (the
    approval trails' included) are in."""
    rng = ctx.rng_for("notifications.messengers")
    since = add_years(ctx.today, -MESSENGER_YEARS)
    since_at = _aware(datetime.datetime.combine(since, datetime.time()))
    notices = list(
        Notification.objects.filter(created_at__gte=since_at)
        .order_by("created_at", "pk")
        .values_list("pk", "recipient_id", "created_at")
    )
    if not notices:
        return
    recipient_ids = {recipient_id for _pk, recipient_id, _at in notices}
    usernames = dict(get_user_model().objects.filter(pk__in=recipient_ids).values_list("pk", "username"))
    paths = dict(Employee.objects.filter(user_id__in=recipient_ids).values_list("user_id", "department__path"))
    sizes = Counter(e.department_id for e in ctx.made.get("employees.employees", []) if e.department_id)
    largest = None
    if sizes:
        department = Department.objects.get(pk=sizes.most_common(1)[0][0])
        largest = (department.path, department.pk)
    plan = [
        ("全公司企业微信群", Provider.WECOM_ROBOT, since, None),
        ("企业微信工作通知", Provider.WECOM_APP, add_years(since, 1), None),
        ("飞书工作通知", Provider.FEISHU_APP, add_years(ctx.today, -1), None),
    ]
    if largest:
        plan.append(("钉钉部门群", Provider.DINGTALK_ROBOT, add_years(since, 2), largest))
    channels = []
    for name, provider, _start, department in plan:
        is_robot = provider in (Provider.WECOM_ROBOT, Provider.DINGTALK_ROBOT)
        channels.append(
            MessengerChannel(
                name=f"{name}（数据量）",
                provider=provider,
                department_id=department[1] if department else None,
                enabled=False,
                webhook_url_encrypted=encrypt(f"https://{provider}.hook.invalid/send?key=volume") if is_robot else "",
                secret_encrypted=encrypt("volume-not-a-secret"),
                app_key="" if is_robot else "volume-app",
                agent_id="1000002" if provider == Provider.WECOM_APP else "",
                api_base="" if is_robot else f"https://{provider}.api.invalid",
            )
        )
    channels = ctx.bulk_create(MessengerChannel, channels)
    for channel, (_name, _provider, start, _department) in zip(channels, plan, strict=True):
        channel.created_at = _aware(datetime.datetime.combine(start, datetime.time(9)))
    MessengerChannel.objects.bulk_update(channels, ["created_at"])

    # Nine in ten recipients linked their WeCom and Feishu accounts.
    accounts = [
        MessengerAccount(user_id=user_id, provider=provider, external_id=usernames[user_id])
        for user_id in sorted(recipient_ids)
        for provider in (Provider.WECOM_APP, Provider.FEISHU_APP)
        if rng.random() < 0.9
    ]
    linked = {(a.user_id, a.provider) for a in ctx.bulk_create(MessengerAccount, accounts)}

    max_attempts = settings.HRMS_DELIVERY_MAX_ATTEMPTS
    last_day = _aware(datetime.datetime.combine(ctx.today, datetime.time()))
    deliveries = []
    for notification_id, recipient_id, at in notices:
        path = paths.get(recipient_id) or ""
        for channel, (_name, provider, _start, department) in zip(channels, plan, strict=True):
            if at < channel.created_at:
                continue
            if department and not path.startswith(department[0]):
                continue
            if channel.is_personal and (recipient_id, provider) not in linked:
                continue
            roll = rng.random()
            if at >= last_day and roll < 0.3:
                status, attempts, error, sent_at = DeliveryStatus.RETRYING, 1, rng.choice(ERRORS[provider]), None
            elif roll < 0.012:
                status, attempts, error, sent_at = (
                    DeliveryStatus.FAILED,
                    max_attempts,
                    rng.choice(ERRORS[provider]),
                    None,
                )
            elif roll < 0.04:
                attempts = rng.randint(2, max_attempts)
                sent_at = at + datetime.timedelta(seconds=60 * (2 ** (attempts - 1) - 1) + rng.randint(1, 5))
                status, error = DeliveryStatus.SENT, ""
            else:
                status, attempts, error = DeliveryStatus.SENT, 1, ""
                sent_at = at + datetime.timedelta(seconds=rng.randint(1, 4))
            deliveries.append(
                ChannelDelivery(
                    channel=channel,
                    notification_id=notification_id,
                    status=status,
                    attempts=attempts,
                    error=error,
                    sent_at=sent_at,
                )
            )
    deliveries = ctx.bulk_create(ChannelDelivery, deliveries)
    # A delivery is logged when its notification is made: one UPDATE copies the time over.
    ChannelDelivery.objects.filter(channel__in=channels).update(
        created_at=Subquery(Notification.objects.filter(pk=OuterRef("notification_id")).values("created_at")[:1])
    )
    ctx.log(f"  messenger deliveries: {len(deliveries)}")
