"""Reports: every format for every example, both lenses, three languages; monitoring reports; exports; the CLI.

The HTML, Markdown and JSON reports are rendered for every example in examples/, with both lenses and in
en, fr and es; the PDF and the Word document for one example (they are slower). Content checks: risk
ids, citations and quoted UDHR text in the report's language are there; the key figures agree across
formats and lenses; the compliance lens keeps every risk and gives the rights as notes. PDFs are turned
back into text with pdftotext (poppler-utils), DOCX files are reopened with python-docx.
"""

from __future__ import annotations

import csv
import datetime as dt
import html as html_lib
import io
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from rightscope import law
from rightscope.assess import Assessment, AssessmentResult, assess, load
from rightscope.cli import app
from rightscope.report import ReportError, build_context, exports, load_monitoring, make_lens, render
from rightscope.report.charts import HeatPoint, TrendPoint, heat_map, trend_line
from rightscope.report.context import ReportContext
from rightscope.report.i18n import compile_mo, gettext_for, languages, messages, parse_po, translations
from rightscope.report.monitoring import MonitoringFileError

from .conftest import REPO

EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
LANGS = ("en", "fr", "es")
LENSES = ("rights", "compliance")
GENERATED = dt.date(2026, 11, 28)
WELFARE = "westerhaven-welfare-fraud-risk"
runner = CliRunner()

MONITORING = {
    "schema": "rightscope/monitoring-result/v1",
    "assessment": WELFARE,
    "assessment_version": "1.1",
    "generated": "2026-07-15",
    "period": {"start": "2026-03-01", "end": "2026-06-30"},
    "inputs": {"decisions": "decisions.csv", "grievances": "grievances.csv", "events": None, "window": "month"},
    "kpis": [
        {
            "kpi": "selection-rate-ratio",
            "name": "Selection-rate ratio (lowest group / reference group)",
            "metric": "selection_rate_ratio",
            "risks": ["R1"],
            "rights": ["non-discrimination"],
            "direction": "higher-is-better",
            "warn": 0.9,
            "breach": 0.8,
            "windows": [
                {"window": "2026-03", "value": 0.93, "status": "ok", "worst_group": "EU"},
                {"window": "2026-04", "value": 0.87, "status": "warn", "worst_group": "EU"},
                {"window": "2026-05", "value": None, "status": "insufficient-data", "worst_group": None},
                {"window": "2026-06", "value": 0.76, "status": "breach", "worst_group": "Dutch"},
            ],
            "status": "breach",
            "trend": "worsening",
        },
        {
            "kpi": "grievance-time-to-remedy-days",
            "name": "Median days from grievance to remedy",
            "metric": "grievance_time_to_remedy_days",
            "risks": ["R2", "R4"],
            "rights": ["effective-remedy"],
            "direction": "lower-is-better",
            "warn": 20,
            "breach": 40,
            "windows": [
                {"window": "2026-Q1", "value": 31.0, "status": "warn", "worst_group": None},
                {"window": "2026-Q2", "value": 17.5, "status": "ok", "worst_group": None},
            ],
            "status": "ok",
            "trend": "improving",
        },
    ],
    "findings": [
        {
            "id": "F1",
            "kind": "kpi-breach",
            "title": "Dutch households selected far less often than non-EU households",
            "detail": "Selection-rate ratio 0.76 in June 2026, below the 0.8 breach threshold.",
            "rights": ["non-discrimination"],
            "risks": ["R1"],
            "severity": "high",
        },
        {
            "id": "F2",
            "kind": "unforeseen-impact",
            "title": "Home visits reported as intimidating",
            "detail": "Six grievances describe unannounced home visits; no risk covers the home.",
            "rights": ["privacy", "freedom-of-expression"],
            "risks": [],
            "severity": "medium",
        },
    ],
    "triggers": [
        {
            "trigger": "Any breach of the selection-rate, FPR or precision KPIs confirmed after investigation.",
            "reason": "Selection-rate ratio 0.76 in 2026-06, confirmed on 2026-07-03.",
            "fired_on": "2026-07-03",
        }
    ],
    "grievances": {
        "total": 14,
        "by_right": {"non-discrimination": 6, "privacy": 5, "effective-remedy": 3},
        "by_status": {"received": 2, "acknowledged": 2, "remedied": 6, "closed": 4},
        "by_severity": {"low": 2, "medium": 8, "high": 4, "critical": 0},
        "median_days_to_remedy": 18.5,
        "unforeseen": 2,
        "items": [],
    },
}


