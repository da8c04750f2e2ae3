import datetime
import importlib.util
import sys

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications import reminders
from notifications.models import Notification

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 3, 10)


def test_run_all_imports_every_apps_reminders_module(monkeypatch):
    """run_all autodiscovers <app>.reminders of every installed app (approvals' sweeps included)."""
    monkeypatch.setattr(reminders, "_discovered", False)
    reminders.registered_sweeps()
    for config in apps.get_app_configs():
        if importlib.util.find_spec(f"{config.name}.reminders") is not None:
            assert f"{config.name}.reminders" in sys.modules


def test_same_sweep_twice_sends_one_notification_and_one_email(
    only_test_sweep, make_user, django_capture_on_commit_callbacks
):
    """Running the day's sweeps twice sends each reminder once."""
    make_user("alice", email="alice@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.run_all(DAY) == {only_test_sweep: 1}
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.run_all(DAY) == {only_test_sweep: 0}
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_sweep_query_count_is_constant(only_test_sweep, make_user, django_capture_on_commit_callbacks):
    """A sweep over 3 or 30 objects runs the same number of queries."""
    for i in range(30):
        make_user(f"u{i:02d}", email=f"u{i}@example.com" if i < 3 else "")
    reminders.run_all(DAY - datetime.timedelta(days=1))  # warm the content-type cache

    def count(day):
        with CaptureQueriesContext(connection) as ctx, django_capture_on_commit_callbacks(execute=True):
            reminders.run_all(day)
        return len(ctx.captured_queries)

    few = count(DAY)
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(email="").update(email="x@example.com")
    many = count(DAY + datetime.timedelta(days=1))
    assert Notification.objects.filter(created_at__isnull=False).count() == 3 + 3 + 30
    assert few == many


def test_a_failing_sweep_does_not_stop_the_others(only_test_sweep, make_user, monkeypatch):
    """When one sweep raises, the others still run; the failure is reported with their counts."""
    make_user("alice", email="alice@example.com")

    @reminders.reminder("test.broken")
    def broken(today):
        raise RuntimeError("boom")

    with pytest.raises(reminders.SweepsFailed) as excinfo:
        reminders.run_all(DAY)
    assert excinfo.value.failed == ["test.broken"]
    assert excinfo.value.counts == {only_test_sweep: 1}
    assert Notification.objects.count() == 1


def test_reminder_decorator_registers_the_kind_label(monkeypatch):
    """A sweep registered with a label shows up on the e-mail preferences page under that label."""
    from notifications import kinds

    monkeypatch.setattr(reminders, "_sweeps", {})
    monkeypatch.setattr(kinds, "_registry", dict(kinds._registry))
    reminders.reminder("test.labelled", label="Labelled kind")(lambda today: 0)
    assert kinds.label_for("test.labelled") == "Labelled kind"
