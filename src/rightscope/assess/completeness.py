"""Completeness checks against EU AI Act Art. 27(1)(a)-(f), HUDERIA's stages and the UNGP due-diligence steps.

Each check says what was found, why the requirement matters and how to fix a gap. A check can only
see what the file records: "met" means the file holds the element, not that its content is adequate.
"""

from __future__ import annotations

from rightscope.assess.result import Check, ScoredRisk, ScreenedRight
from rightscope.assess.schema import Assessment

MIN_TEXT = 20  # characters: shorter entries are placeholders, not descriptions


def _text(value: str | None) -> bool:
    """A real entry: long enough, and not a starter file's TODO placeholder."""
    return bool(value and len(value.strip()) >= MIN_TEXT and not value.lstrip().upper().startswith("TODO"))


def _check(framework: str, requirement: str, status: str, found: str, why: str, fix: str | None = None) -> Check:
    return Check.model_validate(
        {
            "framework": framework,
            "requirement": requirement,
            "status": status,
            "found": found,
            "why_it_matters": why,
            "fix": fix if status != "met" else None,
        }
    )


def ai_act_article_27(a: Assessment, risks: list[ScoredRisk], screening: list[ScreenedRight]) -> list[Check]:
    fw = "EU AI Act Art. 27"
    u = a.use_case
    checks = [
        _check(
            fw,
            "(a) the deployer's processes in which the system is used",
            "met" if _text(u.processes) else "missing",
            u.processes or "no use_case.processes",
            "The assessment is of a use in context, not of a model in the abstract.",
            "Describe in use_case.processes where and how the system enters the deployer's decisions.",
        ),
        _check(
            fw,
            "(b) the period of time and frequency of use",
            "met"
            if _text(u.period_of_use) and _text(u.frequency)
            else ("partial" if _text(u.period_of_use) or _text(u.frequency) else "missing"),
            f"period: {u.period_of_use or '-'}; frequency: {u.frequency or '-'}",
            "Exposure over time drives likelihood and scope.",
            "Fill use_case.period_of_use and use_case.frequency.",
        ),
    ]
    vulnerable = any(p.vulnerable_groups for p in u.affected_people)
    checks.append(
        _check(
            fw,
            "(c) the categories of natural persons and groups likely to be affected",
            "met" if vulnerable else "partial",
            ", ".join(p.group for p in u.affected_people)
            + ("" if vulnerable else "; no group in a vulnerable situation named"),
            "Harm falls unevenly; groups in vulnerable situations must be identified to be protected.",
            "Name the groups in vulnerable situations in use_case.affected_people[].vulnerable_groups, "
            "or record why none is affected.",
        )
    )
    unregistered = [s for s in screening if not s.registered and len(s.sources) >= 2]
    status = "missing" if not risks else ("partial" if unregistered else "met")
    checks.append(
        _check(
            fw,
            "(d) the specific risks of harm likely to affect them",
            status,
            f"{len(risks)} risk(s) registered"
            + (
                f"; screening found {len(unregistered)} right(s) at stake without a risk: "
                + ", ".join(s.right for s in unregistered)
                if unregistered
                else ""
            ),
            "Unregistered risks go unmitigated and unmonitored.",
            "Register a risk for each right the screening finds at stake, or record why it is not.",
        )
    )
    oversight = _text(u.human_oversight)
    status = "met" if oversight and u.automation != "fully-automated" else ("partial" if oversight else "missing")
    checks.append(
        _check(
            fw,
            "(e) the implementation of human oversight measures",
            status,
            (u.human_oversight or "no use_case.human_oversight") + f" (automation: {u.automation})",
            "Oversight is what lets a person catch and reverse a harmful output before it lands (Art. 14, 26).",
            "Describe who oversees, with what authority and training, and how they can override the system.",
        )
    )
    remedial = any(r.mitigations for r in risks)
    grievance = _text(a.monitoring.grievance_mechanism)
    status = (
        "met"
        if grievance and remedial and a.monitoring.reassessment_triggers
        else ("partial" if grievance or remedial else "missing")
    )
    checks.append(
        _check(
            fw,
            "(f) the measures if risks materialise, including internal governance and complaint mechanisms",
            status,
            f"grievance mechanism: {'yes' if grievance else 'no'}; mitigations: {'yes' if remedial else 'no'}; "
            f"reassessment triggers: {len(a.monitoring.reassessment_triggers)}",
            "People need a way to complain and get a remedy; the deployer needs a plan for when harm occurs.",
            "Describe monitoring.grievance_mechanism, choose mitigations per risk and list reassessment triggers.",
        )
    )
    return checks


