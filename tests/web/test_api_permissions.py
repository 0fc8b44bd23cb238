"""The API's permission matrix: every role against every operation of the OpenAPI document.

Each operation declares the capability it needs (``x-rightscope-capability``, from the same
``orgs.access.CAPABILITIES`` table as the pages). A token whose role has it gets an answer (never 401,
403 or 404); one whose role lacks it gets 403; no token gets 401; an object of another organisation is
404 for every role, exactly as for one that does not exist. A new operation that declares no
capability, or whose path this test cannot fill, makes it fail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from rightscope.web.api.models import ApiToken
from rightscope.web.consultations.models import Consultation
from rightscope.web.monitoring.models import Deployment, MonitoringRun
from rightscope.web.orgs.access import CAPABILITIES
from rightscope.web.orgs.models import Membership, Organisation, Role
from tests.web.test_monitoring import decisions_csv

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PREFIX = "/api/v1"
WELFARE = "westerhaven-welfare-fraud-risk"


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path, operation) of every operation in the API's OpenAPI document."""
    from rightscope.web.api.api import api

    document = api.get_openapi_schema(path_prefix=PREFIX)
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


OPERATIONS = operations()


def test_every_operation_that_needs_a_token_declares_a_capability() -> None:
    for method, path, operation in OPERATIONS:
        if operation.get("security") == [] or path == f"{PREFIX}/version":
            continue
        assert operation.get("x-rightscope-capability") in CAPABILITIES, f"{method} {path}"


def objects_of(organisation: Organisation) -> dict[str, str]:
    """Path values naming an object of each kind in ``organisation``."""
    # the welfare example where there is one: its monitoring plan reads the demo's decision log
    assessment = organisation.assessments.filter(slug=WELFARE).first() or organisation.assessments.first()
    assert assessment is not None
    consultation = Consultation.objects.create(
        assessment=assessment, title="Matrix", plain_summary="s", created_by=assessment.created_by
    )
    deployment = Deployment.objects.create(assessment=assessment, name="Matrix")
    run = MonitoringRun.objects.create(
        deployment=deployment, version=assessment.current, started_by=assessment.created_by, state="done", result={}
    )
    return {
        "assessment_id": assessment.slug,
        "consultation_id": str(consultation.pk),
        "deployment_id": str(deployment.pk),
        "run_id": str(run.pk),
    }


def fill(path: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, f"no value for a parameter of {path}: add its kind to objects_of()"
    return path


def call(client: Client, method: str, path: str) -> Any:
    """A valid request of the operation, so that an allowed role gets a real answer."""
    if method == "GET":
        return client.get(path)
    if path.endswith("/assessments"):
        text = (EXAMPLES / "welfare-fraud-risk.yaml").read_text(encoding="utf-8")
        return client.post(path, text, content_type="application/yaml")
    if path.endswith("/runs"):
        return client.post(path, {"decisions": SimpleUploadedFile("log.csv", decisions_csv().encode())})
    raise AssertionError(f"no request for {method} {path}: add one")


def token_client(organisation: Organisation, role: str) -> Client:
    membership = Membership.objects.get(organisation=organisation, role=role, user__username=role)
    return Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(membership, 'matrix', membership.user)[1]}")


@pytest.mark.parametrize("role", [*Role.values])
@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS])
def test_every_role_gets_what_the_capability_says(
    org: Organisation, other_org: Organisation, role: str, method: str, path: str, operation: dict[str, Any]
) -> None:
    capability = operation.get("x-rightscope-capability")
    ours, theirs = objects_of(org), objects_of(other_org)
    client = token_client(org, role)
    response = call(client, method, fill(path, ours))
    if capability is None or role in CAPABILITIES[capability]:
        assert response.status_code < 400, (role, method, path, response.content[:300])
    else:
        assert response.status_code == 403, (role, method, path, response.status_code)
        assert response.json()["detail"].endswith(f"(needs {capability.replace('_', ' ')})")
    if capability is not None and "{" in path:
        # another organisation's object: 404 whatever the role, the same as one that does not exist
        elsewhere = call(client, method, fill(path, theirs))
        assert elsewhere.status_code in ((404,) if role in CAPABILITIES[capability] else (403, 404)), (
            role,
            method,
            path,
            elsewhere.status_code,
        )
    if capability is not None:
        assert call(Client(), method, fill(path, ours)).status_code == 401
