"""Choose the fusion constants of identify by cross-validation on the development set.

    .venv/bin/python bench/identify/tune.py [--samples 800] [--folds 5] [--reduced]

Signals are computed once per case; each candidate set of constants is scored by re-fusing them. The
search is random over a small, bounded space (eight numbers); the figure that matters is the
cross-validated one: constants chosen on four folds, measured on the fifth. Then a logistic
calibration (probability that a right is engaged, against its relative score) is fitted on all cases,
and the selection cut-off becomes a probability threshold. The printed constants are the defaults of
``rightscope.identify._engine.Params``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np
import yaml

os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

from rightscope.identify import Identifier
from rightscope.identify._engine import Engine, Params, Signals

HERE = Path(__file__).resolve().parent
IDENTITY = {"cal_slope": 1.0, "cal_intercept": 0.0}  # confidence = sigmoid(relative): monotone in it


def relative_scores(engine: Engine, signals: list[Signals], params: Params) -> list[np.ndarray]:
    links = engine.links(params)
    out = []
    for signal in signals:
        confidence, _ = engine.fuse(signal, params, links)
        out.append(-np.log(1 / confidence - 1))  # back to the relative score under the identity calibration
    return out


def select(engine: Engine, relative: list[np.ndarray], cut: float, top: int = 5) -> list[list[str]]:
    out = []
    for values in relative:
        order = np.argsort(-values)[:top]
        chosen = [engine.rights[r].id for r in order if values[r] >= cut]
        out.append(chosen or [engine.rights[order[0]].id])
    return out


def metrics(predicted: list[list[str]], cases: list[dict[str, Any]]) -> tuple[float, float]:
    recall, precision = [], []
    for top, case in zip(predicted, cases, strict=True):
        core = set(case["rights"])
        relevant = core | set(case.get("also_engaged") or [])
        recall.append(len(core & set(top)) / len(core))
        precision.append(len(relevant & set(top)) / len(top))
    return statistics.fmean(recall), statistics.fmean(precision)


def objective(recall: float, precision: float) -> float:
    # Recall first, as long as precision stays above 0.7; below that, precision costs double.
    return recall + 0.5 * min(precision, 0.75) - 2.0 * max(0.0, 0.7 - precision)


def sample(rng: random.Random, dense: bool) -> tuple[Params, float]:
    params = Params(
        decay=rng.uniform(0.5, 1.0),
        right_idf=rng.choice([0.0, rng.uniform(0.0, 1.0)]),
        power=rng.uniform(1.0, 3.0),
        dense_share=rng.uniform(0.0, 1.0) if dense else 0.0,
        indicator_share=rng.choice([0.0, rng.uniform(0.0, 0.6)]),
        w_rights=rng.uniform(0.0, 0.4),
        w_dense=rng.uniform(0.0, 0.4) if dense else 0.0,
        **IDENTITY,
    )
    return params, rng.uniform(0.25, 0.7)


def best(
    engine: Engine, signals: list[Signals], cases: list[dict[str, Any]], candidates: list[tuple[Params, float]]
) -> tuple[Params, float]:
    def value(candidate: tuple[Params, float]) -> float:
        params, cut = candidate
        return objective(*metrics(select(engine, relative_scores(engine, signals, params), cut), cases))

    return max(candidates, key=value)


def calibrate(engine: Engine, relative: list[np.ndarray], cases: list[dict[str, Any]]) -> tuple[float, float]:
    """Logistic regression (Newton's method) of 'right is engaged' on the relative score, top 10 per case."""
    xs, ys = [], []
    for values, case in zip(relative, cases, strict=True):
        relevant = set(case["rights"]) | set(case.get("also_engaged") or [])
        for r in np.argsort(-values)[:10]:
            xs.append(values[r])
            ys.append(1.0 if engine.rights[r].id in relevant else 0.0)
    x = np.column_stack([np.asarray(xs), np.ones(len(xs))])
    y = np.asarray(ys)
    w = np.zeros(2)
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (y - p)
        hessian = -(x.T * (p * (1 - p))) @ x - 1e-6 * np.eye(2)
        w = w - np.linalg.solve(hessian, gradient)
    return float(w[0]), float(w[1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=800)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reduced", action="store_true", help="tune without embeddings")
    args = parser.parse_args()
    cases = list(yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8")))
    engine = Identifier(embeddings=not args.reduced).engine
    signals = engine.signals([c["description"] for c in cases])
    rng = random.Random(args.seed)
    defaults = Params()
    default_cut = (
        math.log(defaults.threshold / (1 - defaults.threshold)) - defaults.cal_intercept
    ) / defaults.cal_slope
    candidates = [(replace(defaults, **IDENTITY), default_cut)]
    candidates += [sample(rng, dense=not args.reduced) for _ in range(args.samples)]
    order = list(range(len(cases)))
    random.Random(args.seed).shuffle(order)
    folds = [order[i :: args.folds] for i in range(args.folds)]
    held_out: list[list[str]] = [[] for _ in cases]
    for fold in folds:
        train = [i for i in order if i not in fold]
        params, cut = best(engine, [signals[i] for i in train], [cases[i] for i in train], candidates)
        fold_relative = relative_scores(engine, [signals[i] for i in fold], params)
        for i, predicted in zip(fold, select(engine, fold_relative, cut), strict=True):
            held_out[i] = predicted
    cv = metrics(held_out, cases)
    params, cut = best(engine, signals, cases, candidates)
    relative = relative_scores(engine, signals, params)
    on_all = metrics(select(engine, relative, cut), cases)
    slope, intercept = calibrate(engine, relative, cases)
    threshold = 1 / (1 + math.exp(-(slope * cut + intercept)))
    final = replace(params, cal_slope=slope, cal_intercept=intercept, threshold=threshold)
    report = {
        "mode": engine.mode,
        "cases": len(cases),
        "cross_validated": {"core_recall_at_5": round(cv[0], 3), "precision_at_5": round(cv[1], 3)},
        "chosen_on_all_cases": {"core_recall_at_5": round(on_all[0], 3), "precision_at_5": round(on_all[1], 3)},
        "params": {k: round(v, 3) for k, v in asdict(final).items()},
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
