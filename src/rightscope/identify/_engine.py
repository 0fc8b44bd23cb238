"""The identification engine: harm patterns first, then the rights they engage.

1. Each harm pattern in the taxonomy is scored against the text: BM25 on the pattern's name,
   description and indicators, plus (with the ``embeddings`` extra) the text's embedding similarity to
   the pattern, sharpened so that the closest patterns dominate. This asks "what is happening here?",
   which is what decides the rights at stake, rather than "which article is worded like this text?".
2. Each pattern passes its activation to the rights it engages, the primary (first-listed) right most.
3. Direct evidence for a right (BM25 on its name, description and keywords; embedding similarity to
   its description) is added with a small weight.
4. The result is scaled so that the strongest right of the text scores 1, and a logistic calibration
   fitted on labelled cases turns it into the probability that the right is engaged. Rights at or
   above the threshold are reported, best first, at most ``top``; the best one is always reported.

The constants were chosen by a bounded random search on the development set, with 5-fold
cross-validation to estimate how well they generalise (``bench/identify/tune.py``; method and figures
in ``docs/identify.md``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from rightscope.identify._dense import Encoder
from rightscope.identify._lexical import (
    Analyzer,
    Bm25Index,
    IndicatorHit,
    PatternMatcher,
    pattern_document,
    right_document,
)
from rightscope.law._store import KnowledgeBase
from rightscope.law.models import HarmPattern, Right


@dataclass(frozen=True)
class Params:
    """The fusion's constants, chosen with ``bench/identify/tune.py`` (see the module docstring)."""

    # Share of a pattern's activation passed to the n-th right it lists: decay ** n (primary right first).
    decay: float = 0.626
    # Rights engaged by many patterns (privacy, non-discrimination) say less when a pattern fires:
    # links are weighted by idf(right) ** right_idf, as in TF-IDF.
    right_idf: float = 0.0
    # Pattern activations are raised to this power, so that the best-matching patterns dominate.
    power: float = 2.141
    # Shares of the pattern activation from embeddings (softmax-like exp(8 * cosine)) and from indicator
    # hits, next to BM25 on the pattern's description (share 1).
    dense_share: float = 0.058
    indicator_share: float = 0.107
    # Direct right-level evidence added to what the patterns pass on.
    w_rights: float = 0.367
    w_dense: float = 0.102
    # Calibration of the relative score (1 = the strongest right for this text) into a probability that
    # the right is engaged: sigmoid(cal_slope * relative + cal_intercept), fitted by logistic regression.
    cal_slope: float = 5.002
    cal_intercept: float = -2.726
    # Rights with a probability at or above this are reported.
    threshold: float = 0.293
    # Cosine similarities are sharpened with exp(DENSE_TEMPERATURE * cosine) before scaling.
    dense_temperature: float = 8.0


@dataclass
class Signals:
    """Raw per-text signals, before fusion (kept apart so that tuning re-fuses without re-scoring)."""

    indicator: np.ndarray
    pattern_bm25: np.ndarray
    right_bm25: np.ndarray
    hits: list[IndicatorHit]
    dense_right: np.ndarray | None = None
    dense_pattern: np.ndarray | None = None


@dataclass
class RightScore:
    right: str
    score: float
    patterns: list[tuple[int, float, list[str]]] = field(default_factory=list)


def corpus_texts(rights: list[Right], patterns: list[HarmPattern]) -> list[str]:
    """What the dense signal embeds: every right's document, then every harm pattern's."""
    return [right_document(r) for r in rights] + [pattern_document(p) for p in patterns]


def _scale(values: np.ndarray) -> np.ndarray:
    top = float(values.max()) if values.size else 0.0
    return values / top if top > 0 else np.zeros_like(values)


