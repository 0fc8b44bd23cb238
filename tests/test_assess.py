"""Ex-ante assessment: scoring, overrides, schema errors, references, completeness, init and the CLI."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rightscope import assess
from rightscope.assess import scoring
from rightscope.assess.library import load_library
from rightscope.assess.schema import Assessment
from rightscope.assess.templates import starter
from rightscope.cli import app

runner = CliRunner()


def base() -> dict[str, Any]:
    """A small, complete assessment the tests mutate."""
    return {
        "schema": "rightscope/assessment/v1",
        "id": "test-screener",
        "version": "1.0",
        "use_case": {
            "title": "CV screening",
            "purpose": "Rank job applications for recruiters to review first.",
            "processes": "Applications are ranked overnight; recruiters read the top third first each morning.",
            "sector": "hiring",
            "technology": "Gradient-boosted ranking model on parsed CV fields",
            "deployer": {"name": "Example GmbH"},
            "countries": ["DE", "KE"],
            "period_of_use": "From January 2027 for two years, reviewed yearly",
            "frequency": "Continuous; about 2,000 applications a month",
            "affected_people": [{"group": "job applicants", "size": 24000, "vulnerable_groups": ["women"]}],
            "decision_effect": "access to employment",
            "legal_or_similarly_significant_effect": True,
            "automation": "human-in-the-loop",
            "human_oversight": "Recruiters review every rejection proposed by the model and can override it.",
            "lifecycle_stage": "pilot",
            "description": "The model ranks CVs; applicants with career gaps rank lower.",
        },
        "stakeholders": [
            {
                "who": "Works council",
                "said": "Worried about older applicants being ranked lower.",
                "response": "Added an age-band selection-rate KPI and a quarterly review.",
            }
        ],
        "risks": [
            {
                "id": "R1",
                "right": "non-discrimination",
                "harm_pattern": "automated-hiring-screening",
                "scenario": "Women with career gaps are ranked lower and never reviewed.",
                "affected_groups": ["women"],
                "scale": 3,
                "scope": 3,
                "remediability": 2,
                "likelihood": 3,
                "mitigations": ["pre-deployment-bias-testing", "human-review-of-adverse-decisions"],
                "owner": "HR lead",
            }
        ],
        "mitigations": {"pre-deployment-bias-testing": {"status": "verified"}},
        "monitoring": {
            "kpis": [{"kpi": "selection-rate-ratio", "risks": ["R1"], "group_columns": ["sex"]}],
            "reassessment_triggers": ["A KPI breaches its threshold"],
            "grievance_mechanism": "Applicants can ask for human review by email; answered within 10 working days.",
        },
        "sign_offs": [{"name": "A. Example", "role": "DPO", "date": "2026-11-01", "decision": "approved"}],
        "history": [{"version": "1.0", "date": "2026-11-01", "author": "A. Example", "changes": "First version"}],
    }


def run(data: dict[str, Any]) -> assess.AssessmentResult:
    return assess.assess(Assessment.model_validate(data))


# --- scoring -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scale", "scope", "remediability", "expected"),
    [(1, 1, 1, 1), (4, 1, 1, 4), (1, 1, 4, 4), (1, 4, 1, 2), (2, 4, 3, 3), (3, 3, 3, 3), (2, 2, 3, 3)],
)
def test_severity_follows_ungp_dimensions(scale: int, scope: int, remediability: int, expected: int) -> None:
    assert scoring.severity(scale, scope, remediability) == expected


def test_priority_bands_and_severity_first() -> None:
    assert scoring.priority(12, 3, 4) == "critical"
    assert scoring.priority(8, 2, 4) == "high"
    assert scoring.priority(4, 2, 2) == "medium"
    assert scoring.priority(3, 3, 1) == "low"
    assert scoring.priority(4, 4, 1) == "high"  # grave impacts are never low, even when unlikely
    assert scoring.priority(8, 4, 2) == "critical"  # and critical once possible (UNGP 24)


def test_vulnerability_weighs_more() -> None:
    assert scoring.risk_score(3, 3, vulnerable=True) == pytest.approx(11.25)
    assert scoring.risk_score(3, 3, vulnerable=False) == 9


def test_residual_steps_are_capped_and_floored() -> None:
    library = load_library()
    strong = [m for m in library.mitigations.values() if m.strength == 2 and m.effect == "likelihood"]
    residual = scoring.residual(3, 3, 3, 4, False, strong[:5])
    assert residual.likelihood == 2  # at most two steps
    floor = scoring.residual(3, 3, 3, 1, False, strong[:5])
    assert floor.likelihood == 1
    unchanged = scoring.residual(3, 3, 3, 3, False, [])
    assert (unchanged.likelihood, unchanged.severity) == (3, 3)


def test_impact_level_and_maturity_discount() -> None:
    assert scoring.impact_level([], 0, 0).level == "I"
    assert scoring.impact_level([20.0], 0, 1).level == "IV"
    discounted = scoring.impact_level([15.5], 5, 5)
    assert discounted.discounted and discounted.share == pytest.approx(discounted.raw_share * 0.85, abs=1e-3)
    assert scoring.impact_level([15.5], 3, 5).discounted is False


# --- the assessment run --------------------------------------------------------------------------------


def test_assess_scores_screens_and_cites_applicable_law() -> None:
    result = run(base())
    risk = result.risks[0]
    assert (risk.computed_severity, risk.severity, risk.priority) == (3, 3, "high")
    assert risk.vulnerable and risk.score == pytest.approx(11.25)
    assert risk.residual_score < risk.score
    assert {c.provision for c in risk.citations} >= {"udhr:2", "iccpr:26"}
    assert all(c.instrument != "ECHR" or "DE" in c.binding_in for c in risk.citations)
    assert risk.recommended and all(r.mitigation not in risk.mitigations for r in risk.recommended)
    screened = {s.right for s in result.screening}
    assert "non-discrimination" in screened
    assert [c.country for c in result.countries] == ["DE", "KE"]
    assert result.monitoring[0].breach == 0.8


def test_overrides_win_and_keep_the_computed_value() -> None:
    data = base()
    data["risks"][0]["overrides"] = {
        "priority": {"value": "critical", "rationale": "Applicants have no other route into this employer."}
    }
    risk = run(data).risks[0]
    assert risk.priority == "critical"
    assert risk.computed_priority == "high"
    assert risk.overrides["priority"]["computed"] == "high"
    assert "no other route" in risk.overrides["priority"]["rationale"]
    data["risks"][0]["overrides"] = {"severity": {"value": 4, "rationale": "Exclusion from the only local employer."}}
    risk = run(data).risks[0]
    assert (risk.computed_severity, risk.severity, risk.priority) == (3, 4, "critical")


def test_override_needs_a_rationale_and_a_valid_value() -> None:
    data = base()
    data["risks"][0]["overrides"] = {"severity": {"value": 7, "rationale": "Because we say so, really."}}
    with pytest.raises(assess.AssessmentFileError, match=r"overrides.severity.value must be"):
        assess.parse(yaml.safe_dump(data))
    data["risks"][0]["overrides"] = {"priority": {"value": "high", "rationale": "short"}}
    with pytest.raises(assess.AssessmentFileError, match=r"rationale"):
        assess.parse(yaml.safe_dump(data))


def test_completeness_reports_what_is_missing_and_why() -> None:
    complete = {(c.framework, c.requirement[:3]): c.status for c in run(base()).checks}
    assert complete[("EU AI Act Art. 27", "(a)")] == "met"
    data = base()
    del data["use_case"]["processes"]
    data["use_case"]["frequency"] = None
    data["monitoring"]["grievance_mechanism"] = None
    data["monitoring"]["reassessment_triggers"] = []
    data["stakeholders"] = []
    checks = {(c.framework, c.requirement[:3]): c for c in run(data).checks}
    assert checks[("EU AI Act Art. 27", "(a)")].status == "missing"
    assert checks[("EU AI Act Art. 27", "(b)")].status == "partial"
    assert checks[("EU AI Act Art. 27", "(f)")].status == "partial"
    assert checks[("HUDERIA", "Sta")].status == "missing"
    remediation = next(c for (fw, _), c in checks.items() if fw == "UNGPs" and "Remediation" in c.requirement)
    assert remediation.status == "missing" and remediation.fix and remediation.why_it_matters


def test_unregistered_rights_at_stake_make_art_27_d_partial() -> None:
    data = base()
    data["use_case"]["special_category_data"] = ["biometric", "health"]
    result = run(data)
    d = next(c for c in result.checks if c.requirement.startswith("(d)"))
    assert d.status == "partial" and "privacy" in d.found


def test_unknown_references_get_near_matches() -> None:
    data = base()
    data["risks"][0]["right"] = "non-discrimnation"
    data["risks"][0]["mitigations"] = ["human-review-of-adverse-decision"]
    data["monitoring"]["kpis"][0]["kpi"] = "selection-rate"
    with pytest.raises(assess.AssessmentFileError) as caught:
        run(data)
    text = str(caught.value)
    assert "risks[0].right: unknown right 'non-discrimnation'; did you mean 'non-discrimination'" in text
    assert "human-review-of-adverse-decisions" in text
    assert "monitoring.kpis[0].kpi" in text


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.pop("use_case"), "use_case: Field required (fix: add it)"),
        (lambda d: d["use_case"].update(automation="robotic"), "use_case.automation: 'robotic' is not allowed"),
        (lambda d: d["risks"][0].update(scale=5), "risks[0].scale"),
        (lambda d: d["risks"][0].update(colour="red"), "risks[0].colour: Extra inputs are not permitted"),
        (lambda d: d.update(schema="rightscope/assessment/v0"), "schema: expected 'rightscope/assessment/v1'"),
        (lambda d: d["use_case"].update(countries=[False]), "put it in quotes"),
        (lambda d: d["risks"].append(copy.deepcopy(d["risks"][0])), "two risks have the id 'R1'"),
    ],
)
def test_schema_errors_name_field_problem_and_fix(mutate: Any, expected: str) -> None:
    data = base()
    mutate(data)
    with pytest.raises(assess.AssessmentFileError) as caught:
        assess.parse(yaml.safe_dump(data))
    assert expected in str(caught.value)


def test_bad_yaml_and_missing_file() -> None:
    with pytest.raises(assess.AssessmentFileError, match="line 2"):
        assess.parse("schema: x\n  bad: [indent", "f.yaml")
    with pytest.raises(assess.AssessmentFileError, match="file not found"):
        assess.load("/nonexistent/assessment.yaml")


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(st.sampled_from([*base(), "extra"]), yaml_values, max_size=8))
def test_fuzzed_files_give_clear_errors_never_tracebacks(fields: dict[str, Any]) -> None:
    data = {"schema": "rightscope/assessment/v1", **fields}
    try:
        assess.parse(yaml.safe_dump(data))
    except assess.AssessmentFileError as exc:
        assert exc.problems and all(":" in p for p in exc.problems)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_fuzzed_text_gives_clear_errors(text: str) -> None:
    try:
        assess.parse(text)
    except assess.AssessmentFileError as exc:
        assert exc.problems


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["use_case", "risks", "monitoring"]),
    st.sampled_from([None, 0, -1, "", "x", [], {}, [1, 2], {"a": 1}, True, 5.5]),
)
def test_fuzzed_sections_of_a_valid_file(section: str, value: Any) -> None:
    data = base()
    data[section] = value
    try:
        assess.parse(json.dumps(data))
    except assess.AssessmentFileError as exc:
        assert any(p.startswith(section) for p in exc.problems)


# --- init, schema, CLI ---------------------------------------------------------------------------------


@pytest.mark.parametrize("sector", [None, *sorted(load_library().sectors)])
def test_every_starter_is_valid_and_assessable(sector: str | None) -> None:
    result = assess.assess(assess.parse(starter(sector)))
    assert result.summary["checks_total"] == 16
    assert any(c.status != "met" for c in result.checks)  # TODO placeholders are not mistaken for content


def test_published_schema_matches_the_model() -> None:
    published = json.loads(resources.files("rightscope.assess").joinpath("assessment.schema.json").read_text("utf-8"))
    generated = Assessment.model_json_schema(by_alias=True)
    assert published["properties"] == generated["properties"]
    assert published["required"] == generated["required"]


def test_library_sizes() -> None:
    library = load_library()
    assert len(library.mitigations) >= 60
    assert len(library.sectors) >= 12
    assert all(m.eu_ai_act or m.nist_ai_rmf for m in library.mitigations.values() if m.strength == 2)


def test_cli_init_and_assess(tmp_path: Path) -> None:
    file = tmp_path / "a.yaml"
    result = runner.invoke(app, ["init", "--template", "welfare", "--out", str(file)])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["init", "--template", "welfare", "--out", str(file)])
    assert result.exit_code == 2 and "exists" in result.stderr  # never overwrites
    out = tmp_path / "out"
    result = runner.invoke(app, ["assess", str(file), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["schema"] == "rightscope/assessment-result/v1"
    register = (out / "risk-register.csv").read_text(encoding="utf-8").splitlines()
    assert register[0].startswith("id,right,") and len(register) == 1 + len(payload["risks"])
    result = runner.invoke(app, ["assess", str(file)])
    assert result.exit_code == 0 and "Risk register" in result.stdout


def test_cli_errors_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    data = base()
    data["risks"][0]["right"] = "privasy"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = runner.invoke(app, ["assess", str(bad)])
    assert result.exit_code == 2
    assert "did you mean 'privacy'" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    result = runner.invoke(app, ["init", "--template", "hirng"])
    assert result.exit_code == 2 and "'hiring'" in result.stderr


def test_cli_init_interactive(tmp_path: Path) -> None:
    file = tmp_path / "i.yaml"
    answers = "\n".join(
        ["My screener", "Rank CVs", "Ranking model", "Example", "Vendor", "DE, KE", "advisory", "500", "pilot"]
    )
    result = runner.invoke(
        app, ["init", "--template", "hiring", "--interactive", "--out", str(file)], input=answers + "\n"
    )
    assert result.exit_code == 0, result.stderr
    parsed = assess.load(file)
    assert parsed.use_case.countries == ["DE", "KE"] and parsed.use_case.automation == "advisory"
