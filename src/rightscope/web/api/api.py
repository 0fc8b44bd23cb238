"""The JSON API (django-ninja): ``/api/v1/``, OpenAPI document at ``/api/v1/openapi.json``.

A request carries ``Authorization: Bearer rsk_...``. The token belongs to one membership, so it names
the organisation (paths carry no organisation slug) and acts with that member's role, through the same
capability table as the web pages (``orgs.access.CAPABILITIES``). No token, or a wrong or revoked one:
401. A role without the capability: 403. An object of another organisation: 404, as for one that does
not exist. Every error is a JSON problem (``schemas.Problem``); scoring is the core's, through the same
cached evaluation as the assessment pages.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from functools import wraps
from typing import Annotated, Any, TypeVar

from auditlog.context import set_actor
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.db.models import Count, Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import NinjaAPI, Query
from ninja import Status as Answer
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.params import functions as param
from ninja.security import HttpBearer

import rightscope
from rightscope.assess.result import AssessmentResult
from rightscope.web.api import schemas as s
from rightscope.web.api.models import PREFIX, ApiToken, hash_token
from rightscope.web.assessments import document as docs
from rightscope.web.assessments.models import Assessment, Status
from rightscope.web.audit.record import record
from rightscope.web.consultations import classify
from rightscope.web.consultations.models import Consultation
from rightscope.web.monitoring.models import Deployment, MonitoringRun
from rightscope.web.orgs.access import CAPABILITIES, can
from rightscope.web.orgs.models import Membership, Organisation

log = logging.getLogger(__name__)
T = TypeVar("T")
M = TypeVar("M", bound=Model)

MAX_ID = 2**63 - 1  # database integers: a larger id is answered 422, never an overflow
ERRORS: dict[int | str, Any] = {401: s.Problem, 403: s.Problem, 404: s.Problem, 422: s.Problem}
MEDIA_YAML = "application/yaml"


class TokenAuth(HttpBearer):
    """``Authorization: Bearer rsk_...``: the token's membership, if the token is known and not revoked."""

    openapi_description = "An API token made on the organisation's tokens page (rsk_...)."

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        if not token.startswith(PREFIX):
            return None
        found = (
            ApiToken.objects.select_related("membership__organisation", "membership__user")
            .filter(digest=hash_token(token), revoked=False, membership__user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used=timezone.now())
        request.user = found.membership.user
        return found


api = NinjaAPI(
    title="Rightscope API",
    version="1",
    description=(
        "Assessments, risks, consultations and monitoring runs of a Rightscope organisation. "
        "Authenticate with `Authorization: Bearer rsk_...`: the token's organisation and role decide what "
        "it reads and writes. Every error is a JSON problem with `title`, `status`, `detail` and, for a "
        "refused document, `errors` naming each field and the reason."
    ),
    urls_namespace="api",
    auth=TokenAuth(),
    # ninja's Swagger page loads its script from a CDN, which the content security policy (and an
    # offline deployment) refuses, leaving a blank page; the OpenAPI document itself is served.
    docs_url=None,
)


# --- errors: always JSON ------------------------------------------------------------------------------

TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Payload too large",
    422: "Unprocessable content",
    500: "Internal server error",
}


