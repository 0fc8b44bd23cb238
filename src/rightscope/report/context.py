"""The report context: everything a report shows, built once and rendered by every format.

:func:`build_context` takes the assessment file, its :class:`~rightscope.assess.AssessmentResult`, a
:class:`~rightscope.report.lens.Lens`, a language and, for a monitoring report, a monitoring result. The
context is neutral: data and citations, no markup and no translated words; the renderers (HTML, PDF,
DOCX, Markdown) translate labels and choose how the lens states each item. ``--format json`` writes the
context itself (``schema: rightscope/report/v1``).

Quoted provision text: the UDHR articles a right is anchored in are quoted in the report's language
(the UDHR is available in the six UN languages); other provisions are quoted in English, flagged with
``lang: en``, and cut at :data:`QUOTE_LIMIT` characters with the full text a command away
(``rightscope law show INSTRUMENT ARTICLE``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from rightscope import law
from rightscope.assess.library import load_library
from rightscope.assess.result import AssessmentResult, Check, GuidanceCitation, KpiResolved, Recommendation
from rightscope.assess.schema import Assessment
from rightscope.errors import RightscopeError
from rightscope.law import crosswalk as cw
from rightscope.law import jurisdiction
from rightscope.report.lens import Lens, Term, crosswalk_mitigations, mitigation_terms, right_terms

if TYPE_CHECKING:  # the monitor package imports Ibis: only a monitoring report needs it
    from rightscope.monitor.run import Finding, MonitoringResult

QUOTE_LIMIT = 480  # characters of a non-UDHR provision quoted in the report
TREATY_QUOTES_PER_RIGHT = 2
PRIORITIES = ("critical", "high", "medium", "low")
MITIGATION_STATUSES = ("verified", "implemented", "in-progress", "planned")
CHECK_FRAMEWORKS = ("EU AI Act Art. 27", "HUDERIA", "UNGPs")


class ReportError(RightscopeError):
    """The inputs of a report do not fit together (e.g. a monitoring result of another assessment)."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Quote(_Record):
    """A provision cited for a right, with its text in ``lang`` where it is available."""

    provision: str = Field(description="instrument:article, e.g. udhr:12")
    citation: str = Field(description="How a lawyer cites it, e.g. UDHR art. 12.")
    instrument: str = Field(description="The instrument's short title.")
    article: str
    title: str | None = None
    lang: str
    text: str | None = Field(description="None where the text is not in the knowledge base.")
    truncated: bool = False
    binding_in: list[str]


class Footnote(_Record):
    """A right, as the compliance lens cites it in a numbered footnote."""

    n: int
    right: str
    name: str
    udhr: list[str]
    provisions: list[str]


class RightAtStake(_Record):
    id: str
    name: str
    registered: bool
    footnote: int
    risks: list[str]
    found_by: list[str] = Field(description="Why the screening found the right at stake.")
    quotes: list[Quote]
    citations: list[str] = Field(description="Every provision cited, quoted or not.")
    guidance: list[GuidanceCitation]
    terms: list[Term]


class Override(_Record):
    field: str
    computed: str
    override: str
    rationale: str


class RiskEntry(_Record):
    id: str
    right: str
    right_name: str
    footnote: int
    harm_pattern: str | None
    scenario: str
    evidence: str | None
    affected_groups: list[str] = Field(description="Names of the groups in vulnerable situations.")
    scale: int
    scope: int
    remediability: int
    computed_severity: int
    severity: int
    computed_likelihood: int
    likelihood: int
    score: float
    computed_priority: str
    priority: str
    overrides: list[Override]
    involvement: str
    expected_action: str
    mitigations: list[str]
    residual_severity: int
    residual_likelihood: int
    residual_score: float
    residual_priority: str
    recommended: list[Recommendation]
    citations: list[str]
    owner: str | None
    terms: list[Term]


class MitigationEntry(_Record):
    id: str
    name: str
    description: str
    custom: bool
    status: str
    owner: str | None
    due: dt.date | None
    note: str | None
    effect: str
    strength: int
    rights: list[str]
    risks: list[str]
    eu_ai_act: list[str]
    nist_ai_rmf: list[str]
    gdpr: list[str]
    terms: list[Term]


class Binding(_Record):
    instrument: str
    title: str
    basis: str
    status: str
    year: int | None
    as_of: str | None


class Lever(_Record):
    level: str
    mechanism: str
    body: str
    available: str
    note: str | None


class CountryEntry(_Record):
    code: str
    name: str
    binding: list[Binding]
    levers: list[Lever]


