"""Decision-log metrics: cross-checked with Fairlearn and pandas, edge cases, inputs and the CLI."""

from __future__ import annotations

import json
import math
import os
import warnings
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rightscope.cli import app
from rightscope.monitor import (
    GroupRow,
    MetricsReport,
    MonitorInputError,
    UnknownColumnError,
    compiled,
    group_metrics,
    scan_decisions,
)
from rightscope.monitor.sources import parse_source, redact
from rightscope.monitor.stats import wilson_interval

# Ibis 12 calls DuckDB and pandas APIs that are deprecated in their newest releases.
pytestmark = pytest.mark.filterwarnings(
    "ignore:fetch_arrow_table:DeprecationWarning", "ignore:The 'future.infer_string' option"
)
runner = CliRunner()
RATE_NAMES = ("selection_rate", "tpr", "fpr", "fnr", "precision")


@pytest.fixture(autouse=True)
def query_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Compiled queries go to a fresh folder, never the user's cache."""
    folder = tmp_path_factory.mktemp("query-cache")
    monkeypatch.setenv(compiled.CACHE_ENV, str(folder))
    return folder


def make_log(n: int = 4000, seed: int = 7) -> pd.DataFrame:
    """A decision log with a disadvantaged group, a small group and three months of timestamps."""
    rng = np.random.default_rng(seed)
    race = rng.choice(["white", "black", "asian", "other"], n, p=[0.55, 0.25, 0.17, 0.03])
    sex = rng.choice(["female", "male"], n)
    label = rng.binomial(1, 0.4, n)
    p_select = 0.25 + 0.45 * label - 0.12 * (race == "black") - 0.05 * (sex == "female")
    pred = rng.binomial(1, np.clip(p_select, 0.01, 0.99))
    day = rng.integers(0, 91, n)
    return pd.DataFrame(
        {
            "race": race,
            "sex": sex,
            "pred": pred,
            "label": label,
            "score": np.round(rng.random(n), 3),
            "ts": pd.Timestamp("2024-01-01") + pd.to_timedelta(day, unit="D"),
        }
    )


@pytest.fixture(scope="module")
def log() -> pd.DataFrame:
    return make_log()


@pytest.fixture(scope="module")
def report(log: pd.DataFrame) -> MetricsReport:
    return group_metrics(log, group=["race", "sex"], pred="pred", label="label", min_group_size=0)


def by_groups(rows: list[GroupRow]) -> dict[tuple[Any, ...], GroupRow]:
    return {tuple(r.groups.values()): r for r in rows}


def value(row: GroupRow, metric: str) -> float | None:
    estimate = getattr(row, metric)
    return None if estimate is None else estimate.value


# --- statistics -------------------------------------------------------------------------------------


def test_wilson_known_values() -> None:
    low, high = wilson_interval([8, 0, 10, 50, 0], [10, 10, 10, 100, 0])
    assert (round(float(low[0]), 4), round(float(high[0]), 4)) == (0.4902, 0.9433)
    assert (round(float(low[1]), 4), round(float(high[1]), 4)) == (0.0, 0.2775)
    assert (round(float(low[2]), 4), round(float(high[2]), 4)) == (0.7225, 1.0)
    assert (round(float(low[3]), 4), round(float(high[3]), 4)) == (0.4038, 0.5962)
    assert math.isnan(low[4]) and math.isnan(high[4])
    low99, high99 = wilson_interval([8], [10], confidence=0.99)
    assert low99[0] < 0.4902 and high99[0] > 0.9433


# --- cross-check with Fairlearn ------------------------------------------------------------------------


def fairlearn_frame(log: pd.DataFrame, sensitive: list[str]) -> pd.DataFrame:
    fairlearn_metrics = pytest.importorskip("fairlearn.metrics")
    from sklearn.metrics import precision_score

    def precision(y_true: Any, y_pred: Any) -> float:
        return float(precision_score(y_true, y_pred, zero_division=np.nan))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = fairlearn_metrics.MetricFrame(
            metrics={
                "count": fairlearn_metrics.count,
                "selection_rate": fairlearn_metrics.selection_rate,
                "tpr": fairlearn_metrics.true_positive_rate,
                "fpr": fairlearn_metrics.false_positive_rate,
                "fnr": fairlearn_metrics.false_negative_rate,
                "precision": precision,
            },
            y_true=log["label"],
            y_pred=log["pred"],
            sensitive_features=log[sensitive],
        )
    return frame.by_group


