import io

import pytest
from django.core.management import CommandError, call_command

from notifications import reminders
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_send_reminders_prints_counts_per_kind_and_is_safe_to_rerun(only_test_sweep, make_user):
    """The cron command runs the sweeps in-process, prints the counts, and a rerun sends nothing new."""
    make_user("alice", email="alice@example.com")
    make_user("bob", email="bob@example.com")
    first = run("--date", "2025-03-10")
    assert "2025-03-10" in first
    assert f"{only_test_sweep}: 2" in first
    assert "Total new reminders: 2" in first
    second = run("--date", "2025-03-10")
    assert f"{only_test_sweep}: 0" in second
    assert Notification.objects.count() == 2


def test_send_reminders_rejects_a_bad_date(only_test_sweep):
    """A malformed --date is a clear error, not a traceback."""
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--date", "10/03/2025")


def test_send_reminders_fails_loudly_when_a_sweep_fails(only_test_sweep, make_user):
    """cron sees a non-zero exit when a sweep fails, after the other sweeps ran."""
    make_user("alice", email="alice@example.com")
    reminders.reminder("test.broken")(lambda today: 1 / 0)
    with pytest.raises(CommandError, match="test.broken"):
        run("--date", "2025-03-10")
    assert Notification.objects.count() == 1
