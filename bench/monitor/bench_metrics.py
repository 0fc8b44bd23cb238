"""Benchmark of ``rightscope.monitor.group_metrics`` against a hand-written DuckDB query, Fairlearn and Aequitas.

Every measurement runs in its own subprocess, so its peak resident memory (``ru_maxrss`` from
``os.wait4``) is its own. Times exclude interpreter start-up and imports; for tools that work on an
in-memory frame (Fairlearn, Aequitas) loading the frame from Parquet is reported apart. The fast
tools run five times and the best time is kept; the slow ones once.

Usage (from the repository root)::

    .venv/bin/python bench/monitor/bench_metrics.py                      # 1M and 10M rows
    .venv/bin/python bench/monitor/bench_metrics.py --rows 1e6 --full     # Fairlearn at every size
    .venv/bin/python bench/monitor/bench_metrics.py --rows 1e8 --memory   # 100M rows from Parquet: memory only
    .venv/bin/python bench/monitor/bench_metrics.py --aequitas-python /tmp/aeq-venv/bin/python

The data: race (4 groups, 55/25/17/3 %), sex (2), a 0/1 label (40 % positive) and a 0/1 decision
that favours positives and disfavours one group, written to Parquet in chunks of 5M rows so the
generator never holds more than one chunk.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]
CHUNK = 5_000_000
RACES = ["white", "black", "asian", "other"]
SEXES = ["female", "male"]

HAND_WRITTEN = """
SELECT race, sex, count(*) AS n, avg(pred) AS selection_rate,
       sum(pred * label)::DOUBLE / sum(label) AS tpr,
       sum(pred * (1 - label))::DOUBLE / sum(1 - label) AS fpr
FROM {source}
GROUP BY race, sex
"""


# --- data ---------------------------------------------------------------------------------------------


def generate(path: Path, rows: int, seed: int = 42) -> None:
    """Write ``rows`` decisions to ``path`` in chunks."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    schema = pa.schema([("race", pa.string()), ("sex", pa.string()), ("pred", pa.int8()), ("label", pa.int8())])
    races, sexes = pa.array(RACES), pa.array(SEXES)
    tmp = path.with_suffix(".tmp")
    with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        left = rows
        while left:
            n = min(CHUNK, left)
            race = rng.choice(len(RACES), n, p=[0.55, 0.25, 0.17, 0.03]).astype(np.int8)
            sex = rng.integers(0, 2, n, dtype=np.int8)
            label = (rng.random(n) < 0.4).astype(np.int8)
            p = 0.25 + 0.45 * label - 0.12 * (race == 1) - 0.05 * (sex == 0)
            pred = (rng.random(n) < p).astype(np.int8)
            table = pa.table(
                {
                    "race": pa.DictionaryArray.from_arrays(pa.array(race), races).cast(pa.string()),
                    "sex": pa.DictionaryArray.from_arrays(pa.array(sex), sexes).cast(pa.string()),
                    "pred": pred,
                    "label": label,
                },
                schema=schema,
            )
            writer.write_table(table, row_group_size=1_000_000)
            left -= n
    tmp.rename(path)


def dataset(folder: Path, rows: int) -> Path:
    path = folder / f"decisions-{rows}.parquet"
    if not path.exists():
        started = time.perf_counter()
        generate(path, rows)
        print(f"  generated {path} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
    return path


# --- workers: each runs in its own process ---------------------------------------------------------------


def best_of(repeat: int, run: Callable[[], Any]) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def worker(kind: str, path: str, repeat: int) -> dict[str, Any]:
    """Run one measurement; returns the times and the load time (not included)."""
    load = 0.0
    if kind in ("rightscope-parquet", "rightscope-memory"):
        from rightscope.monitor import group_metrics

        source: Any = path
        if kind == "rightscope-memory":
            import pyarrow.parquet as pq

            started = time.perf_counter()
            source = pq.read_table(path)
            load = time.perf_counter() - started

        def run() -> Any:
            return group_metrics(source, group=["race", "sex"], pred="pred", label="label")

        times = best_of(repeat, run)
        report = run()
        extra = {"rows_read": report.rows_read, "result_rows": len(report.rows)}
    elif kind in ("duckdb-parquet", "duckdb-memory"):
        import duckdb

        con = duckdb.connect()
        if kind == "duckdb-memory":
            import pyarrow.parquet as pq

            started = time.perf_counter()
            frame = pq.read_table(path)
            load = time.perf_counter() - started
            con.register("decisions", frame)
            query = HAND_WRITTEN.format(source="decisions")
        else:
            query = HAND_WRITTEN.format(source=f"read_parquet('{path}')")
        times = best_of(repeat, lambda: con.execute(query).fetchall())
        extra = {"result_rows": len(con.execute(query).fetchall())}
    elif kind == "fairlearn":
        import pandas as pd
        from fairlearn.metrics import (
            MetricFrame,
            count,
            false_positive_rate,
            selection_rate,
            true_positive_rate,
        )

        started = time.perf_counter()
        frame = pd.read_parquet(path)
        load = time.perf_counter() - started

        def run() -> Any:
            return MetricFrame(
                metrics={
                    "count": count,
                    "selection_rate": selection_rate,
                    "tpr": true_positive_rate,
                    "fpr": false_positive_rate,
                },
                y_true=frame["label"],
                y_pred=frame["pred"],
                sensitive_features=frame[["race", "sex"]],
            ).by_group

        times = best_of(repeat, run)
        extra = {"result_rows": len(run())}
    elif kind == "aequitas":
        import pandas as pd
        from aequitas.bias import Bias
        from aequitas.group import Group

        started = time.perf_counter()
        frame = pd.read_parquet(path)
        frame = pd.DataFrame(
            {
                "score": frame["pred"].astype("int64"),
                "label_value": frame["label"].astype("int64"),
                "race_sex": frame["race"].astype(str) + "|" + frame["sex"].astype(str),
            }
        )
        load = time.perf_counter() - started

        def run() -> Any:
            crosstab, _ = Group().get_crosstabs(frame, attr_cols=["race_sex"])
            return Bias().get_disparity_predefined_groups(
                crosstab, original_df=frame, ref_groups_dict={"race_sex": "white|male"}, check_significance=False
            )

        times = best_of(repeat, run)
        extra = {"result_rows": len(run())}
    else:
        raise SystemExit(f"unknown worker {kind}")
    return {"kind": kind, "seconds": min(times), "all_seconds": times, "load_seconds": load, **extra}


def measure_rss(kind: str, path: Path, repeat: int, python: str, timeout: float) -> dict[str, Any]:
    """Run ``kind`` in a subprocess; add its wall time and its own peak RSS (from ``os.wait4``)."""
    command = [python, str(HERE), "--worker", kind, "--path", str(path), "--repeat", str(repeat)]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), PYTHONWARNINGS="ignore")
    out_file = path.parent / f".{kind}.out"
    err_file = path.parent / f".{kind}.err"
    started = time.perf_counter()
    with out_file.open("w") as out, err_file.open("w") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                return {"kind": kind, "error": f"timed out after {timeout:.0f} s"}
            time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        lines = err_file.read_text().strip().splitlines()
        return {"kind": kind, "error": (lines or ["failed"])[-1]}
    result: dict[str, Any] = json.loads(out_file.read_text().strip().splitlines()[-1])
    result["process_seconds"] = wall
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux reports KiB
    out_file.unlink()
    err_file.unlink()
    return result


