"""What the assessment page shows, arranged from the core's result: no scoring happens here.

The heat map places each risk by its final severity and likelihood (after assessor overrides), as the
core scored them, and again after mitigation (residual), so the effect of the measures is visible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rightscope.assess.result import AssessmentResult, ScoredRisk
from rightscope.web.assessments.document import Document, Evaluation

PRIORITY_HEAT = {"low": 1, "medium": 2, "high": 3, "critical": 4}
LEVELS = (4, 3, 2, 1)  # heat map rows and columns, gravest first


@dataclass(frozen=True)
class HeatCell:
    severity: int
    likelihood: int
    risks: list[str]
    heat: int  # 1-4: the highest priority among the risks in the cell (0 when empty)


@dataclass(frozen=True)
class Overview:
    result: AssessmentResult | None
    problems: list[str]
    heat_map: list[list[HeatCell]] = field(default_factory=list)
    residual_map: list[list[HeatCell]] = field(default_factory=list)
    mitigations: list[dict[str, Any]] = field(default_factory=list)
    checks_missing: int = 0


def _grid(risks: list[ScoredRisk], residual: bool) -> list[list[HeatCell]]:
    rows = []
    for severity in LEVELS:
        row = []
        for likelihood in reversed(LEVELS):
            inside = [
                r
                for r in risks
                if (r.residual_severity if residual else r.severity) == severity
                and (r.residual_likelihood if residual else r.final_likelihood) == likelihood
            ]
            heat = max((PRIORITY_HEAT[r.residual_priority if residual else r.priority] for r in inside), default=0)
            row.append(HeatCell(severity, likelihood, [r.id for r in inside], heat))
        rows.append(row)
    return rows


def overview(evaluation: Evaluation, document: Document) -> Overview:
    result = evaluation.result
    states = document.get("mitigations") or {}
    used: dict[str, list[str]] = {}
    for risk in document.get("risks") or []:
        for m in risk.get("mitigations") or []:
            used.setdefault(m, []).append(risk["id"])
    mitigations = [{"id": m, "risks": risks, **(states.get(m) or {})} for m, risks in used.items()]
    if result is None:
        return Overview(None, evaluation.problems, mitigations=mitigations)
    return Overview(
        result,
        evaluation.problems,
        heat_map=_grid(result.risks, residual=False),
        residual_map=_grid(result.risks, residual=True),
        mitigations=mitigations,
        checks_missing=sum(1 for c in result.checks if c.status != "met"),
    )
