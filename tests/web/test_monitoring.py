"""Monitoring pages: deployments, runs from uploads (tasks run inline), results, roles and the progress fragment."""

from __future__ import annotations

import csv
import io

import duckdb
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from rightscope.web.monitoring import tasks, views
from rightscope.web.monitoring.demo import DEMO_DEPLOYMENT, _logs
from rightscope.web.monitoring.models import Deployment, MonitoringRun

WELFARE = "westerhaven-welfare-fraud-risk"


def url(name, org, **kwargs):
    return reverse(f"monitoring:{name}", kwargs={"org": org.slug, **kwargs})


def demo(org):
    return Deployment.objects.get(assessment__organisation=org, name=DEMO_DEPLOYMENT)


def upload(name, content):
    return SimpleUploadedFile(name, content if isinstance(content, bytes) else content.encode())


def decisions_csv(drop=None):
    """The synthetic decision log of the demo, without the column ``drop``."""
    text = _logs()["decisions"].read_text(encoding="utf-8")
    if drop is None:
        return text
    rows = list(csv.DictReader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.DictWriter(out, [c for c in rows[0] if c != drop])
    writer.writeheader()
    for row in rows:
        writer.writerow({k: v for k, v in row.items() if k != drop})
    return out.getvalue()


def start(client, org, deployment, **files):
    return client.post(url("run-new", org, pk=deployment.pk), files)


def test_demo_deployment_has_a_finished_run_with_the_disparity(client_for, org):
    deployment = demo(org)
    run = deployment.runs.get()
    assert run.state == MonitoringRun.State.DONE and run.progress == 100
    assert run.result["schema"] == "rightscope/monitoring-result/v1"
    assert run.result["inputs"]["decisions"] == "decisions.csv"  # the file's name, never a server path
    selection = next(k for k in run.result["kpis"] if k["kpi"] == "selection-rate-ratio")
    assert [w["status"] for w in selection["windows"]][3:] == ["breach"] * 3
    page = client_for("viewer").get(url("run", org, pk=deployment.pk, run_pk=run.pk)).content.decode()
    assert "Selection-rate ratio" in page and "nationality_group=" in page
    assert "Unforeseen impacts" in page and "which the assessment did not register" in page
    assert "<svg" in page and "Trend of Selection-rate ratio" in page
    assert "ICCPR art. 26" in page  # non-discrimination, cited with the screening's provisions
    assert "hx-trigger" not in page  # finished: no polling


def test_create_a_deployment_then_run_on_a_csv(client_for, org):
    client = client_for("assessor")
    welfare = org.assessments.get(slug=WELFARE)
    response = client.post(url("new", org), {"name": "Pilot", "description": "", "assessment": welfare.pk})
    assert response.status_code == 302
    deployment = Deployment.objects.get(name="Pilot")
    assert deployment.assessment == welfare
    response = start(client, org, deployment, decisions=upload("log.csv", decisions_csv()))
    assert response.status_code == 302
    run = deployment.runs.get()
    assert response["Location"] == url("run", org, pk=deployment.pk, run_pk=run.pk)
    assert run.state == MonitoringRun.State.DONE, run.error
    assert run.version == welfare.current
    assert run.started_by.username == "assessor"
    assert run.result["inputs"]["decision_rows"] == 12000
    page = client.get(response["Location"]).content.decode()
    assert "Selection-rate ratio" in page and "breach" in page
    assert "no grievance log given" in page
    history = client.get(url("deployment", org, pk=deployment.pk)).content.decode()
    assert f"#{run.pk}" in history and "assessor" in history


def test_parquet_upload_and_a_second_run_shows_the_change_and_trends(client_for, org, tmp_path):
    client = client_for("owner")
    deployment = demo(org)
    parquet = tmp_path / "decisions.parquet"
    source = str(_logs()["decisions"]).replace("'", "''")
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{source}')) TO '{parquet}' (FORMAT parquet)")
    response = start(client, org, deployment, decisions=upload("decisions.parquet", parquet.read_bytes()))
    assert response.status_code == 302
    run = deployment.runs.order_by("-pk").first()
    assert run.state == MonitoringRun.State.DONE, run.error
    assert run.result["inputs"]["decisions"] == "decisions.parquet"
    # The first run had grievances and events, this one has not: the change since the last run says so.
    assert any(c.startswith("findings:") for c in run.result["changes_since_last_run"])
    page = client.get(url("deployment", org, pk=deployment.pk)).content.decode()
    assert "KPI trends across runs" in page and 'id="runs-selection-rate-ratio-title"' in page


@pytest.mark.parametrize(
    ("field", "name", "content", "expected"),
    [
        ("decisions", "log.csv", "drop:nationality_group", "no column &#x27;nationality_group&#x27;"),
        ("decisions", "log.csv", "drop:flagged", "the decision column (monitoring.decision_log.pred)"),
        ("decisions", "log.xlsx", "a,b\n1,2\n", "is not a CSV or Parquet file"),
        ("decisions", "log.parquet", "not,parquet\n1,2\n", "cannot read"),
        ("decisions", "log.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "cannot read log.csv as csv"),
        ("grievances", "g.csv", "received,text\n2026-01-02,hello\n", "no column &#x27;status&#x27;"),
        ("grievances", "g.csv", "received,status,text\n2026-01-02,lost,hello\n", "is not one of"),
        ("events", "e.txt", "time,type\n", "is not a CSV file"),
        ("events", "e.csv", "time,type\n2026-01-02,party\n", "row 1, type"),
    ],
)
def test_a_bad_upload_is_a_form_error_and_no_run(client_for, org, field, name, content, expected):
    deployment = demo(org)
    if isinstance(content, str) and content.startswith("drop:"):
        content = decisions_csv(drop=content[5:])
    before = MonitoringRun.objects.count()
    response = start(client_for("assessor"), org, deployment, **{field: upload(name, content)})
    assert response.status_code == 200
    page = response.content.decode()
    assert expected in page, page[page.find('role="alert"') - 200 :][:1500]
    assert f'id="id_{field}"' in page and 'role="alert"' in page
    assert "rightscope-upload" not in page  # the server's temporary path is not shown
    assert MonitoringRun.objects.count() == before


@override_settings(MAX_UPLOAD_BYTES=100)
def test_too_big_an_upload_is_a_form_error(client_for, org):
    deployment = demo(org)
    response = start(client_for("assessor"), org, deployment, decisions=upload("log.csv", decisions_csv()))
    assert response.status_code == 200
    assert "the largest accepted is 100" in response.content.decode()
    assert deployment.runs.count() == 1


def test_no_log_and_both_kinds_of_decision_log_are_refused(client_for, org, tmp_path):
    deployment = demo(org)
    client = client_for("assessor")
    assert "Give at least one log" in start(client, org, deployment).content.decode()
    response = start(client, org, deployment, decisions=upload("log.csv", decisions_csv()), decisions_table="x")
    assert "Give a database table" in response.content.decode()
    response = client.post(
        url("run-new", org, pk=deployment.pk), {"decisions_table": "postgresql://ana:secret@db/hr::decisions"}
    )
    assert "Remove the password" in response.content.decode()
    assert deployment.runs.count() == 1


def test_a_duckdb_table_as_the_decision_log(client_for, org, tmp_path):
    database = tmp_path / "logs.duckdb"
    source = str(_logs()["decisions"]).replace("'", "''")
    with duckdb.connect(str(database)) as con:
        con.execute(f"CREATE TABLE decisions AS SELECT * FROM read_csv('{source}')")
    deployment = demo(org)
    client = client_for("assessor")
    response = client.post(url("run-new", org, pk=deployment.pk), {"decisions_table": f"duckdb://{database}::decsions"})
    assert "no table &#x27;decsions&#x27;; did you mean &#x27;decisions&#x27;?" in response.content.decode()
    response = client.post(
        url("run-new", org, pk=deployment.pk), {"decisions_table": f"duckdb://{database}::decisions"}
    )
    assert response.status_code == 302
    run = deployment.runs.order_by("-pk").first()
    assert run.state == MonitoringRun.State.DONE, run.error
    assert run.result["inputs"]["decisions"] == f"duckdb://{database}::decisions"


def test_a_run_that_fails_in_the_background_says_why(client_for, org):
    deployment = demo(org)
    text = decisions_csv().replace(",1,0\n", ",2,0\n", 5)  # 'flagged' still numbers but not 0/1: found by the scan
    response = start(client_for("assessor"), org, deployment, decisions=upload("log.csv", text))
    assert response.status_code == 302
    run = deployment.runs.order_by("-pk").first()
    assert run.state == MonitoringRun.State.FAILED and run.finished is not None
    page = client_for("viewer").get(response["Location"]).content.decode()
    assert "The run failed." in page and "must hold 0/1" in page


def test_roles(client_for, org, other_org):
    deployment = demo(org)
    run = deployment.runs.get()
    pages = [
        url("list", org),
        url("deployment", org, pk=deployment.pk),
        url("run", org, pk=deployment.pk, run_pk=run.pk),
        url("run-progress", org, pk=deployment.pk, run_pk=run.pk),
    ]
    viewer = client_for("viewer")
    for page in pages:
        assert viewer.get(page).status_code == 200
    assert "Start a run" not in viewer.get(pages[1]).content.decode()
    assert viewer.get(url("new", org)).status_code == 403
    assert viewer.get(url("run-new", org, pk=deployment.pk)).status_code == 403
    response = viewer.post(url("run-new", org, pk=deployment.pk), {"decisions": upload("log.csv", decisions_csv())})
    assert response.status_code == 403 and deployment.runs.count() == 1
    for page in pages:
        assert client_for("stakeholder").get(page).status_code == 403
        assert client_for("anonymous").get(page).status_code == 302
    assert client_for("reviewer").get(url("run-new", org, pk=deployment.pk)).status_code == 403
    form = client_for("assessor").get(url("run-new", org, pk=deployment.pk))
    assert form.status_code == 200
    assert "flagged, fraud_found, decision_date, nationality_group" in form.content.decode()  # the plan's columns
    # Another organisation's deployment and run are not found, for its own owner as for anyone.
    stranger = client_for("anonymous")
    stranger.force_login(other_org.memberships.get().user)
    assert stranger.get(pages[1]).status_code == 404
    assert stranger.get(pages[2]).status_code == 404
    other_deployment = Deployment.objects.create(assessment=other_org.assessments.get(), name="Theirs")
    assert client_for("owner").get(url("deployment", org, pk=other_deployment.pk)).status_code == 404
    assert client_for("owner").get(url("run", org, pk=other_deployment.pk, run_pk=run.pk)).status_code == 404


def test_other_orgs_assessments_are_not_offered(client_for, org, other_org):
    theirs = other_org.assessments.get()
    client = client_for("owner")
    assert theirs.title not in client.get(url("new", org)).content.decode()
    response = client.post(url("new", org), {"name": "x", "assessment": theirs.pk})
    assert response.status_code == 200 and not Deployment.objects.filter(name="x").exists()


def test_the_progress_fragment_polls_until_the_run_is_finished(client_for, org, monkeypatch):
    deployment = demo(org)
    queued = []
    monkeypatch.setattr(views, "evaluate_run", type("Queue", (), {"enqueue": staticmethod(queued.append)}))
    client = client_for("assessor")
    response = start(client, org, deployment, decisions=upload("log.csv", decisions_csv()))
    run = deployment.runs.order_by("-pk").first()
    assert run.state == MonitoringRun.State.QUEUED and queued == [run.pk]  # left in the queue
    progress = url("run-progress", org, pk=deployment.pk, run_pk=run.pk)
    page = client.get(response["Location"]).content.decode()
    assert f'hx-get="{progress}"' in page and 'hx-trigger="every 1s"' in page
    fragment = client.get(progress, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and 'hx-trigger="every 1s"' in fragment and "Queued" in fragment
    MonitoringRun.objects.filter(pk=run.pk).update(state="running", progress=20, stage="evaluating the plan")
    fragment = client.get(progress, HTTP_HX_REQUEST="true").content.decode()
    assert 'value="20"' in fragment and "evaluating the plan" in fragment and "hx-trigger" in fragment
    tasks.execute(run.pk)
    fragment = client.get(progress, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment and "KPIs against thresholds" in fragment


def test_a_previous_result_of_another_shape_does_not_stop_the_next_run(client_for, org, caplog):
    # e.g. a result stored by an older version of the schema: the run goes on, without the comparison
    deployment = Deployment.objects.create(assessment=org.assessments.get(slug=WELFARE), name="Old results")
    assessment = deployment.assessment
    MonitoringRun.objects.create(
        deployment=deployment,
        version=assessment.current,
        started_by=assessment.created_by,
        state=MonitoringRun.State.DONE,
        result={"schema": "rightscope/monitoring-result/v0"},
    )
    response = start(client_for("assessor"), org, deployment, decisions=upload("log.csv", decisions_csv()))
    assert response.status_code == 302
    run = deployment.runs.order_by("-pk").first()
    assert run.state == MonitoringRun.State.DONE, run.error
    assert "the previous result cannot be read, not compared" in caplog.text
