"""Errors that carry what a user needs to fix their input."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class RightscopeError(Exception):
    """Base class for errors Rightscope reports to users without a traceback."""


class UnknownIdError(RightscopeError, LookupError):
    """An instrument, article, right or other id that does not exist, with the closest matches."""

    def __init__(self, kind: str, value: str, candidates: Iterable[str]) -> None:
        self.kind = kind
        self.value = value
        self.suggestions = closest(value, candidates)
        message = f"unknown {kind} {value!r}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)


def closest(value: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The candidates nearest to ``value``: prefix matches first, then fuzzy ones."""
    pool = list(dict.fromkeys(candidates))
    lowered = value.lower()
    prefix = [c for c in pool if c.lower().startswith(lowered) and c.lower() != lowered]
    fuzzy = difflib.get_close_matches(lowered, [c.lower() for c in pool], n=n, cutoff=0.5)
    by_lower = {c.lower(): c for c in pool}
    ordered = prefix + [by_lower[f] for f in fuzzy]
    return list(dict.fromkeys(ordered))[:n]
