"""What ``rightscope assess`` produces (``schema: rightscope/assessment-result/v1``)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rightscope.law.citation import cite


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Record):
    """A provision of the law that applies in the deployment countries."""

    provision: str
    citation: str | None = Field(default=None, description="How a lawyer cites it: ICCPR art. 17.")
    instrument: str
    title: str
    binding_in: list[str] = Field(description="Deployment countries bound by the instrument (all for the UDHR).")

    @model_validator(mode="before")
    @classmethod
    def _cite(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("citation"):
            data = {**data, "citation": cite(data["provision"])}
        return data


class GuidanceCitation(_Record):
    id: str
    symbol: str | None
    citation: str | None = Field(default=None, description="The official symbol, or the name where there is none.")
    title: str
    url: str | None

    @model_validator(mode="before")
    @classmethod
    def _cite(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("citation"):
            data = {**data, "citation": cite(data["id"])}
        return data


class ScreenSource(_Record):
    source: Literal["registered", "sector", "data", "automation", "groups", "identify"]
    rationale: str
    harm_pattern: str | None = None


class ScreenedRight(_Record):
    right: str
    name: str
    registered: bool = Field(description="Whether the assessment has a risk for this right.")
    sources: list[ScreenSource]
    citations: list[Citation]
    guidance: list[GuidanceCitation]


class Recommendation(_Record):
    mitigation: str
    name: str
    why: str
    eu_ai_act: list[str]
    nist_ai_rmf: list[str]


class ScoredRisk(_Record):
    id: str
    right: str
    right_name: str
    harm_pattern: str | None
    scenario: str
    affected_groups: list[str]
    scale: int
    scope: int
    remediability: int
    likelihood: int
    vulnerable: bool
    computed_severity: int
    computed_likelihood: int
    computed_priority: str
    severity: int
    final_likelihood: int
    score: float
    priority: str
    overrides: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="Assessor overrides: field -> computed, override and rationale."
    )
    involvement: str
    expected_action: str
    mitigations: list[str]
    residual_likelihood: int
    residual_severity: int
    residual_score: float
    residual_priority: str
    recommended: list[Recommendation]
    citations: list[Citation]
    owner: str | None


class Check(_Record):
    framework: Literal["EU AI Act Art. 27", "HUDERIA", "UNGPs"]
    requirement: str
    status: Literal["met", "partial", "missing"]
    found: str
    why_it_matters: str
    fix: str | None = None


class KpiResolved(_Record):
    kpi: str
    name: str
    metric: str
    computed_from: str
    direction: str
    warn: float | None
    breach: float | None
    threshold_source: str
    cadence: str
    risks: list[str]
    rights: list[str]
    group_columns: list[str]
    reference: str | None
    trigger: str


class ImpactSummary(_Record):
    level: Literal["I", "II", "III", "IV"]
    raw_share: float
    mitigation_maturity: float
    maturity_discount_applied: bool
    share: float


class CountryLaw(_Record):
    country: str
    name: str
    binding: list[str]
    regional_levers: list[str]


class AssessmentResult(_Record):
    schema_: Literal["rightscope/assessment-result/v1"] = Field(
        default="rightscope/assessment-result/v1", alias="schema"
    )
    id: str
    version: str
    title: str
    sector: str | None
    countries: list[CountryLaw]
    screening: list[ScreenedRight]
    risks: list[ScoredRisk]
    impact: ImpactSummary
    checks: list[Check]
    monitoring: list[KpiResolved]
    reassessment_triggers: list[str]
    summary: dict[str, int | str]
    warnings: list[str] = Field(default_factory=list)
