"""Ex-ante human rights impact assessment, as code.

An assessment is a versioned YAML or JSON file (``schema: rightscope/assessment/v1``). :func:`assess`
screens it against the law applicable in its deployment countries, scores its risks (UNGP severity and
likelihood, with assessor overrides), recommends human-rights-by-design mitigations, resolves its
monitoring plan and checks it for completeness against EU AI Act Art. 27, HUDERIA and the UNGPs.

Examples:
    >>> from rightscope import assess
    >>> from rightscope.assess.templates import starter
    >>> result = assess.assess(assess.parse(starter("hiring")))
    >>> result.impact.level in {"I", "II", "III", "IV"}
    True
    >>> result.risks[0].priority in {"low", "medium", "high", "critical"}
    True
"""

from __future__ import annotations

from rightscope import law
from rightscope.assess import completeness, scoring
from rightscope.assess.library import Library, Mitigation, load_library
from rightscope.assess.load import AssessmentFileError, load, parse
from rightscope.assess.result import (
    AssessmentResult,
    CountryLaw,
    ImpactSummary,
    KpiResolved,
    Recommendation,
    ScoredRisk,
)
from rightscope.assess.schema import SCHEMA_ID, Assessment, CustomMitigation, Risk
from rightscope.assess.screening import citations, screen
from rightscope.errors import closest
from rightscope.law import jurisdiction

__all__ = [
    "SCHEMA_ID",
    "Assessment",
    "AssessmentFileError",
    "AssessmentResult",
    "assess",
    "load",
    "load_library",
    "parse",
]

RECOMMENDATIONS_PER_RISK = 4
EFFECTS = {"likelihood": "likelihood", "severity": "severity", "both": "likelihood and severity"}


def _unknown(kind: str, value: str, known: object, where: str) -> str:
    suggestions = closest(value, list(known))  # type: ignore[call-overload]
    hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
    return f"{where}: unknown {kind} {value!r}{hint}"


def check_references(a: Assessment, library: Library) -> list[str]:
    """Ids in the file that do not exist in the knowledge base or the library, with near matches."""
    kb = law.load()
    custom = {m.id for m in a.custom_mitigations}
    problems = []
    if a.use_case.sector and a.use_case.sector not in library.sectors:
        problems.append(_unknown("sector template", a.use_case.sector, library.sectors, "use_case.sector"))
    for i, people in enumerate(a.use_case.affected_people):
        for g in people.vulnerable_groups:
            if g not in kb.groups:
                problems.append(_unknown("group", g, kb.groups, f"use_case.affected_people[{i}].vulnerable_groups"))
    for i, risk in enumerate(a.risks):
        where = f"risks[{i}]"
        if risk.right not in kb.rights:
            problems.append(_unknown("right", risk.right, kb.rights, f"{where}.right"))
        if risk.harm_pattern and risk.harm_pattern not in kb.harm_patterns:
            problems.append(_unknown("harm pattern", risk.harm_pattern, kb.harm_patterns, f"{where}.harm_pattern"))
        for g in risk.affected_groups:
            if g not in kb.groups:
                problems.append(_unknown("group", g, kb.groups, f"{where}.affected_groups"))
        for m in risk.mitigations:
            if m not in library.mitigations and m not in custom:
                known = [*library.mitigations, *custom]
                problems.append(_unknown("mitigation", m, known, f"{where}.mitigations"))
    for own in a.custom_mitigations:
        where = f"custom_mitigations.{own.id}.rights"
        problems += [_unknown("right", r, kb.rights, where) for r in own.rights if r not in kb.rights]
    risk_ids = {r.id for r in a.risks}
    for i, plan in enumerate(a.monitoring.kpis):
        if plan.kpi not in library.kpis:
            problems.append(_unknown("KPI", plan.kpi, library.kpis, f"monitoring.kpis[{i}].kpi"))
        for r in plan.risks:
            if r not in risk_ids:
                problems.append(_unknown("risk id", r, risk_ids, f"monitoring.kpis[{i}].risks"))
    chosen = {m for r in a.risks for m in r.mitigations}
    for m in a.mitigations:
        if m not in chosen:
            problems.append(
                f"mitigations.{m}: status given for a mitigation no risk uses (fix: add it to a risk or remove it)"
            )
    return problems


