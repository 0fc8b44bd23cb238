"""Screening: the rights at stake in a use case, from its structured fields and its free text.

Structured rules tie the use case's facts to the harm taxonomy and the rights taxonomy:
the sector template's typical risks, the special categories of data processed, the degree of
automation of a decision with significant effects, and the groups in vulnerable situations affected.
The free text (description, purpose, decision effect) goes through identify. Every right found comes
with the rule or evidence that found it, the provisions of the law applicable in the deployment
countries, and the guidance on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rightscope import law
from rightscope.assess.library import Library
from rightscope.assess.result import Citation, GuidanceCitation, ScreenedRight, ScreenSource
from rightscope.assess.schema import Assessment

# Special categories of data -> (rights, why).
DATA_RULES: dict[str, tuple[tuple[str, ...], str]] = {
    "biometric": (
        ("privacy", "data-protection", "non-discrimination"),
        "biometric data identifies people and is error-prone across groups",
    ),
    "health": (("privacy", "data-protection", "health"), "health data is sensitive and decisions on it affect care"),
    "racial-or-ethnic-origin": (
        ("non-discrimination", "data-protection"),
        "data on racial or ethnic origin invites direct and proxy discrimination",
    ),
    "political-opinions": (
        ("freedom-of-expression", "participation-in-public-affairs", "data-protection"),
        "processing political opinions can chill expression and participation",
    ),
    "religious-beliefs": (
        ("freedom-of-thought-conscience-religion", "data-protection"),
        "religious data can expose believers to persecution or exclusion",
    ),
    "trade-union-membership": (("trade-union-rights", "data-protection"), "union data can be used against members"),
    "genetic": (("privacy", "data-protection", "non-discrimination"), "genetic data reveals health and family traits"),
    "sex-life-or-orientation": (
        ("privacy", "non-discrimination", "data-protection"),
        "data on sex life or orientation exposes people to stigma and violence",
    ),
    "criminal-records": (
        ("fair-trial", "privacy", "work"),
        "criminal-record data follows people into jobs and proceedings",
    ),
    "children": (("rights-of-the-child", "privacy", "data-protection"), "children's data needs specific protection"),
    "location": (("privacy", "freedom-of-movement"), "location data reveals movements, associations and homes"),
}

# Groups in vulnerable situations -> the right that protects them specifically.
GROUP_RIGHTS = {
    "children": "rights-of-the-child",
    "women": "gender-equality",
    "persons-with-disabilities": "rights-of-persons-with-disabilities",
    "older-persons": "rights-of-older-persons",
    "minorities-and-indigenous-peoples": "minority-rights",
    "persons-facing-racial-discrimination": "non-discrimination",
    "migrants": "non-discrimination",
    "human-rights-defenders-and-journalists": "freedom-of-expression",
    "persons-deprived-of-liberty": "humane-treatment-in-detention",
}
AUTOMATED_DECISION_PATTERN = "opaque-automated-decisions-no-hearing"
IDENTIFY_MIN_SCORE = 0.5


@dataclass
class _Found:
    sources: list[ScreenSource] = field(default_factory=list)


def citations(right_id: str, countries: list[str], binding: dict[str, set[str]], limit: int = 12) -> list[Citation]:
    """The right's provisions in the law that binds at least one deployment country, UDHR first."""
    kb = law.load()
    right = kb.rights[right_id]
    refs = [f"udhr:{a}" for a in right.udhr] + right.provisions
    out = []
    for ref in refs:
        provision = kb.provisions[ref]
        bound = [c for c in countries if provision.instrument in binding[c]]
        if provision.instrument != "udhr" and not bound:
            continue
        instrument = kb.instruments[provision.instrument]
        title = provision.title or provision.subject or ""
        out.append(
            Citation(
                provision=ref,
                instrument=instrument.short_title,
                title=title,
                binding_in=countries if provision.instrument == "udhr" else bound,
            )
        )
    return out[:limit]


def guidance_for(right_id: str, limit: int = 4) -> list[GuidanceCitation]:
    """Verified guidance on the right, technology guidance first."""
    docs = [law.guidance_document(g) for g in law.load().rights[right_id].guidance]
    docs.sort(key=lambda d: (not d.tech, d.procedural))
    return [GuidanceCitation(id=d.id, symbol=d.symbol, title=d.title, url=d.url) for d in docs[:limit]]


def screen(
    assessment: Assessment, library: Library, countries: list[str], binding: dict[str, set[str]]
) -> tuple[list[ScreenedRight], list[str]]:
    """Rights at stake, registered ones first, then by the number of sources that found them."""
    kb = law.load()
    found: dict[str, _Found] = {}
    warnings: list[str] = []

    def add(right: str, source: ScreenSource) -> None:
        if right in kb.rights:
            found.setdefault(right, _Found()).sources.append(source)

    use_case = assessment.use_case
    for risk in assessment.risks:
        add(
            risk.right,
            ScreenSource(
                source="registered", rationale=f"risk {risk.id}: {risk.scenario}", harm_pattern=risk.harm_pattern
            ),
        )
    if use_case.sector:
        sector = library.sector(use_case.sector)
        for item in sector.risks:
            add(
                item.right,
                ScreenSource(
                    source="sector",
                    rationale=f"{sector.name} template: {item.scenario}",
                    harm_pattern=item.harm_pattern,
                ),
            )
    for category in use_case.special_category_data:
        rights, why = DATA_RULES[category]
        for right in rights:
            add(right, ScreenSource(source="data", rationale=f"processes {category} data: {why}"))
    if use_case.legal_or_similarly_significant_effect and use_case.automation in {
        "fully-automated",
        "human-on-the-loop",
    }:
        pattern = kb.harm_patterns.get(AUTOMATED_DECISION_PATTERN)
        engaged = [r.right for r in pattern.rights] if pattern else ["effective-remedy", "good-administration"]
        for right in engaged[:3]:
            add(
                right,
                ScreenSource(
                    source="automation",
                    rationale=f"{use_case.automation} decisions with significant effects ({use_case.decision_effect})",
                    harm_pattern=pattern.id if pattern else None,
                ),
            )
    groups = {g for people in use_case.affected_people for g in people.vulnerable_groups}
    groups |= {g for risk in assessment.risks for g in risk.affected_groups}
    for group in sorted(groups):
        if group not in kb.groups:
            warnings.append(f"unknown group {group!r}; known groups: {', '.join(sorted(kb.groups))}")
            continue
        if group in GROUP_RIGHTS:
            add(
                GROUP_RIGHTS[group], ScreenSource(source="groups", rationale=f"affects {kb.groups[group].name.lower()}")
            )
    text = " ".join(t for t in (use_case.description, use_case.purpose, use_case.decision_effect) if t)
    from rightscope.identify import identify

    for finding in identify(text, top=8).rights:
        if finding.score >= IDENTIFY_MIN_SCORE:
            evidence = next((e for e in finding.evidence if e.kind == "pattern"), None)
            add(
                finding.id,
                ScreenSource(
                    source="identify",
                    rationale=f"free text (score {finding.score:.2f})" + (f": {evidence.text}" if evidence else ""),
                    harm_pattern=evidence.ref if evidence else None,
                ),
            )
    registered = {r.right for r in assessment.risks}
    ordered = sorted(found.items(), key=lambda item: (item[0] not in registered, -len(item[1].sources), item[0]))
    return [
        ScreenedRight(
            right=right,
            name=kb.rights[right].name,
            registered=right in registered,
            sources=entry.sources,
            citations=citations(right, countries, binding),
            guidance=guidance_for(right),
        )
        for right, entry in ordered
    ], warnings
