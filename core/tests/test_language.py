import pytest

from core import roles

pytestmark = pytest.mark.django_db


def test_the_interface_is_chinese_even_for_an_english_browser(make_user, login):
    """The company's language is the default; the browser's Accept-Language does not switch it."""
    client = login(make_user("hr", roles=[roles.HR]))
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()


def test_the_switch_changes_every_page_and_is_remembered_on_the_user(make_user, client):
    """Choosing English sets it for the following pages and for the user's next session."""
    user = make_user("hr", roles=[roles.HR])
    client.force_login(user)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/people/"})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/").content.decode()
    user.refresh_from_db()
    assert user.language == "en"

    other_browser = type(client)()
    other_browser.force_login(user)
    assert '<html lang="en">' in other_browser.get("/").content.decode()


def test_the_login_page_can_switch_language_before_logging_in(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/accounts/login/").content.decode()