@pytest.mark.parametrize("sensitive", [["race"], ["sex"], ["race", "sex"]])
def test_metrics_match_fairlearn(log: pd.DataFrame, report: MetricsReport, sensitive: list[str]) -> None:
    expected = fairlearn_frame(log, sensitive)
    ours = by_groups(report.level(*sensitive))
    assert len(ours) == len(expected)
    for key, row in expected.iterrows():
        mine = ours[key if isinstance(key, tuple) else (key,)]
        assert mine.n == row["count"]
        for metric in RATE_NAMES:
            assert value(mine, metric) == pytest.approx(row[metric], abs=1e-12), (key, metric)


def test_counts_and_intervals_are_consistent(report: MetricsReport) -> None:
    for row in report.rows:
        for metric in RATE_NAMES:
            estimate = getattr(row, metric)
            assert estimate.numerator / estimate.denominator == pytest.approx(estimate.value)
            low, high = wilson_interval([estimate.numerator], [estimate.denominator])
            assert (estimate.ci_low, estimate.ci_high) == pytest.approx((low[0], high[0]))
            assert estimate.ci_low <= estimate.value <= estimate.ci_high


# --- reference group, ratios and flags -------------------------------------------------------------------


def test_reference_defaults_to_largest_group(log: pd.DataFrame, report: MetricsReport) -> None:
    references = {tuple(r.level): r for r in report.references}
    assert references[("race",)].groups == {"race": "white"}
    assert references[("race",)].chosen == "largest"
    assert references[("race",)].n == int((log["race"] == "white").sum())
    largest_cell = log.groupby(["race", "sex"]).size().idxmax()
    assert tuple(references[("race", "sex")].groups.values()) == largest_cell
    assert [r.groups for r in report.level("race") if r.reference] == [{"race": "white"}]


def test_ratios_and_differences_against_reference(report: MetricsReport) -> None:
    rows = by_groups(report.level("race"))
    reference = rows[("white",)]
    for row in rows.values():
        for metric in RATE_NAMES:
            mine, ref = getattr(row, metric), getattr(reference, metric)
            assert mine.ratio == pytest.approx(mine.value / ref.value)
            assert mine.difference == pytest.approx(mine.value - ref.value)
    assert reference.selection_rate.ratio == 1.0


def test_explicit_reference(log: pd.DataFrame) -> None:
    report = group_metrics(log, group="race", pred="pred", reference="black")
    rows = by_groups(report.level("race"))
    assert report.references[0].chosen == "given" and rows[("black",)].reference
    white = rows[("white",)].selection_rate
    assert white.ratio == pytest.approx(white.value / rows[("black",)].selection_rate.value)
    both = group_metrics(log, group=["race", "sex"], pred="pred", reference={"race": "black", "sex": "male"})
    refs = {tuple(r.level): r.groups for r in both.references}
    assert refs[("race", "sex")] == {"race": "black", "sex": "male"}
    assert refs[("sex",)] == {"sex": "male"}
    assert refs[("race",)] == {"race": "black"}


def test_unknown_reference_suggests(log: pd.DataFrame) -> None:
    with pytest.raises(MonitorInputError, match=r"no group 'Black'.*did you mean 'black'"):
        group_metrics(log, group="race", pred="pred", reference="Black")
    with pytest.raises(MonitorInputError, match="COLUMN=VALUE"):
        group_metrics(log, group=["race", "sex"], pred="pred", reference="black")


def test_four_fifths_and_tolerance_flags() -> None:
    frame = pd.DataFrame(
        {
            "g": ["a"] * 100 + ["b"] * 100 + ["c"] * 100,
            "pred": [1] * 50 + [0] * 50 + [1] * 39 + [0] * 61 + [1] * 65 + [0] * 35,
        }
    )
    report = group_metrics(frame, group="g", pred="pred", reference="a")
    rows = by_groups(report.level("g"))
    assert rows[("a",)].flags == []
    assert rows[("b",)].flags == ["selection_rate_ratio_below_0.8", "selection_rate_ratio_outside_0.8_1.25"]
    assert rows[("c",)].flags == ["selection_rate_ratio_outside_0.8_1.25"]  # 1.3: above Aequitas' 1.25
    assert [r.groups["g"] for r in report.flagged] == ["b", "c"]
    assert report.thresholds.four_fifths == 0.8 and report.thresholds.tolerance_high == 1.25


