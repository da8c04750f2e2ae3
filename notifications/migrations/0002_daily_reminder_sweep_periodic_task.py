"""The daily reminder sweep as a database periodic task, so an administrator can change its time in the admin."""

from django.db import migrations

TASK_NAME = "daily reminder sweep"
TASK = "notifications.tasks.run_reminder_sweeps"
CRONTAB = {
    "minute": "0",
    "hour": "8",
    "day_of_week": "*",
    "day_of_month": "*",
    "month_of_year": "*",
    "timezone": "Asia/Shanghai",
}


def create_periodic_task(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    schedule = CrontabSchedule.objects.filter(**CRONTAB).first() or CrontabSchedule.objects.create(**CRONTAB)
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={
            "task": TASK,
            "crontab": schedule,
            "description": "Every app's reminder sweep (notifications/reminders.py); idempotent, safe to rerun.",
        },
    )
    _bump_beat(PeriodicTasks)


def delete_periodic_task(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    PeriodicTask.objects.filter(name=TASK_NAME, task=TASK).delete()
    CrontabSchedule.objects.filter(**CRONTAB, periodictask__isnull=True).delete()
    _bump_beat(PeriodicTasks)


def _bump_beat(PeriodicTasks):
    # A running beat re-reads its schedule when this timestamp changes (the model's save() would do it).
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_notification_optout_reminder_delivery"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_periodic_task, delete_periodic_task)]
