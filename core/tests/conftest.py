"""The small organisation and per-role users of the employees tests, for the core tests."""

from employees.tests.conftest import en, org, users  # noqa: F401
