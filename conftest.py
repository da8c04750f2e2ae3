"""Shared fixtures: a user per role, logged-in clients, and the rules for service-marked tests.

Tests marked postgres / redis / browser skip on a machine without that service, but fail in CI
(CI=true), where every service is there.
"""

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() == "true"


def _skip_or_fail(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this test may not skip)")
    pytest.skip(reason)


def _redis_available() -> bool:
    url = os.environ.get("REDIS_URL")
    if not url:
        return False
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:
        return False


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            _skip_or_fail("needs PostgreSQL: set DATABASE_URL")
    if item.get_closest_marker("redis") and not _redis_available():
        _skip_or_fail("needs Redis: set REDIS_URL")
    if item.get_closest_marker("browser") and not shutil.which(CHROMIUM):
        _skip_or_fail(f"needs Chromium at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture(autouse=True)
def _fresh_content_type_cache(request):
    """A transactional test's flush can renumber content types: such tests never reuse ids cached before."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker and marker.kwargs.get("transaction")) or "transactional_db" in request.fixturenames
    if transactional:
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
    yield


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo company (`seed_demo`), seeded once for the test module and rolled back after it; yields the
    command's output. Each test runs in its own savepoint inside it."""
    from io import StringIO

    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = StringIO()
            call_command("seed_demo", force=True, stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def make_user(db, django_user_model):
    """make_user("hr", roles=["hr"], clearance=2) → a user in those role groups."""
    from django.contrib.auth.models import Group

    from core.security import SecrecyLevel

    def make(username, roles=(), clearance=SecrecyLevel.INTERNAL, **extra):
        user = django_user_model.objects.create_user(
            username=username, password="pw-test-1234", clearance=clearance, **extra
        )
        if roles:
            user.groups.set(Group.objects.filter(name__in=roles))
        return user

    return make


@pytest.fixture
def login(client):
    """login(user) → the test client logged in as that user."""

    def do(user):
        client.force_login(user)
        return client

    return do


@pytest.fixture
def browser_page(live_server):
    """A Playwright page in headless Debian Chromium, pointed at the live server."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(locale="zh-CN", base_url=live_server.url)
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        context.close()
        browser.close()
        # A connection opened while Playwright drove the page outlived the test and PostgreSQL refused to drop
        # the test database at the end ("being accessed by other users"): close them all here.
        from django.db import connections

        connections.close_all()


@pytest.fixture(scope="session")
def s3_endpoint():
    """A local S3-compatible server (moto) for this test process: the private files' object-store backend, with no
    network beyond the loopback."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(params=["local", "s3"])
def private_storage(request, settings):
    """Run a file test against both private storages: the local folder and an S3-compatible bucket.

    Returns the storage; with "s3" it is a fresh private bucket on the local server."""
    from django.core.files.storage import storages

    if request.param == "s3":
        import uuid

        import boto3

        from hrms.settings.base import s3_private_storage

        endpoint = request.getfixturevalue("s3_endpoint")
        bucket = f"hrms-test-{uuid.uuid4().hex[:12]}"
        credentials = {"aws_access_key_id": "test", "aws_secret_access_key": "test", "region_name": "us-east-1"}
        boto3.client("s3", endpoint_url=endpoint, **credentials).create_bucket(Bucket=bucket)
        settings.STORAGES = {
            **settings.STORAGES,
            "private": s3_private_storage(
                bucket=bucket, endpoint_url=endpoint, region="us-east-1", access_key="test", secret_key="test"
            ),
        }
    return storages["private"]
