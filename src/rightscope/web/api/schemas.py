"""What the API reads and writes, as ninja schemas, so that ``/api/v1/openapi.json`` describes all of it.

The evaluated result and the scored risks are the core's own models (``rightscope.assess.result``):
the API passes on what ``rightscope assess`` computes, it does not re-describe it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from rightscope.assess.result import ScoredRisk

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


class PageQuery(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description=f"How many items (1 to {MAX_LIMIT}).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")


class FieldProblem(Schema):
    field: str = Field(description="Where the problem is: a document path such as use_case.title, or (body).")
    reason: str = Field(description="What is wrong and, where known, how to fix it.")


class Problem(Schema):
    """Every error: the fields of an RFC 9457 problem, with the problems of a document one by one."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] = Field(default_factory=list)


class RiskSummary(Schema):
    total: int
    critical: int
    high: int
    medium: int
    low: int


class AssessmentOut(Schema):
    id: str = Field(description="The document's id (unique in the organisation).")
    title: str
    status: str = Field(description="draft, in_review or approved.")
    version: int = Field(description="The number of the current version.")
    document_version: str = Field(description="The version the document itself states.")
    updated: dt.datetime
    project: str | None
    impact_level: str | None = Field(description="I to IV, from the same evaluation as the web pages.")
    risks: RiskSummary | None
    rights_at_stake: int | None
    checks_met: int | None
    checks_total: int | None
    problems: list[str] = Field(description="Why the assessment cannot be scored, when it cannot.")


class AssessmentPage(Schema):
    count: int
    items: list[AssessmentOut]


class PushOut(AssessmentOut):
    created: bool = Field(description="True when the push made a new assessment.")
    changed: bool = Field(description="False when the document was the same as the current version's.")


class RiskPage(Schema):
    count: int
    items: list[ScoredRisk]


class RightCount(Schema):
    right: str
    name: str
    submissions: int
    registered: bool = Field(description="Whether the assessment has a risk for this right.")


class ConsultationOut(Schema):
    id: int
    title: str
    language: str
    is_open: bool
    closes: dt.date | None
    created: dt.datetime
    submissions: int
    unforeseen: int = Field(description="Submissions engaging a right the assessment has no risk for.")
    rights: list[RightCount]
    assessor_summary: str


class ConsultationPage(Schema):
    count: int
    items: list[ConsultationOut]


class Finding(Schema):
    right: str
    name: str
    score: float | None
    registered: bool


class SubmissionOut(Schema):
    id: int
    created: dt.datetime
    language: str
    risk_id: str
    rights: list[Finding]
    warnings: list[str]
    consent_share: bool
    text: str | None = Field(
        description="Only where the stakeholder consented to sharing and the token's role reads submissions."
    )


class SubmissionPage(Schema):
    count: int
    items: list[SubmissionOut]


class DeploymentOut(Schema):
    id: int
    name: str
    description: str
    assessment: str = Field(description="The assessment's id.")
    created: dt.datetime


class DeploymentPage(Schema):
    count: int
    items: list[DeploymentOut]


class RunOut(Schema):
    id: int
    deployment: int
    state: str = Field(description="queued, running, done or failed.")
    progress: int
    stage: str
    version: int = Field(description="The assessment version whose monitoring plan the run computes.")
    created: dt.datetime
    finished: dt.datetime | None
    error: str


class RunPage(Schema):
    count: int
    items: list[RunOut]


class RunDetail(RunOut):
    result: dict[str, Any] | None = Field(description="The rightscope/monitoring-result/v1 document, when done.")


class Version(Schema):
    rightscope: str
