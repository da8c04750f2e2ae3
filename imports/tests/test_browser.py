"""The import pages in Chromium, under the content security policy (no inline script): HR uploads a roster from
the employee list, follows the job, imports it; the progress bar of a running job refreshes itself (htmx) and
the page shows the result once the job ends."""

import pytest
import tablib

from employees.models import Employee
from imports.models import ImportJob
from imports.progress import Progress

from .conftest import HEADERS, employee_row

PASSWORD = "pw-test-1234"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_hr_imports_a_big_roster_and_watches_a_running_job(browser_page, live_server, users, limits):
    page = browser_page
    csp_errors = []
    page.on("console", lambda message: "Content Security Policy" in message.text and csp_errors.append(message.text))
    page.goto("/accounts/login/")
    page.fill("#id_username", "hr")
    page.fill("#id_password", PASSWORD)
    page.click("form:has(#id_username) button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto("/people/")
    page.click("#employee-import")
    roster = tablib.Dataset(*[employee_row(n) for n in range(1, 6)], headers=HEADERS).export("csv").encode()
    page.set_input_files("#id_file", files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": roster}])
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#job-ready")
    page.click("#confirm-import")
    page.wait_for_selector("#job-done")
    assert Employee.objects.filter(number__startswith="IMP").count() == 5

    running = ImportJob.objects.create(
        kind="employees", created_by=users["hr"], file_name="big.csv", total_rows=10, status=ImportJob.Status.CHECKING
    )
    progress = Progress(running.pk, 10)
    for _ in range(4):
        progress.tick()
    page.goto(running.get_absolute_url())
    page.wait_for_selector('#job-progress progress[value="4"]')
    for _ in range(4):
        progress.tick()
    page.wait_for_selector('#job-progress progress[value="8"]')  # polled, not reloaded by hand
    ImportJob.objects.filter(pk=running.pk).update(status=ImportJob.Status.READY, rows_done=10)
    page.wait_for_selector("#job-ready")  # the whole page reloaded once the job ended
    assert csp_errors == []
