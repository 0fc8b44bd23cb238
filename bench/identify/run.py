"""Benchmark identify against plain semantic search over the UDHR, on real documented cases.

    .venv/bin/python bench/identify/run.py [--cases bench/identify/cases.yaml] [--json OUT]

Reports, for Rightscope (full and reduced mode) and for the baseline in the same run:
- core recall@5: share of a case's core labels among the rights returned (at most 5);
- precision@5: share of returned rights that are labelled (core or also engaged); strict precision
  counts core labels only;
- per-text latency once loaded, and batch throughput on this machine.

The baseline embeds the 30 UDHR articles with all-MiniLM-L6-v2, ranks them by cosine similarity to
the description and reports the rights anchored in the top articles, five in all: the "plain semantic
search" that ranks articles for their wording.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import yaml

os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

from rightscope import law
from rightscope.identify import Identifier
from rightscope.identify._dense import MiniLMEncoder, embeddings_available

HERE = Path(__file__).resolve().parent


def load_cases(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def score(predictions: list[list[str]], cases: list[dict[str, Any]]) -> dict[str, float]:
    recall, precision, strict = [], [], []
    for predicted, case in zip(predictions, cases, strict=True):
        core = set(case["rights"])
        relevant = core | set(case.get("also_engaged") or [])
        top = predicted[:5]
        recall.append(len(core & set(top)) / len(core))
        precision.append(len(relevant & set(top)) / len(top) if top else 0.0)
        strict.append(len(core & set(top)) / len(top) if top else 0.0)
    return {
        "core_recall_at_5": round(statistics.fmean(recall), 3),
        "precision_at_5": round(statistics.fmean(precision), 3),
        "strict_precision_at_5": round(statistics.fmean(strict), 3),
        "mean_returned": round(statistics.fmean(len(p[:5]) for p in predictions), 2),
    }


class UdhrSemanticSearch:
    """The baseline: rank UDHR articles by embedding similarity, report the rights anchored in them."""

    def __init__(self, encoder: MiniLMEncoder) -> None:
        self.encoder = encoder
        self.articles = law.provisions("udhr")
        self.vectors = encoder.encode([a.text for a in self.articles])
        self.rights_by_article: dict[str, list[str]] = {}
        for right in law.rights():
            for position, article in enumerate(right.udhr):
                # A right is listed first under its primary anchor.
                bucket = self.rights_by_article.setdefault(article, [])
                bucket.insert(len(bucket) if position else 0, right.id)

    def predict_many(self, texts: list[str]) -> list[list[str]]:
        sims = self.encoder.encode(texts) @ self.vectors.T
        results = []
        for row in sims:
            ranked: list[str] = []
            for index in np.argsort(-row):
                for right in self.rights_by_article.get(self.articles[int(index)].article, []):
                    if right not in ranked:
                        ranked.append(right)
                if len(ranked) >= 5:
                    break
            results.append(ranked[:5])
        return results


def timing(identifier: Identifier, texts: list[str]) -> dict[str, float]:
    for text in texts[:5]:  # warm up
        identifier.identify(text)
    latencies = []
    for text in texts:
        start = time.perf_counter()
        identifier.identify(text)
        latencies.append((time.perf_counter() - start) * 1000)
    batch = (texts * (1 + 400 // len(texts)))[:400]
    start = time.perf_counter()
    list(identifier.identify_many(batch))
    elapsed = time.perf_counter() - start
    return {
        "latency_ms_median": round(statistics.median(latencies), 1),
        "latency_ms_p95": round(sorted(latencies)[int(0.95 * (len(latencies) - 1))], 1),
        "batch_texts_per_second": round(len(batch) / elapsed, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=Path, default=HERE / "cases.yaml")
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args(argv)
    cases = load_cases(args.cases)
    texts = [c["description"] for c in cases]
    report: dict[str, Any] = {
        "cases": len(cases),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
    }
    reduced = Identifier(embeddings=False)
    report["rightscope_reduced"] = score([[r.id for r in i.rights] for i in reduced.identify_many(texts)], cases)
    if embeddings_available():
        full = Identifier(embeddings=True)
        report["rightscope_full"] = score([[r.id for r in i.rights] for i in full.identify_many(texts)], cases)
        if importlib.util.find_spec("sentence_transformers") is not None:
            # The former torch runtime, same run (RIGHTSCOPE_ENCODER=torch): the accuracy to hold.
            os.environ["RIGHTSCOPE_ENCODER"] = "torch"
            torch_full = Identifier(embeddings=True)
            del os.environ["RIGHTSCOPE_ENCODER"]
            predicted = [[r.id for r in i.rights] for i in torch_full.identify_many(texts)]
            report["former_full_torch"] = score(predicted, cases)
            # The baseline is plain semantic search: the model as published, without int8 quantization.
            plain = MiniLMEncoder(quantize=False)
            report["baseline_udhr_semantic_search"] = score(UdhrSemanticSearch(plain).predict_many(texts), cases)
        else:
            print("model-build extra not installed: the torch path and the baseline are skipped", file=sys.stderr)
        if not args.no_timing:
            report["timing_full"] = timing(full, texts)
    else:
        print("embeddings extra not installed: the baseline and full mode are skipped", file=sys.stderr)
    if not args.no_timing:
        report["timing_reduced"] = timing(reduced, texts)
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
