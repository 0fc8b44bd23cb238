"""Assessment pages: templates, import/export round trips, editing, versions and sign-off."""

from __future__ import annotations

import html
import json

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from rightscope.web.assessments import document as docs
from rightscope.web.assessments.models import Assessment, SignOff, Status
from rightscope.web.orgs.demo import example_files


def url(name, org, **kwargs):
    return reverse(f"assessments:{name}", kwargs={"org": org.slug, **kwargs})


def welfare(org):
    return org.assessments.get(slug="westerhaven-welfare-fraud-risk")


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_every_example_round_trips_through_import_and_export(client_for, org, path):
    """Import, export YAML (the same bytes) and JSON (the same data), and re-import the JSON unchanged."""
    text = path.read_text(encoding="utf-8")
    item = org.assessments.get(slug=yaml.safe_load(text)["id"])
    client = client_for("assessor")
    exported = client.get(url("export", org, pk=item.pk, fmt="yaml"))
    assert exported.status_code == 200
    assert exported.content.decode() == text
    as_json = client.get(url("export", org, pk=item.pk, fmt="json")).content.decode()
    assert json.loads(as_json) == json.loads(json.dumps(yaml.safe_load(text), default=str))
    upload = SimpleUploadedFile("again.json", as_json.encode())
    response = client.post(url("import-version", org, pk=item.pk), {"file": upload, "note": "round trip"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.current.number == 2
    assert item.current.document == item.versions.get(number=1).document
    assert docs.diff(item.versions.get(number=1), item.current) == []


def test_new_assessment_from_a_sector_template(client_for, org):
    data = {
        "sector": "hiring",
        "title": "CV ranking at the city council",
        "purpose": "Rank applications for interview",
        "technology": "gradient boosted model",
        "deployer": "City council",
        "provider": "Vendor Ltd",
        "countries": "France, DE",
        "automation": "human-in-the-loop",
        "people_per_year": 5000,
        "lifecycle_stage": "pilot",
    }
    response = client_for("assessor").post(url("new", org), data)
    assert response.status_code == 302
    item = org.assessments.get(title="CV ranking at the city council")
    assert item.slug == "cv-ranking-at-the-city-council"
    assert item.document["use_case"]["countries"] == ["FR", "DE"]
    page = client_for("assessor").get(response["Location"]).content.decode()
    assert "Risk register" in page and "R1" in page
    assert "TODO" in docs.export_text(item.current, "yaml")  # the starter's comments and markers are kept


def test_unknown_country_is_a_form_error_with_a_suggestion(client_for, org):
    response = client_for("assessor").post(url("new", org), {"title": "x", "countries": "Frnace"})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "No country “Frnace”. Did you mean FR (France)" in page


def test_every_unknown_country_is_named_at_once_in_the_users_language(client_for, org):
    client = client_for("assessor")
    form = {"title": "x", "countries": "Frnace, Kenya, Congo, Germny"}
    page = html.unescape(client.post(url("new", org), form, HTTP_ACCEPT_LANGUAGE="es").content.decode())
    assert "Ningún país «Frnace». ¿Quiso decir FR (France)" in page
    assert "«Congo» puede ser CG (Congo), CD (DR Congo): indique el código ISO." in page
    assert "Ningún país «Germny»" in page and "DE (Germany)" in page
    assert "Kenya" not in page.split("Ningún país")[1]  # a known country is no problem


def test_adding_a_risk_changes_the_register(client_for, org):
    item = welfare(org)
    before = docs.evaluate(item.current).result
    client = client_for("assessor")
    form = {
        "id": "R-new",
        "right": before.risks[0].right,
        "scenario": "Claimants are asked to justify themselves at a hearing they cannot attend.",
        "scale": 4,
        "scope": 4,
        "remediability": 4,
        "likelihood": 4,
        "involvement": "cause",
    }
    response = client.post(url("risk-new", org, pk=item.pk), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    after = docs.evaluate(item.current).result
    assert len(after.risks) == len(before.risks) + 1
    new = next(r for r in after.risks if r.id == "R-new")
    assert new.priority == "critical"
    page = client.get(url("detail", org, pk=item.pk)).content.decode()
    assert 'id="risk-R-new"' in page
    assert item.current.note == "risk R-new added"


def test_risk_form_errors_name_the_field(client_for, org):
    item = welfare(org)
    risk_id = item.document["risks"][0]["id"]
    response = client_for("assessor").post(url("risk-new", org, pk=item.pk), {"id": risk_id, "scenario": "short"})
    assert response.status_code == 200
    text = response.content.decode()
    assert f"Another risk has the id {risk_id}" in text
    assert "at least 10 characters" in text
    assert item.current.number == 1


def test_renaming_a_risk_keeps_its_kpis_and_removing_it_drops_them(client_for, org):
    item = welfare(org)
    document = item.document
    watched = next(r for p in document["monitoring"]["kpis"] for r in p.get("risks") or [])
    risk = next(r for r in document["risks"] if r["id"] == watched)
    client = client_for("assessor")
    form = {k: v for k, v in risk.items() if k not in {"overrides"}}
    form["id"] = "renamed"
    response = client.post(url("risk", org, pk=item.pk, risk_id=watched), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    kpi_risks = {r for p in item.document["monitoring"]["kpis"] for r in p.get("risks") or []}
    assert "renamed" in kpi_risks and watched not in kpi_risks
    assert next(r for r in item.document["risks"] if r["id"] == "renamed").get("overrides") == risk.get("overrides")
    client.post(url("risk-delete", org, pk=item.pk, risk_id="renamed"))
    assert all(r["id"] != "renamed" for r in item.document["risks"])
    assert "renamed" not in {r for p in item.document["monitoring"]["kpis"] for r in p.get("risks") or []}


def test_use_case_edit_keeps_what_the_form_does_not_own(client_for, org):
    item = welfare(org)
    document = item.document
    client = client_for("assessor")
    from rightscope.web.assessments.forms import UseCaseForm

    form = {k: v for k, v in UseCaseForm.initial_from(document).items() if v not in (None, False)}
    form["title"] = "Renamed system"
    response = client.post(url("use-case", org, pk=item.pk), form)
    assert response.status_code == 302, response.context["form"].errors
    item.refresh_from_db()
    assert item.title == "Renamed system"
    after = item.document
    assert after["risks"] == document["risks"] and after["stakeholders"] == document["stakeholders"]
    assert after["use_case"]["affected_people"] == [
        {k: v for k, v in p.items() if k in {"group", "size", "vulnerable_groups"}}
        | {"vulnerable_groups": p.get("vulnerable_groups") or []}
        for p in document["use_case"]["affected_people"]
    ]


def test_bad_import_is_a_form_error_never_a_500(client_for, org):
    client = client_for("assessor")
    broken = example_files()[0].read_text(encoding="utf-8").replace("scale: ", "scale: 9 #", 1)
    cases = {
        "broken.yaml": (broken.encode(), "scale"),
        "not-yaml.yaml": (b"use_case: [unclosed", "YAML"),
        "latin1.yaml": ("titre: échec".encode("latin-1"), "UTF-8"),
    }
    for name, (content, expected) in cases.items():
        response = client.post(url("import", org), {"file": SimpleUploadedFile(name, content)})
        assert response.status_code == 200, name
        assert expected in response.content.decode(), name
    duplicate = SimpleUploadedFile("again.yaml", example_files()[0].read_bytes())
    response = client.post(url("import", org), {"file": duplicate})
    assert "already has an assessment" in response.content.decode()


@override_settings(MAX_UPLOAD_BYTES=100)
def test_oversized_import_is_refused(client_for, org):
    response = client_for("assessor").post(url("import", org), {"file": SimpleUploadedFile("big.yaml", b"x" * 101)})
    assert response.status_code == 200
    assert "the largest accepted is 100" in response.content.decode()


def test_review_and_four_eyes_sign_off(client_for, org):
    item = welfare(org)
    assessor, reviewer = client_for("assessor"), client_for("reviewer")
    assert assessor.post(url("submit", org, pk=item.pk)).status_code == 302
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    # The assessor wrote the version under review, and has no sign-off capability anyway.
    assert assessor.get(url("sign-off", org, pk=item.pk)).status_code == 403
    response = reviewer.post(url("sign-off", org, pk=item.pk), {"decision": "approved-with-conditions", "role": "DPO"})
    assert "Say what the conditions" in response.content.decode()
    response = reviewer.post(
        url("sign-off", org, pk=item.pk),
        {"decision": "approved-with-conditions", "role": "DPO", "conditions": "Re-run the bias audit in May."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.APPROVED
    assert item.document["sign_offs"][-1]["decision"] == "approved-with-conditions"
    assert SignOff.objects.get(assessment=item).version.number == item.current.number - 1
    # An edit after approval sends it back to draft.
    client_for("assessor").post(
        url("import-version", org, pk=item.pk), {"file": SimpleUploadedFile("x.yaml", example_files()[-1].read_bytes())}
    )
    form = {"status": "implemented"}
    mitigation = next(iter(item.document["mitigations"]))
    assert assessor.post(url("mitigation", org, pk=item.pk, mitigation_id=mitigation), form).status_code == 302
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    assert item.document["mitigations"][mitigation]["status"] == "implemented"


def test_author_of_the_version_under_review_cannot_sign_it(client_for, org):
    item = welfare(org)
    owner = client_for("owner")
    owner.post(
        url("mitigation", org, pk=item.pk, mitigation_id=next(iter(item.document["mitigations"]))),
        {"status": "verified"},
    )
    owner.post(url("submit", org, pk=item.pk))
    assert owner.get(url("sign-off", org, pk=item.pk)).status_code == 403
    assert client_for("reviewer").get(url("sign-off", org, pk=item.pk)).status_code == 200


def test_versions_page_shows_the_diff(client_for, org):
    item = welfare(org)
    client = client_for("assessor")
    mitigation = next(iter(item.document["mitigations"]))
    client.post(url("mitigation", org, pk=item.pk, mitigation_id=mitigation), {"status": "verified", "owner": "Ana"})
    page = client.get(url("versions", org, pk=item.pk)).content.decode()
    assert "owner: Ana" in page and 'class="add"' in page


@pytest.mark.parametrize(
    ("role", "view_code", "edit_code"),
    [
        ("owner", 200, 200),
        ("assessor", 200, 200),
        ("reviewer", 200, 403),
        ("viewer", 200, 403),
        ("stakeholder", 403, 403),
    ],
)
def test_roles(client_for, org, role, view_code, edit_code):
    item = welfare(org)
    client = client_for(role)
    assert client.get(url("detail", org, pk=item.pk)).status_code == view_code
    assert client.get(url("risk-new", org, pk=item.pk)).status_code == edit_code


def test_another_organisations_assessment_is_404(client_for, org, other_org):
    theirs = Assessment.objects.get(organisation=other_org)
    client = client_for("owner")
    assert client.get(url("detail", org, pk=theirs.pk)).status_code == 404
    assert client.get(url("export", org, pk=theirs.pk, fmt="yaml")).status_code == 404