# --- suppression -------------------------------------------------------------------------------------


def test_small_groups_are_suppressed(log: pd.DataFrame) -> None:
    small = pd.DataFrame({"race": ["tiny"] * 4, "sex": ["male"] * 4, "pred": [1, 0, 1, 1], "label": [1, 0, 0, 1]})
    report = group_metrics(pd.concat([log[small.columns], small]), group="race", pred="pred", label="label")
    tiny = by_groups(report.level("race"))[("tiny",)]
    assert tiny.suppressed and tiny.n is None and tiny.flags == []
    assert all(getattr(tiny, m).value is None and getattr(tiny, m).numerator is None for m in RATE_NAMES)
    dumped = json.dumps(tiny.model_dump(mode="json"))
    assert '"numerator": 3' not in dumped
    assert report.rows_used == len(log) + 4  # suppressed rows still count in the totals


def test_suppressed_reference_gives_no_ratios() -> None:
    frame = pd.DataFrame({"g": ["a"] * 5 + ["b"] * 50, "pred": [1] * 5 + [1, 0] * 25})
    report = group_metrics(frame, group="g", pred="pred", reference="a")
    assert report.references[0].suppressed and report.references[0].n is None
    b = by_groups(report.level("g"))[("b",)]
    assert b.selection_rate.value == 0.5 and b.selection_rate.ratio is None
    assert b.flags == ["reference_suppressed"]
    assert group_metrics(frame, group="g", pred="pred", min_group_size=3).references[0].groups == {"g": "b"}


# --- windows -----------------------------------------------------------------------------------------


def test_monthly_windows(log: pd.DataFrame) -> None:
    report = group_metrics(log, group="race", pred="pred", time="ts", window="month", min_group_size=0)
    assert report.window == "month"
    months = sorted({r.window for r in report.rows if r.window is not None})
    assert [m.isoformat() for m in months] == ["2024-01-01", "2024-02-01", "2024-03-01"]
    expected = log.groupby([log["ts"].dt.to_period("M"), "race"])["pred"].agg(["size", "mean"])
    for month in months:
        for row in report.level("race", window=month):
            size, mean = expected.loc[(pd.Period(month, "M"), row.groups["race"])]
            assert row.n == size and row.selection_rate.value == pytest.approx(mean)
    whole = by_groups(report.level("race"))
    assert whole[("white",)].n == int((log["race"] == "white").sum())


def test_quarter_and_week_windows_and_default(log: pd.DataFrame) -> None:
    quarter = group_metrics(log, group="sex", pred="pred", time="ts", window="quarter")
    assert {r.window.isoformat() for r in quarter.rows if r.window} == {"2024-01-01"}  # January to March
    assert sum(r.n or 0 for r in quarter.rows if r.window) == len(log)
    week = group_metrics(log, group="sex", pred="pred", time="ts", window="week")
    assert all(r.window.weekday() == 0 for r in week.rows if r.window)  # weeks start on Monday
    assert group_metrics(log.head(50), group="sex", pred="pred", time="ts").window == "month"


def test_reference_absent_from_a_window() -> None:
    frame = pd.DataFrame(
        {
            "g": ["a"] * 30 + ["b"] * 20 + ["b"] * 20,
            "pred": [1, 0] * 35,
            "ts": ["2024-01-15"] * 50 + ["2024-02-15"] * 20,
        }
    )
    report = group_metrics(frame, group="g", pred="pred", time="ts", reference="a")  # ISO strings: cast
    february = report.level("g", window=pd.Timestamp("2024-02-01").date())
    assert [(r.groups["g"], r.flags) for r in february] == [("b", ["reference_absent"])]


# --- edge cases -----------------------------------------------------------------------------------------


def test_empty_input(tmp_path: Path) -> None:
    frame = pd.DataFrame({"g": pd.Series([], dtype="str"), "pred": pd.Series([], dtype="int64")})
    report = group_metrics(frame, group="g", pred="pred")
    assert (report.rows_read, report.rows_used, report.rows, report.references) == (0, 0, [], [])
    frame.to_parquet(tmp_path / "empty.parquet")
    assert group_metrics(tmp_path / "empty.parquet", group="g", pred="pred").rows_read == 0


