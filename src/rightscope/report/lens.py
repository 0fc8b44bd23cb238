"""Lenses: the same findings told in the terms of human rights law, or of the AI-governance frameworks.

- The **rights lens** (default) states each risk as a risk to a right, with the provisions that protect it.
- The **compliance lens** states each risk and mitigation in the terms of the chosen frameworks (EU AI
  Act articles, NIST AI RMF subcategories, OECD principles, ISO/IEC 42001 Annex A control ids by
  default), through the crosswalk, and keeps the rights as numbered footnotes.

Nothing is lost between lenses: the same risks, mitigations and counts appear in both; only the
wording of the headings and the order of the references change. Only verified crosswalk relations are
used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from rightscope.errors import UnknownIdError
from rightscope.law import crosswalk as cw

if TYPE_CHECKING:  # the context imports this module
    from rightscope.report.context import ReportContext

DEFAULT_FRAMEWORKS = ("eu-ai-act", "nist-ai-rmf", "oecd-ai-principles", "iso-42001")
# How reports name each framework in running text.
SHORT_NAMES = {
    "eu-ai-act": "EU AI Act",
    "gdpr": "GDPR",
    "nist-ai-rmf": "NIST AI RMF",
    "nist-ai-600-1": "NIST AI 600-1",
    "oecd-ai-principles": "OECD AI Principles",
    "iso-42001": "ISO/IEC 42001",
    "ungps": "UNGPs",
    "g7-hiroshima-code": "G7 Hiroshima Code",
    "unesco-recommendation": "UNESCO Recommendation",
    "coe-cets-225": "CETS 225",
}


class LensKind(StrEnum):
    rights = "rights"
    compliance = "compliance"


class Term(BaseModel):
    """A framework item that a right or mitigation relates to, as the compliance lens states it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    framework: str
    framework_name: str
    framework_short: str
    target: str
    ref: str
    ref_short: str = Field(description="The reference without the framework's name, compact: 'Art. 10', 'A.5.4'.")
    title: str
    title_official: bool
    relation: str


@dataclass(frozen=True)
class Lens:
    """A lens and, for the compliance lens, the frameworks whose terms it uses."""

    kind: LensKind = LensKind.rights
    frameworks: tuple[str, ...] = field(default=())

    @property
    def compliance(self) -> bool:
        return self.kind is LensKind.compliance


def make_lens(kind: str = "rights", frameworks: list[str] | tuple[str, ...] | None = None) -> Lens:
    """A lens from its name; the compliance lens defaults to EU AI Act, NIST AI RMF, OECD and ISO/IEC 42001."""
    try:
        lens_kind = LensKind(kind.strip().lower())
    except ValueError:
        raise UnknownIdError("lens", kind, [k.value for k in LensKind]) from None
    if lens_kind is LensKind.rights:
        return Lens(LensKind.rights, ())
    chosen = tuple(dict.fromkeys(cw.framework(f).id for f in (frameworks or DEFAULT_FRAMEWORKS)))
    return Lens(LensKind.compliance, chosen)


def short_name(framework_id: str) -> str:
    """The framework's name in running text ("EU AI Act", "NIST AI RMF")."""
    return SHORT_NAMES.get(framework_id, framework_id)


def _terms(source: str, lens: Lens) -> list[Term]:
    out = []
    for framework_id in lens.frameworks:
        fw = cw.framework(framework_id)
        order = {it.id: i for i, it in enumerate(fw.items)}
        relations = sorted(cw.crosswalk(source, to=framework_id), key=lambda r: order.get(r.item_id, len(order)))
        for relation in relations:
            target = fw.item(relation.item_id)
            out.append(
                Term(
                    framework=fw.id,
                    framework_name=fw.name,
                    framework_short=short_name(fw.id),
                    target=relation.target,
                    ref=target.ref,
                    ref_short=_compact(target.ref),
                    title=target.title,
                    title_official=target.title_official,
                    relation=relation.relation,
                )
            )
    return out


def _compact(ref: str) -> str:
    for prefix in ("Annex A, ", "Guiding Principle ", "Principle ", "Recommendation "):
        if ref.startswith(prefix):
            return ref.removeprefix(prefix)
    return ref


def group_terms(terms: list[Term]) -> list[tuple[str, list[Term]]]:
    """Terms grouped by framework (short name), in the lens's order."""
    groups: dict[str, list[Term]] = {}
    for t in terms:
        groups.setdefault(t.framework_short, []).append(t)
    return list(groups.items())


def terms_text(terms: list[Term]) -> str:
    """Terms in one line: "EU AI Act Art. 5, Art. 10; NIST AI RMF MEASURE 2.11"."""
    return "; ".join(f"{name} " + ", ".join(t.ref_short for t in group) for name, group in group_terms(terms))


def right_terms(right_id: str, lens: Lens) -> list[Term]:
    """The framework items a right relates to, in the lens's frameworks (none in the rights lens)."""
    return _terms(f"right:{right_id}", lens) if lens.compliance else []


def mitigation_terms(mitigation_id: str, lens: Lens, known: set[str]) -> list[Term]:
    """The framework items a library mitigation cites; a mitigation of the assessment's own has none."""
    if not lens.compliance or mitigation_id not in known:
        return []
    return _terms(f"mitigation:{mitigation_id}", lens)


def crosswalk_mitigations() -> set[str]:
    """Ids of the mitigations the crosswalk knows."""
    return {m.id for m in cw.load().mitigations}


@dataclass(frozen=True)
class EngagedItem:
    """A framework item engaged by the rights at stake, with the risks and the rights (as notes) behind it."""

    target: str
    ref: str
    title: str
    title_official: bool
    risks: tuple[str, ...]
    notes: tuple[tuple[int, str], ...]


def engaged_items(context: ReportContext) -> dict[str, list[EngagedItem]]:
    """Per framework of the lens, the items the rights at stake relate to, in the framework's order."""
    out: dict[str, list[EngagedItem]] = {}
    for framework_id, _name in context.meta.lens.frameworks:
        order = {it.id: i for i, it in enumerate(cw.framework(framework_id).items)}
        rows: dict[str, tuple[Term, list[str], list[tuple[int, str]]]] = {}
        for right in context.rights:
            for term in right.terms:
                if term.framework != framework_id:
                    continue
                _term, risks, notes = rows.setdefault(term.target, (term, [], []))
                risks.extend(r for r in right.risks if r not in risks)
                notes.append((right.footnote, right.name))
        out[framework_id] = [
            EngagedItem(t.target, t.ref, t.title, t.title_official, tuple(risks), tuple(sorted(notes)))
            for t, risks, notes in sorted(rows.values(), key=lambda row: order.get(row[0].target.split(":", 1)[1], 0))
        ]
    return out
