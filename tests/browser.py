"""Browser helpers shared by the Playwright tests."""

# The password conftest.make_user gives every test user.
PASSWORD = "pw-test-1234"


def log_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form as a person does (a fresh session), and land on the home page."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form:has(#id_username) button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