class AffectedPeople(_Record):
    group: str
    size: int | None
    vulnerable_groups: list[str]


class UseCaseEntry(_Record):
    title: str
    purpose: str
    processes: str | None
    sector: str | None
    sector_name: str | None
    annex_iii: str | None
    technology: str
    deployer: str
    provider: str | None
    countries: list[str]
    period_of_use: str | None
    frequency: str | None
    affected_people: list[AffectedPeople]
    data_categories: list[str]
    special_category_data: list[str]
    decision_effect: str
    legal_or_similarly_significant_effect: bool
    automation: str
    human_oversight: str | None
    people_per_year: int | None
    lifecycle_stage: str
    description: str | None


class CheckGroup(_Record):
    framework: str
    met: int
    partial: int
    missing: int
    checks: list[Check]


class Stakeholder(_Record):
    who: str
    method: str | None
    date: dt.date | None
    said: str | None
    response: str | None


class SignOff(_Record):
    name: str
    role: str
    date: dt.date
    decision: str
    conditions: str | None


class HistoryEntry(_Record):
    version: str
    date: dt.date
    author: str
    changes: str


class MonitoringPlan(_Record):
    kpis: list[KpiResolved]
    reassessment_triggers: list[str]
    grievance_mechanism: str | None


class Summary(_Record):
    """The key figures; every format shows them, and they must agree across formats and lenses."""

    risks: int
    by_priority: dict[str, int]
    residual_by_priority: dict[str, int]
    overrides: int
    rights_at_stake: int
    rights_without_risk: int
    impact_level: str
    impact_share: float
    mitigations: int
    mitigations_by_status: dict[str, int]
    kpis: int
    checks_met: int
    checks_total: int
    top_risks: list[str] = Field(description="Ids of the critical and high risks, most severe first.")


class KpiWindow(_Record):
    window: str
    value: float | None
    status: str
    worst_group: str | None


class KpiTrend(_Record):
    """A KPI of the monitoring result: its value and status per window, and where it is heading."""

    kpi: str
    name: str
    risks: list[str]
    rights: list[str]
    direction: str
    warn: float | None
    breach: float | None
    windows: list[KpiWindow]
    status: str
    trend: str
    note: str | None


class TriggerFired(_Record):
    trigger: str
    reason: str
    fired_on: dt.date


class MonitoringFinding(_Record):
    id: str
    kind: str
    title: str
    detail: str
    severity: str
    rights: list[str]
    right_names: list[str]
    footnotes: list[int]
    risks: list[str]
    terms: list[Term]


class GrievanceSummary(_Record):
    monitored: bool = Field(description="False when the monitoring run had no grievance log (all counts 0).")
    total: int
    by_right: list[tuple[str, str, int]] = Field(description="(right id, right name, count), largest first.")
    by_status: dict[str, int]
    median_days_to_remedy: float | None
    unforeseen: int


class MonitoringSection(_Record):
    """The monitoring report's data. Grievance free text is never carried over."""

    generated: dt.date
    period_start: dt.date | None
    period_end: dt.date | None
    kpis: list[KpiTrend]
    kpi_status_counts: dict[str, int]
    findings: list[MonitoringFinding]
    findings_by_severity: dict[str, int]
    unforeseen: list[MonitoringFinding]
    triggers: list[TriggerFired]
    grievances: GrievanceSummary


class LensEntry(_Record):
    kind: Literal["rights", "compliance"]
    frameworks: list[tuple[str, str]] = Field(description="(id, name) of the frameworks the compliance lens uses.")


class Meta(_Record):
    schema_: Literal["rightscope/report/v1"] = Field(default="rightscope/report/v1", alias="schema")
    kind: Literal["hria", "monitoring"]
    assessment: str
    version: str
    title: str
    lang: str
    generated: dt.date
    lens: LensEntry


class ReportContext(_Record):
    """All a report shows. ``monitoring`` is set for a monitoring report."""

    meta: Meta
    summary: Summary
    use_case: UseCaseEntry
    countries: list[CountryEntry]
    rights: list[RightAtStake]
    risks: list[RiskEntry]
    mitigations: list[MitigationEntry]
    monitoring_plan: MonitoringPlan
    checks: list[CheckGroup]
    stakeholders: list[Stakeholder]
    sign_offs: list[SignOff]
    history: list[HistoryEntry]
    footnotes: list[Footnote]
    monitoring: MonitoringSection | None = None
    warnings: list[str]

    def footnote(self, right_id: str) -> Footnote | None:
        """The footnote that cites ``right_id``."""
        return next((f for f in self.footnotes if f.right == right_id), None)


