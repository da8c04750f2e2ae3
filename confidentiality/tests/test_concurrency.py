import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from confidentiality import services
from confidentiality.models import CopyStatus, Issue


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_keepers_issuing_the_same_copy_at_once_give_one_issue(company, make_document, make_user):
    """Two records keepers issue copy No. 1 to two people at the same moment: one issue, the other is refused."""
    from core import roles
    from core.security import SecrecyLevel

    second_keeper = make_user("keeper_b", roles=[roles.RECORDS_KEEPER], clearance=SecrecyLevel.TOP_SECRET)
    document = make_document()
    copy = document.copies.get(number=1)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def issue(keeper, recipient):
        try:
            barrier.wait(timeout=10)
            services.copy_issue(copy=copy, recipient=recipient, by=keeper)
            outcomes.append("issued")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=issue, args=(company.keeper, company.reader)),
        threading.Thread(target=issue, args=(second_keeper, company.cleared)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["issued", "refused"]
    assert Issue.objects.filter(copy=copy).count() == 1
    copy.refresh_from_db()
    assert copy.status == CopyStatus.ISSUED
    assert copy.holder == Issue.objects.get(copy=copy).recipient
