"""The assessment file, ``schema: rightscope/assessment/v1``: a versioned file that lives beside the code.

It records the use case, the stakeholders consulted, the risks with their scores, the mitigations, the
monitoring plan, the sign-offs and the version history. ``rightscope assess`` reads it; the JSON Schema
generated from these models is published in the package (``assess/assessment.schema.json``) and in
``docs/assessment.schema.json``, so that editors can validate and autocomplete.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_ID = "rightscope/assessment/v1"

Score = int  # 1..4, see docs/assessment-method.md
Automation = Literal["advisory", "human-in-the-loop", "human-on-the-loop", "fully-automated"]
Stage = Literal["design", "development", "pilot", "deployment", "operation", "retirement"]
Involvement = Literal["cause", "contribute", "directly-linked"]
Priority = Literal["low", "medium", "high", "critical"]
MitigationStatus = Literal["planned", "in-progress", "implemented", "verified"]
SpecialData = Literal[
    "biometric", "health", "racial-or-ethnic-origin", "political-opinions", "religious-beliefs",
    "trade-union-membership", "genetic", "sex-life-or-orientation", "criminal-records", "children", "location",
]  # fmt: skip


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Party(_Model):
    name: str = Field(min_length=1)
    role: str | None = Field(default=None, description="e.g. deployer, provider, processor.")
    contact: str | None = None


class AffectedGroup(_Model):
    group: str = Field(min_length=1, description="Who is affected, in your words (e.g. 'job applicants').")
    size: int | None = Field(default=None, ge=0, description="How many people a year, roughly.")
    vulnerable_groups: list[str] = Field(
        default_factory=list, description="Ids of groups in vulnerable situations (rightscope rights groups)."
    )


class UseCase(_Model):
    title: str = Field(min_length=1)
    purpose: str = Field(min_length=1, description="What the system is for and the decision it supports.")
    processes: str | None = Field(
        default=None, description="The deployer's processes in which it is used (AI Act Art. 27(1)(a))."
    )
    sector: str | None = Field(default=None, description="A sector template id, e.g. hiring, welfare.")
    technology: str = Field(min_length=1)
    deployer: Party
    provider: Party | None = None
    countries: list[str] = Field(min_length=1, description="ISO 3166-1 codes or names of the deployment countries.")
    period_of_use: str | None = Field(default=None, description="When and for how long (Art. 27(1)(b)).")
    frequency: str | None = Field(default=None, description="How often it is used (Art. 27(1)(b)).")
    affected_people: list[AffectedGroup] = Field(min_length=1, description="Art. 27(1)(c).")
    data_categories: list[str] = Field(default_factory=list)
    special_category_data: list[SpecialData] = Field(default_factory=list)
    decision_effect: str = Field(
        min_length=1, description="What the decision does to people (e.g. 'access to employment')."
    )
    legal_or_similarly_significant_effect: bool = False
    automation: Automation
    human_oversight: str | None = Field(default=None, description="The human oversight measures (Art. 27(1)(e)).")
    people_per_year: int | None = Field(default=None, ge=0)
    lifecycle_stage: Stage
    description: str | None = Field(default=None, description="Free text: read by identify to find rights at stake.")


class Stakeholder(_Model):
    who: str = Field(min_length=1)
    method: str | None = None
    date: dt.date | None = None
    said: str | None = Field(default=None, description="What they said.")
    response: str | None = Field(default=None, description="What the assessment did about it.")


class Override(_Model):
    """An assessor's value that replaces the computed one; the report shows both."""

    value: int | str
    rationale: str = Field(min_length=10, description="Why the computed value is wrong here.")


class Overrides(_Model):
    severity: Override | None = None
    likelihood: Override | None = None
    priority: Override | None = None