def quote(provision_id: str, lang: str, binding_in: list[str], limit: int | None = QUOTE_LIMIT) -> Quote:
    """A provision's text: the UDHR in ``lang`` where translated, other instruments in English, cut at ``limit``."""
    kb = law.load()
    p = kb.provisions[provision_id]
    instrument = kb.instruments[p.instrument]
    text_lang = lang if lang in p.translations or lang == "en" else "en"
    text: str | None = p.text_in(text_lang) if p.text_available and p.paragraphs else None
    truncated = False
    if text is not None and limit is not None and len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
        text, truncated = cut + " …", True
    return Quote(
        provision=p.id,
        citation=p.citation,
        instrument=instrument.short_title,
        article=p.article,
        title=p.title or p.subject,
        lang=text_lang,
        text=text,
        truncated=truncated,
        binding_in=binding_in,
    )


def _group_names(ids: list[str]) -> list[str]:
    groups = law.load().groups
    return [groups[g].name if g in groups else g for g in ids]


def right_name(right_id: str) -> str:
    """A right's name, or its id where the knowledge base does not know it."""
    right = law.load().rights.get(right_id)
    return right.name if right else right_id


def _footnotes(result: AssessmentResult, extra_rights: list[str]) -> list[Footnote]:
    """One footnote per right: the registered risks' rights first, then the other rights at stake."""
    kb = law.load()
    order = [r.right for r in result.risks] + [s.right for s in result.screening] + extra_rights
    out: list[Footnote] = []
    for right_id in dict.fromkeys(order):
        if right_id not in kb.rights:
            continue
        right = kb.rights[right_id]
        screened = next((s for s in result.screening if s.right == right_id), None)
        provisions = [c.provision for c in screened.citations] if screened else [f"udhr:{a}" for a in right.udhr]
        out.append(Footnote(n=len(out) + 1, right=right.id, name=right.name, udhr=right.udhr, provisions=provisions))
    return out


def _rights(result: AssessmentResult, lang: str, lens: Lens, notes: dict[str, int]) -> list[RightAtStake]:
    kb = law.load()
    out = []
    for s in result.screening:
        right = kb.rights[s.right]
        everyone = [c.country for c in result.countries]
        quotes = [quote(f"udhr:{a}", lang, everyone, limit=None) for a in right.udhr]
        treaty = [c for c in s.citations if not c.provision.startswith("udhr:")]
        quotes += [quote(c.provision, lang, c.binding_in) for c in treaty[:TREATY_QUOTES_PER_RIGHT]]
        out.append(
            RightAtStake(
                id=s.right,
                name=s.name,
                registered=s.registered,
                footnote=notes[s.right],
                risks=[r.id for r in result.risks if r.right == s.right],
                found_by=[src.rationale for src in s.sources],
                quotes=quotes,
                citations=[c.provision for c in s.citations],
                guidance=s.guidance,
                terms=right_terms(s.right, lens),
            )
        )
    return out


def _risks(a: Assessment, result: AssessmentResult, lens: Lens, notes: dict[str, int]) -> list[RiskEntry]:
    evidence = {r.id: r.evidence for r in a.risks}
    out = []
    for r in result.risks:
        out.append(
            RiskEntry(
                id=r.id,
                right=r.right,
                right_name=r.right_name,
                footnote=notes[r.right],
                harm_pattern=r.harm_pattern,
                scenario=r.scenario,
                evidence=evidence.get(r.id),
                affected_groups=_group_names(r.affected_groups),
                scale=r.scale,
                scope=r.scope,
                remediability=r.remediability,
                computed_severity=r.computed_severity,
                severity=r.severity,
                computed_likelihood=r.computed_likelihood,
                likelihood=r.final_likelihood,
                score=r.score,
                computed_priority=r.computed_priority,
                priority=r.priority,
                overrides=[Override(field=k, **v) for k, v in r.overrides.items()],
                involvement=r.involvement,
                expected_action=r.expected_action,
                mitigations=r.mitigations,
                residual_severity=r.residual_severity,
                residual_likelihood=r.residual_likelihood,
                residual_score=r.residual_score,
                residual_priority=r.residual_priority,
                recommended=r.recommended,
                citations=[c.provision for c in r.citations],
                owner=r.owner,
                terms=right_terms(r.right, lens),
            )
        )
    return out


