"""403, 404 and 500 pages: in the reader's language, with the navigation (403/404), and the 500 page without the
database or a request context."""

from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from core import roles


def test_a_missing_page_speaks_the_readers_language_with_the_navigation(client, make_user):
    client.force_login(make_user("hr", roles=[roles.HR]))
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    text = page.content.decode()
    assert 'id="error-404"' in text and 'id="mainnav"' in text and "favicon" in text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Page not found" in client.get("/no-such-page/").content.decode()


def test_a_refused_page_has_the_navigation(client, make_user):
    client.force_login(make_user("worker", roles=[roles.EMPLOYEE]))
    page = client.get(reverse("employees:roster"))
    assert page.status_code == 403 and 'id="error-403"' in page.content.decode()
    assert 'id="mainnav"' in page.content.decode()


def test_the_server_error_page_needs_no_database():
    """No db fixture: any query would raise here."""
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and b'id="error-500"' in response.content