@pytest.fixture(scope="module")
def assessed() -> Iterator[dict[str, tuple[Assessment, AssessmentResult]]]:
    """Each example, assessed once; identify runs in its lexical mode to keep the tests fast."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RIGHTSCOPE_EMBEDDINGS", "0")
        out = {}
        for path in EXAMPLES:
            a = load(path)
            out[path.stem] = (a, assess(a))
        yield out


@pytest.fixture(scope="module")
def monitoring_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("monitoring")
    (folder / "monitoring-result.json").write_text(json.dumps(MONITORING), encoding="utf-8")
    return folder


def context(
    assessed: dict[str, tuple[Assessment, AssessmentResult]], example: str, lens: str = "rights", lang: str = "en"
) -> ReportContext:
    a, r = assessed[example]
    return build_context(a, r, lens=make_lens(lens), lang=lang, generated=GENERATED)


def text_of(html: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


def figure(html: str, name: str) -> str:
    found = re.search(rf'data-figure="{name}">([^<]+)<', html)
    assert found, name
    return found.group(1).strip()


def md_figure(md: str, label: str) -> str:
    found = re.search(rf"^\| {re.escape(label)} \| ([^|]+) \|$", md, re.MULTILINE)
    assert found, label
    return found.group(1).strip()


def udhr_quote(right_id: str, lang: str) -> str:
    """The first words of the UDHR article a right is anchored in, in ``lang``."""
    article = law.right(right_id).udhr[0]
    return " ".join(law.provision("udhr", article).text_in(lang).split()[:6])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("lens", LENSES)
@pytest.mark.parametrize("example", [p.stem for p in EXAMPLES])
def test_html_markdown_json_for_every_example(
    assessed: dict[str, tuple[Assessment, AssessmentResult]], example: str, lens: str, lang: str
) -> None:
    ctx = context(assessed, example, lens, lang)
    _a, result = assessed[example]
    html = render(ctx, "html").decode("utf-8")
    md = render(ctx, "md").decode("utf-8")
    data = json.loads(render(ctx, "json"))
    _ = gettext_for(lang)

    assert f'<html lang="{lang}">' in html
    assert "<script" not in html and "http-equiv" not in html and "<link" not in html  # self-contained
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart heatmap"') == 1
    text = text_of(html)
    # Every risk, in every format, and the same key figures.
    for r in result.risks:
        assert f'data-risk="{r.id}"' in html
        assert f"| {r.id} |" in md
    assert [r["id"] for r in data["risks"]] == [r.id for r in result.risks]
    assert figure(html, "risks") == md_figure(md, _("Risks registered")) == str(len(result.risks))
    assert data["summary"]["risks"] == result.summary["risks"] == len(result.risks)
    for p in ("critical", "high", "medium", "low"):
        expected = str(result.summary[f"priority_{p}"])
        assert figure(html, f"priority-{p}") == md_figure(md, f"{_('Priority')}: {_(p)}") == expected
    checks = f"{result.summary['checks_met']} / {result.summary['checks_total']}"
    assert figure(html, "checks") == md_figure(md, _("Completeness checks met")) == checks
    assert figure(html, "impact") == result.impact.level
    # Citations, and the UDHR quoted in the report's language.
    assert "udhr:" in html and "udhr:" in md
    for right in {r.right for r in result.risks}:
        quote = udhr_quote(right, lang)
        assert quote in text, (right, quote)
        assert quote in md
    assert data["meta"]["lens"]["kind"] == lens and data["meta"]["lang"] == lang
    if lens == "compliance":
        # Framework terms up front, every right kept as a numbered note.
        assert 'id="notes"' in html and "[^1]:" in md
        for r in ctx.risks:
            assert f'href="#fn-{r.footnote}"' in html
            assert f'id="fn-{r.footnote}"' in html
            assert f"[^{r.footnote}]: **{r.right_name}**" in md
        assert "EU AI Act Art." in text and "NIST AI RMF" in text and "ISO/IEC 42001 A." in text
    else:
        assert 'id="notes"' not in html
        for r in ctx.risks:
            assert r.right_name in text


def test_lenses_keep_the_same_risks_and_counts(assessed: dict[str, tuple[Assessment, AssessmentResult]]) -> None:
    for example in assessed:
        rights = context(assessed, example, "rights")
        compliance = context(assessed, example, "compliance")
        assert rights.summary == compliance.summary
        assert [r.id for r in rights.risks] == [r.id for r in compliance.risks]
        assert [m.id for m in rights.mitigations] == [m.id for m in compliance.mitigations]
        assert {f.right for f in compliance.footnotes} >= {r.right for r in compliance.risks}
        assert all(not r.terms for r in rights.risks)
        assert all(
            t.framework in {f for f, _n in compliance.meta.lens.frameworks} for r in compliance.risks for t in r.terms
        )


def test_overrides_are_shown_with_computed_value_and_rationale(
    assessed: dict[str, tuple[Assessment, AssessmentResult]],
) -> None:
    ctx = context(assessed, "welfare-fraud-risk")
    r1 = next(r for r in ctx.risks if r.id == "R1")
    assert r1.overrides and r1.overrides[0].field == "severity"
    html = render(ctx, "html").decode("utf-8")
    assert '4* <span class="muted">(computed 3)</span>' in html
    assert html_lib.escape(r1.overrides[0].rationale[:60], quote=True) in html
    assert "R1*" in html  # marked on the heat map


def test_pdf_and_docx_of_one_example(assessed: dict[str, tuple[Assessment, AssessmentResult]], tmp_path: Path) -> None:
    from docx import Document

    for lens, lang in (("rights", "en"), ("compliance", "fr")):
        ctx = context(assessed, "welfare-fraud-risk", lens, lang)
        _ = gettext_for(lang)
        pdf = render(ctx, "pdf")
        assert pdf.startswith(b"%PDF")
        docx_bytes = render(ctx, "docx")
        (tmp_path / f"report-{lens}.pdf").write_bytes(pdf)
        document = Document(io.BytesIO(docx_bytes))
        headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
        for section in (_("Executive summary"), _("Risk register"), _("Mitigations"), _("Completeness checks")):
            assert section in headings
        assert document.core_properties.language.startswith(lang)
        assert len(document.tables) > 10
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        for r in ctx.risks:
            assert r.id in cells
        figures = dict(zip(cells[0::2], cells[1::2], strict=False))
        assert figures[_("Risks registered")] == str(ctx.summary.risks)
        assert figures[_("Completeness checks met")] == f"{ctx.summary.checks_met} / {ctx.summary.checks_total}"
        body = "\n".join(p.text for p in document.paragraphs)
        assert udhr_quote("non-discrimination", lang) in body
        if lens == "compliance":
            assert _("Notes: the rights behind the requirements") in headings
        if shutil.which("pdftotext") is None:
            continue
        text = subprocess.run(
            ["pdftotext", "-layout", str(tmp_path / f"report-{lens}.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        flat = " ".join(text.split())
        assert ctx.meta.title.split()[0] in flat
        for r in ctx.risks:
            assert r.id in flat
        assert "udhr:" in flat
        assert re.search(rf"{re.escape(_('Risks registered'))}\s+{ctx.summary.risks}\b", flat)
        assert " ".join(udhr_quote("non-discrimination", lang).split()[:4]) in flat


def test_pdftotext_is_available_or_the_check_is_reported() -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed: the PDF text checks were skipped")


def test_monitoring_report_in_every_format(
    assessed: dict[str, tuple[Assessment, AssessmentResult]], monitoring_dir: Path
) -> None:
    from docx import Document

    a, r = assessed["welfare-fraud-risk"]
    monitoring = load_monitoring(monitoring_dir)
    for lens, lang in (("rights", "en"), ("compliance", "es")):
        _ = gettext_for(lang)
        ctx = build_context(a, r, lens=make_lens(lens), lang=lang, monitoring=monitoring, generated=GENERATED)
        assert ctx.meta.kind == "monitoring"
        html = render(ctx, "html").decode("utf-8")
        text = text_of(html)
        assert html.count('class="chart trend"') == 2
        assert '<title id="trend-selection-rate-ratio-title">' in html
        assert "2026-06: 0.76" in html  # the chart's description states its data
        for f in MONITORING["findings"]:
            assert f'data-finding="{f["id"]}"' in html
        assert _("Unforeseen impacts") in text and "Home visits reported as intimidating" in text
        assert "Selection-rate ratio 0.76 in 2026-06" in text
        assert figure(html, "findings") == "2" and figure(html, "unforeseen") == "1" and figure(html, "triggers") == "1"
        md = render(ctx, "md").decode("utf-8")
        assert md_figure(md, _("Findings")) == "2" and md_figure(md, _("Grievances")) == "14"
        document = Document(io.BytesIO(render(ctx, "docx")))
        assert _("KPI trends") in [p.text for p in document.paragraphs]
        assert any(c.text == "2026-06" for t in document.tables for row in t.rows for c in row.cells)
        data = json.loads(render(ctx, "json"))
        assert data["monitoring"]["grievances"]["total"] == 14
        if lens == "compliance":
            note = ctx.footnote("freedom-of-expression")
            assert note is not None and f'id="fn-{note.n}"' in html  # a right only the monitoring found
    assert render(ctx, "pdf").startswith(b"%PDF")


def test_report_reads_what_monitor_run_writes(
    assessed: dict[str, tuple[Assessment, AssessmentResult]], tmp_path: Path
) -> None:
    """End to end: synthetic logs -> rightscope monitor run -> monitoring report."""
    from rightscope.monitor.run import evaluate, write
    from rightscope.monitor.synthetic import write_welfare_logs

    a, r = assessed["welfare-fraud-risk"]
    logs = {k: str(v) for k, v in write_welfare_logs(tmp_path / "logs", per_month=300).items()}
    monitored = evaluate(a, r, **logs, today=dt.date(2026, 7, 15))
    write(monitored, tmp_path / "monitoring")
    ctx = build_context(a, r, monitoring=load_monitoring(tmp_path / "monitoring"), generated=GENERATED)
    html = render(ctx, "html").decode("utf-8")
    assert html.count('class="chart trend"') == sum(1 for k in monitored.kpis if k.windows)
    for f in monitored.findings:
        assert f'data-finding="{f.id}"' in html
    assert figure(html, "findings") == str(len(monitored.findings))
    assert figure(html, "triggers") == str(len(monitored.triggers))
    assert monitored.grievances is not None and figure(html, "grievances") == str(monitored.grievances.total)
    md = render(ctx, "md").decode("utf-8")
    assert md_figure(md, "Findings") == str(len(monitored.findings))


def test_monitoring_result_must_fit_the_assessment(
    assessed: dict[str, tuple[Assessment, AssessmentResult]], tmp_path: Path
) -> None:
    a, r = assessed["hiring-screener"]
    (tmp_path / "monitoring-result.json").write_text(json.dumps(MONITORING), encoding="utf-8")
    with pytest.raises(ReportError, match="westerhaven-welfare-fraud-risk"):
        build_context(a, r, monitoring=load_monitoring(tmp_path))
    (tmp_path / "empty").mkdir()
    with pytest.raises(MonitoringFileError, match=r"no monitoring-result\.json in"):
        load_monitoring(tmp_path / "empty")
    with pytest.raises(MonitoringFileError, match="not found"):
        load_monitoring(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text(json.dumps({**MONITORING, "schema": "other"}), encoding="utf-8")
    with pytest.raises(MonitoringFileError, match="expected schema"):
        load_monitoring(tmp_path / "bad.json")
    broken = {**MONITORING, "findings": [{**MONITORING["findings"][0], "severity": "huge"}]}  # type: ignore[dict-item]
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(MonitoringFileError, match="severity"):
        load_monitoring(tmp_path / "broken.json")


# The parts of the OSCAL 1.1.2 assessment-results JSON Schema (usnistgov/OSCAL, json/schema/
# oscal_assessment-results_schema.json) that the export uses, transcribed: the same required fields,
# closed objects, enumerations and datatypes. TokenDatatype is narrowed to ASCII (Python's re has no \p{L}).
_UUID = {
    "type": "string",
    "pattern": "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$",
}
_DATETIME = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"}
_TOKEN = {"type": "string", "pattern": r"^[A-Za-z_][A-Za-z0-9._-]*$"}
_STRING = {"type": "string", "pattern": r"^\S(.*\S)?$"}
_URI = {"type": "string", "pattern": r"^[a-zA-Z][a-zA-Z0-9+\-.]+:.+$"}
_TEXT = {"type": "string"}


def _closed(required: list[str], **properties: object) -> dict[str, object]:
    return {
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": {k.replace("_", "-"): v for k, v in properties.items()},
    }


def _array(item: object) -> dict[str, object]:
    return {"type": "array", "minItems": 1, "items": item}


_PROP = _closed(["name", "value"], name=_TOKEN, uuid=_UUID, ns=_URI, value=_STRING, remarks=_TEXT)
_PROP["properties"]["class"] = _TOKEN  # type: ignore[index]
_RESPONSIBLE = _closed(["role-id", "party-uuids"], role_id=_TOKEN, party_uuids=_array(_UUID))
_ACTOR = _closed(["type", "actor-uuid"], type={"enum": ["tool", "assessment-platform", "party"]}, actor_uuid=_UUID)
_METADATA = _closed(
    ["title", "last-modified", "version", "oscal-version"],
    title=_TEXT,
    last_modified=_DATETIME,
    version=_STRING,
    oscal_version={"const": "1.1.2"},
    props=_array(_PROP),
    roles=_array(_closed(["id", "title"], id=_TOKEN, title=_TEXT)),
    parties=_array(_closed(["uuid", "type"], uuid=_UUID, type={"enum": ["person", "organization"]}, name=_STRING)),
    responsible_parties=_array(_RESPONSIBLE),
)
_OBSERVATION = _closed(
    ["uuid", "description", "methods", "collected"],
    uuid=_UUID,
    title=_TEXT,
    description=_TEXT,
    props=_array(_PROP),
    methods=_array({"enum": ["EXAMINE", "INTERVIEW", "TEST", "UNKNOWN"]}),
    types=_array({"enum": ["ssp-statement-issue", "control-objective", "mitigation", "finding", "historic"]}),
    relevant_evidence=_array(_closed(["description"], href=_TEXT, description=_TEXT)),
    collected=_DATETIME,
)
_RISK_STATUS = ["open", "investigating", "remediating", "deviation-requested", "deviation-approved", "closed"]
_FACET = _closed(["name", "system", "value"], name=_TOKEN, system=_URI, value=_STRING)
_RISK = _closed(
    ["uuid", "title", "description", "statement", "status"],
    uuid=_UUID,
    title=_TEXT,
    description=_TEXT,
    statement=_TEXT,
    props=_array(_PROP),
    status={"enum": _RISK_STATUS},
    characterizations=_array(
        _closed(["origin", "facets"], origin=_closed(["actors"], actors=_array(_ACTOR)), facets=_array(_FACET))
    ),
    mitigating_factors=_array(_closed(["uuid", "description"], uuid=_UUID, description=_TEXT, props=_array(_PROP))),
)
_TARGET = _closed(
    ["type", "target-id"],
    type={"enum": ["statement-id", "objective-id"]},
    target_id=_TOKEN,
    title=_TEXT,
    status=_closed(["state"], state={"enum": ["satisfied", "not-satisfied"]}, reason=_TOKEN),
)
_FINDING = _closed(
    ["uuid", "title", "description", "target"],
    uuid=_UUID,
    title=_TEXT,
    description=_TEXT,
    props=_array(_PROP),
    target=_TARGET,
    related_observations=_array(_closed(["observation-uuid"], observation_uuid=_UUID)),
    related_risks=_array(_closed(["risk-uuid"], risk_uuid=_UUID)),
)
_PART = _closed(["name"], name=_TOKEN, title=_TEXT, prose=_TEXT)
_RESULT = _closed(
    ["uuid", "title", "description", "start", "reviewed-controls"],
    uuid=_UUID,
    title=_TEXT,
    description=_TEXT,
    start=_DATETIME,
    end=_DATETIME,
    props=_array(_PROP),
    reviewed_controls=_closed(
        ["control-selections"], description=_TEXT, control_selections=_array(_closed([], include_all=_closed([])))
    ),
    attestations=_array(_closed(["parts"], responsible_parties=_array(_RESPONSIBLE), parts=_array(_PART))),
    observations=_array(_OBSERVATION),
    risks=_array(_RISK),
    findings=_array(_FINDING),
)
_RESOURCE = _closed(["uuid"], uuid=_UUID, title=_TEXT, description=_TEXT, props=_array(_PROP))
OSCAL_AR_SUBSET = _closed(
    ["assessment-results"],
    assessment_results=_closed(
        ["uuid", "metadata", "import-ap", "results"],
        uuid=_UUID,
        metadata=_METADATA,
        import_ap=_closed(["href"], href={"type": "string", "format": "uri-reference"}, remarks=_TEXT),
        results=_array(_RESULT),
        back_matter=_closed([], resources=_array(_RESOURCE)),
    ),
)


def test_exports(assessed: dict[str, tuple[Assessment, AssessmentResult]], monitoring_dir: Path) -> None:
    for example in assessed:
        ctx = context(assessed, example)
        _a, result = assessed[example]
        notification = exports.fria_notification(ctx, contact="dpo@example.org")
        assert notification["schema"] == "rightscope/fria-notification/v1"
        assert [e["point"] for e in notification["elements"]] == [f"Art. 27(1)({p})" for p in "abcdef"]
        assert all(e["status"] in {"met", "partial", "missing"} for e in notification["elements"])
        assert len(notification["elements"][3]["content"]["risks"]) == len(result.risks)
        assert notification["elements"][5]["content"]["complaint_mechanism"]
        assert notification["legal_basis"]["article"] == "Art. 27(3)"
        rows = list(csv.DictReader(io.StringIO(exports.risk_register_csv(result))))
        assert [row["id"] for row in rows] == [r.id for r in result.risks]
        assert all(row["citations"].startswith("udhr:") for row in rows)
        document = exports.oscal_assessment_results(ctx, now=dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC))
        jsonschema.validate(document, OSCAL_AR_SUBSET)
        first = document["assessment-results"]["results"][0]
        assert len(first["risks"]) == len(result.risks)
        assert len(first["findings"]) == result.summary["checks_total"]
        states = [f["target"]["status"]["state"] for f in first["findings"]]
        assert states.count("satisfied") == result.summary["checks_met"]
        uuids = [o["uuid"] for o in first["observations"]] + [r["uuid"] for r in first["risks"]]
        assert len(uuids) == len(set(uuids))
        again = exports.oscal_assessment_results(ctx, now=dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC))
        assert again == document  # stable UUIDs
    a, r = assessed["welfare-fraud-risk"]
    ctx = build_context(a, r, monitoring=load_monitoring(monitoring_dir))
    document = exports.oscal_assessment_results(ctx)
    jsonschema.validate(document, OSCAL_AR_SUBSET)
    assert len(document["assessment-results"]["results"]) == 2


def test_every_message_is_translated_with_the_same_placeholders() -> None:
    assert languages() == ["en", "es", "fr"]
    placeholder = re.compile(r"%\((\w+)\)s")
    for lang in ("fr", "es"):
        catalogue = parse_po(
            (REPO / "src/rightscope/report/locale" / lang / "LC_MESSAGES/rightscope.po").read_text("utf-8")
        )
        missing = [m for m in messages() if m not in catalogue]
        assert not missing, f"{lang}: untranslated {missing}"
        for msgid, msgstr in catalogue.items():
            if msgid:
                assert sorted(placeholder.findall(msgid)) == sorted(placeholder.findall(msgstr)), (lang, msgid)
        assert translations(lang).gettext("Risk register") != "Risk register"


def test_po_parsing_and_mo_compilation() -> None:
    po = """msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\\n"

