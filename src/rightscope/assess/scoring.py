"""Risk scoring: UNGP severity (scale, scope, remediability), likelihood, priority and residual risk.

The method, its scales and its sources are set out in ``docs/assessment-method.md``. In short:

- **Severity** (1-4) follows UN Guiding Principle 14 and its commentary: scale (gravity), scope (how
  many people) and irremediable character. Gravity or irremediability alone can make an impact severe,
  so severity is the larger of scale, remediability and the rounded mean of all three; scope raises
  severity through the mean. HUDERIA assesses the same three factors (as scale, scope, reversibility).
- **Risk score** = severity x likelihood (1-16), x 1.25 when groups in vulnerable situations are affected
  (UNGP 18 commentary; HUDERIA's attention to vulnerability), so at most 20.
- **Priority**: critical from 12, high from 8, medium from 4. Severity is prioritised first (UNGP 24):
  a severity-4 impact is at least high whatever its likelihood, and critical once it is possible
  (likelihood 2 or more), because a delayed response could make it irremediable.
- **Residual risk** after the chosen mitigations: preventive measures lower likelihood, detective and
  remedial ones lower irremediability (the harm is caught and undone sooner). A strong measure counts
  1 step, a supporting one half a step, at most 2 steps per factor and never below 1.
- **Impact level** of the whole system, adapted from Canada's Algorithmic Impact Assessment: the sum of
  risk scores as a share of the maximum, level I to IV at 25 %, 50 % and 75 %; when at least 80 % of
  the chosen mitigations are implemented or verified, the score is lowered by 15 %.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rightscope.assess.library import Mitigation

VULNERABILITY_WEIGHT = 1.25
MAX_SCORE = 16 * VULNERABILITY_WEIGHT
PRIORITY_BANDS = (("critical", 12.0), ("high", 8.0), ("medium", 4.0))
IMPLEMENTED = frozenset({"implemented", "verified"})
MATURITY_THRESHOLD = 0.8
MATURITY_DISCOUNT = 0.15
IMPACT_LEVELS = ((0.25, "I"), (0.50, "II"), (0.75, "III"))


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def severity(scale: int, scope: int, remediability: int) -> int:
    """UNGP severity from scale, scope and remediability (each 1-4)."""
    return max(scale, remediability, round_half_up((scale + scope + remediability) / 3))


def risk_score(severity_value: int, likelihood: int, vulnerable: bool) -> float:
    return severity_value * likelihood * (VULNERABILITY_WEIGHT if vulnerable else 1.0)


def priority(score: float, severity_value: int, likelihood: int) -> str:
    band = next((name for name, floor in PRIORITY_BANDS if score >= floor), "low")
    if severity_value == 4:
        floor_band = "critical" if likelihood >= 2 else "high"
        order = ["low", "medium", "high", "critical"]
        band = max(band, floor_band, key=order.index)
    return band


@dataclass(frozen=True)
class Residual:
    likelihood: int
    remediability: int
    severity: int
    score: float
    priority: str


def _steps(measures: list[Mitigation], effects: set[str]) -> int:
    total = sum(1.0 if m.strength == 2 else 0.5 for m in measures if m.effect in effects)
    return min(2, math.floor(total))


def residual(
    scale: int,
    scope: int,
    remediability: int,
    likelihood: int,
    vulnerable: bool,
    measures: list[Mitigation],
    severity_shift: int = 0,
) -> Residual:
    """The risk with the given measures in place (``severity_shift``: an assessor's override minus the computed)."""
    new_likelihood = max(1, likelihood - _steps(measures, {"likelihood", "both"}))
    new_remediability = max(1, remediability - _steps(measures, {"severity", "both"}))
    new_severity = min(4, max(1, severity(scale, scope, new_remediability) + severity_shift))
    score = risk_score(new_severity, new_likelihood, vulnerable)
    return Residual(
        new_likelihood, new_remediability, new_severity, score, priority(score, new_severity, new_likelihood)
    )


@dataclass(frozen=True)
class ImpactLevel:
    level: str
    raw_share: float
    maturity: float
    discounted: bool
    share: float


def impact_level(scores: list[float], implemented: int, chosen: int) -> ImpactLevel:
    """System impact level I-IV, adapted from Canada's Algorithmic Impact Assessment."""
    raw = sum(scores) / (MAX_SCORE * len(scores)) if scores else 0.0
    maturity = implemented / chosen if chosen else 0.0
    discounted = chosen > 0 and maturity >= MATURITY_THRESHOLD
    share = raw * (1 - MATURITY_DISCOUNT) if discounted else raw
    level = next((name for ceiling, name in IMPACT_LEVELS if share <= ceiling), "IV")
    return ImpactLevel(level, round(raw, 3), round(maturity, 3), discounted, round(share, 3))


EXPECTED_ACTION = {
    "cause": "Cease or prevent the impact, and provide for or cooperate in its remediation (UNGP 19, 22).",
    "contribute": "Cease or prevent the contribution, use leverage to mitigate any remaining impact, and provide "
    "for or cooperate in remediation (UNGP 19, 22).",
    "directly-linked": "Use and, where needed, increase leverage over the entity causing the impact; consider "
    "ending the relationship if leverage fails, weighing the consequences of doing so (UNGP 19 commentary).",
}
