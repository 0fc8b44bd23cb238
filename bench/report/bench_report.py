"""Benchmark of report generation: HTML and PDF (and DOCX, Markdown) for each example assessment.

Targets: HTML under 2 s and PDF under 10 s per example. The assessment itself (``rightscope assess``)
is run once per example and not timed; what is timed is building the report context and rendering it.
"First" is the first HTML report of the process (templates compiled, knowledge base and crosswalk
loaded); the other figures are the best of ``--repeat`` runs in a warm process, rights lens in English
and compliance lens in French.

Usage (from the repository root)::

    .venv/bin/python bench/report/bench_report.py
    .venv/bin/python bench/report/bench_report.py --repeat 5 --json bench/report/results.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"html": 2.0, "pdf": 10.0}


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--embeddings", action="store_true", help="run identify's dense mode in the assessment")
    args = parser.parse_args(argv)
    if not args.embeddings:
        os.environ["RIGHTSCOPE_EMBEDDINGS"] = "0"  # the assessment is not timed; this only makes the run shorter

    from rightscope.assess import assess, load
    from rightscope.report import build_context, make_lens, render

    rows = []
    first: float | None = None
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        assessment = load(path)
        result = assess(assessment)
        for lens, lang in (("rights", "en"), ("compliance", "fr")):

            def report(fmt: str, a: Any = assessment, r: Any = result, lens: str = lens, lang: str = lang) -> bytes:
                return render(build_context(a, r, lens=make_lens(lens), lang=lang), fmt)

            if first is None:
                start = time.perf_counter()
                report("html")
                first = time.perf_counter() - start
            row = {"example": path.stem, "lens": lens, "lang": lang}
            for fmt in ("html", "md", "docx"):
                row[fmt] = round(best(lambda fmt=fmt: report(fmt), args.repeat), 3)
            row["pdf"] = round(best(lambda: report("pdf"), max(1, args.repeat - 1)), 2)
            row["pdf_pages_kb"] = round(len(report("pdf")) / 1024)
            rows.append(row)

    print(f"first HTML report in a fresh process (templates compiled, data loaded): {first:.2f} s")
    header = ("example", "lens", "lang", "html s", "md s", "docx s", "pdf s", "pdf KiB")
    print("{:<24} {:<11} {:<4} {:>7} {:>6} {:>7} {:>6} {:>8}".format(*header))
    for r in rows:
        print(
            f"{r['example']:<24} {r['lens']:<11} {r['lang']:<4} {r['html']:>7.3f} {r['md']:>6.3f} "
            f"{r['docx']:>7.3f} {r['pdf']:>6.2f} {r['pdf_pages_kb']:>8}"
        )
    slow = [(r["example"], f) for r in rows for f, limit in TARGETS.items() if float(r[f]) >= limit]
    print("targets (HTML < 2 s, PDF < 10 s): " + ("met" if not slow else f"missed for {slow}"))
    if args.json:
        machine = {"python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count()}
        args.json.write_text(json.dumps({"machine": machine, "first_html_s": first, "rows": rows}, indent=2) + "\n")
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