#, fuzzy
msgid "Fuzzy"
msgstr "Flou"

msgid "Long "
"message"
msgstr "Message "
"long"

msgid "Empty"
msgstr ""
"""
    catalogue = parse_po(po)
    assert catalogue == {"": "Content-Type: text/plain; charset=UTF-8\n", "Long message": "Message long"}
    import gettext

    t = gettext.GNUTranslations(io.BytesIO(compile_mo(catalogue)))
    assert t.gettext("Long message") == "Message long"
    assert t.gettext("Fuzzy") == "Fuzzy"


def test_charts_are_accessible_svg() -> None:
    _ = gettext_for("en")
    svg = heat_map([HeatPoint("R1", 4, 3, overridden=True), HeatPoint("R2", 1, 1)], _)
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert "severity 4, likelihood 3 (critical): R1*" in svg
    trend = trend_line(
        "KPI",
        [TrendPoint("2026-01", 0.9, "ok"), TrendPoint("2026-02", None, "insufficient-data")],
        0.9,
        0.8,
        _,
        "t",
        "stable",
    )
    assert "2026-02: no value (insufficient-data)" in trend and "<polyline" not in trend
    assert trend_line("Empty", [], None, None, _, "e").startswith("<svg")


def test_cli_report_and_export(monitoring_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIGHTSCOPE_EMBEDDINGS", "0")
    example = str(REPO / "examples" / "welfare-fraud-risk.yaml")
    result = runner.invoke(
        app, ["report", example, "--format", "md", "--lens", "compliance", "--lang", "es", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.stderr
    written = tmp_path / f"{WELFARE}-report.md"
    assert "Registro de riesgos" in written.read_text("utf-8")
    result = runner.invoke(
        app,
        ["report", example, "--monitoring", str(monitoring_dir), "--format", "html", "--out", str(tmp_path / "m.html")],
    )
    assert result.exit_code == 0, result.stderr
    assert "Monitoring report" in (tmp_path / "m.html").read_text("utf-8")
    for kind, name in (("fria-notification", "json"), ("risk-register", "csv"), ("oscal", "json")):
        result = runner.invoke(app, ["export", example, "--kind", kind, "--out", str(tmp_path)])
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / f"{WELFARE}-{kind}.{name}").stat().st_size > 100


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--format", "pdff"], "did you mean 'pdf'"),
        (["--lens", "compliant"], "did you mean 'compliance'"),
        (["--lang", "de"], "unknown report language 'de'"),
        (["--lens", "compliance", "--framework", "nist-rmf"], "unknown framework 'nist-rmf'"),
        (["--framework", "nist-ai-rmf"], "only with --lens compliance"),
        (["--monitoring", "/nonexistent"], "--monitoring /nonexistent: not found"),
        ([], "--out"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(args: list[str], expected: str, tmp_path: Path) -> None:
    example = str(REPO / "examples" / "welfare-fraud-risk.yaml")
    out = [] if not args else ["--out", str(tmp_path / "x.html")]
    result = runner.invoke(app, ["report", example, *args, *out])
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_export_bad_kind() -> None:
    result = runner.invoke(app, ["export", "examples/welfare-fraud-risk.yaml", "--kind", "oscl", "--out", "/tmp/x"])
    assert result.exit_code == 2 and "did you mean 'oscal'" in result.stderr


def test_out_may_be_a_new_folder(tmp_path: Path) -> None:
    from rightscope.report import render_assessment

    example = Path(__file__).resolve().parents[1] / "examples" / "hiring-screener.yaml"
    for out in (tmp_path / "new", f"{tmp_path / 'slash'}/"):
        written = render_assessment(example, out, fmt="md")
        assert written.parent.is_dir() and written.suffix == ".md" and written.read_text(encoding="utf-8")
