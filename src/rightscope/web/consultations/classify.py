"""What a submission engages, by ``rightscope.identify``, set against the assessment's risk register.

The web platform classifies nothing itself: it passes the stakeholder's words to
:func:`rightscope.identify.identify` and keeps the rights it ranks, with their calibrated scores and
the provisions behind them. A right counts as *engaged* when its score is at least
:data:`ENGAGED_SCORE` (identify's scores are calibrated probabilities, so this reads "more likely than
not"). An engaged right that no risk of the current version is about is an *unforeseen-impact signal*:
the people consulted raise something the assessment has not registered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rightscope import identify
from rightscope.errors import RightscopeError

ENGAGED_SCORE = 0.5
# identify's method and its measured accuracy are documented for English text (docs/identify.md).
MEASURED_LANGUAGES = frozenset({"en"})


def classify(text: str, language: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The rights the text engages (as stored on a submission) and identify's warnings."""
    try:
        found = identify.identify(text, top=5)
    except identify.EmptyTextError:
        return [], ["The input has no words to classify."]
    except RightscopeError as exc:  # the classifier is unavailable: keep the input, say so
        return [], [f"Not classified: {exc}"]
    rights = [
        {
            "right": f.id,
            "name": f.name,
            "score": f.score,
            "provisions": [p.citation or f"{p.instrument} {p.article}" for p in f.provisions[:4]],
        }
        for f in found.rights
    ]
    warnings = list(found.warnings)
    if language not in MEASURED_LANGUAGES:
        warnings.append(
            f"Classified from {language} text; identify's accuracy is measured on English text, so check the"
            " rights against the words."
        )
    return rights, warnings


def registered_rights(document: dict[str, Any]) -> set[str]:
    """The rights the assessment's risks are about."""
    return {risk.get("right") for risk in document.get("risks") or [] if risk.get("right")}


@dataclass(frozen=True)
class Signal:
    """A right engaged by the input: how many submissions engage it and whether a risk covers it."""

    right: str
    name: str
    submissions: int
    registered: bool
    provisions: list[str]


def signals(submissions: Iterable[Any], registered: set[str]) -> list[Signal]:
    """Rights engaged across submissions, unforeseen ones first, then by how often they come up."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    provisions: dict[str, list[str]] = {}
    for submission in submissions:
        for found in engaged(submission.rights):
            counts[found["right"]] += 1
            names[found["right"]] = found["name"]
            provisions.setdefault(found["right"], found.get("provisions") or [])
    items = [Signal(r, names[r], n, r in registered, provisions[r]) for r, n in counts.items()]
    return sorted(items, key=lambda s: (s.registered, -s.submissions, s.name))


def engaged(rights: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rights if float(r.get("score", 0)) >= ENGAGED_SCORE]
