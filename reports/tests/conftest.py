from employees.tests.conftest import en, org, poppler, users  # noqa: F401  (the small organisation, a user per role)