def test_empty_groups_have_no_rates() -> None:
    frame = pd.DataFrame({"g": ["a"] * 20 + ["b"] * 3, "pred": [1.0, 0.0] * 10 + [None] * 3})
    report = group_metrics(frame, group="g", pred="pred", min_group_size=0)
    rows = by_groups(report.level("g"))
    assert rows[("b",)].n == 0 and rows[("b",)].selection_rate.value is None
    assert rows[("b",)].selection_rate.ci_low is None and rows[("b",)].flags == []
    assert report.exclusions[0].model_dump() == {"reason": "missing_prediction", "column": "pred", "rows": 3}


def test_all_positive_labels_leave_fpr_undefined() -> None:
    frame = pd.DataFrame({"g": ["a"] * 30 + ["b"] * 30, "pred": [1, 0, 1] * 20, "label": [1] * 60})
    report = group_metrics(frame, group="g", pred="pred", label="label")
    for row in report.level("g"):
        assert row.fpr is not None and row.fpr.value is None and row.fpr.ratio is None
        assert row.fpr.denominator == 0
        assert row.tpr is not None and row.tpr.value == pytest.approx(2 / 3)
        assert row.fnr is not None and row.fnr.value == pytest.approx(1 / 3)


def test_missing_values_are_counted_not_dropped_silently() -> None:
    frame = pd.DataFrame(
        {
            "race": ["a", None, "b", "a", "b", None, "a", "b"] * 5,
            "sex": ["f", "m", None, "m", "f", "f", "m", "f"] * 5,
            "pred": [1, 1, 0, None, 1, 0, 1, 0] * 5,
            "label": [1, 0, 1, 1, None, 1, None, 1] * 5,
            "ts": ["2024-01-02", "2024-01-03", "2024-02-01", "2024-02-02", "2024-03-01", None, None, "2024-03-05"] * 5,
        }
    )
    report = group_metrics(frame, group=["race", "sex"], pred="pred", label="label", time="ts", min_group_size=0)
    exclusions = {(e.reason, e.column): e.rows for e in report.exclusions}
    assert exclusions == {
        ("missing_group", "race"): 10,
        ("missing_group", "sex"): 5,
        ("missing_time", "ts"): 5,
        ("missing_prediction", "pred"): 5,
        ("missing_label", "label"): 5,
    }
    assert report.rows_read == 40 and report.rows_used == 10
    assert report.rows_excluded == sum(exclusions.values()) == 30
    assert sum(r.n or 0 for r in report.level("race")) == 10


def test_score_and_threshold(log: pd.DataFrame) -> None:
    report = group_metrics(log, group="race", score="score", threshold=0.7, min_group_size=0)
    rows = by_groups(report.level("race"))
    expected = (log["score"] >= 0.7).groupby(log["race"]).mean()
    for race, rate in expected.items():
        assert rows[(race,)].selection_rate.value == pytest.approx(rate)
    assert report.thresholds.score_threshold == 0.7 and report.pred is None and report.score == "score"


def test_boolean_predictions_and_labels(log: pd.DataFrame) -> None:
    as_bool = log.assign(pred=log["pred"].astype(bool), label=log["label"].astype(bool))
    a = group_metrics(as_bool, group="race", pred="pred", label="label")
    b = group_metrics(log, group="race", pred="pred", label="label")
    assert a.rows == b.rows


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (["yes", "no"], r"--pred: column 'pred' is string; it must hold 0/1 or true/false"),
        ([1, 2], r"--pred: column 'pred' must hold 0/1 or true/false; 1 rows hold other values, e.g. 2"),
        ([0.5, 1.0], r"e\.g\. 0\.5"),
    ],
)
def test_predictions_must_be_binary(values: list[Any], message: str) -> None:
    with pytest.raises(MonitorInputError, match=message):
        group_metrics(pd.DataFrame({"g": ["a", "b"], "pred": values}), group="g", pred="pred")


