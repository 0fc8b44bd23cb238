"""Property-based checks of the API from its own OpenAPI document (schemathesis, through the WSGI app).

Each operation gets a few dozen generated requests, valid and invalid, with a real token of the demo
assessor (who may read and push): whatever they hold, the answer is never a server error.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from rightscope.web.api.models import ApiToken
from rightscope.web.orgs.models import Membership, Organisation


@pytest.fixture
def bearer(org: Organisation, settings: Any) -> str:
    settings.ALLOWED_HOSTS = ["localhost"]  # the host schemathesis's WSGI client sends
    membership = Membership.objects.get(user__username="assessor", organisation=org)
    return ApiToken.issue(membership, "fuzz", membership.user)[1]


# The OpenAPI document needs no database: it is read once, when the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_error(case: Any, bearer: str) -> None:
    response = case.call(headers={"Authorization": f"Bearer {bearer}"})
    case.validate_response(response, checks=[not_a_server_error])
    if response.request.headers.get("Authorization") == f"Bearer {bearer}":  # some cases drop the header
        assert response.status_code != 401, "the token was refused: the request did not reach the endpoint"