def _as_mitigation(custom: CustomMitigation) -> Mitigation:
    return Mitigation(
        id=custom.id,
        name=custom.name,
        description=custom.description,
        rights=custom.rights,
        stages=[],
        effect=custom.effect,
        strength=custom.strength,
    )


def _recommend(risk: Risk, library: Library, sector_id: str | None) -> list[Recommendation]:
    """Library measures for the risk's right that the file has not chosen, the sector's own first."""
    sector_picks: set[str] = set()
    if sector_id:
        for item in library.sector(sector_id).risks:
            if item.right == risk.right:
                sector_picks.update(item.mitigations)
    wants_prevention = risk.likelihood >= 3
    wants_remedy = risk.remediability >= 3

    def rank(m: Mitigation) -> tuple[int, int, int, str]:
        fits = (wants_prevention and m.effect in {"likelihood", "both"}) or (
            wants_remedy and m.effect in {"severity", "both"}
        )
        return (m.id not in sector_picks, not fits, -m.strength, m.id)

    candidates = [m for m in library.mitigations.values() if risk.right in m.rights and m.id not in risk.mitigations]
    out = []
    for m in sorted(candidates, key=rank)[:RECOMMENDATIONS_PER_RISK]:
        reason = "recommended by the sector template" if m.id in sector_picks else f"protects {risk.right}"
        reason += "; reduces " + EFFECTS[m.effect]
        out.append(
            Recommendation(mitigation=m.id, name=m.name, why=reason, eu_ai_act=m.eu_ai_act, nist_ai_rmf=m.nist_ai_rmf)
        )
    return out


def _score_risk(
    risk: Risk,
    a: Assessment,
    library: Library,
    measures: dict[str, Mitigation],
    countries: list[str],
    binding: dict[str, set[str]],
) -> ScoredRisk:
    kb = law.load()
    vulnerable = bool(risk.affected_groups)
    computed_severity = scoring.severity(risk.scale, risk.scope, risk.remediability)
    severity, likelihood = computed_severity, risk.likelihood
    overrides: dict[str, dict[str, str]] = {}
    if risk.overrides.severity is not None:
        severity = int(risk.overrides.severity.value)
        overrides["severity"] = {
            "computed": str(computed_severity),
            "override": str(severity),
            "rationale": risk.overrides.severity.rationale,
        }
    if risk.overrides.likelihood is not None:
        likelihood = int(risk.overrides.likelihood.value)
        overrides["likelihood"] = {
            "computed": str(risk.likelihood),
            "override": str(likelihood),
            "rationale": risk.overrides.likelihood.rationale,
        }
    computed_score = scoring.risk_score(computed_severity, risk.likelihood, vulnerable)
    computed_priority = scoring.priority(computed_score, computed_severity, risk.likelihood)
    score = scoring.risk_score(severity, likelihood, vulnerable)
    priority = scoring.priority(score, severity, likelihood)
    if risk.overrides.priority is not None:
        overrides["priority"] = {
            "computed": priority,
            "override": str(risk.overrides.priority.value),
            "rationale": risk.overrides.priority.rationale,
        }
        priority = str(risk.overrides.priority.value)
    chosen = [measures[m] for m in risk.mitigations]
    # An assessor's severity override carries into the residual: the measures move it as they would the computed one.
    residual = scoring.residual(
        risk.scale,
        risk.scope,
        risk.remediability,
        likelihood,
        vulnerable,
        chosen,
        severity_shift=severity - computed_severity,
    )
    return ScoredRisk(
        id=risk.id,
        right=risk.right,
        right_name=kb.rights[risk.right].name,
        harm_pattern=risk.harm_pattern,
        scenario=risk.scenario,
        affected_groups=risk.affected_groups,
        scale=risk.scale,
        scope=risk.scope,
        remediability=risk.remediability,
        likelihood=risk.likelihood,
        vulnerable=vulnerable,
        computed_severity=computed_severity,
        computed_likelihood=risk.likelihood,
        computed_priority=computed_priority,
        severity=severity,
        final_likelihood=likelihood,
        score=round(score, 2),
        priority=priority,
        overrides=overrides,
        involvement=risk.involvement,
        expected_action=scoring.EXPECTED_ACTION[risk.involvement],
        mitigations=risk.mitigations,
        residual_likelihood=residual.likelihood,
        residual_severity=residual.severity,
        residual_score=round(residual.score, 2),
        residual_priority=residual.priority,
        recommended=_recommend(risk, library, a.use_case.sector),
        citations=citations(risk.right, countries, binding, 6),
        owner=risk.owner,
    )


