"""Report downloads: every format and export from the core renderers, PDF in the background, audit records."""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from rightscope.web.reports.models import RenderedReport

STARTS = {"html": b"<!DOCTYPE html", "docx": b"PK", "md": b"#", "json": b"{"}


def welfare(org):
    return org.assessments.get(slug="westerhaven-welfare-fraud-risk")


def post(client, org, item, **fields):
    data = {"kind": "report", "format": "html", "lens": "rights", "lang": "en", "version": item.current.number}
    return client.post(reverse("reports:download", kwargs={"org": org.slug, "pk": item.pk}), data | fields)


def downloads(item):
    entries = LogEntry.objects.filter(object_pk=str(item.pk), action=LogEntry.Action.ACCESS)
    return [e for e in entries if e.changes_dict.get("event") == [None, "report.download"]]


@pytest.mark.parametrize("fmt", list(STARTS))
@pytest.mark.parametrize("lens", ["rights", "compliance"])
def test_every_format_downloads_and_is_recorded(client_for, org, fmt, lens):
    item = welfare(org)
    response = post(client_for("viewer"), org, item, format=fmt, lens=lens, lang="fr")
    assert response.status_code == 200, response.content[:300]
    assert response.content.lstrip().startswith(STARTS[fmt])
    assert f"-report-{lens}-fr.{fmt}" in response["Content-Disposition"]
    (entry,) = downloads(item)
    assert entry.actor.username == "viewer"
    assert entry.changes_dict["format"] == [None, fmt]


@pytest.mark.parametrize(
    ("kind", "check"), [("fria-notification", "json"), ("oscal", "json"), ("risk-register", "csv")]
)
def test_exports(client_for, org, kind, check):
    response = post(client_for("reviewer"), org, welfare(org), kind=kind)
    assert response.status_code == 200
    if check == "json":
        assert json.loads(response.content)
    else:
        assert response.content.decode().splitlines()[0].count(",") >= 3


def test_pdf_is_rendered_in_the_background_and_reused(client_for, org):
    item = welfare(org)
    client = client_for("assessor")
    response = post(client, org, item, format="pdf")
    assert response.status_code == 302
    rendered = RenderedReport.objects.get()
    assert rendered.state == RenderedReport.State.DONE, rendered.error  # tasks run inline in the tests
    page = client.get(response["Location"]).content.decode()
    file_url = reverse("reports:file", kwargs={"org": org.slug, "pk": rendered.pk})
    assert file_url in page
    pdf = client.get(file_url)
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert len(downloads(item)) == 1
    assert post(client, org, item, format="pdf")["Location"] == response["Location"]
    assert RenderedReport.objects.count() == 1


@pytest.mark.parametrize(("field", "value"), [("format", "exe"), ("lang", "de"), ("lens", "x"), ("version", "99")])
def test_bad_options_are_form_errors(client_for, org, field, value):
    response = post(client_for("viewer"), org, welfare(org), **{field: value})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not downloads(welfare(org))


def test_reports_of_another_organisation_are_404(client_for, org, other_org):
    theirs = other_org.assessments.get()
    assert post(client_for("owner"), org, theirs).status_code == 404
