"""Time `assess` on the example assessments once loaded (target: under 1 s each).

.venv/bin/python bench/assess/bench_assess.py [--no-embeddings]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from rightscope.assess import assess, load

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-embeddings", action="store_true", help="screen free text in reduced mode")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.no_embeddings:
        os.environ["RIGHTSCOPE_EMBEDDINGS"] = "0"
    start = time.perf_counter()
    assess(load(EXAMPLES[0]))
    print(f"first run (loads the knowledge base, indexes and model): {time.perf_counter() - start:.2f} s")
    for path in EXAMPLES:
        assessment = load(path)
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            assess(assessment)
            timings.append(time.perf_counter() - start)
        print(f"{path.name:32} median {statistics.median(timings) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
