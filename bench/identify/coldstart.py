"""Whole-process start-up of identify and assess: today's runtime against the former torch path, same run.

    .venv/bin/python bench/identify/coldstart.py [--runs 5] [--json OUT]

Each command runs as a fresh process (cold start included), ``--runs`` times; the median is reported.
The baseline sets ``RIGHTSCOPE_ENCODER=torch`` (sentence-transformers and torch, corpus embedded at
every start, as before the ONNX runtime); it needs the ``model-build`` extra and is skipped without it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RIGHTSCOPE = str(Path(sys.executable).parent / "rightscope")
COMMANDS = {
    "identify": [RIGHTSCOPE, "identify", "Police use live facial recognition at protests"],
    "assess": [RIGHTSCOPE, "assess", "examples/welfare-fraud-risk.yaml"],
    "report_md": [RIGHTSCOPE, "report", "examples/welfare-fraud-risk.yaml", "-f", "md", "--out", "/tmp/rs-bench.md"],
}


def median_seconds(command: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    env = {k: v for k, v in os.environ.items() if k != "RIGHTSCOPE_ENCODER"}
    variants = {"onnx": env}
    if importlib.util.find_spec("sentence_transformers") is not None:
        variants["torch_baseline"] = {**env, "RIGHTSCOPE_ENCODER": "torch"}
    report: dict[str, dict[str, float]] = {}
    for name, command in COMMANDS.items():
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)  # fills the search cache
        report[name] = {variant: median_seconds(command, e, args.runs) for variant, e in variants.items()}
        if "torch_baseline" in report[name]:
            report[name]["speed-up"] = round(report[name]["torch_baseline"] / report[name]["onnx"], 1)
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
