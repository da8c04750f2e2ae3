from onboarding.tests.conftest import company, start_case  # noqa: F401  (the onboarding test company)
from tests.fake_endpoint import fake_endpoint  # noqa: F401  (a local receiver for the webhooks)
