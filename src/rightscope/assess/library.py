"""The assessment library: human-rights-by-design mitigations, monitoring KPIs and sector templates.

Built from ``tools/curated/{mitigations,kpis}.yaml`` and ``tools/curated/sectors/`` by the knowledge-base
build, with every right, group, harm pattern, EU AI Act article and NIST AI RMF subcategory checked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rightscope.errors import UnknownIdError


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Mitigation(_Record):
    id: str
    name: str
    description: str
    rights: list[str]
    stages: list[str]
    effect: Literal["likelihood", "severity", "both"]
    strength: Literal[1, 2]
    eu_ai_act: list[str] = Field(default_factory=list)
    nist_ai_rmf: list[str] = Field(default_factory=list)
    gdpr: list[str] = Field(default_factory=list)
    kpis: list[str] = Field(default_factory=list)
    rationale: str | None = None


class Threshold(_Record):
    warn: float | None = None
    breach: float | None = None


class Kpi(_Record):
    id: str
    name: str
    description: str
    computed_from: Literal["decisions", "grievances", "events"]
    metric: str
    unit: str
    direction: Literal["higher-is-better", "lower-is-better"]
    threshold: Threshold
    threshold_source: str
    cadence: Literal["weekly", "monthly", "quarterly"]
    reassessment_trigger: str
    rights: list[str]


class SectorStakeholder(_Record):
    who: str
    why: str
    how: str


class SectorRisk(_Record):
    right: str
    harm_pattern: str | None = None
    scenario: str
    affected_groups: list[str] = Field(default_factory=list)
    default_scale: int = Field(ge=1, le=4)
    default_scope: int = Field(ge=1, le=4)
    default_remediability: int = Field(ge=1, le=4)
    default_likelihood: int = Field(ge=1, le=4)
    mitigations: list[str] = Field(default_factory=list)


class Sector(_Record):
    id: str
    name: str
    description: str
    typical_technologies: list[str]
    typical_decision_effect: str
    eu_ai_act_high_risk: str | None = None
    typical_affected_groups: list[str]
    vulnerable_groups: list[str]
    stakeholders: list[SectorStakeholder]
    risks: list[SectorRisk]
    kpis: list[str]


@dataclass(frozen=True)
class Library:
    mitigations: dict[str, Mitigation]
    kpis: dict[str, Kpi]
    sectors: dict[str, Sector]

    def mitigation(self, mitigation_id: str) -> Mitigation:
        if mitigation_id not in self.mitigations:
            raise UnknownIdError("mitigation", mitigation_id, self.mitigations)
        return self.mitigations[mitigation_id]

    def kpi(self, kpi_id: str) -> Kpi:
        if kpi_id not in self.kpis:
            raise UnknownIdError("KPI", kpi_id, self.kpis)
        return self.kpis[kpi_id]

    def sector(self, sector_id: str) -> Sector:
        if sector_id not in self.sectors:
            raise UnknownIdError("sector template", sector_id, self.sectors)
        return self.sectors[sector_id]


@cache
def load_library() -> Library:
    raw = json.loads(resources.files("rightscope.assess").joinpath("data", "library.json").read_text("utf-8"))
    return Library(
        mitigations={m["id"]: Mitigation.model_validate(m) for m in raw["mitigations"]},
        kpis={k["id"]: Kpi.model_validate(k) for k in raw["kpis"]},
        sectors={s["id"]: Sector.model_validate(s) for s in raw["sectors"]},
    )