class Engine:
    """Scores every right for a text. Built once per process; cheap per text."""

    def __init__(self, kb: KnowledgeBase, encoder: Encoder | None, params: Params | None = None) -> None:
        self.kb = kb
        self.params = params or Params()
        self.rights = list(kb.rights.values())
        self.patterns = list(kb.harm_patterns.values())
        self.right_index = {r.id: i for i, r in enumerate(self.rights)}
        self.analyzer = Analyzer()
        self.matcher = PatternMatcher(self.patterns, self.analyzer)
        self.right_bm25 = Bm25Index([right_document(r) for r in self.rights])
        self.pattern_bm25 = Bm25Index([pattern_document(p) for p in self.patterns])
        # positions[p, r]: 1 + the position of right r in pattern p's list (0 where not linked).
        self.positions = np.zeros((len(self.patterns), len(self.rights)))
        for p, pattern in enumerate(self.patterns):
            for position, engaged in enumerate(pattern.rights):
                self.positions[p, self.right_index[engaged.right]] = position + 1
        self.related = np.zeros((len(self.rights), len(self.rights)))
        for r, right in enumerate(self.rights):
            for other in right.related:
                self.related[r, self.right_index[other]] = 1.0
        linked = (self.positions > 0).sum(axis=0)
        self.right_idf = np.log(1 + len(self.patterns) / np.maximum(linked, 1))
        self.encoder = encoder
        if encoder is not None:
            from rightscope.identify._vectors import corpus_vectors

            vectors = corpus_vectors(encoder, corpus_texts(self.rights, self.patterns))
            self.right_vectors = vectors[: len(self.rights)]
            self.pattern_vectors = vectors[len(self.rights) :]

    @property
    def mode(self) -> str:
        return "full" if self.encoder is not None else "reduced"

    def links(self, params: Params) -> np.ndarray:
        """links[p, r]: the share of pattern p's activation that right r receives."""
        decayed = np.where(self.positions > 0, params.decay ** (self.positions - 1), 0.0)
        return np.asarray(decayed * (self.right_idf / self.right_idf.max()) ** params.right_idf, dtype=float)

    def signals(self, texts: list[str]) -> list[Signals]:
        vectors = self.encoder.encode(texts) if self.encoder is not None else None
        out = []
        for index, text in enumerate(texts):
            hits = self.matcher.hits(self.analyzer.tokens(text))
            indicator = np.zeros(len(self.patterns))
            for hit in hits:
                indicator[hit.pattern] += hit.weight
            signal = Signals(indicator, self.pattern_bm25.scores(text), self.right_bm25.scores(text), hits)
            if vectors is not None:
                signal.dense_right = self.right_vectors @ vectors[index]
                signal.dense_pattern = self.pattern_vectors @ vectors[index]
            out.append(signal)
        return out

    def fuse(self, signal: Signals, params: Params, links: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Probability per right, and each pattern's activation."""
        activation = _scale(signal.pattern_bm25) ** params.power
        if params.indicator_share:
            activation = activation + params.indicator_share * _scale(signal.indicator) ** params.power
        fused = activation @ links + params.w_rights * _scale(signal.right_bm25)
        if signal.dense_right is not None and signal.dense_pattern is not None:
            sharpened = _scale(np.exp(params.dense_temperature * signal.dense_pattern)) ** params.power
            activation = activation + params.dense_share * sharpened
            fused = activation @ links + params.w_rights * _scale(signal.right_bm25)
            fused = fused + params.w_dense * _scale(np.exp(params.dense_temperature * signal.dense_right))
        relative = _scale(np.asarray(fused))
        confidence = 1.0 / (1.0 + np.exp(-(params.cal_slope * relative + params.cal_intercept)))
        return confidence, activation

    def score_many(self, texts: list[str]) -> list[list[RightScore]]:
        links = self.links(self.params)
        results = []
        for signal in self.signals(texts):
            confidence, activation = self.fuse(signal, self.params, links)
            contributions = activation[:, None] * links
            scores = []
            for r, right in enumerate(self.rights):
                supporting = sorted(
                    ((int(p), float(contributions[p, r])) for p in np.nonzero(contributions[:, r])[0]),
                    key=lambda item: -item[1],
                )
                patterns = [
                    (p, weight, sorted({h.indicator for h in signal.hits if h.pattern == p}))
                    for p, weight in supporting[:3]
                    if weight > 0
                ]
                scores.append(RightScore(right.id, float(confidence[r]), patterns))
            results.append(sorted(scores, key=lambda s: -s.score))
        return results


def select(scores: list[RightScore], top: int, threshold: float) -> list[RightScore]:
    """Rights at or above the threshold, best first, at most ``top``; at least the best one."""
    chosen = [s for s in scores[:top] if s.score >= threshold]
    return chosen or scores[:1]


def round_score(value: float) -> float:
    return math.floor(value * 1000 + 0.5) / 1000
