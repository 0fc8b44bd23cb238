"""The permission matrix: every role against every organisation page, allowed or refused as designed.

The expected answer comes from ``orgs.access.CAPABILITIES`` and the capability each view declares with
``@org_view``: a member whose role has it gets the page (never 403 or 404), a member whose role lacks
it gets 403, a signed-out visitor is sent to sign in, and a member of another organisation gets 404,
exactly as for an organisation that does not exist. Objects of another organisation, asked for under
one's own organisation's address, are 404 too. Every ``/o/<slug>/`` address must be covered here: a
new view whose arguments this test cannot fill makes it fail.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rightscope.web.orgs.access import CAPABILITIES
from rightscope.web.orgs.models import Role

ROLES = [*Role.values]


def org_patterns() -> list[tuple[str, Any, list[str]]]:
    """(url name, view, argument names) of every page under /o/<org>/."""
    found: list[tuple[str, Any, list[str]]] = []

    def walk(patterns: list[Any], prefix: str, namespace: str | None) -> None:
        for item in patterns:
            route = prefix + str(item.pattern)
            if isinstance(item, URLResolver):
                walk(item.url_patterns, route, item.namespace or namespace)
            elif isinstance(item, URLPattern) and route.startswith("o/<slug:org>/"):
                name = f"{namespace}:{item.name}" if namespace else item.name
                found.append((name, item.callback, list(item.pattern.converters)))

    walk(get_resolver().url_patterns, "", None)
    return found


PATTERNS = org_patterns()


def objects(org: Any) -> dict[str, Any]:
    """One object of each kind in ``org``, created where the demo has none."""
    from rightscope.web.consultations.models import Consultation
    from rightscope.web.monitoring.models import Deployment

    assessment = org.assessments.order_by("pk").first()
    owner = org.memberships.filter(role=Role.OWNER).first().user
    consultation = Consultation.objects.filter(assessment__organisation=org).first() or Consultation.objects.create(
        assessment=assessment, title="Matrix", plain_summary="A summary.", created_by=owner
    )
    deployments = Deployment.objects.filter(assessment__organisation=org).order_by("-runs__pk")
    deployment = deployments.first() or Deployment.objects.create(assessment=assessment, name="Matrix deployment")
    from rightscope.web.reports.models import RenderedReport

    rendered = RenderedReport.objects.filter(assessment__organisation=org).first() or RenderedReport.objects.create(
        assessment=assessment, version=assessment.current, fmt="pdf", lens="rights", lang="en", requested_by=owner
    )
    from rightscope.web.api.models import ApiToken

    token = ApiToken.objects.filter(membership__organisation=org).first()
    if token is None:
        token, _secret = ApiToken.issue(org.memberships.filter(role=Role.OWNER).first(), "matrix", owner)
    from rightscope.web.monitoring.models import MonitoringRun

    run = MonitoringRun.objects.filter(deployment=deployment).first() or MonitoringRun.objects.create(
        deployment=deployment,
        version=deployment.assessment.current,
        started_by=owner,
        state=MonitoringRun.State.FAILED,
        error="no decision log",
    )
    risk = assessment.current.document["risks"][0]["id"]
    mitigation = next(m for r in assessment.current.document["risks"] for m in r.get("mitigations") or [])
    return {
        "assessment": assessment,
        "consultation": consultation,
        "deployment": deployment,
        "rendered": rendered,
        "token": token,
        "run": run,
        "risk_id": risk,
        "mitigation_id": mitigation,
    }


# Which object a view's ``pk`` is, by URL namespace.
PK_KIND = {
    "assessments": "assessment",
    "consultations": "consultation",
    "monitoring": "deployment",
    "reports": "assessment",
    "reports:rendered": "rendered",
    "reports:file": "rendered",
    "api-token-revoke": "token",
}


def arguments(name: str, params: list[str], found: dict[str, Any]) -> dict[str, Any]:
    namespace = name.split(":")[0]
    values: dict[str, Any] = {}
    for param in params:
        if param == "org":
            continue
        if param == "pk":
            values["pk"] = found[PK_KIND.get(name, PK_KIND[namespace])].pk
        elif param == "run_pk":
            values[param] = found["run"].pk
        elif param == "assessment_pk":
            values[param] = found["assessment"].pk
        elif param in {"risk_id", "mitigation_id"}:
            values[param] = found[param]
        elif param == "fmt":
            values[param] = "yaml" if namespace == "assessments" else "csv"
        elif param == "number":
            values[param] = 1
        else:
            raise AssertionError(f"{name}: the permission matrix does not know how to fill '{param}'; add it")
    return values


def test_every_organisation_page_declares_a_capability():
    assert PATTERNS, "no organisation pages found"
    undeclared = [name for name, view, _ in PATTERNS if getattr(view, "capability", None) not in CAPABILITIES]
    assert not undeclared, f"pages without @org_view: {undeclared}"


@pytest.mark.parametrize(("name", "view", "params"), PATTERNS, ids=[p[0] for p in PATTERNS])
def test_every_role_gets_what_the_matrix_says(org, other_org, client_for, name, view, params):
    found = objects(org)
    url = reverse(name, kwargs={"org": org.slug, **arguments(name, params, found)})
    allowed = CAPABILITIES[view.capability]
    for role in ROLES:
        status = client_for(role).get(url).status_code
        if role in allowed:
            assert status not in {403, 404, 500}, f"{role} GET {url}: {status}"
        else:
            assert status == 403, f"{role} GET {url}: {status}, expected 403"
            assert client_for(role).post(url, {}).status_code == 403, f"{role} POST {url}"
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"], url

    stranger = Client()
    stranger.force_login(get_user_model().objects.get(username="elsewhere-owner"))
    assert stranger.get(url).status_code == 404, f"another organisation's owner GET {url}"
    assert stranger.post(url, {}).status_code == 404, f"another organisation's owner POST {url}"
    missing = reverse(name, kwargs={**{"org": "no-such-org"}, **arguments(name, params, found)})
    assert stranger.get(missing).status_code == 404

    # Under one's own organisation's address, another organisation's object is 404, not 403 or 200.
    if any(p in params for p in ("pk", "assessment_pk")):
        theirs = objects(other_org)
        foreign = reverse(name, kwargs={"org": org.slug, **arguments(name, params, theirs)})
        member = next(r for r in ROLES if r in allowed)
        client = client_for(member)
        status = client.get(foreign).status_code
        if status == 405:  # a POST-only action: the POST must not reach the other organisation's object
            status = client.post(foreign, {}).status_code
        assert status == 404, f"{member} {foreign}: {status}"