def problem(
    request: HttpRequest, status: int, detail: str, errors: Sequence[dict[str, str]] = (), **headers: str
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    body["errors"] = list(errors)
    response = api.create_response(request, body, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = "a valid API token is required: send 'Authorization: Bearer rsk_...' (tokens are made on the tokens page)"
    return problem(request, 401, detail, WWW_Authenticate='Bearer realm="rightscope"')


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem(request, exc.status_code, exc.message)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(request, 404, str(exc) if exc.args else "not found in this token's organisation")


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = []
    for item in exc.errors:
        where = [str(part) for part in item.get("loc", ()) if part not in ("params",)]
        errors.append({"field": ".".join(where) or "(request)", "reason": str(item.get("msg", "invalid"))})
    detail = "; ".join(f"{e['field']}: {e['reason']}" for e in errors) or "the request is not valid"
    return problem(request, 422, detail, errors)


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("API error on %s", request.path)
    return problem(request, 500, "an unexpected error; it has been logged")


def not_found_view(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address under /api/v1/: a JSON 404, as the API's own."""
    return problem(request, 404, f"no such API address: {request.path}")


# --- helpers ------------------------------------------------------------------------------------------


def token_of(request: HttpRequest) -> ApiToken:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    return token


def org_of(request: HttpRequest) -> Organisation:
    return token_of(request).membership.organisation


def requires(capability: str) -> dict[str, Any]:
    """The OpenAPI extension naming the capability an operation needs (checked by :func:`need`)."""
    assert capability in CAPABILITIES, capability
    return {"x-rightscope-capability": capability}


def need(request: HttpRequest, capability: str) -> Membership:
    """The token's membership, or 403 if its role lacks ``capability`` (see orgs.access.CAPABILITIES)."""
    membership = token_of(request).membership
    if not can(membership, capability):
        raise HttpError(403, f"a token of a {membership.role} may not do this (needs {capability.replace('_', ' ')})")
    return membership


def page(items: QuerySet[M] | list[T], query: s.PageQuery) -> tuple[int, list[Any]]:
    """One page of a list: (the total count, the items from offset to offset + limit)."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    return count, list(items[query.offset : query.offset + query.limit])


def _assessment(request: HttpRequest, assessment_id: str) -> Assessment:
    found = (
        Assessment.objects.select_related("project")
        .filter(organisation=org_of(request), slug=assessment_id.replace("\x00", ""))
        .first()
    )
    if found is None or "\x00" in assessment_id:
        raise Http404(f"no assessment '{assessment_id}' in this token's organisation")
    return found


def _summary(assessment: Assessment) -> dict[str, Any]:
    version = assessment.current
    evaluation = docs.evaluate(version)
    result = evaluation.result
    summary = result.summary if result is not None else {}
    return {
        "id": assessment.slug,
        "title": assessment.title,
        "status": assessment.status,
        "version": version.number,
        "document_version": str(version.document.get("version", "")),
        "updated": assessment.updated,
        "project": assessment.project.name if assessment.project else None,
        "impact_level": result.impact.level if result is not None else None,
        "risks": None
        if result is None
        else {
            "total": summary["risks"],
            **{p: summary[f"priority_{p}"] for p in ("critical", "high", "medium", "low")},
        },
        "rights_at_stake": summary.get("rights_at_stake"),
        "checks_met": summary.get("checks_met"),
        "checks_total": summary.get("checks_total"),
        "problems": evaluation.problems,
    }


def _result(assessment: Assessment) -> AssessmentResult:
    evaluation = docs.evaluate(assessment.current)
    if evaluation.result is None:
        raise HttpError(409, "the assessment cannot be scored: " + "; ".join(evaluation.problems))
    return evaluation.result


PROBLEM_AT = re.compile(r"^((?:\(top level\))|[\w.\[\]-]+): (.+)$", re.DOTALL)


def field_problems(problems: list[str]) -> list[dict[str, str]]:
    """The core's problems ("use_case.title: Field required ...") as field and reason."""
    out = []
    for text in problems:
        match = PROBLEM_AT.match(text)
        out.append({"field": match[1], "reason": match[2]} if match else {"field": "(body)", "reason": text})
    return out


# --- endpoints ----------------------------------------------------------------------------------------


@api.get("/version", auth=None, response=s.Version, tags=["meta"])
def version(request: HttpRequest) -> dict[str, str]:
    """The Rightscope version serving this API."""
    return {"rightscope": rightscope.__version__}


@api.get(
    "/assessments",
    response={200: s.AssessmentPage, **ERRORS},
    tags=["assessments"],
    openapi_extra=requires("view_assessments"),
)
def list_assessments(request: HttpRequest, query: Query[s.PageQuery]) -> dict[str, Any]:
    """The organisation's assessments, latest change first, each with its current evaluation."""
    need(request, "view_assessments")
    items = Assessment.objects.filter(organisation=org_of(request)).select_related("project")
    count, chosen = page(items, query)
    return {"count": count, "items": [_summary(a) for a in chosen]}


PUSH_BODY = {
    "requestBody": {
        "required": True,
        "description": (
            "An assessment-as-code file (schema rightscope/assessment/v1), YAML or JSON, as `rightscope "
            "assess` reads it. A new id makes a new assessment; a known id a new version of it."
        ),
        "content": {
            "application/json": {"schema": {"type": "object", "additionalProperties": True}},
            MEDIA_YAML: {"schema": {"type": "string"}},
        },
    }
}


@api.post(
    "/assessments",
    response={200: s.PushOut, 201: s.PushOut, 409: s.Problem, 413: s.Problem, **ERRORS},
    openapi_extra={**PUSH_BODY, **requires("edit_assessments")},
    tags=["assessments"],
)
def push_assessment(request: HttpRequest) -> Answer[dict[str, Any]]:
    """Create an assessment, or a new version of the one with the file's id (201 created, 200 updated).

    The document is validated by the core's parser and reference checks; every problem is answered
    422 with the field and the reason. A document equal to the current version stores nothing.
    """
    membership = need(request, "edit_assessments")
    org, user, token = membership.organisation, membership.user, token_of(request)
    try:
        text = request.body.decode("utf-8")
    except RequestDataTooBig:
        raise HttpError(413, "the file is too large") from None
    except UnicodeDecodeError:
        raise _refused([{"field": "(body)", "reason": "not UTF-8 text"}]) from None
    try:
        document, parsed = docs.read_text(text, "api")
        if len(parsed.id) > 100:
            raise docs.DocumentError(["id: at most 100 characters"])
    except docs.DocumentError as exc:
        raise _refused(field_problems(exc.problems)) from None
    except (RecursionError, ValueError, TypeError) as exc:  # e.g. nesting too deep for the YAML reader
        raise _refused([{"field": "(body)", "reason": f"cannot be read ({type(exc).__name__})"}]) from None
    name = f"API ({token.name})"
    existing = Assessment.objects.filter(organisation=org, slug=parsed.id).first()
    changed = True
    try:
        with set_actor(user, remote_addr=request.META.get("REMOTE_ADDR")), transaction.atomic():
            if existing is None:
                assessment = docs.import_assessment(org, text, user, name)
            else:
                assessment = existing
                if existing.current.document == document:
                    changed = False
                else:
                    docs.save_version(assessment, document, user, f"pushed by {name}", text)
                    if assessment.status != Status.DRAFT:
                        assessment.status = Status.DRAFT
                        assessment.save(update_fields=["status", "updated"])
            if changed:
                record(
                    request,
                    assessment,
                    "assessment.api_push",
                    version=assessment.current.number,
                    token=token.hint,
                    created=existing is None,
                )
    except docs.DocumentError as exc:
        raise _refused(field_problems(exc.problems)) from None
    except IntegrityError:
        raise HttpError(409, f"assessment '{parsed.id}' was changed at the same time; push again") from None
    body = {**_summary(assessment), "created": existing is None, "changed": changed}
    return Answer(201 if existing is None else 200, body)


class _Refused(HttpError):
    def __init__(self, errors: list[dict[str, str]], subject: str) -> None:
        self.errors = errors
        self.subject = subject
        super().__init__(422, "; ".join(f"{e['field']}: {e['reason']}" for e in errors))


def _refused(errors: list[dict[str, str]], subject: str = "the document") -> _Refused:
    """A 422 naming each problem; ``subject`` is what has them (a pushed document, a request's fields)."""
    return _Refused(errors, subject)


@api.exception_handler(_Refused)
def _refused_handler(request: HttpRequest, exc: _Refused) -> HttpResponse:
    count = len(exc.errors)
    return problem(request, 422, f"{exc.subject} has {count} problem(s): {exc.message}", exc.errors)


AssessmentId = Annotated[str, param.Path(description="The assessment's id (the document's `id`).", max_length=200)]
ObjectId = Annotated[int, param.Path(ge=1, le=MAX_ID)]


@api.get(
    "/assessments/{assessment_id}",
    response={200: s.AssessmentOut, **ERRORS},
    tags=["assessments"],
    openapi_extra=requires("view_assessments"),
)
def get_assessment(request: HttpRequest, assessment_id: AssessmentId) -> dict[str, Any]:
    """One assessment: status, current version, impact level and risk register summary."""
    need(request, "view_assessments")
    return _summary(_assessment(request, assessment_id))


@api.get(
    "/assessments/{assessment_id}/result",
    response={200: AssessmentResult, 409: s.Problem, **ERRORS},
    by_alias=True,
    tags=["assessments"],
    openapi_extra=requires("view_assessments"),
)
def get_result(request: HttpRequest, assessment_id: AssessmentId) -> AssessmentResult:
    """The evaluated current version: the rightscope/assessment-result/v1 JSON that `rightscope assess` writes."""
    need(request, "view_assessments")
    return _result(_assessment(request, assessment_id))


@api.get(
    "/assessments/{assessment_id}/risks",
    response={200: s.RiskPage, 409: s.Problem, **ERRORS},
    tags=["assessments"],
    openapi_extra=requires("view_assessments"),
)
def list_risks(request: HttpRequest, query: Query[s.PageQuery], assessment_id: AssessmentId) -> dict[str, Any]:
    """The scored risk register of the current version, gravest first (as the core orders it)."""
    need(request, "view_assessments")
    count, chosen = page(_result(_assessment(request, assessment_id)).risks, query)
    return {"count": count, "items": chosen}


@api.get(
    "/assessments/{assessment_id}/consultations",
    response={200: s.ConsultationPage, **ERRORS},
    tags=["consultations"],
    openapi_extra=requires("view_consultations"),
)
def list_consultations(request: HttpRequest, query: Query[s.PageQuery], assessment_id: AssessmentId) -> dict[str, Any]:
    """The assessment's consultations with how many submissions they had and the rights these engage."""
    need(request, "view_consultations")
    assessment = _assessment(request, assessment_id)
    items = assessment.consultations.annotate(n=Count("submissions"))
    count, chosen = page(items, query)
    return {"count": count, "items": [_consultation(c) for c in chosen]}


def _findings(rights: Any, registered: set[str]) -> list[dict[str, Any]]:
    """The rights a submission engages (identify's score at least ``classify.ENGAGED_SCORE``, as on the
    consultation page), each marked registered when a risk of the assessment's current version is about it."""
    if not isinstance(rights, list):
        return []
    out = []
    for item in rights:
        score = item.get("score") if isinstance(item, dict) else None
        engaged = isinstance(score, int | float) and score >= classify.ENGAGED_SCORE
        if isinstance(item, dict) and item.get("right") and engaged:
            out.append(
                {
                    "right": str(item["right"]),
                    "name": str(item.get("name") or item["right"]),
                    "score": float(score) if isinstance(score, int | float) else None,
                    "registered": str(item["right"]) in registered,
                }
            )
    return out


def _consultation(item: Consultation) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    names: dict[str, tuple[str, bool]] = {}
    unforeseen = 0
    registered = classify.registered_rights(item.assessment.current.document)
    for rights in item.submissions.values_list("rights", flat=True):
        findings = _findings(rights, registered)
        unforeseen += any(not f["registered"] for f in findings)
        for f in {f["right"]: f for f in findings}.values():
            counts[f["right"]] += 1
            names[f["right"]] = (f["name"], f["registered"])
    return {
        "id": item.pk,
        "title": item.title,
        "language": item.language,
        "is_open": item.is_open,
        "closes": item.closes,
        "created": item.created,
        "submissions": getattr(item, "n", None) or item.submissions.count(),
        "unforeseen": unforeseen,
        "rights": [
            {"right": r, "name": names[r][0], "submissions": n, "registered": names[r][1]}
            for r, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "assessor_summary": item.assessor_summary,
    }


@api.get(
    "/consultations/{consultation_id}/submissions",
    response={200: s.SubmissionPage, **ERRORS},
    tags=["consultations"],
    openapi_extra=requires("view_consultations"),
)
def list_submissions(request: HttpRequest, query: Query[s.PageQuery], consultation_id: ObjectId) -> dict[str, Any]:
    """A consultation's submissions, classified. Names and contacts are never given; the text only
    where the stakeholder consented to sharing it and the token's role reads submissions."""
    membership = need(request, "view_consultations")
    consultation = Consultation.objects.filter(assessment__organisation=org_of(request), pk=consultation_id).first()
    if consultation is None:
        raise Http404(f"no consultation {consultation_id} in this token's organisation")
    reads = can(membership, "read_submissions")
    registered = classify.registered_rights(consultation.assessment.current.document)
    count, chosen = page(consultation.submissions.all(), query)
    items = [
        {
            "id": sub.pk,
            "created": sub.created,
            "language": sub.language,
            "risk_id": sub.risk_id,
            "rights": _findings(sub.rights, registered),
            "warnings": [str(w) for w in sub.warnings] if isinstance(sub.warnings, list) else [],
            "consent_share": sub.consent_share,
            "text": sub.text if sub.consent_share and reads else None,
        }
        for sub in chosen
    ]
    return {"count": count, "items": items}


@api.get(
    "/deployments",
    response={200: s.DeploymentPage, **ERRORS},
    tags=["monitoring"],
    openapi_extra=requires("view_monitoring"),
)
def list_deployments(
    request: HttpRequest,
    query: Query[s.PageQuery],
    assessment: Annotated[str | None, param.Query(None, max_length=200)] = None,
) -> dict[str, Any]:
    """The organisation's deployments, optionally of one assessment (its id)."""
    need(request, "view_monitoring")
    items = Deployment.objects.filter(assessment__organisation=org_of(request)).select_related("assessment")
    if assessment is not None:
        items = items.filter(assessment__slug=assessment.replace("\x00", ""))
    count, chosen = page(items, query)
    return {
        "count": count,
        "items": [
            {
                "id": d.pk,
                "name": d.name,
                "description": d.description,
                "assessment": d.assessment.slug,
                "created": d.created,
            }
            for d in chosen
        ],
    }


def _run(run: MonitoringRun, with_result: bool = False) -> dict[str, Any]:
    out = {
        "id": run.pk,
        "deployment": run.deployment_id,
        "state": run.state,
        "progress": run.progress,
        "stage": run.stage,
        "version": run.version.number,
        "created": run.created,
        "finished": run.finished,
        "error": run.error,
    }
    if with_result:
        out["result"] = run.result if isinstance(run.result, dict) else None
    return out


@api.get(
    "/deployments/{deployment_id}/runs",
    response={200: s.RunPage, **ERRORS},
    tags=["monitoring"],
    openapi_extra=requires("view_monitoring"),
)
def list_runs(request: HttpRequest, query: Query[s.PageQuery], deployment_id: ObjectId) -> dict[str, Any]:
    """A deployment's monitoring runs, latest first (the result itself: GET /runs/{run_id})."""
    need(request, "view_monitoring")
    deployment = Deployment.objects.filter(assessment__organisation=org_of(request), pk=deployment_id).first()
    if deployment is None:
        raise Http404(f"no deployment {deployment_id} in this token's organisation")
    count, chosen = page(deployment.runs.select_related("version"), query)
    return {"count": count, "items": [_run(r) for r in chosen]}


RUN_BODY = {
    "requestBody": {
        "required": True,
        "description": (
            "The logs of one monitoring run, as the deployment's run page takes them: a decision log (a CSV or "
            "Parquet file, or a database table), grievances and safeguard events (CSV), at least one of them. "
            "Each is checked against the assessment's monitoring plan before the run is queued."
        ),
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "decisions": {"type": "string", "format": "binary", "description": "CSV or Parquet"},
                        "decisions_table": {
                            "type": "string",
                            "maxLength": 500,
                            "description": "duckdb:///path/file.duckdb::table or postgresql://user@host/db::table",
                        },
                        "grievances": {"type": "string", "format": "binary", "description": "CSV"},
                        "events": {"type": "string", "format": "binary", "description": "CSV"},
                    },
                }
            }
        },
    }
}


