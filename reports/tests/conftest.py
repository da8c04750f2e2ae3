from employees.tests.conftest import org, users  # noqa: F401  (the small organisation and a user per role)
from printing.tests.conftest import poppler  # noqa: F401