class Risk(_Model):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    right: str
    harm_pattern: str | None = None
    scenario: str = Field(min_length=10, description="How the harm would happen, to whom.")
    affected_groups: list[str] = Field(default_factory=list, description="Ids of groups in vulnerable situations.")
    scale: Score = Field(
        ge=1, le=4, description="Gravity: 1 minor ... 4 grave harm to life, liberty, livelihood, dignity."
    )
    scope: Score = Field(ge=1, le=4, description="Reach: 1 a few individuals ... 4 a large population or whole group.")
    remediability: Score = Field(ge=1, le=4, description="1 fully and quickly remediable ... 4 irreversible.")
    likelihood: Score = Field(ge=1, le=4, description="1 unlikely ... 4 almost certain or already occurring.")
    involvement: Involvement = "cause"
    evidence: str | None = None
    mitigations: list[str] = Field(default_factory=list, description="Mitigation ids (library or this file's).")
    owner: str | None = None
    overrides: Overrides = Field(default_factory=Overrides)

    @field_validator("overrides")
    @classmethod
    def _override_values(cls, value: Overrides) -> Overrides:
        for name in ("severity", "likelihood"):
            item = getattr(value, name)
            if item is not None and not (isinstance(item.value, int) and 1 <= item.value <= 4):
                raise ValueError(f"overrides.{name}.value must be a whole number from 1 to 4")
        if value.priority is not None and value.priority.value not in ("low", "medium", "high", "critical"):
            raise ValueError("overrides.priority.value must be one of low, medium, high, critical")
        return value


class CustomMitigation(_Model):
    """A measure of your own, beside the library's."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    description: str
    rights: list[str] = Field(min_length=1)
    effect: Literal["likelihood", "severity", "both"]
    strength: Literal[1, 2] = 1


class MitigationState(_Model):
    status: MitigationStatus = "planned"
    owner: str | None = None
    due: dt.date | None = None
    note: str | None = None


class KpiPlan(_Model):
    kpi: str = Field(description="A KPI id from the library (rightscope assess --list-kpis).")
    risks: list[str] = Field(default_factory=list, description="Risk ids this KPI watches.")
    warn: float | None = None
    breach: float | None = None
    cadence: Literal["weekly", "monthly", "quarterly"] | None = None
    group_columns: list[str] = Field(default_factory=list, description="Decision-log columns for group metrics.")
    reference: str | None = Field(
        default=None,
        description="Reference group: a value of the single group column, or COLUMN=VALUE pairs separated by commas "
        "(default: the largest group).",
    )
    trigger: str | None = Field(default=None, description="What happens on breach.")


class DecisionLog(_Model):
    """The columns of the deployed system's decision log that ``rightscope monitor run`` reads."""

    pred: str | None = Field(
        default=None, description="The decision column, 0/1 or boolean (1 = the outcome KPIs are about)."
    )
    score: str | None = Field(default=None, description="Or a score column, with threshold.")
    threshold: float | None = None
    label: str | None = Field(default=None, description="The true outcome, 0/1, where known.")
    time: str | None = Field(default=None, description="The decision date or time.")
    window: Literal["week", "month", "quarter"] = "month"
    min_group_size: int = Field(default=10, ge=1, description="Smaller groups are suppressed in reports.")


class MonitoringPlan(_Model):
    decision_log: DecisionLog | None = None
    kpis: list[KpiPlan] = Field(default_factory=list)
    reassessment_triggers: list[str] = Field(default_factory=list)
    grievance_mechanism: str | None = Field(default=None, description="How affected people complain, and get answers.")
    free_text_in_reports: bool = Field(default=False, description="Whether grievance free text may appear in reports.")


class SignOff(_Model):
    name: str
    role: str
    date: dt.date
    decision: Literal["approved", "approved-with-conditions", "rejected"]
    conditions: str | None = None


class Version(_Model):
    version: str
    date: dt.date
    author: str
    changes: str


class Assessment(_Model):
    """A human rights impact assessment of one use case (``schema: rightscope/assessment/v1``)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, title="Rightscope assessment")

    schema_: Literal["rightscope/assessment/v1"] = Field(alias="schema")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="A stable slug for this assessment.")
    version: str = Field(min_length=1)
    use_case: UseCase
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    mitigations: dict[str, MitigationState] = Field(
        default_factory=dict, description="Status of each mitigation chosen in the risks, by id."
    )
    custom_mitigations: list[CustomMitigation] = Field(default_factory=list)
    monitoring: MonitoringPlan = Field(default_factory=MonitoringPlan)
    sign_offs: list[SignOff] = Field(default_factory=list)
    history: list[Version] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_risk_ids(self) -> Assessment:
        seen: set[str] = set()
        for risk in self.risks:
            if risk.id in seen:
                raise ValueError(f"risks: two risks have the id {risk.id!r}; give each a unique id")
            seen.add(risk.id)
        return self
