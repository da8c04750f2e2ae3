import pytest

from notifications import reminders
from notifications.services import ReminderItem, remind_once

TEST_KIND = "test.user_anniversary"


@pytest.fixture
def only_test_sweep(monkeypatch):
    """Registers a test-only sweep as the only one: it reminds every user with an e-mail about themselves.

    Returns the sweep's kind. The real apps' sweeps are set aside so the test controls what runs.
    """
    from django.contrib.auth import get_user_model

    monkeypatch.setattr(reminders, "_sweeps", {})
    monkeypatch.setattr(reminders, "_discovered", True)

    @reminders.reminder(TEST_KIND)
    def sweep(today):
        users = get_user_model().objects.exclude(email="").order_by("pk")
        return remind_once(
            kind=TEST_KIND,
            items=[
                ReminderItem(recipient=u, obj=u, due_date=today, title=f"Anniversary of {u.username}", url="/")
                for u in users
            ],
        )

    return TEST_KIND


from tests.fake_endpoint import fake_endpoint  # noqa: E402,F401  (the local fake messenger of test_channels)