@pytest.mark.parametrize("column", ["pred", "label"])
def test_a_score_given_as_decision_does_not_multiply_the_groups(column: str) -> None:
    # The first GROUP BY is by the decision and label too: any value that is not 0/1 must fall into one
    # bucket, or a column of scores would make a group per distinct value (a billion on a billion rows).
    import ibis

    from rightscope.monitor.metrics import LABEL_KEY, NOT_BINARY, PRED_KEY, Columns, aggregation

    scores = np.linspace(0.001, 0.999, 500)
    frame = pd.DataFrame({"g": ["a", "b"] * 250, "pred": [1, 0] * 250, "label": [0, 1] * 250})
    frame[column] = [*scores[:-3], math.nan, 0.0, 1.0]  # 497 scores, a missing value (NaN is null here), 0, 1
    expr = aggregation(ibis.memtable(frame), Columns(groups=("g",), pred="pred", label="label"))
    inner = expr.op().parent.to_expr()  # the combinations of group, decision and label, before folding
    assert inner.count().execute() <= 2 * 3 * 3
    assert set(inner[PRED_KEY if column == "pred" else LABEL_KEY].execute().dropna()) <= {0, 1, NOT_BINARY}
    with pytest.raises(MonitorInputError, match=rf"--{column}: column '{column}' must hold 0/1.*497 rows"):
        group_metrics(frame, group="g", pred="pred", label="label")


def test_wrong_column_lists_available_and_suggests(log: pd.DataFrame) -> None:
    with pytest.raises(UnknownColumnError) as caught:
        group_metrics(log, group="rac", pred="pred")
    error = caught.value
    assert error.field == "--group" and error.suggestions[0] == "race"
    assert "Available columns: race, sex, pred, label, score, ts" in str(error)
    with pytest.raises(UnknownColumnError, match=r"--label: no column 'lable'.*did you mean 'label'"):
        group_metrics(log, group="race", pred="pred", label="lable")


def test_option_errors(log: pd.DataFrame) -> None:
    with pytest.raises(MonitorInputError, match="either --pred COL or --score"):
        group_metrics(log, group="race")
    with pytest.raises(MonitorInputError, match="--score needs --threshold"):
        group_metrics(log, group="race", score="score")
    with pytest.raises(MonitorInputError, match="--window needs --time"):
        group_metrics(log, group="race", pred="pred", window="month")
    with pytest.raises(MonitorInputError, match="--time: column 'pred' is int64"):
        group_metrics(log, group="race", pred="pred", time="pred")


# --- a property: the Ibis result equals a plain pandas computation ------------------------------------------


@st.composite
def small_logs(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(min_value=1, max_value=60))
    cell = st.tuples(
        st.sampled_from(["a", "b", "c"]),
        st.sampled_from(["x", "y"]),
        st.sampled_from([0, 1]),
        st.sampled_from([0, 1]),
    )
    rows = draw(st.lists(cell, min_size=n, max_size=n))
    return pd.DataFrame(rows, columns=["g", "h", "pred", "label"])


def pandas_rates(frame: pd.DataFrame, keys: list[str]) -> dict[tuple[Any, ...], dict[str, float | None]]:
    out: dict[tuple[Any, ...], dict[str, float | None]] = {}
    for key, part in frame.groupby(keys):
        p, y = part["pred"], part["label"]
        tp, pos, sel = int(((p == 1) & (y == 1)).sum()), int((y == 1).sum()), int((p == 1).sum())
        neg, fp = len(part) - pos, int(((p == 1) & (y == 0)).sum())
        out[key if isinstance(key, tuple) else (key,)] = {
            "n": len(part),
            "selection_rate": sel / len(part),
            "tpr": tp / pos if pos else None,
            "fpr": fp / neg if neg else None,
            "fnr": (pos - tp) / pos if pos else None,
            "precision": tp / sel if sel else None,
        }
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_logs())
def test_property_matches_pandas(frame: pd.DataFrame) -> None:
    report = group_metrics(frame, group=["g", "h"], pred="pred", label="label", min_group_size=0)
    assert report.rows_read == report.rows_used == len(frame)
    for keys in (["g"], ["h"], ["g", "h"]):
        expected = pandas_rates(frame, keys)
        ours = by_groups(report.level(*keys))
        assert set(ours) == set(expected)
        for key, metrics in expected.items():
            assert ours[key].n == metrics["n"]
            for metric in RATE_NAMES:
                assert value(ours[key], metric) == pytest.approx(metrics[metric])


# --- inputs -----------------------------------------------------------------------------------------------


def write_all_formats(log: pd.DataFrame, folder: Path) -> dict[str, str]:
    log.to_csv(folder / "log.csv", index=False)
    log.to_parquet(folder / "log.parquet")
    log.to_json(folder / "log.jsonl", orient="records", lines=True, date_format="iso")
    con = duckdb.connect(str(folder / "audit.duckdb"))
    con.register("log_frame", log)
    con.execute("CREATE TABLE decisions AS SELECT * FROM log_frame")
    con.close()
    return {
        "csv": str(folder / "log.csv"),
        "parquet": str(folder / "log.parquet"),
        "jsonl": str(folder / "log.jsonl"),
        "duckdb": f"duckdb://{folder / 'audit.duckdb'}::decisions",
    }


