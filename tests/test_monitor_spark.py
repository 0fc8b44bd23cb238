"""The same Ibis expressions on a local PySpark session give the same report as DuckDB."""

from __future__ import annotations

import datetime as dt
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from rightscope.cli import app
from rightscope.monitor import MetricsReport, MonitorInputError, compiled, group_metrics
from rightscope.monitor.backends import Backend, parse_backend

from .conftest import REPO

pytest.importorskip("pyspark")
ibis = pytest.importorskip("ibis")

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning", "ignore::DeprecationWarning")
runner = CliRunner()


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from pyspark.sql import SparkSession

    scratch = tmp_path_factory.mktemp("spark")
    session = (
        SparkSession.builder.master("local[1]")
        .appName("rightscope-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.warehouse.dir", str(scratch / "warehouse"))
        .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={scratch}")
        .config("spark.sql.catalogImplementation", "in-memory")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def decisions() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 1500
    frame = pd.DataFrame(
        {
            "race": rng.choice(["white", "black", "asian", "other"], n, p=[0.5, 0.3, 0.195, 0.005]),
            "sex": rng.choice(["female", "male"], n),
            "pred": rng.integers(0, 2, n).astype("float64"),
            "label": rng.integers(0, 2, n).astype("float64"),
            "score": rng.random(n),
            "ts": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 120, n), unit="D"),
        }
    )
    frame.loc[::97, "race"] = None
    frame.loc[::89, "pred"] = np.nan
    frame.loc[::83, "label"] = np.nan
    return frame


def comparable(report: MetricsReport) -> dict[str, Any]:
    payload = report.model_dump(mode="json")
    del payload["source"], payload["backend"]
    return payload


def test_spark_matches_duckdb(spark: Any) -> None:
    frame = decisions()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spark.createDataFrame(frame).createOrReplaceTempView("decisions")  # a temporary view: nothing on disk
    table = ibis.pyspark.connect(spark).table("decisions")
    options: dict[str, Any] = {"group": ["race", "sex"], "label": "label", "time": "ts", "window": "month"}
    on_spark = group_metrics(table, pred="pred", **options)
    on_duckdb = group_metrics(frame, pred="pred", **options)
    assert on_spark.backend == "pyspark" and on_duckdb.backend == "duckdb"
    assert on_spark.rows_read == len(frame) and on_spark.exclusions
    assert comparable(on_spark) == comparable(on_duckdb)
    # A table of the session's catalog, by name.
    by_name = group_metrics("spark:decisions", pred="pred", backend="spark", **options)
    assert by_name.source == "spark:decisions" and comparable(by_name) == comparable(on_duckdb)

    scored = {"group": "race", "score": "score", "threshold": 0.6, "reference": "black"}
    assert comparable(group_metrics(table, **scored)) == comparable(group_metrics(frame, **scored))


def partitioned(frame: pd.DataFrame, folder: Path) -> Path:
    """The log as Spark and Hive write it: one folder per month, part files, a _SUCCESS marker."""
    months = frame["ts"].dt.strftime("%Y-%m")
    for month in sorted(months.unique()):
        part = folder / f"decision_month={month}"
        part.mkdir(parents=True)
        frame[months == month].to_parquet(part / "part-00000.snappy.parquet", index=False)
    (folder / "_SUCCESS").write_text("")
    return folder


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["monitor", *args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_backend_spark_matches_duckdb(spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(compiled.CACHE_ENV, str(tmp_path / "cache"))
    folder = partitioned(decisions(), tmp_path / "log")
    args = ["metrics", "-d", str(folder), "-g", "race", "-g", "decision_month", "--pred", "pred", "--label", "label"]
    args += ["--time", "ts", "--format", "json"]
    code, out, err = invoke(*args, "--backend", "spark", "--spark-conf", "spark.sql.shuffle.partitions=1")
    assert code == 0, err
    on_spark = json.loads(out)
    code, out, err = invoke(*args)
    assert code == 0, err
    on_duckdb = json.loads(out)
    assert (on_spark["backend"], on_duckdb["backend"]) == ("pyspark", "duckdb")
    assert on_spark["source"] == str(folder) and on_spark["rows_read"] == 1500
    for payload in (on_spark, on_duckdb):
        del payload["source"], payload["backend"]
    assert on_spark == on_duckdb


def test_monitor_run_on_spark_matches_duckdb(spark: Any, tmp_path: Path) -> None:
    from rightscope.assess import assess, load
    from rightscope.monitor.run import evaluate
    from rightscope.monitor.synthetic import write_welfare_logs

    logs = write_welfare_logs(tmp_path / "logs", per_month=300)
    assessment = load(REPO / "examples" / "welfare-fraud-risk.yaml")
    result = assess(assessment)
    day = dt.date(2026, 7, 1)
    runs = [
        evaluate(assessment, result, decisions=str(logs["decisions"]), events=str(logs["events"]), today=day, **extra)
        for extra in ({"backend": "spark"}, {})
    ]
    assert runs[0].inputs["decision_rows"] == 1800
    assert runs[0].model_dump() == runs[1].model_dump()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--backend", "oracle"], "--backend: 'oracle' is not a backend; use duckdb, spark"),
        (["--backend", "spark", "--spark-conf", "executor.memory"], "--spark-conf: 'executor.memory' is not KEY=VALUE"),
        (["--spark-conf", "spark.executor.memory=8g"], "--spark-conf: goes with --backend spark"),
    ],
)
def test_backend_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    decisions().to_csv(tmp_path / "log.csv", index=False)
    code, _, err = invoke("metrics", "-d", str(tmp_path / "log.csv"), "-g", "race", "--pred", "pred", *args)
    assert code == 2 and message in " ".join(err.split()) and "Traceback" not in err


def test_spark_source_errors(spark: Any, tmp_path: Path) -> None:
    with pytest.raises(MonitorInputError, match="a database table is read with --backend duckdb"):
        group_metrics(f"duckdb://{tmp_path / 'a.duckdb'}::t", group="race", pred="pred", backend="spark")
    with pytest.raises(MonitorInputError, match="Spark cannot read"):
        group_metrics(str(tmp_path / "missing.parquet"), group="race", pred="pred", backend="spark")
    with pytest.raises(MonitorInputError, match="as a path or source string"):
        group_metrics(decisions(), group="race", pred="pred", backend="spark")


def test_parse_backend() -> None:
    assert parse_backend(None) == Backend() == parse_backend("DuckDB")
    assert parse_backend("spark", ["spark.master=yarn", "spark.executor.cores = 4"]) == Backend(
        "spark", master="yarn", conf={"spark.executor.cores": "4"}
    )
    assert parse_backend("local[2]").master == "local[2]"
    assert parse_backend("k8s://https://api.internal:443").master == "k8s://https://api.internal:443"
    assert parse_backend("sc://connect.internal:15002") == Backend("spark", remote="sc://connect.internal:15002")