@api.post(
    "/deployments/{deployment_id}/runs",
    response={202: s.RunOut, 413: s.Problem, **ERRORS},
    openapi_extra={**RUN_BODY, **requires("run_monitoring")},
    tags=["monitoring"],
)
def start_run(request: HttpRequest, deployment_id: ObjectId) -> HttpResponse:
    """Queue a monitoring run of a deployment over uploaded logs (202; follow ``Location`` for the result).

    The same checks as the run page: every problem is answered 422 with the field and the reason, and
    nothing is stored. The run computes the current version's monitoring plan in the background.
    """
    from rightscope.web.monitoring.forms import RunForm
    from rightscope.web.monitoring.tasks import evaluate_run

    membership = need(request, "run_monitoring")
    deployment = Deployment.objects.filter(assessment__organisation=org_of(request), pk=deployment_id).first()
    if deployment is None:
        raise Http404(f"no deployment {deployment_id} in this token's organisation")
    version = deployment.assessment.current
    evaluation = docs.evaluate(version)
    if evaluation.result is None:
        problems = [{"field": "assessment", "reason": text} for text in evaluation.problems]
        problems = problems or [{"field": "assessment", "reason": "the current version cannot be evaluated"}]
        raise _refused(problems, "the request")
    try:
        form = RunForm(request.POST, request.FILES, document=evaluation.document, result=evaluation.result)
        valid = form.is_valid()
    except RequestDataTooBig:
        raise HttpError(413, "the request is too large") from None
    if not valid:
        raise _refused(
            [
                {"field": "(body)" if name == "__all__" else name, "reason": str(reason)}
                for name, reasons in form.errors.items()
                for reason in reasons
            ],
            "the request",
        )
    token = token_of(request)
    with set_actor(membership.user, remote_addr=request.META.get("REMOTE_ADDR")), transaction.atomic():
        run = form.create_run(deployment, membership.user)
        started = {"deployment": deployment.pk, "version": version.number, "token": token.hint}
        record(request, run, "monitoring.run_started", **started)
        evaluate_run.enqueue(run.pk)
    run.refresh_from_db()
    response = api.create_response(request, _run(run), status=202)
    response["Location"] = reverse("api:run", kwargs={"run_id": run.pk})
    return response


@api.get(
    "/runs/{run_id}",
    response={200: s.RunDetail, **ERRORS},
    tags=["monitoring"],
    url_name="run",
    openapi_extra=requires("view_monitoring"),
)
def get_run(request: HttpRequest, run_id: ObjectId) -> dict[str, Any]:
    """One monitoring run and, once done, its rightscope/monitoring-result/v1 document."""
    need(request, "view_monitoring")
    run = (
        MonitoringRun.objects.select_related("version")
        .filter(deployment__assessment__organisation=org_of(request), pk=run_id)
        .first()
    )
    if run is None:
        raise Http404(f"no monitoring run {run_id} in this token's organisation")
    return _run(run, with_result=True)


def urls() -> tuple[list[Any], str, str]:
    """``api.urls``, with ninja's plain-text 405 (a method an address does not take) answered as JSON."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _json_405(pattern.callback)
    return patterns, app_name, namespace


def _json_405(view: Any) -> Any:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            answer = problem(request, 405, f"{request.method} is not answered here; use {allowed}")
            answer["Allow"] = allowed
            return answer
        return response

    return wrapper
