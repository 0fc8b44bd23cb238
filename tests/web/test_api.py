"""The JSON API: token auth, roles and tenants, every endpoint, the assessment-as-code push."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightscope.assess import assess, parse
from rightscope.web.api.models import ApiToken
from rightscope.web.assessments.models import Assessment, Status
from rightscope.web.consultations.models import Consultation, Submission
from rightscope.web.monitoring.models import Deployment, MonitoringRun
from rightscope.web.orgs.models import Membership, Organisation
from tests.web.test_monitoring import decisions_csv

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HIRING = "meridian-cv-screener"
WELFARE = "westerhaven-welfare-fraud-risk"


@pytest.fixture
def token_for(org: Organisation) -> Callable[..., str]:
    """The secret of a new token of the demo user of a role (in ``org`` unless another is given)."""

    def make(role: str, organisation: Organisation | None = None) -> str:
        membership = Membership.objects.get(user__username=role, organisation=organisation or org)
        return ApiToken.issue(membership, f"{role} token", membership.user)[1]

    return make


@pytest.fixture
def api_for(token_for: Callable[..., str]) -> Callable[[str], Client]:
    def make(role: str) -> Client:
        return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(role)}")

    return make


def url(path: str) -> str:
    return "/api/v1" + path


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["detail"]
    return body


# --- auth ---------------------------------------------------------------------------------------------


def test_version_needs_no_token(db: Any) -> None:
    assert "rightscope" in Client().get(url("/version")).json()


@pytest.mark.parametrize(
    "header", [None, "Bearer", "Bearer rsk_not-a-real-token", "Token rsk_x", "Basic dXNlcjpwYXNz", "Bearer ünïcode"]
)
def test_missing_or_wrong_token_is_401(db: Any, header: str | None) -> None:
    client = Client(HTTP_AUTHORIZATION=header) if header else Client()
    response = client.get(url("/assessments"))
    problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_is_401(org: Organisation, token_for: Callable[..., str]) -> None:
    secret = token_for("assessor")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get(url("/assessments")).status_code == 200
    ApiToken.objects.filter(membership__user__username="assessor").update(revoked=True)
    problem(client.get(url("/assessments")), 401)


def test_token_of_an_inactive_user_is_401(org: Organisation, api_for: Callable[[str], Client]) -> None:
    client = api_for("viewer")
    get_user_model().objects.filter(username="viewer").update(is_active=False)
    problem(client.get(url("/assessments")), 401)


def test_use_is_recorded_on_the_token(org: Organisation, api_for: Callable[[str], Client]) -> None:
    api_for("viewer").get(url("/assessments"))
    assert ApiToken.objects.get(membership__user__username="viewer").last_used is not None


def test_a_session_is_not_enough(client_for: Callable[[str], Client]) -> None:
    problem(client_for("owner").get(url("/assessments")), 401)


@pytest.mark.parametrize(("role", "status"), [("owner", 200), ("viewer", 200), ("reviewer", 200), ("stakeholder", 403)])
def test_role_decides_reading(api_for: Callable[[str], Client], role: str, status: int) -> None:
    assert api_for(role).get(url("/assessments")).status_code == status


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("reviewer", 403), ("stakeholder", 403)])
def test_role_decides_pushing(api_for: Callable[[str], Client], role: str, status: int) -> None:
    text = (EXAMPLES / "hiring-screener.yaml").read_text(encoding="utf-8")
    body = problem(api_for(role).post(url("/assessments"), text, content_type="application/yaml"), status)
    assert "edit assessments" in body["detail"]


def test_another_organisations_objects_are_404(
    org: Organisation, other_org: Organisation, api_for: Callable[[str], Client], token_for: Callable[..., str]
) -> None:
    theirs = other_org.assessments.get()
    client = api_for("owner")
    problem(client.get(url(f"/assessments/{theirs.slug}")), 404)
    problem(client.get(url(f"/assessments/{theirs.slug}/result")), 404)
    deployment = Deployment.objects.create(assessment=theirs, name="theirs")
    run = MonitoringRun.objects.create(deployment=deployment, version=theirs.current, started_by=theirs.created_by)
    consultation = Consultation.objects.create(
        assessment=theirs, title="t", plain_summary="s", created_by=theirs.created_by
    )
    problem(client.get(url(f"/deployments/{deployment.pk}/runs")), 404)
    problem(client.get(url(f"/runs/{run.pk}")), 404)
    problem(client.get(url(f"/consultations/{consultation.pk}/submissions")), 404)
    ours = Deployment.objects.filter(assessment__organisation=org).count()  # the demo's own deployment
    listed = client.get(url("/deployments")).json()
    assert listed["count"] == ours and "theirs" not in json.dumps(listed)
    # and their token does not see ours
    other = Client(HTTP_AUTHORIZATION=f"Bearer {token_for('elsewhere-owner', other_org)}")
    problem(other.get(url(f"/assessments/{HIRING}")), 404)
    assert [a["id"] for a in other.get(url("/assessments")).json()["items"]] == [theirs.slug]


# --- assessments --------------------------------------------------------------------------------------


def test_list_assessments_with_their_evaluation(org: Organisation, api_for: Callable[[str], Client]) -> None:
    body = api_for("viewer").get(url("/assessments")).json()
    assert body["count"] == 3
    item = next(a for a in body["items"] if a["id"] == HIRING)
    expected = assess(parse((EXAMPLES / "hiring-screener.yaml").read_text(encoding="utf-8")))
    assert item["status"] == "draft" and item["version"] == 1
    assert item["impact_level"] == expected.impact.level
    assert item["risks"]["total"] == len(expected.risks)
    assert item["risks"]["critical"] == expected.summary["priority_critical"]


def test_pagination(api_for: Callable[[str], Client]) -> None:
    client = api_for("viewer")
    first = client.get(url("/assessments?limit=2")).json()
    rest = client.get(url("/assessments?limit=2&offset=2")).json()
    assert first["count"] == rest["count"] == 3
    assert len(first["items"]) == 2 and len(rest["items"]) == 1
    assert {a["id"] for a in first["items"]} | {rest["items"][0]["id"]} == {
        HIRING,
        "ashbridge-lfr-events-pilot",
        "westerhaven-welfare-fraud-risk",
    }
    body = problem(client.get(url("/assessments?limit=0")), 422)
    assert body["errors"][0]["field"] == "query.limit"
    problem(client.get(url("/assessments?limit=many")), 422)


def test_get_assessment(api_for: Callable[[str], Client]) -> None:
    body = api_for("viewer").get(url(f"/assessments/{HIRING}")).json()
    assert body["id"] == HIRING and body["problems"] == []
    problem(api_for("viewer").get(url("/assessments/no-such-one")), 404)


def test_result_is_what_the_cli_writes(api_for: Callable[[str], Client]) -> None:
    body = api_for("viewer").get(url(f"/assessments/{HIRING}/result")).json()
    expected = assess(parse((EXAMPLES / "hiring-screener.yaml").read_text(encoding="utf-8")))
    assert body == json.loads(json.dumps(expected.model_dump(mode="json", by_alias=True)))
    assert body["schema"] == "rightscope/assessment-result/v1"


def test_risks(api_for: Callable[[str], Client]) -> None:
    body = api_for("viewer").get(url(f"/assessments/{HIRING}/risks?limit=100")).json()
    expected = assess(parse((EXAMPLES / "hiring-screener.yaml").read_text(encoding="utf-8")))
    assert [r["id"] for r in body["items"]] == [r.id for r in expected.risks]
    assert body["items"][0]["priority"] == expected.risks[0].priority


# --- push ---------------------------------------------------------------------------------------------


def _changed_hiring(title: str) -> str:
    document = yaml.safe_load((EXAMPLES / "hiring-screener.yaml").read_text(encoding="utf-8"))
    document["use_case"]["title"] = title
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


def test_push_a_new_version_by_its_id(org: Organisation, api_for: Callable[[str], Client]) -> None:
    assessment = org.assessments.get(slug=HIRING)
    assessment.status = Status.APPROVED
    assessment.save()
    client = api_for("assessor")
    response = client.post(url("/assessments"), _changed_hiring("A new title"), content_type="application/yaml")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 2 and body["changed"] and not body["created"]
    assessment.refresh_from_db()
    assert assessment.title == "A new title" and assessment.status == Status.DRAFT
    assert assessment.current.author.get_username() == "assessor"
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(assessment.pk)).latest("timestamp")
    assert entry.changes_dict["event"][1] == "assessment.api_push"
    assert entry.actor is not None and entry.actor.get_username() == "assessor"
    made = LogEntry.objects.get_for_object(assessment.current).get(action=LogEntry.Action.CREATE)
    assert made.actor is not None and made.actor.get_username() == "assessor"
    # the same document again stores nothing
    again = client.post(url("/assessments"), _changed_hiring("A new title"), content_type="application/yaml")
    assert again.status_code == 200 and not again.json()["changed"] and again.json()["version"] == 2


def test_push_creates_from_json(org: Organisation, api_for: Callable[[str], Client]) -> None:
    document = yaml.safe_load((EXAMPLES / "hiring-screener.yaml").read_text(encoding="utf-8"))
    document["id"] = "pushed-from-ci"
    response = api_for("owner").post(url("/assessments"), json.dumps(document, default=str), "application/json")
    assert response.status_code == 201, response.content
    assert response.json()["created"] and response.json()["version"] == 1
    assert Assessment.objects.get(organisation=org, slug="pushed-from-ci").created_by.get_username() == "owner"


def test_push_names_each_problem(org: Organisation, api_for: Callable[[str], Client]) -> None:
    document = yaml.safe_load((EXAMPLES / "hiring-screener.yaml").read_text(encoding="utf-8"))
    del document["use_case"]["title"]
    document["risks"][0]["right"] = "no-such-right"
    client = api_for("assessor")
    body = problem(client.post(url("/assessments"), json.dumps(document, default=str), "application/json"), 422)
    fields = [e["field"] for e in body["errors"]]
    assert "use_case.title" in fields
    body = problem(client.post(url("/assessments"), "schema: [unclosed", content_type="application/yaml"), 422)
    assert body["errors"][0]["field"] == "(body)" and "YAML" in body["errors"][0]["reason"]
    problem(client.post(url("/assessments"), b"\xff\xfe", content_type="application/yaml"), 422)
    problem(client.post(url("/assessments"), "", content_type="application/yaml"), 422)
    problem(client.post(url("/assessments"), "[" * 5000, content_type="application/yaml"), 422)
    assert org.assessments.count() == 3


def test_push_unknown_reference_is_named(org: Organisation, api_for: Callable[[str], Client]) -> None:
    document = yaml.safe_load((EXAMPLES / "hiring-screener.yaml").read_text(encoding="utf-8"))
    document["risks"][0]["right"] = "no-such-right"
    body = problem(
        api_for("assessor").post(url("/assessments"), json.dumps(document, default=str), "application/json"), 422
    )
    assert any("no-such-right" in e["reason"] for e in body["errors"])


# --- consultations ------------------------------------------------------------------------------------


@pytest.fixture
def consultation(org: Organisation) -> Consultation:
    assessment = org.assessments.get(slug=HIRING)
    item = Consultation.objects.create(
        assessment=assessment,
        title="Applicants",
        plain_summary="What the screener does.",
        created_by=assessment.created_by,
    )
    found = [{"right": "privacy", "name": "Right to privacy", "score": 0.7, "registered": False}]
    Submission.objects.create(
        consultation=item,
        text="shared words",
        name="Ann",
        contact="ann@example.org",
        consent_processing=True,
        consent_share=True,
        rights=found,
    )
    Submission.objects.create(
        consultation=item,
        text="private words",
        name="Bob",
        consent_processing=True,
        consent_share=False,
        rights=[{"right": "non-discrimination", "name": "Non-discrimination", "score": 0.9, "registered": True}],
    )
    return item


def test_consultations_with_counts(consultation: Consultation, api_for: Callable[[str], Client]) -> None:
    body = api_for("viewer").get(url(f"/assessments/{HIRING}/consultations")).json()
    item = body["items"][0]
    assert body["count"] == 1 and item["submissions"] == 2 and item["unforeseen"] == 1
    assert {r["right"]: r["submissions"] for r in item["rights"]} == {"privacy": 1, "non-discrimination": 1}
    assert "words" not in json.dumps(body)


@pytest.mark.parametrize(("role", "shown"), [("assessor", {"shared words"}), ("viewer", set())])
def test_submission_text_only_with_consent_and_role(
    consultation: Consultation, api_for: Callable[[str], Client], role: str, shown: set[str]
) -> None:
    response = api_for(role).get(url(f"/consultations/{consultation.pk}/submissions"))
    body = response.json()
    assert body["count"] == 2
    assert {s["text"] for s in body["items"]} - {None} == shown
    raw = response.content.decode()
    assert "private words" not in raw and "Ann" not in raw and "ann@example.org" not in raw and "Bob" not in raw


# --- monitoring ---------------------------------------------------------------------------------------


def test_deployments_runs_and_result(org: Organisation, api_for: Callable[[str], Client]) -> None:
    assessment = org.assessments.get(slug=HIRING)
    deployment = Deployment.objects.create(assessment=assessment, name="Production")
    result = {"schema": "rightscope/monitoring-result/v1", "kpis": []}
    run = MonitoringRun.objects.create(
        deployment=deployment, version=assessment.current, started_by=assessment.created_by, state="done", result=result
    )
    client = api_for("viewer")
    deployments = client.get(url(f"/deployments?assessment={HIRING}")).json()
    assert [d["name"] for d in deployments["items"]] == ["Production"]
    assert client.get(url("/deployments?assessment=other")).json()["count"] == 0
    runs = client.get(url(f"/deployments/{deployment.pk}/runs")).json()
    assert runs["count"] == 1 and runs["items"][0]["state"] == "done" and "result" not in runs["items"][0]
    assert client.get(url(f"/runs/{run.pk}")).json()["result"] == result
    problem(client.get(url(f"/runs/{10**30}")), 422)
    problem(client.get(url("/runs/999999")), 404)
    problem(api_for("stakeholder").get(url(f"/runs/{run.pk}")), 403)


def _welfare_deployment(org: Organisation) -> Deployment:
    return Deployment.objects.create(assessment=org.assessments.get(slug=WELFARE), name="Pipeline")


def test_a_pipeline_starts_a_run_and_fetches_its_result(org: Organisation, api_for: Callable[[str], Client]) -> None:
    deployment = _welfare_deployment(org)
    client = api_for("assessor")
    log = SimpleUploadedFile("log.csv", decisions_csv().encode())
    response = client.post(url(f"/deployments/{deployment.pk}/runs"), {"decisions": log})
    assert response.status_code == 202, response.content
    run = deployment.runs.get()
    assert response["Location"] == url(f"/runs/{run.pk}")
    assert response.json()["id"] == run.pk and response.json()["deployment"] == deployment.pk
    # tests run tasks inline, so the run is already done; a deployment queues it for its worker
    done = client.get(response["Location"]).json()
    assert done["state"] == "done", done["error"]
    assert done["result"]["inputs"]["decisions"] == "log.csv" and done["result"]["inputs"]["decision_rows"] == 12000
    assert run.started_by.username == "assessor"
    entry = LogEntry.objects.get(object_pk=str(run.pk), changes__icontains="monitoring.run_started")
    assert entry.actor is not None and entry.actor.username == "assessor" and "token" in entry.changes


@pytest.mark.parametrize(
    ("files", "field", "reason"),
    [
        ({}, "(body)", "Give at least one log"),
        ({"decisions": ("log.xlsx", "a,b\n1,2\n")}, "decisions", "is not a CSV or Parquet file"),
        ({"decisions": ("log.csv", "drop:nationality_group")}, "decisions", "no column 'nationality_group'"),
        ({"grievances": ("g.csv", "received,status,text\n2026-01-02,lost,hello\n")}, "grievances", "is not one of"),
        ({"decisions_table": "/etc/passwd"}, "decisions_table", "Give a database table"),
    ],
)
def test_a_refused_run_names_the_field_and_stores_nothing(
    org: Organisation, api_for: Callable[[str], Client], files: dict[str, Any], field: str, reason: str
) -> None:
    deployment = _welfare_deployment(org)
    data: dict[str, Any] = {}
    for name, value in files.items():
        if isinstance(value, tuple):
            filename, content = value
            if content.startswith("drop:"):
                content = decisions_csv(drop=content[5:])
            data[name] = SimpleUploadedFile(filename, content.encode())
        else:
            data[name] = value
    body = problem(api_for("assessor").post(url(f"/deployments/{deployment.pk}/runs"), data), 422)
    assert body["detail"].startswith("the request has")
    assert any(e["field"] == field and reason in e["reason"] for e in body["errors"]), body["errors"]
    assert not deployment.runs.exists()
    assert not MonitoringRun.objects.filter(deployment=deployment).exists()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(["decisions", "grievances", "events"]),
    name=st.sampled_from(["log.csv", "log.parquet", "log.csv.gz", "log.tsv", "log", "../../log.csv"]),
    content=st.one_of(
        st.binary(max_size=300),
        st.text(alphabet=st.sampled_from('abc,;"\n\r01-:T\x00é'), max_size=300).map(str.encode),
    ),
)
def test_any_upload_is_queued_or_refused_never_an_error(
    org: Organisation, api_for: Callable[[str], Client], field: str, name: str, content: bytes
) -> None:
    deployment = Deployment.objects.filter(assessment__organisation=org).first()
    assert deployment is not None
    response = api_for("assessor").post(
        url(f"/deployments/{deployment.pk}/runs"), {field: SimpleUploadedFile(name, content)}
    )
    assert response.status_code in (202, 422), response.content
    if response.status_code == 422:
        assert response.json()["errors"], response.content


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("reviewer", 403), ("stakeholder", 403)])
def test_role_decides_starting_a_run(
    org: Organisation, api_for: Callable[[str], Client], role: str, status: int
) -> None:
    deployment = _welfare_deployment(org)
    log = SimpleUploadedFile("log.csv", decisions_csv().encode())
    body = problem(api_for(role).post(url(f"/deployments/{deployment.pk}/runs"), {"decisions": log}), status)
    assert "run monitoring" in body["detail"] and not deployment.runs.exists()


def test_another_organisations_deployment_cannot_be_run(
    other_org: Organisation, api_for: Callable[[str], Client]
) -> None:
    theirs = Deployment.objects.create(assessment=other_org.assessments.get(), name="theirs")
    log = SimpleUploadedFile("log.csv", decisions_csv().encode())
    problem(api_for("owner").post(url(f"/deployments/{theirs.pk}/runs"), {"decisions": log}), 404)
    assert not theirs.runs.exists()


def test_unknown_address_is_json(api_for: Callable[[str], Client]) -> None:
    problem(api_for("viewer").get(url("/nowhere")), 404)


def test_openapi_document_is_complete(db: Any) -> None:
    document = Client().get(url("/openapi.json")).json()
    paths = document["paths"]
    assert {"/api/v1/assessments", "/api/v1/runs/{run_id}", "/api/v1/assessments/{assessment_id}/result"} <= set(paths)
    assert set(paths["/api/v1/deployments/{deployment_id}/runs"]) == {"get", "post"}
    run_body = paths["/api/v1/deployments/{deployment_id}/runs"]["post"]["requestBody"]["content"]
    assert set(run_body["multipart/form-data"]["schema"]["properties"]) == {
        "decisions",
        "decisions_table",
        "grievances",
        "events",
    }
    assert set(paths["/api/v1/assessments"]["post"]["requestBody"]["content"]) == {
        "application/json",
        "application/yaml",
    }
    assert "TokenAuth" in document["components"]["securitySchemes"]


# --- the tokens page ----------------------------------------------------------------------------------


def test_tokens_page_shows_the_secret_once(org: Organisation, client_for: Callable[[str], Client]) -> None:
    client = client_for("assessor")
    address = reverse("api-tokens", kwargs={"org": org.slug})
    response = client.post(address, {"name": "CI pipeline"})
    token = ApiToken.objects.get(name="CI pipeline")
    page = response.content.decode()
    secret = page.split('id="new-token" type="text" readonly value="', 1)[1].split('"', 1)[0]
    assert secret.startswith("rsk_") and secret.startswith(token.hint)
    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(url("/assessments")).status_code == 200
    listing = client.get(address).content.decode()
    assert "CI pipeline" in listing and secret not in listing and token.hint in listing
    assert LogEntry.objects.get_for_object(token).filter(action=LogEntry.Action.CREATE).exists()


def test_tokens_page_revokes(
    org: Organisation, client_for: Callable[[str], Client], token_for: Callable[..., str]
) -> None:
    secret = token_for("assessor")
    token = ApiToken.objects.get(membership__user__username="assessor")
    client = client_for("assessor")
    revoke = reverse("api-token-revoke", kwargs={"org": org.slug, "pk": token.pk})
    assert client.get(revoke).status_code == 405
    assert client.post(revoke).status_code == 302
    token.refresh_from_db()
    assert token.revoked
    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(url("/assessments")).status_code == 401
    assert LogEntry.objects.get_for_object(token).filter(action=LogEntry.Action.UPDATE).exists()


def test_tokens_page_needs_csrf(org: Organisation, token_for: Callable[..., str]) -> None:
    token_for("assessor")
    token = ApiToken.objects.get()
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="assessor"))
    response = client.post(reverse("api-token-revoke", kwargs={"org": org.slug, "pk": token.pk}))
    assert response.status_code == 403
    token.refresh_from_db()
    assert not token.revoked


def test_assessor_cannot_revoke_someone_elses_token_but_owner_can(
    org: Organisation, client_for: Callable[[str], Client], token_for: Callable[..., str]
) -> None:
    token_for("owner")
    token_for("assessor")
    owners = ApiToken.objects.get(membership__user__username="owner")
    assessors = ApiToken.objects.get(membership__user__username="assessor")
    assessor = client_for("assessor")
    assert assessor.post(reverse("api-token-revoke", kwargs={"org": org.slug, "pk": owners.pk})).status_code == 404
    assert "owner token" not in assessor.get(reverse("api-tokens", kwargs={"org": org.slug})).content.decode()
    owner = client_for("owner")
    assert owner.post(reverse("api-token-revoke", kwargs={"org": org.slug, "pk": assessors.pk})).status_code == 302
    assessors.refresh_from_db()
    assert assessors.revoked


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("reviewer", 403), ("anonymous", 302)])
def test_tokens_page_roles(org: Organisation, client_for: Callable[[str], Client], role: str, status: int) -> None:
    assert client_for(role).get(reverse("api-tokens", kwargs={"org": org.slug})).status_code == status


def test_tokens_page_name_is_required(org: Organisation, client_for: Callable[[str], Client]) -> None:
    response = client_for("assessor").post(reverse("api-tokens", kwargs={"org": org.slug}), {"name": ""})
    assert response.status_code == 200 and not ApiToken.objects.exists()
    assert "required" in response.content.decode()


def test_a_method_not_taken_is_json(api_for: Callable[[str], Client]) -> None:
    response = api_for("viewer").delete(url(f"/assessments/{HIRING}"))
    problem(response, 405)
    assert "GET" in response["Allow"]
