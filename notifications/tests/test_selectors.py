import pytest

from notifications import selectors
from notifications.services import notify

pytestmark = pytest.mark.django_db


def test_unread_count_is_one_query_and_counts_only_my_unread(make_user, django_assert_num_queries):
    """The navbar badge counts the user's unread notifications with a single query."""
    alice, bob = make_user("alice"), make_user("bob")
    read = notify(recipient=alice, kind="k", title="read", email=False)
    read.read_at = read.created_at
    read.save()
    notify(recipient=alice, kind="k", title="unread", email=False)
    notify(recipient=bob, kind="k", title="bob's", email=False)
    with django_assert_num_queries(1):
        assert selectors.unread_count_for(alice) == 1


def test_unread_count_for_anonymous_is_zero(django_assert_num_queries):
    """Anonymous users have no inbox and cost no query."""
    from django.contrib.auth.models import AnonymousUser

    with django_assert_num_queries(0):
        assert selectors.unread_count_for(AnonymousUser()) == 0
