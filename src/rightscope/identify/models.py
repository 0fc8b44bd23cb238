"""Results of identification: ranked rights (or articles) with the evidence behind each."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rightscope.law.citation import cite

EvidenceKind = Literal["guidance", "provision", "pattern"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(_Record):
    """Why a right was found: a harm pattern the text matches, a provision or a guidance paragraph."""

    kind: EvidenceKind
    ref: str = Field(description="Pattern id, provision id (iccpr:17) or guidance id#paragraph.")
    citation: str | None = Field(
        default=None, description="How a lawyer cites a provision or guidance ref (ICCPR art. 17); none for patterns."
    )
    text: str

    @model_validator(mode="before")
    @classmethod
    def _cite(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("kind") != "pattern" and not data.get("citation"):
            data = {**data, "citation": cite(data["ref"])}
        return data


class ProvisionRef(_Record):
    instrument: str
    article: str
    citation: str | None = Field(default=None, description="How a lawyer cites it: ICCPR art. 17.")

    @model_validator(mode="before")
    @classmethod
    def _cite(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("citation"):
            data = {**data, "citation": cite(f"{data['instrument']}:{data['article']}")}
        return data


class Finding(_Record):
    """One ranked right, or with ``--instrument`` one article (``id`` like ``echr:8``)."""

    id: str
    name: str
    score: float = Field(ge=0, le=1, description="Calibrated confidence that the text engages it.")
    udhr: list[str]
    provisions: list[ProvisionRef]
    evidence: list[Evidence]


class Identification(_Record):
    """The contract of ``rightscope identify --format json`` (schema rightscope/identify/v1)."""

    rights: list[Finding]
    instrument: str | None = None
    countries: list[str] = Field(default_factory=list)
    mode: Literal["full", "reduced"] = Field(
        description="full: lexical, harm patterns and embeddings; reduced: without the embeddings extra."
    )
    warnings: list[str] = Field(default_factory=list)
