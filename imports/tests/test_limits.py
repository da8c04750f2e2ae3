"""Every import path refuses a file over the size or row limit in words (with a stable code), and the admin
refuses a file too big for a request, pointing to the HR import page."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import roles
from core.errors import error_codes
from employees.models import Employee
from imports import services
from imports.models import ImportJob
from recruitment.models import Candidate

from .conftest import employee_row, employees_csv


def _codes(form) -> set[str]:
    return {error.code for errors in form.errors.as_data().values() for error in errors}


def test_the_service_refuses_too_many_rows_with_a_code(users, limits):
    limits.HRMS_IMPORT_MAX_ROWS = 2
    with pytest.raises(ValidationError) as excinfo:
        services.import_job_start(
            kind="employees", upload=employees_csv([employee_row(n) for n in range(3)]), by=users["hr"]
        )
    assert "import_too_many_rows" in error_codes(excinfo.value)
    assert not ImportJob.objects.exists()


def test_the_service_refuses_a_file_too_large_with_a_code(users, limits):
    limits.HRMS_IMPORT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as excinfo:
        services.import_job_start(
            kind="employees", upload=employees_csv([employee_row(1), employee_row(2)]), by=users["hr"]
        )
    assert "import_file_too_large" in error_codes(excinfo.value)


def test_the_hr_page_says_why_a_file_is_too_large(users, login, limits, en):
    limits.HRMS_IMPORT_MAX_BYTES = 100
    response = login(users["hr"]).post(
        reverse("imports:start", args=["employees"]), {"file": employees_csv([employee_row(1), employee_row(2)])}
    )
    assert response.status_code == 200
    assert _codes(response.context["form"]) == {"import_file_too_large"}
    assert "an import takes at most 100" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_hr_page_says_why_a_file_has_too_many_rows(users, login, limits, en):
    limits.HRMS_IMPORT_MAX_ROWS = 2
    response = login(users["hr"]).post(
        reverse("imports:start", args=["employees"]), {"file": employees_csv([employee_row(n) for n in range(3)])}
    )
    assert _codes(response.context["form"]) == {"import_too_many_rows"}
    assert "The file has 3 rows; an import takes at most 2." in response.content.decode()


def _candidates_csv(count: int) -> SimpleUploadedFile:
    header = "name,phone,email,source_channel,education,consent\n"
    rows = [f"候选{n},137{n:08d},,网上招聘,本科,是" for n in range(count)]
    return SimpleUploadedFile("candidates.csv", (header + "\n".join(rows)).encode("utf-8"))


@pytest.fixture
def recruiter(make_user):
    return make_user("recruiter", roles=[roles.HR])


def test_the_candidate_page_refuses_too_many_rows_and_too_large_files(recruiter, login, limits, en):
    client = login(recruiter)
    limits.HRMS_IMPORT_MAX_ROWS = 2
    response = client.post(reverse("recruitment:candidate_import"), {"file": _candidates_csv(3), "check": "1"})
    assert _codes(response.context["form"]) == {"import_too_many_rows"}
    limits.HRMS_IMPORT_MAX_ROWS = 20
    limits.HRMS_IMPORT_MAX_BYTES = 50
    response = client.post(reverse("recruitment:candidate_import"), {"file": _candidates_csv(2), "check": "1"})
    assert _codes(response.context["form"]) == {"import_file_too_large"}
    assert not Candidate.objects.exists()


def test_a_big_candidate_file_goes_through_an_import_job(recruiter, login, limits, django_capture_on_commit_callbacks):
    client = login(recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("recruitment:candidate_import"), {"file": _candidates_csv(5), "check": "1"})
    job = ImportJob.objects.get()
    assert response.url == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.kind, job.status, job.total_rows) == ("candidates", ImportJob.Status.READY, 5)
    assert not Candidate.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:job_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Candidate.objects.count() == 5


@pytest.fixture
def admin_client(users, client):
    hr = users["hr"]
    hr.is_staff = True
    hr.save()
    hr.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_employee", "change_employee", "view_employee", "add_department", "change_department"]
        )
    )
    client.force_login(hr)
    return client


def _admin_import(client, url_name, upload):
    response = client.post(reverse(url_name), {"format": "0", "resource": "0", "import_file": upload})
    assert response.status_code == 200
    return response


def test_the_admin_refuses_a_big_roster_and_points_to_the_hr_page(admin_client, limits, en):
    response = _admin_import(
        admin_client, "admin:employees_employee_import", employees_csv([employee_row(n) for n in range(1, 6)])
    )
    assert _codes(response.context["form"]) == {"import_too_big_for_admin"}
    page = response.content.decode()
    assert "The file has 5 rows; here a file takes at most 3." in page
    assert reverse("imports:start", args=["employees"]) in page
    assert not Employee.objects.filter(number__startswith="IMP").exists()


def test_the_admin_still_previews_a_small_roster(admin_client, limits, en):
    response = _admin_import(admin_client, "admin:employees_employee_import", employees_csv([employee_row(1)]))
    assert not response.context["form"].errors
    assert "导入1" in response.content.decode()


def test_the_admin_applies_the_size_and_row_limits(admin_client, limits, en):
    limits.HRMS_IMPORT_MAX_ROWS = 2
    response = _admin_import(
        admin_client, "admin:employees_employee_import", employees_csv([employee_row(n) for n in range(3)])
    )
    assert _codes(response.context["form"]) == {"import_too_many_rows"}
    limits.HRMS_IMPORT_MAX_BYTES = 100
    departments = SimpleUploadedFile(
        "d.csv", ("code,name\n" + "\n".join(f"D{n:03d},部门{n}" for n in range(20))).encode()
    )
    response = _admin_import(admin_client, "admin:org_department_import", departments)
    assert _codes(response.context["form"]) == {"import_file_too_large"}


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (b"name,gender\n1,M\n", "import_missing_columns", "Missing column(s): Employee number."),
        (b"number,name,salry\nE1,A,1\n", "import_unknown_columns", "Unknown column(s): salry."),
        (b"", "file_empty", "The file is empty"),
    ],
)
def test_the_hr_page_names_a_missing_or_misspelt_column_before_any_job(users, login, en, content, code, words):
    response = login(users["hr"]).post(
        reverse("imports:start", args=["employees"]), {"file": SimpleUploadedFile("roster.csv", content or b" ")}
    )
    assert _codes(response.context["form"]) == {code}
    assert words in response.content.decode()
    assert not ImportJob.objects.exists()