def huderia(a: Assessment, risks: list[ScoredRisk]) -> list[Check]:
    fw = "HUDERIA"
    u = a.use_case
    heard = [s for s in a.stakeholders if _text(s.said)]
    answered = [s for s in heard if _text(s.response)]
    high = [r for r in risks if r.priority in {"high", "critical"}]
    planned = [r for r in high if r.mitigations]
    owned = [r for r in high if r.owner]
    return [
        _check(
            fw,
            "Context-based risk analysis (COBRA)",
            "met" if u.sector and u.countries and u.affected_people and _text(u.decision_effect) else "partial",
            f"sector: {u.sector or '-'}; countries: {', '.join(u.countries)}; effect: {u.decision_effect}",
            "Risk depends on context: the sector, the people, the legal setting and what the decision does.",
            "Set use_case.sector and describe the decision's effect.",
        ),
        _check(
            fw,
            "Stakeholder engagement process (SEP)",
            "met" if heard and len(answered) == len(heard) else ("partial" if a.stakeholders else "missing"),
            f"{len(a.stakeholders)} consulted, {len(heard)} with their input recorded, {len(answered)} answered",
            "Affected people know harms that designers do not; engagement must change the assessment.",
            "Consult affected people or their representatives; record what they said and what you did about it.",
        ),
        _check(
            fw,
            "Risk and impact assessment (scale, scope, reversibility, probability)",
            "met" if risks else "missing",
            f"{len(risks)} risk(s) scored on the four factors",
            "Without scoring, priorities are a matter of habit.",
            "Register and score the risks.",
        ),
        _check(
            fw,
            "Mitigation plan",
            "met" if len(planned) == len(high) and len(owned) == len(high) else ("partial" if planned else "missing"),
            f"{len(high)} high or critical risk(s): {len(planned)} with mitigations, {len(owned)} with an owner",
            "Every serious risk needs a measure and a person responsible for it.",
            "Choose mitigations and name an owner for every high or critical risk.",
        ),
        _check(
            fw,
            "Iterative revisiting",
            "met" if a.monitoring.reassessment_triggers and a.history else "partial",
            f"{len(a.monitoring.reassessment_triggers)} reassessment trigger(s); {len(a.history)} version(s) recorded",
            "HUDERIA is revisited over the lifecycle, when the system or its context changes.",
            "List reassessment triggers and keep the version history.",
        ),
    ]


def ungps(a: Assessment, risks: list[ScoredRisk]) -> list[Check]:
    fw = "UNGPs"
    engaged = bool(a.stakeholders)
    return [
        _check(
            fw,
            "Identify and assess impacts, with meaningful consultation (UNGP 17, 18)",
            "met" if risks and engaged else ("partial" if risks else "missing"),
            f"{len(risks)} risk(s); {len(a.stakeholders)} stakeholder(s) consulted",
            "Due diligence starts from the actual and potential impacts on people, informed by them.",
            "Register risks and consult potentially affected groups.",
        ),
        _check(
            fw,
            "Integrate findings and take action (UNGP 19)",
            "met"
            if risks and all(r.mitigations for r in risks)
            else ("partial" if any(r.mitigations for r in risks) else "missing"),
            f"{sum(1 for r in risks if r.mitigations)} of {len(risks)} risk(s) with mitigations",
            "Assessment without action is not due diligence.",
            "Choose mitigations for every risk.",
        ),
        _check(
            fw,
            "Track effectiveness (UNGP 20)",
            "met" if a.monitoring.kpis else "missing",
            f"{len(a.monitoring.kpis)} KPI(s) in the monitoring plan",
            "Tracking shows whether the measures work, using qualitative and quantitative indicators.",
            "Add KPIs tied to the risks in monitoring.kpis.",
        ),
        _check(
            fw,
            "Communicate how impacts are addressed (UNGP 21)",
            "met" if a.sign_offs else "missing",
            f"{len(a.sign_offs)} sign-off(s)",
            "Accountability needs a record of who decided what, and a basis for reporting.",
            "Record the sign-offs, with conditions.",
        ),
        _check(
            fw,
            "Remediation and grievance mechanisms (UNGP 22, 29, 31)",
            "met" if _text(a.monitoring.grievance_mechanism) else "missing",
            a.monitoring.grievance_mechanism or "no grievance mechanism described",
            "Where harm occurs, people must be able to raise it and obtain remedy; grievances also feed monitoring.",
            "Describe an accessible, predictable and transparent grievance mechanism "
            "in monitoring.grievance_mechanism.",
        ),
    ]


def check_all(a: Assessment, risks: list[ScoredRisk], screening: list[ScreenedRight]) -> list[Check]:
    return ai_act_article_27(a, risks, screening) + huderia(a, risks) + ungps(a, risks)
