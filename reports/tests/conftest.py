from employees.tests.conftest import org, poppler, users  # noqa: F401  (the small organisation, a user per role)