def _mitigations(a: Assessment, result: AssessmentResult, lens: Lens) -> list[MitigationEntry]:
    library = load_library()
    custom = {m.id: m for m in a.custom_mitigations}
    known = crosswalk_mitigations()
    chosen: dict[str, list[str]] = {}
    for r in result.risks:
        for m in r.mitigations:
            chosen.setdefault(m, []).append(r.id)
    out = []
    for mitigation_id, risks in chosen.items():
        refs: tuple[list[str], list[str], list[str]]
        state = a.mitigations.get(mitigation_id)
        if mitigation_id in custom:
            own = custom[mitigation_id]
            name, description, effect, strength = own.name, own.description, own.effect, own.strength
            rights, refs = own.rights, ([], [], [])  # an own measure cites no framework
        else:
            lib = library.mitigation(mitigation_id)
            name, description, effect, strength = lib.name, lib.description, lib.effect, lib.strength
            rights, refs = lib.rights, (lib.eu_ai_act, lib.nist_ai_rmf, lib.gdpr)
        out.append(
            MitigationEntry(
                id=mitigation_id,
                name=name,
                description=description,
                custom=mitigation_id in custom,
                status=state.status if state else "planned",
                owner=state.owner if state else None,
                due=state.due if state else None,
                note=state.note if state else None,
                effect=effect,
                strength=strength,
                rights=rights,
                risks=risks,
                eu_ai_act=refs[0],
                nist_ai_rmf=refs[1],
                gdpr=refs[2],
                terms=mitigation_terms(mitigation_id, lens, known),
            )
        )
    return out


def _countries(result: AssessmentResult) -> list[CountryEntry]:
    out = []
    for c in jurisdiction.applicable([c.country for c in result.countries]):
        out.append(
            CountryEntry(
                code=c.country.code,
                name=c.country.name,
                binding=[
                    Binding(
                        instrument=law.load().instruments[b.instrument].short_title,
                        title=b.title,
                        basis=b.basis,
                        status=b.status,
                        year=b.year,
                        as_of=b.as_of,
                    )
                    for b in c.instruments
                    if b.status in jurisdiction.BINDING_STATUSES
                ],
                levers=[
                    Lever(level=lv.level, mechanism=lv.mechanism, body=lv.body, available=lv.available, note=lv.note)
                    for lv in c.levers
                ],
            )
        )
    return out


def _use_case(a: Assessment) -> UseCaseEntry:
    u = a.use_case
    sector = load_library().sectors.get(u.sector) if u.sector else None
    return UseCaseEntry(
        title=u.title,
        purpose=u.purpose,
        processes=u.processes,
        sector=u.sector,
        sector_name=sector.name if sector else None,
        annex_iii=sector.eu_ai_act_high_risk if sector else None,
        technology=u.technology,
        deployer=u.deployer.name,
        provider=u.provider.name if u.provider else None,
        countries=u.countries,
        period_of_use=u.period_of_use,
        frequency=u.frequency,
        affected_people=[
            AffectedPeople(group=p.group, size=p.size, vulnerable_groups=_group_names(p.vulnerable_groups))
            for p in u.affected_people
        ],
        data_categories=u.data_categories,
        special_category_data=list(u.special_category_data),
        decision_effect=u.decision_effect,
        legal_or_similarly_significant_effect=u.legal_or_similarly_significant_effect,
        automation=u.automation,
        human_oversight=u.human_oversight,
        people_per_year=u.people_per_year,
        lifecycle_stage=u.lifecycle_stage,
        description=u.description,
    )


def _checks(result: AssessmentResult) -> list[CheckGroup]:
    out = []
    for framework in CHECK_FRAMEWORKS:
        checks = [c for c in result.checks if c.framework == framework]
        out.append(
            CheckGroup(
                framework=framework,
                met=sum(c.status == "met" for c in checks),
                partial=sum(c.status == "partial" for c in checks),
                missing=sum(c.status == "missing" for c in checks),
                checks=checks,
            )
        )
    return out


def _summary(result: AssessmentResult, mitigations: list[MitigationEntry]) -> Summary:
    s = result.summary
    return Summary(
        risks=len(result.risks),
        by_priority={p: sum(r.priority == p for r in result.risks) for p in PRIORITIES},
        residual_by_priority={p: sum(r.residual_priority == p for r in result.risks) for p in PRIORITIES},
        overrides=sum(bool(r.overrides) for r in result.risks),
        rights_at_stake=len(result.screening),
        rights_without_risk=int(s.get("rights_without_risk", 0)),
        impact_level=result.impact.level,
        impact_share=result.impact.share,
        mitigations=len(mitigations),
        mitigations_by_status={st: sum(m.status == st for m in mitigations) for st in MITIGATION_STATUSES},
        kpis=len(result.monitoring),
        checks_met=sum(c.status == "met" for c in result.checks),
        checks_total=len(result.checks),
        top_risks=[r.id for r in result.risks if r.priority in ("critical", "high")],
    )