def test_every_input_format_gives_the_same_metrics(log: pd.DataFrame, tmp_path: Path) -> None:
    sample = log.head(600)
    expected = group_metrics(sample, group=["race", "sex"], pred="pred", label="label", time="ts")
    for kind, source in write_all_formats(sample, tmp_path).items():
        got = group_metrics(source, group=["race", "sex"], pred="pred", label="label", time="ts")
        assert got.rows == expected.rows, kind
        assert got.rows_read == 600 and got.source == source


def test_compiled_query_is_kept_and_gives_the_same_report(
    log: pd.DataFrame, tmp_path: Path, query_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = log.head(900).copy()
    sample.loc[::7, "race"] = None
    sample.loc[::11, "pred"] = None
    sample.to_parquet(tmp_path / "log.parquet")
    options: dict[str, Any] = {"group": ["race", "sex"], "pred": "pred", "label": "label", "time": "ts"}
    first = group_metrics(tmp_path / "log.parquet", **options)
    stored = list((query_cache / "queries").glob("*.sql"))
    assert len(stored) == 1 and "GROUP BY" in stored[0].read_text()
    # The second run reads the stored SQL and never compiles: make compiling fail to prove it.
    with monkeypatch.context() as patch:
        patch.setattr("rightscope.monitor.metrics.aggregation", lambda *a, **k: pytest.fail("compiled again"))
        second = group_metrics(tmp_path / "log.parquet", **options)
    assert second == first and second.exclusions
    assert second.model_dump(exclude={"source"}) == group_metrics(sample, **options).model_dump(exclude={"source"})
    # Other options or another schema compile another query; an unwritable cache is skipped.
    group_metrics(tmp_path / "log.parquet", group="race", pred="pred")
    assert len(list((query_cache / "queries").glob("*.sql"))) == 2
    monkeypatch.setenv(compiled.CACHE_ENV, "/proc/no-such-folder")
    assert group_metrics(tmp_path / "log.parquet", **options) == first


def test_one_scan_gives_every_subset_and_window(log: pd.DataFrame, tmp_path: Path) -> None:
    sample = log.head(1500).copy()
    sample.loc[::13, "sex"] = None
    sample.loc[::17, "ts"] = None
    sample.to_parquet(tmp_path / "log.parquet")
    common: dict[str, Any] = {"pred": "pred", "label": "label", "time": "ts"}
    scan = scan_decisions(tmp_path / "log.parquet", group=["race", "sex"], grain="day", **common)
    for group, window in [(["race"], "week"), (["sex", "race"], "quarter"), (["race", "sex"], "month")]:
        direct = group_metrics(tmp_path / "log.parquet", group=group, window=window, **common)
        assert group_metrics(scan, group=group, window=window, **common) == direct, (group, window)
    monthly = scan_decisions(sample, group=["race"], grain="month", **common)
    assert sum(monthly.window_counts("quarter").values()) == sample["ts"].notna().sum()
    with pytest.raises(MonitorInputError, match="a scan by month cannot be summed to weeks"):
        group_metrics(monthly, group="race", window="week", **common)
    with pytest.raises(MonitorInputError, match="the scan has no group column 'sex'"):
        group_metrics(monthly, group="sex", **common)
    with pytest.raises(MonitorInputError, match="another decision, label, score or time column"):
        group_metrics(monthly, group="race", pred="pred")


def test_directories_and_hive_partitions(log: pd.DataFrame, tmp_path: Path) -> None:
    sample = log.head(1200).copy()
    sample["month"] = sample["ts"].dt.strftime("%Y-%m")
    folder = tmp_path / "logs"
    for month, part in sample.groupby("month"):
        (folder / f"decision_month={month}").mkdir(parents=True)
        part.drop(columns="month").to_parquet(folder / f"decision_month={month}" / "part-0.parquet")
    (folder / "_SUCCESS").write_text("")
    (folder / "decision_month=2024-01" / ".part-0.parquet.crc").write_text("")
    spec = parse_source(str(folder))
    assert (spec.kind, spec.location) == ("parquet", str(folder / "**" / "*.parquet"))
    options: dict[str, Any] = {"group": ["race", "sex"], "pred": "pred", "label": "label", "time": "ts"}
    from_folder = group_metrics(folder, **options)
    assert from_folder.rows == group_metrics(sample, **options).rows and from_folder.rows_read == 1200
    by_partition = group_metrics(folder, group="decision_month", pred="pred")  # the partition key is a column
    assert sorted(r.groups["decision_month"] for r in by_partition.rows) == ["2024-01", "2024-02", "2024-03"]
    glob = group_metrics(str(folder / "*" / "*.parquet"), **options)
    assert glob.rows == from_folder.rows
    (tmp_path / "empty").mkdir()
    with pytest.raises(MonitorInputError, match=r"no \.parquet, \.csv or \.jsonl file in the directory"):
        parse_source(str(tmp_path / "empty"))


def test_source_syntax() -> None:
    assert parse_source("a/b.CSV").kind == "csv"
    assert parse_source("logs/*.parquet").kind == "parquet"
    assert parse_source("x.ndjson").kind == "jsonl"
    spec = parse_source("duckdb://rel/audit.duckdb::main.decisions")
    assert (spec.kind, spec.location, spec.table) == ("duckdb", "rel/audit.duckdb", "main.decisions")
    spec = parse_source("postgresql://ana:pw@db.example:5433/hr?sslmode=require::public.decisions")
    assert (spec.kind, spec.table) == ("postgres", "public.decisions")
    assert spec.location == "postgresql://ana:pw@db.example:5433/hr?sslmode=require"
    assert spec.describe() == "postgresql://ana:***@db.example:5433/hr?sslmode=require::public.decisions"
    assert redact("postgres://db/hr") == "postgres://db/hr"
    for bad, message in [
        ("decisions.xlsx", "cannot tell the format"),
        ("duckdb:///tmp/x.duckdb", "needs '::TABLE'"),
        ("mysql://h/db::t", "unsupported scheme 'mysql'"),
        ("", "empty source"),
    ]:
        with pytest.raises(MonitorInputError, match=message):
            parse_source(bad)


def test_source_errors(log: pd.DataFrame, tmp_path: Path) -> None:
    write_all_formats(log.head(20), tmp_path)
    with pytest.raises(MonitorInputError, match="file not found"):
        group_metrics(tmp_path / "nope.csv", group="race", pred="pred")
    with pytest.raises(MonitorInputError, match=r"no table 'decision'; did you mean 'decisions'"):
        group_metrics(f"duckdb://{tmp_path / 'audit.duckdb'}::decision", group="race", pred="pred")
    with pytest.raises(MonitorInputError, match="DuckDB file not found"):
        group_metrics(f"duckdb://{tmp_path / 'missing.duckdb'}::decisions", group="race", pred="pred")
    (tmp_path / "broken.parquet").write_text("not parquet")
    with pytest.raises(MonitorInputError, match=r"cannot read .*broken\.parquet as parquet"):
        group_metrics(tmp_path / "broken.parquet", group="race", pred="pred")


def test_postgres_errors_never_show_the_password() -> None:
    # No server listens on port 1: either the driver is missing or the connection is refused.
    with pytest.raises(MonitorInputError) as caught:
        group_metrics("postgresql://ana:s3cret@127.0.0.1:1/hr?connect_timeout=2::decisions", group="g", pred="p")
    assert "s3cret" not in str(caught.value)
    assert "ibis-framework[postgres]" in str(caught.value) or "cannot connect" in str(caught.value)


@pytest.mark.skipif(not os.environ.get("RIGHTSCOPE_TEST_POSTGRES_URL"), reason="set RIGHTSCOPE_TEST_POSTGRES_URL")
def test_postgres_matches_duckdb(log: pd.DataFrame) -> None:
    """Runs against a real server, e.g. RIGHTSCOPE_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres."""
    psycopg = pytest.importorskip("psycopg")
    url = os.environ["RIGHTSCOPE_TEST_POSTGRES_URL"]
    sample = log.head(1000).astype({"pred": "float64"})
    sample.loc[::40, "race"] = None
    sample.loc[::70, "pred"] = None
    with psycopg.connect(url, autocommit=True) as con:
        con.execute("DROP TABLE IF EXISTS rightscope_test_decisions")
        con.execute(
            "CREATE TABLE rightscope_test_decisions (race text, sex text, pred double precision, label integer,"
            " score double precision, ts timestamp)"
        )
        with con.cursor().copy("COPY rightscope_test_decisions FROM STDIN") as copy:
            for r in sample.itertuples(index=False):
                race = None if pd.isna(r.race) else r.race
                pred = None if pd.isna(r.pred) else float(r.pred)
                copy.write_row([race, r.sex, pred, int(r.label), float(r.score), r.ts.to_pydatetime()])
    try:
        for options in (
            {"group": ["race", "sex"], "pred": "pred", "label": "label", "time": "ts"},
            {"group": "race", "score": "score", "threshold": 0.5},
        ):
            on_postgres = group_metrics(f"{url}::rightscope_test_decisions", **options).model_dump(mode="json")
            on_duckdb = group_metrics(sample, **options).model_dump(mode="json")
            assert on_postgres.pop("backend") == "postgres"
            on_duckdb.pop("backend")
            on_postgres.pop("source"), on_duckdb.pop("source")
            assert on_postgres == on_duckdb
    finally:
        with psycopg.connect(url, autocommit=True) as con:
            con.execute("DROP TABLE rightscope_test_decisions")


# --- command line -------------------------------------------------------------------------------------------


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["monitor", "metrics", *args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_json(log: pd.DataFrame, tmp_path: Path) -> None:
    sources = write_all_formats(log.head(800), tmp_path)
    code, out, _ = invoke(
        "--decisions", sources["parquet"], "--group", "race", "--group", "sex", "--pred", "pred", "--label", "label",
        "--reference", "race=black", "--time", "ts", "--window", "month", "--format", "json",
    )  # fmt: skip
    assert code == 0
    payload = json.loads(out)
    assert payload["kind"] == "rightscope/monitor-metrics/v1"
    assert payload["rows_read"] == 800 and payload["window"] == "month"
    assert {tuple(r["level"]) for r in payload["references"]} == {("race",), ("sex",), ("race", "sex")}
    race_ref = next(r for r in payload["references"] if r["level"] == ["race"])
    assert race_ref["groups"] == {"race": "black"} and race_ref["chosen"] == "given"
    row = payload["rows"][0]
    assert set(row) >= {"level", "groups", "window", "n", "suppressed", "selection_rate", "tpr", "fpr", "flags"}
    assert set(row["selection_rate"]) == {
        "value",
        "ci_low",
        "ci_high",
        "numerator",
        "denominator",
        "ratio",
        "difference",
    }
    assert MetricsReport.model_validate(payload).rows_read == 800


def test_cli_table_and_database_source(log: pd.DataFrame, tmp_path: Path) -> None:
    sources = write_all_formats(log.head(800), tmp_path)
    code, out, _ = invoke("-d", sources["duckdb"], "-g", "race", "--score", "score", "--threshold", "0.5")
    assert code == 0
    assert "race (reference: race=white)" in out and "sel. rate" in out and "800 read" in out
    code, out, _ = invoke("-d", sources["csv"], "-g", "race", "-g", "sex", "--pred", "pred", "--label", "label")
    assert code == 0 and "race × sex" in out and "TPR" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--group", "rac", "--pred", "pred"], "did you mean 'race'"),
        (["--group", "race", "--pred", "pred", "--label", "nope"], "Available columns: race, sex"),
        (["--group", "race", "--pred", "race"], "it must hold 0/1 or true/false"),
        (["--group", "race", "--pred", "pred", "--reference", "purple"], "no group 'purple'"),
        (["--group", "race", "--group", "sex", "--pred", "pred", "--reference", "x"], "COLUMN=VALUE"),
    ],
)
def test_cli_errors_exit_2_without_traceback(log: pd.DataFrame, tmp_path: Path, args: list[str], message: str) -> None:
    log.head(50).to_csv(tmp_path / "log.csv", index=False)
    code, out, err = invoke("--decisions", str(tmp_path / "log.csv"), *args)
    assert code == 2
    assert message in " ".join(err.split())
    assert "Traceback" not in err + out


def test_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    code, _, err = invoke("--decisions", str(tmp_path / "missing.csv"), "--group", "g", "--pred", "p")
    assert code == 2 and "file not found" in err
    code, _, _ = invoke("--decisions", str(tmp_path / "missing.csv"), "--pred", "p")  # no --group
    assert code == 2
