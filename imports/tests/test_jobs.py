"""A big file is checked and imported by Celery tasks (eager here), through an import job the user follows on a
page with a progress bar; the commit writes every row or none."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from employees.models import Employee
from imports.models import ImportJob
from imports.progress import Progress
from tests.factories import EmployeeFactory

from .conftest import employee_row, employees_csv

Status = ImportJob.Status


def _start(client, rows, capture):
    with capture(execute=True):
        response = client.post(reverse("imports:start", args=["employees"]), {"file": employees_csv(rows)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportJob.objects.get(), response


def test_hr_finds_the_employee_import_on_the_employee_list(users, login):
    page = login(users["hr"]).get(reverse("employees:employee_list")).content.decode()
    assert reverse("imports:start", args=["employees"]) in page


def test_hr_without_secret_clearance_neither_sees_nor_opens_the_employee_import(users, login):
    client = login(users["hr_uncleared"])
    assert (
        reverse("imports:start", args=["employees"])
        not in client.get(reverse("employees:employee_list")).content.decode()
    )
    assert client.get(reverse("imports:start", args=["employees"])).status_code == 403


def test_a_big_roster_is_checked_by_a_task_then_imported_by_a_task(
    users, login, limits, en, django_capture_on_commit_callbacks
):
    client = login(users["hr"])
    rows = [employee_row(n) for n in range(1, 8)]
    job, response = _start(client, rows, django_capture_on_commit_callbacks)
    assert response.url == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.status, job.total_rows, job.rows_done) == (Status.READY, 7, 7)
    assert job.file.name.startswith("imports/") and job.created_by == users["hr"]
    assert not Employee.objects.filter(number__startswith="IMP").exists()  # checked, not written

    page = client.get(job.get_absolute_url()).content.decode()
    assert "7 rows checked: no problems." in page and 'id="confirm-import"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:job_commit", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Status.DONE
    assert job.result["totals"] == {"new": 7}
    assert Employee.objects.filter(number__startswith="IMP").count() == 7
    imported = [str(pk) for pk in Employee.objects.filter(number__startswith="IMP").values_list("pk", flat=True)]
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Employee), action=LogEntry.Action.CREATE, object_pk__in=imported
    )
    assert entries.count() == 7
    assert set(entries.values_list("actor", flat=True)) == {users["hr"].pk}  # the task writes as the one who imported
    assert "7 rows imported." in client.get(job.get_absolute_url()).content.decode()


def test_a_small_file_is_checked_at_once_in_the_request(users, login, limits, django_capture_on_commit_callbacks):
    job, _ = _start(login(users["hr"]), [employee_row(1), employee_row(2)], django_capture_on_commit_callbacks)
    assert job.status == Status.READY and job.total_rows == 2


def test_the_progress_bar_follows_a_running_job_and_reloads_the_page_when_it_ends(users, login, en):
    job = ImportJob.objects.create(
        kind="employees", created_by=users["hr"], file_name="roster.csv", total_rows=10, status=Status.CHECKING
    )
    progress = Progress(job.pk, 10)
    for _ in range(4):
        progress.tick()
    client = login(users["hr"])
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in page and reverse("imports:job_progress", args=[job.pk]) in page
    assert 'value="4"' in page and "4 of 10 rows (40%)." in page
    partial = client.get(reverse("imports:job_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert "4 of 10 rows" in partial.content.decode() and "<html" not in partial.content.decode()
    job.status = Status.READY
    job.save()
    finished = client.get(reverse("imports:job_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert finished.headers["HX-Refresh"] == "true"


def test_a_file_with_an_error_shows_each_problem_and_commits_nothing(
    users, login, limits, en, django_capture_on_commit_callbacks
):
    client = login(users["hr"])
    rows = [employee_row(1), employee_row(2, department="NOPE"), employee_row(3), employee_row(4)]
    job, _ = _start(client, rows, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == Status.INVALID
    assert [(p["line"], p["column"]) for p in job.result["problems"]] == [(3, "Department")]
    page = client.get(job.get_absolute_url()).content.decode()
    assert "3 of 4 rows are valid" in page and "NOPE" in page and 'id="confirm-import"' not in page
    assert client.post(reverse("imports:job_commit", args=[job.pk])).status_code == 403
    assert not Employee.objects.filter(number__startswith="IMP").exists()


def test_a_row_that_became_invalid_before_the_commit_rolls_back_every_row(
    users, login, org, limits, en, django_capture_on_commit_callbacks
):
    client = login(users["hr"])
    rows = [employee_row(n) for n in range(1, 6)]
    job, _ = _start(client, rows, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == Status.READY
    EmployeeFactory(position=org.inspector, id_number=rows[3][4])  # row 5 (line 5)'s ID number, taken meanwhile
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:job_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == Status.INVALID
    assert [(p["line"], p["column"]) for p in job.result["problems"]] == [(5, "ID number (居民身份证号)")]
    assert not Employee.objects.filter(number__startswith="IMP").exists()


@pytest.mark.parametrize(("who", "status"), [("hr", 200), ("hr_manager", 200), ("gm", 404), ("head", 404), ("me", 404)])
def test_a_job_is_seen_by_its_owner_and_hr_managers_only(users, login, who, status):
    job = ImportJob.objects.create(kind="employees", created_by=users["hr"], file_name="roster.csv", total_rows=4)
    client = login(users[who])
    assert client.get(job.get_absolute_url()).status_code == status
    assert client.get(reverse("imports:job_progress", args=[job.pk])).status_code == status
    if status == 404:
        assert client.post(reverse("imports:job_commit", args=[job.pk])).status_code == 404


def test_another_hr_user_does_not_find_a_colleagues_job(users, login, make_user):
    from core import roles
    from core.security import SecrecyLevel

    job = ImportJob.objects.create(kind="employees", created_by=users["hr"], file_name="roster.csv", total_rows=4)
    colleague = make_user("hr2", roles=[roles.HR], clearance=SecrecyLevel.SECRET)
    client = login(colleague)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert "roster.csv" not in client.get(reverse("imports:job_list")).content.decode()


def _invalid_job(user, problems):
    return ImportJob.objects.create(
        kind="employees",
        created_by=user,
        file_name="roster.csv",
        total_rows=problems,
        rows_done=problems,
        status=Status.INVALID,
        result={
            "total": problems,
            "valid": 0,
            "problem_count": problems,
            "problems": [
                {"line": n + 2, "column": "department", "messages": ["No department"]} for n in range(problems)
            ],
        },
    )


def test_the_job_page_and_list_keep_their_queries_whatever_the_number_of_problems(
    users, login, django_assert_max_num_queries
):
    client = login(users["hr"])
    for problems in (2, 300):
        job = _invalid_job(users["hr"], problems)
        with django_assert_max_num_queries(8):
            page = client.get(job.get_absolute_url())
        assert page.content.decode().count("No department") == problems
    with django_assert_max_num_queries(10):
        assert client.get(reverse("imports:job_list")).status_code == 200


def test_the_task_reports_its_progress_row_by_row_while_it_runs(
    users, login, limits, monkeypatch, django_capture_on_commit_callbacks
):
    """What the progress bar reads (from another connection) moves while the rows are checked."""
    from imports import progress as progress_module
    from imports.progress import rows_done

    seen = []
    tick = progress_module.Progress.tick

    def watched(self):
        tick(self)
        running = ImportJob(pk=self.job_id, status=Status.CHECKING, total_rows=6)
        seen.append(rows_done(running))

    monkeypatch.setattr(progress_module.Progress, "tick", watched)
    _start(login(users["hr"]), [employee_row(n) for n in range(1, 7)], django_capture_on_commit_callbacks)
    assert seen == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(("who", "status", "imported"), [("hr_manager", 302, True), ("hr_uncleared", 404, False)])
def test_an_hr_manager_may_import_a_colleagues_checked_file(
    users, login, limits, who, status, imported, django_capture_on_commit_callbacks
):
    job, _ = _start(login(users["hr"]), [employee_row(1), employee_row(2)], django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(users[who]).post(reverse("imports:job_commit", args=[job.pk]))
    assert response.status_code == status
    assert Employee.objects.filter(number__startswith="IMP").exists() is imported


@pytest.mark.parametrize(
    ("kind", "list_url"), [("departments", "org:department_list"), ("positions", "org:position_list")]
)
def test_hr_finds_the_organisation_imports_on_their_lists_and_others_do_not(users, login, kind, list_url):
    start = reverse("imports:start", args=[kind])
    assert start in login(users["hr"]).get(reverse(list_url)).content.decode()
    head = login(users["head"])
    assert start not in head.get(reverse(list_url)).content.decode()
    assert head.get(start).status_code == 403


def test_a_big_department_file_is_imported_through_a_job(users, login, limits, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from org.models import Department

    client = login(users["hr"])
    rows = "\n".join(f"NEW{n},新部门{n},PRD,,,true,{n}" for n in range(5))
    upload = SimpleUploadedFile(
        "departments.csv", f"code,name,parent,head,manager,is_active,sort_order\n{rows}".encode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:start", args=["departments"]), {"file": upload})
    job = ImportJob.objects.get()
    assert response.url == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == Status.READY, job.result
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:job_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == Status.DONE
    assert Department.objects.filter(code__startswith="NEW", parent__code="PRD").count() == 5


def test_an_unknown_import_kind_is_not_found(users, login):
    assert login(users["hr"]).get(reverse("imports:start", args=["salaries"])).status_code == 404
    assert login(users["hr"]).get(reverse("imports:start", args=["candidates"])).status_code == 404  # its own page
