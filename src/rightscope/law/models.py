"""Typed records of the legal knowledge base.

Every record carries :class:`Provenance`: the source file in the build inputs, the repository and
commit it was copied from, and its licence, or ``curated`` records with the source that was checked.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

System = Literal["UN", "CoE", "EU", "AU", "OAS"]
InstrumentKind = Literal["declaration", "treaty", "optional-protocol", "protocol", "charter"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Provenance(_Record):
    """Where a record comes from."""

    source_file: str = Field(description="Path of the input, relative to the build's data folder, or a curated file.")
    repository: str = Field(description="Repository the input was copied from, or 'rightscope' for curated data.")
    commit: str | None = Field(default=None, description="Commit of that repository.")
    licence: str
    note: str | None = None


class Instrument(_Record):
    """A declaration, treaty, protocol or charter."""

    id: str
    title: str
    short_title: str
    cite_as: str = Field(description="The name a citation uses: 'ICCPR', 'Protocol No. 1 to the ECHR'.")
    kind: InstrumentKind
    parent: str | None = None
    system: System
    adopted: dt.date | None = None
    adopted_note: str | None = None
    adopted_by: str | None = None
    entry_into_force: dt.date | None = None
    legal_status: str | None = None
    monitoring_body: str | None = None
    monitoring_body_id: str | None = None
    official_url: str | None = None
    treaty_series: str | None = None
    text_available: bool
    languages: list[str] = Field(default_factory=list)
    article_count: int
    notes: list[str] = Field(default_factory=list)
    verified: bool = True
    provenance: list[Provenance]


class Paragraph(_Record):
    num: str | None = None
    text: str


class Provision(_Record):
    """An article of an instrument. ``id`` is ``instrument:article``, e.g. ``iccpr:17``."""

    id: str
    instrument: str
    article: str
    citation: str = Field(description="How a lawyer cites it: 'ICCPR art. 17'.")
    title: str | None = None
    subject: str | None = Field(default=None, description="Rightscope's one-line subject where no text is available.")
    part: str | None = None
    text_available: bool
    paragraphs: list[Paragraph] = Field(default_factory=list)
    translations: dict[str, list[Paragraph]] = Field(
        default_factory=dict, description="Other languages' paragraphs, keyed by ISO 639-1 code."
    )
    rights: list[str] = Field(default_factory=list, description="Rights this provision protects.")
    notes: list[str] = Field(default_factory=list)
    provenance: Provenance

    @property
    def text(self) -> str:
        return paragraphs_text(self.paragraphs)

    def text_in(self, lang: str) -> str:
        """The article's text in ``lang`` ("en" or a key of ``translations``)."""
        if lang == "en":
            return self.text
        return paragraphs_text(self.translations[lang])

    @property
    def languages(self) -> list[str]:
        return (["en"] if self.paragraphs else []) + sorted(self.translations)


def paragraphs_text(paragraphs: list[Paragraph]) -> str:
    return "\n".join(
        f"{p.num}. {p.text}" if p.num and p.num.isdigit() else (f"({p.num}) {p.text}" if p.num else p.text)
        for p in paragraphs
    )


class GroupProtection(_Record):
    group: str
    provisions: list[str]


class Right(_Record):
    """A canonical right with a stable slug id."""

    id: str
    name: str
    description: str
    udhr: list[str] = Field(min_length=1, description="UDHR article numbers the right is anchored in.")
    udhr_note: str | None = None
    provisions: list[str]
    groups: list[GroupProtection] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    guidance: list[str] = Field(default_factory=list, description="Ids of guidance that addresses the right.")
    provenance: Provenance


class Group(_Record):
    """A group in a vulnerable situation that the law protects specifically."""

    id: str
    name: str
    description: str
    instruments: list[str] = Field(default_factory=list)
    provisions: list[str] = Field(default_factory=list)
    guidance_note: str | None = None
    provenance: Provenance


class KeyParagraph(_Record):
    num: str
    summary: str = Field(description="Rightscope's summary, not the document's words.")
    verified: bool = True


class GuidanceParagraph(_Record):
    num: str
    citation: str = Field(description="Official symbol and paragraph: 'CRC/C/GC/25, para. 28'.")
    text: str
    labels: list[str] = Field(default_factory=list)


class Guidance(_Record):
    """An interpretive document: a general comment, resolution, report or framework."""

    id: str
    symbol: str | None = None
    citation: str = Field(description="The official symbol, or the document's name where it has none.")
    title: str
    short_title: str | None = None
    body: str
    doc_type: str
    date: dt.date | None = None
    date_kind: str | None = None
    url: str | None = None
    tech: bool = False
    procedural: bool = False
    rights: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list, description="Provisions the document interprets.")
    key_paragraphs: list[KeyParagraph] = Field(default_factory=list)
    tech_paragraphs: list[str] = Field(default_factory=list)
    paragraphs_available: bool = False
    verified: bool
    verification: str | None = None
    notes: list[str] = Field(default_factory=list)
    provenance: list[Provenance]


class PatternRight(_Record):
    right: str
    rationale: str


class GuidanceRef(_Record):
    id: str
    paragraphs: list[str] = Field(default_factory=list)


class HarmPattern(_Record):
    """A recurring way technology harms people, with the rights it engages and the guidance on it."""

    id: str
    name: str
    description: str
    indicators: list[str] = Field(min_length=1, description="Words and phrases people use when describing it.")
    sectors: list[str] = Field(default_factory=list)
    rights: list[PatternRight] = Field(min_length=1)
    guidance: list[GuidanceRef] = Field(default_factory=list)
    sources_note: str | None = None
    provenance: Provenance
