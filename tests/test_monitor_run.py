"""monitor run: the monitoring plan evaluated on synthetic logs with a disparity from month four."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rightscope.assess import assess, load
from rightscope.cli import app
from rightscope.monitor import compiled
from rightscope.monitor.grievances import mask
from rightscope.monitor.run import MonitoringResult, evaluate, status_of, trend_of, window_key, write
from rightscope.monitor.synthetic import write_welfare_logs

from .conftest import REPO

EXAMPLE = REPO / "examples" / "welfare-fraud-risk.yaml"
runner = CliRunner()


@pytest.fixture(autouse=True, scope="module")
def query_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled queries go to a fresh folder, never the user's cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(compiled.CACHE_ENV, str(tmp_path_factory.mktemp("query-cache")))
        yield


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_welfare_logs(tmp_path_factory.mktemp("logs"), per_month=1200)


@pytest.fixture(scope="module")
def result(logs: dict[str, Path]) -> MonitoringResult:
    a = load(EXAMPLE)
    return evaluate(
        a, assess(a), decisions=str(logs["decisions"]), grievances=str(logs["grievances"]), events=str(logs["events"])
    )


def kpi(result: MonitoringResult, kpi_id: str) -> list[tuple[str, str]]:
    found = next(k for k in result.kpis if k.kpi == kpi_id)
    return [(w.window, w.status) for w in found.windows]


def test_the_disparity_emerging_in_month_four_is_found(result: MonitoringResult) -> None:
    windows = kpi(result, "selection-rate-ratio")
    assert [w for w, s in windows if s == "breach"] == ["2026-04", "2026-05", "2026-06"]
    assert all(s in {"ok", "warn"} for _, s in windows[:3])
    finding = next(f for f in result.findings if f.kind == "kpi-breach" and "Selection-rate" in f.title)
    assert "2026-04" in finding.title and "R1" in finding.risks and "non-discrimination" in finding.rights


def test_quarterly_kpis_use_their_cadence(result: MonitoringResult) -> None:
    assert [w for w, _ in kpi(result, "fpr-ratio")] == ["2026-Q1", "2026-Q2"]


def test_safeguard_kpis_from_events(result: MonitoringResult) -> None:
    overturn = kpi(result, "appeal-overturn-rate")
    assert overturn[0][1] == "ok" and overturn[-1][1] == "breach"


def test_grievances_are_classified_linked_and_unforeseen_impacts_trigger(result: MonitoringResult) -> None:
    assert result.grievances is not None
    assert result.grievances.total > 0 and result.grievances.unforeseen > 0
    assert all(g.text is None for g in result.grievances.items)  # the plan does not allow free text
    assert any(g.risk == "R1" for g in result.grievances.items)
    unforeseen = [f for f in result.findings if f.kind == "unforeseen-impact"]
    assert unforeseen and any("Unforeseen impact" in t.trigger for t in result.triggers)
    assert result.grievances.median_days_to_remedy is not None


def test_history_shows_change_over_time(result: MonitoringResult, tmp_path: Path) -> None:
    write(result, tmp_path)
    changed = result.model_copy(update={"findings": result.findings[:1]})
    written, _ = write(changed, tmp_path)
    assert any(c.startswith("findings:") for c in written.changes_since_last_run)
    stored = json.loads((tmp_path / "monitoring-result.json").read_text(encoding="utf-8"))
    assert any(c.startswith("findings:") for c in stored["changes_since_last_run"])
    assert len((tmp_path / "history.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_helpers() -> None:
    import datetime as dt

    assert window_key(dt.date(2026, 5, 3), "quarter") == "2026-Q2"
    assert window_key(dt.date(2026, 1, 1), "week") == "2026-W01"
    assert trend_of([0.9, 0.5], "higher-is-better") == "worsening"
    assert trend_of([0.9], "higher-is-better") == "n/a"
    assert mask("write to jan.jansen@example.org or +31 6 1234 5678") == "write to [email] or [number]"


def test_status_thresholds() -> None:
    from rightscope.assess.result import KpiResolved

    higher = KpiResolved(
        kpi="k",
        name="k",
        metric="selection_rate_ratio",
        computed_from="decisions",
        direction="higher-is-better",
        warn=0.9,
        breach=0.8,
        threshold_source="",
        cadence="monthly",
        risks=[],
        rights=[],
        group_columns=[],
        reference=None,
        trigger="",
    )
    assert [status_of(v, higher) for v in (None, 0.95, 0.85, 0.8)] == ["insufficient-data", "ok", "warn", "breach"]


def test_cli_run_and_errors(logs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "m"
    args = ["monitor", "run", str(EXAMPLE), "--decisions", str(logs["decisions"]), "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert "Selection-rate" in result.stdout
    assert (out / "monitoring-result.json").exists()
    bad = tmp_path / "g.csv"
    bad.write_text("id,received,text,status\n1,2026-01-02,My benefit stopped,lost\n", encoding="utf-8")
    result = runner.invoke(app, ["monitor", "run", str(EXAMPLE), "--grievances", str(bad)])
    assert result.exit_code == 2 and "status" in result.stderr and "Traceback" not in result.stderr
    result = runner.invoke(
        app, ["monitor", "run", str(EXAMPLE), "--decisions", str(logs["decisions"]), "--pred", "flaged"]
    )
    assert result.exit_code == 2 and "flagged" in result.stderr
    result = runner.invoke(app, ["monitor", "run", str(EXAMPLE)])
    assert result.exit_code == 2
