"""Time `rightscope law search` once loaded: BM25 over provisions and guidance paragraphs (target < 100 ms).

.venv/bin/python bench/law/bench_search.py
"""

from __future__ import annotations

import statistics
import time

from rightscope import law

QUERIES = [
    "facial recognition at protests",
    "automated denial of social benefits",
    "arbitrary interference with privacy",
    "freedom of expression online content moderation",
    "children's data profiling advertising",
    "right to work algorithmic management",
    "effective remedy complaint mechanism",
    "discrimination in hiring algorithms",
]


def main() -> None:
    start = time.perf_counter()
    law.search("warm up", k=10)
    build = time.perf_counter() - start
    timings = []
    for _ in range(10):
        for query in QUERIES:
            start = time.perf_counter()
            law.search(query, k=10)
            timings.append((time.perf_counter() - start) * 1000)
    documents = len(law.load().provisions) + sum(len(p) for p in law.load().guidance_paragraphs.values())
    print(f"{documents} documents; index built in {build:.2f} s")
    p95 = sorted(timings)[int(0.95 * len(timings))]
    print(f"per query: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
