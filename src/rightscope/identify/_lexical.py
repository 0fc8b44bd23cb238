"""Lexical signals: harm-pattern indicators found in the text, and BM25 over rights and patterns."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_EN
from bm25s.tokenization import Tokenizer

from rightscope.law.models import HarmPattern, Right

_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(STOPWORDS_EN)


class Analyzer:
    """Lower-cased, stemmed word tokens, without stop words."""

    def __init__(self) -> None:
        self._stem = Stemmer.Stemmer("english").stemWord

    def tokens(self, text: str) -> list[str]:
        return [self._stem(w) for w in _WORD.findall(text.lower()) if w not in _STOPWORDS]


@dataclass(frozen=True)
class IndicatorHit:
    pattern: int
    indicator: str
    weight: float


class PatternMatcher:
    """Finds the harm patterns' indicator phrases in a text; rarer indicators weigh more."""

    def __init__(self, patterns: list[HarmPattern], analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        phrases: dict[tuple[str, ...], set[int]] = {}
        labels: dict[tuple[str, ...], str] = {}
        for index, pattern in enumerate(patterns):
            for indicator in pattern.indicators:
                key = tuple(analyzer.tokens(indicator))
                if key:
                    phrases.setdefault(key, set()).add(index)
                    labels.setdefault(key, indicator)
        total = len(patterns)
        self._by_first: dict[str, list[tuple[tuple[str, ...], set[int], float, str]]] = {}
        for key, owners in phrases.items():
            # An indicator shared by many patterns says little about any one of them; longer phrases say more.
            weight = math.log(1 + total / len(owners)) * (1 + 0.5 * (len(key) - 1))
            self._by_first.setdefault(key[0], []).append((key, owners, weight, labels[key]))

    def hits(self, tokens: list[str]) -> list[IndicatorHit]:
        found: dict[tuple[int, str], IndicatorHit] = {}
        for start, token in enumerate(tokens):
            for key, owners, weight, label in self._by_first.get(token, ()):
                if tuple(tokens[start : start + len(key)]) == key:
                    for owner in owners:
                        found[(owner, label)] = IndicatorHit(owner, label, weight)
        return list(found.values())


class Bm25Index:
    """BM25 over a handful of short documents, scoring all of them for one text."""

    def __init__(self, documents: list[str]) -> None:
        stemmer = Stemmer.Stemmer("english")
        self.tokenizer = Tokenizer(stopwords="en", stemmer=stemmer.stemWord)
        tokens = self.tokenizer.tokenize(documents, show_progress=False)
        self.retriever = bm25s.BM25()
        self.retriever.index(tokens, show_progress=False)
        self.size = len(documents)

    def scores(self, text: str) -> np.ndarray:
        ids = self.tokenizer.tokenize([text], update_vocab=False, show_progress=False)
        if not ids or not ids[0]:
            return np.zeros(self.size)
        return np.asarray(self.retriever.get_scores(ids[0]), dtype=float)


def right_document(right: Right) -> str:
    return " ".join([right.name, right.description, " ".join(right.keywords)])


def pattern_document(pattern: HarmPattern) -> str:
    return " ".join([pattern.name, pattern.description, " ".join(pattern.indicators)])
