"""The same Ibis expressions on a local PySpark session give the same report as DuckDB."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest

from rightscope.monitor import MetricsReport, group_metrics

pytest.importorskip("pyspark")
ibis = pytest.importorskip("ibis")

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning", "ignore::DeprecationWarning")


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

    scored = {"group": "race", "score": "score", "threshold": 0.6, "reference": "black"}
    assert comparable(group_metrics(table, **scored)) == comparable(group_metrics(frame, **scored))
