"""The small organisation and per-role users of the employees tests, for the department and admin tests."""

from employees.tests.conftest import en, org, poppler, users  # noqa: F401