def _finding(f: Finding, lens: Lens, notes: dict[str, int]) -> MonitoringFinding:
    terms = {t.target: t for r in f.rights if r in law.load().rights for t in right_terms(r, lens)}
    return MonitoringFinding(
        id=f.id,
        kind=f.kind,
        title=f.title,
        detail=f.detail,
        severity=f.severity,
        rights=f.rights,
        right_names=[right_name(r) for r in f.rights],
        footnotes=[notes[r] for r in f.rights if r in notes],
        risks=f.risks,
        terms=list(terms.values()),
    )


def _monitoring(m: MonitoringResult, lens: Lens, notes: dict[str, int]) -> MonitoringSection:
    findings = [_finding(f, lens, notes) for f in m.findings]
    statuses: dict[str, int] = {}
    for k in m.kpis:
        statuses[k.status] = statuses.get(k.status, 0) + 1
    g = m.grievances
    return MonitoringSection(
        generated=m.generated,
        period_start=m.period.get("start"),
        period_end=m.period.get("end"),
        kpis=[KpiTrend.model_validate(k.model_dump(include=set(KpiTrend.model_fields))) for k in m.kpis],
        kpi_status_counts=statuses,
        findings=findings,
        findings_by_severity={s: sum(f.severity == s for f in findings) for s in PRIORITIES},
        unforeseen=[f for f in findings if f.kind == "unforeseen-impact"],
        triggers=[TriggerFired(**t.model_dump()) for t in m.triggers],
        grievances=GrievanceSummary(
            monitored=g is not None,
            total=g.total if g else 0,
            by_right=sorted(((r, right_name(r), n) for r, n in g.by_right.items()), key=lambda x: (-x[2], x[0]))
            if g
            else [],
            by_status=g.by_status if g else {},
            median_days_to_remedy=g.median_days_to_remedy if g else None,
            unforeseen=g.unforeseen if g else 0,
        ),
    )


def build_context(
    assessment: Assessment,
    result: AssessmentResult,
    *,
    lens: Lens | None = None,
    lang: str = "en",
    monitoring: MonitoringResult | None = None,
    generated: dt.date | None = None,
) -> ReportContext:
    """The context of an HRIA/FRIA report, or of a monitoring report when ``monitoring`` is given."""
    from rightscope.report.i18n import check_language

    lang = check_language(lang)
    lens = lens or Lens()
    if assessment.id != result.id:
        raise ReportError(f"the result is of assessment {result.id!r}, not {assessment.id!r}")
    if monitoring is not None and monitoring.assessment != assessment.id:
        raise ReportError(
            f"--monitoring: the monitoring result is of assessment {monitoring.assessment!r}, not {assessment.id!r}"
        )
    extra = [r for f in monitoring.findings for r in f.rights] if monitoring else []
    extra += [r for k in monitoring.kpis for r in k.rights] if monitoring else []
    footnotes = _footnotes(result, extra)
    notes = {f.right: f.n for f in footnotes}
    mitigations = _mitigations(assessment, result, lens)
    return ReportContext(
        meta=Meta(
            kind="monitoring" if monitoring else "hria",
            assessment=assessment.id,
            version=assessment.version,
            title=assessment.use_case.title,
            lang=lang,
            generated=generated or dt.date.today(),
            lens=LensEntry(kind=lens.kind.value, frameworks=[(f, cw.framework(f).name) for f in lens.frameworks]),
        ),
        summary=_summary(result, mitigations),
        use_case=_use_case(assessment),
        countries=_countries(result),
        rights=_rights(result, lang, lens, notes),
        risks=_risks(assessment, result, lens, notes),
        mitigations=mitigations,
        monitoring_plan=MonitoringPlan(
            kpis=result.monitoring,
            reassessment_triggers=result.reassessment_triggers,
            grievance_mechanism=assessment.monitoring.grievance_mechanism,
        ),
        checks=_checks(result),
        stakeholders=[Stakeholder(**s.model_dump()) for s in assessment.stakeholders],
        sign_offs=[SignOff(**s.model_dump()) for s in assessment.sign_offs],
        history=[HistoryEntry(**h.model_dump()) for h in assessment.history],
        footnotes=footnotes,
        monitoring=_monitoring(monitoring, lens, notes) if monitoring else None,
        warnings=result.warnings,
    )
