"""Checks on the input text: empty, huge and non-English input get a clear message."""

from __future__ import annotations

import re

from rightscope.errors import RightscopeError

MAX_CHARS = 20_000
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Frequent English function words: a text with almost none of them is not English.
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "by",
        "was",
        "were",
        "be",
        "are",
        "this",
        "it",
        "from",
        "at",
        "or",
        "an",
        "which",
        "has",
        "have",
        "their",
        "they",
        "his",
        "her",
        "its",
        "not",
        "but",
        "been",
        "who",
        "will",
        "would",
    ]
)


class EmptyTextError(RightscopeError, ValueError):
    """There is nothing to identify."""


def has_words(text: str | None) -> bool:
    """Whether ``text`` has anything to identify: what :func:`prepare` accepts."""
    return bool(text and _WORD.search(text))


def prepare(text: str) -> tuple[str, list[str]]:
    """The text to analyse and any warnings about it."""
    warnings: list[str] = []
    cleaned = text.strip()
    if not has_words(cleaned):
        raise EmptyTextError("TEXT: empty text; describe the system, the grievance or the incident in words")
    words = _WORD.findall(cleaned)
    if len(cleaned) > MAX_CHARS:
        warnings.append(
            f"text is {len(cleaned):,} characters; only the first {MAX_CHARS:,} were analysed. "
            "Split long documents into sections for a finer reading."
        )
        cleaned = cleaned[:MAX_CHARS]
        words = _WORD.findall(cleaned)
    if len(words) >= 8:
        english = sum(1 for w in words if w.lower() in _ENGLISH) / len(words)
        if english < 0.05:
            warnings.append(
                "the text does not look like English; Rightscope's taxonomy and models are English, so the "
                "ranking may be unreliable. Translate the text for a dependable result."
            )
    elif len(words) < 4:
        warnings.append("the text is very short; add detail (who, what system, what happened) for a better ranking")
    return cleaned, warnings