# --- the run -------------------------------------------------------------------------------------------------


def fmt_rows(rows: int) -> str:
    return f"{rows / 1e6:g}M"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=float, nargs="+", default=[1e6, 1e7], help="sizes to run (default 1e6 1e7)")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/rightscope-bench"), help="where the Parquet files go")
    parser.add_argument("--full", action="store_true", help="run Fairlearn and Aequitas above 1M rows too (minutes)")
    parser.add_argument("--memory", action="store_true", help="only Rightscope and DuckDB from Parquet (e.g. 100M)")
    parser.add_argument("--aequitas-python", default=None, help="a Python with aequitas (it needs pandas < 3)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per measurement")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        print(json.dumps(worker(args.worker, args.path, args.repeat)))
        return

    args.dir.mkdir(parents=True, exist_ok=True)
    aequitas_python = args.aequitas_python or _python_with("aequitas")
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} on {platform.node()}: {os.cpu_count()} cores, {_memory_gb():.0f} GB")
    print(f"# python {platform.python_version()}, {_versions()}")
    if aequitas_python is None:
        print("# aequitas: not installed in this or --aequitas-python's environment; skipped")
    results: list[dict[str, Any]] = []
    for size in args.rows:
        rows = int(size)
        print(f"\n## {fmt_rows(rows)} rows")
        path = dataset(args.dir, rows)
        python = sys.executable
        plan: list[tuple[str, int, str]] = [("duckdb-parquet", 5, python), ("rightscope-parquet", 5, python)]
        if not args.memory:
            plan += [("duckdb-memory", 5, python), ("rightscope-memory", 5, python)]
            if rows <= 1_000_000 or args.full:
                plan.append(("fairlearn", 1, python))
                if aequitas_python:
                    plan.append(("aequitas", 1, aequitas_python))
        measured: dict[str, dict[str, Any]] = {}
        for kind, repeat, python in plan:
            result = measure_rss(kind, path, repeat, python, args.timeout)
            result["rows"] = rows
            measured[kind] = result
            results.append(result)
            if "error" in result:
                print(f"  {kind:20s} error: {result['error']}")
            else:
                print(
                    f"  {kind:20s} {result['seconds']:8.3f} s   peak RSS {result['peak_rss_mb']:7.0f} MB"
                    + (f"   (load {result['load_seconds']:.1f} s, not timed)" if result["load_seconds"] else "")
                )
        _ratios(measured)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


def _ratios(measured: dict[str, dict[str, Any]]) -> None:
    def seconds(kind: str) -> float | None:
        result = measured.get(kind)
        return None if result is None or "error" in result else float(result["seconds"])

    pairs = [
        ("rightscope-parquet", "duckdb-parquet", "Rightscope / hand-written DuckDB (Parquet)"),
        ("rightscope-memory", "duckdb-memory", "Rightscope / hand-written DuckDB (in memory)"),
        ("fairlearn", "rightscope-memory", "Fairlearn / Rightscope (in memory)"),
        ("aequitas", "rightscope-memory", "Aequitas / Rightscope (in memory)"),
    ]
    for a, b, label in pairs:
        sa, sb = seconds(a), seconds(b)
        if sa is not None and sb is not None:
            print(f"  {label:45s} {sa / sb:8.2f}×")


def _python_with(module: str) -> str | None:
    probe = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True)
    return sys.executable if probe.returncode == 0 else None


def _memory_gb() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        return float("nan")


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for name in ("ibis-framework", "duckdb", "pandas", "pyarrow", "fairlearn"):
        with contextlib.suppress(PackageNotFoundError):
            parts.append(f"{name} {version(name)}")
    return ", ".join(parts)


if __name__ == "__main__":
    main()
