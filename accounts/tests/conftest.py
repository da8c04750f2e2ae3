import pytest

from core import roles
from core.security import SecrecyLevel


@pytest.fixture
def people(make_user):
    """A login per role that matters here: the HR manager (secret clearance), HR staff, the GM, an
    administrator (superuser), and a worker."""

    class People:
        hr_manager = make_user("hr_manager", roles=[roles.HR_MANAGER], clearance=SecrecyLevel.SECRET)
        hr = make_user("hr", roles=[roles.HR], clearance=SecrecyLevel.SECRET)
        gm = make_user("gm", roles=[roles.GM], clearance=SecrecyLevel.TOP_SECRET)
        admin = make_user(
            "admin", roles=[roles.SYSADMIN], clearance=SecrecyLevel.TOP_SECRET, is_superuser=True, is_staff=True
        )
        worker = make_user("worker", roles=[roles.EMPLOYEE], clearance=SecrecyLevel.INTERNAL)

    return People