def _monitoring(a: Assessment, library: Library) -> list[KpiResolved]:
    out = []
    for plan in a.monitoring.kpis:
        kpi = library.kpi(plan.kpi)
        out.append(
            KpiResolved(
                kpi=kpi.id,
                name=kpi.name,
                metric=kpi.metric,
                computed_from=kpi.computed_from,
                direction=kpi.direction,
                warn=plan.warn if plan.warn is not None else kpi.threshold.warn,
                breach=plan.breach if plan.breach is not None else kpi.threshold.breach,
                threshold_source="set in the assessment" if plan.breach is not None else kpi.threshold_source,
                cadence=plan.cadence or kpi.cadence,
                risks=plan.risks,
                rights=sorted({r.right for r in a.risks if r.id in plan.risks} | set(kpi.rights)),
                group_columns=plan.group_columns,
                reference=plan.reference,
                trigger=plan.trigger or kpi.reassessment_trigger,
            )
        )
    return out


def assess(a: Assessment) -> AssessmentResult:
    """Screen, score, recommend, plan and check one assessment."""
    library = load_library()
    problems = check_references(a, library)
    countries_law = jurisdiction.applicable(a.use_case.countries)
    if problems:
        raise AssessmentFileError(a.id, problems)
    countries = [c.country.code for c in countries_law]
    binding = {
        c.country.code: {b.instrument for b in c.instruments if b.status in jurisdiction.BINDING_STATUSES}
        for c in countries_law
    }
    screening, warnings = screen(a, library, countries, binding)
    measures = {**library.mitigations, **{m.id: _as_mitigation(m) for m in a.custom_mitigations}}
    risks = [_score_risk(r, a, library, measures, countries, binding) for r in a.risks]
    risks.sort(key=lambda r: (["critical", "high", "medium", "low"].index(r.priority), -r.score, r.id))
    chosen = sorted({m for r in a.risks for m in r.mitigations})
    implemented = sum(1 for m in chosen if a.mitigations.get(m) and a.mitigations[m].status in scoring.IMPLEMENTED)
    level = scoring.impact_level([r.score for r in risks], implemented, len(chosen))
    checks = completeness.check_all(a, risks, screening)
    summary: dict[str, int | str] = {
        "risks": len(risks),
        **{f"priority_{p}": sum(1 for r in risks if r.priority == p) for p in ("critical", "high", "medium", "low")},
        "rights_at_stake": len(screening),
        "rights_without_risk": sum(1 for s in screening if not s.registered and len(s.sources) >= 2),
        "checks_met": sum(1 for c in checks if c.status == "met"),
        "checks_total": len(checks),
        "impact_level": level.level,
    }
    return AssessmentResult(
        id=a.id,
        version=a.version,
        title=a.use_case.title,
        sector=a.use_case.sector,
        countries=[_country_law(c) for c in countries_law],
        screening=screening,
        risks=risks,
        impact=ImpactSummary(
            level=level.level,
            raw_share=level.raw_share,
            mitigation_maturity=level.maturity,
            maturity_discount_applied=level.discounted,
            share=level.share,
        ),
        checks=checks,
        monitoring=_monitoring(a, library),
        reassessment_triggers=a.monitoring.reassessment_triggers,
        summary=summary,
        warnings=warnings,
    )


def _country_law(c: jurisdiction.CountryLaw) -> CountryLaw:
    kb = law.load()
    return CountryLaw(
        country=c.country.code,
        name=c.country.name,
        binding=[
            kb.instruments[b.instrument].short_title for b in c.instruments if b.status in jurisdiction.BINDING_STATUSES
        ],
        regional_levers=[f"{lv.mechanism}: {lv.available}" for lv in c.levers if lv.level == "regional"],
    )
