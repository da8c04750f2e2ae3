"""Two submissions at once by the same person store one answer (the invitation's row lock). PostgreSQL only:
SQLite serialises every write anyway; skipped without PostgreSQL locally, failing in CI."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from performance.survey import services
from performance.survey.models import Invitation, Response

from .conftest import full_answers


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_submissions_store_one_answer(company, open_survey):
    employee = company.people["QA"][1]
    answers = full_answers(open_survey)
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            services.survey_answer(survey=open_survey, user=employee.user, answers=answers)
            outcomes.append("stored")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already_answered", "stored"]
    assert Response.objects.filter(survey=open_survey).count() == 1
    assert Invitation.objects.get(survey=open_survey, employee=employee).answered
