"""Exports for authorities and tools: the FRIA notification, the risk register as CSV, OSCAL assessment results.

- :func:`fria_notification`: the results of the fundamental rights impact assessment that a deployer
  notifies to the market surveillance authority under EU AI Act Art. 27(3), structured by the elements
  of Art. 27(1)(a)-(f) (``schema: rightscope/fria-notification/v1``). The AI Office's questionnaire
  template (Art. 27(5)) is not in Rightscope's sources; when it is published, its fields should be
  mapped from this file.
- :func:`risk_register_csv`: one row per risk, computed and final values side by side.
- :func:`oscal_assessment_results`: an OSCAL 1.1.2 ``assessment-results`` document: metadata with the
  deployer, provider and signatories; ``import-ap`` pointing to the assessment file in back-matter; one
  result with an observation per risk, stakeholder consultation and completeness check, a risk per
  registered risk (severity, likelihood and priority as facets, mitigations as mitigating factors) and a
  finding per completeness check; and, with a monitoring result, a second result with its findings.
  UUIDs are version-5 UUIDs derived from the assessment id, so that re-exports are stable.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from typing import Any

from rightscope.assess.result import AssessmentResult
from rightscope.report.context import ReportContext

FRIA_SCHEMA = "rightscope/fria-notification/v1"
OSCAL_VERSION = "1.1.2"
OSCAL_NS = "https://rightscope.invalid/ns/oscal"
_UUID_ROOT = uuid.uuid5(uuid.NAMESPACE_URL, "https://rightscope.invalid/oscal")
ART_27_POINTS = ("a", "b", "c", "d", "e", "f")
HUMAN_OVERSIGHT_ARTICLES = {"14", "26"}
RISK_REGISTER_COLUMNS = (
    "id",
    "right",
    "right_name",
    "harm_pattern",
    "scenario",
    "affected_groups",
    "scale",
    "scope",
    "remediability",
    "likelihood",
    "computed_severity",
    "severity",
    "final_likelihood",
    "score",
    "computed_priority",
    "priority",
    "overrides",
    "involvement",
    "mitigations",
    "residual_likelihood",
    "residual_severity",
    "residual_score",
    "residual_priority",
    "owner",
    "citations",
)


def risk_register_csv(result: AssessmentResult) -> str:
    """The risk register as CSV: one row per risk, with overrides as 'field: computed -> override (rationale)'."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=RISK_REGISTER_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in result.risks:
        row = r.model_dump(mode="json")
        row["affected_groups"] = ";".join(r.affected_groups)
        row["mitigations"] = ";".join(r.mitigations)
        row["citations"] = ";".join(c.provision for c in r.citations)
        row["overrides"] = "; ".join(
            f"{k}: {v['computed']} -> {v['override']} ({v['rationale']})" for k, v in r.overrides.items()
        )
        writer.writerow({k: row[k] for k in RISK_REGISTER_COLUMNS})
    return out.getvalue()


def _art27_checks(ctx: ReportContext) -> dict[str, str]:
    group = next(g for g in ctx.checks if g.framework == "EU AI Act Art. 27")
    return {c.requirement[1]: c.status for c in group.checks if c.requirement.startswith("(")}


def fria_notification(ctx: ReportContext, contact: str | None = None) -> dict[str, Any]:
    """The Art. 27(3) notification content: the FRIA's results under the elements of Art. 27(1)(a)-(f)."""
    u = ctx.use_case
    status = _art27_checks(ctx)
    checks = next(g for g in ctx.checks if g.framework == "EU AI Act Art. 27").checks
    requirement = {c.requirement[1]: c.requirement[4:] for c in checks if c.requirement.startswith("(")}
    oversight = [
        {"id": m.id, "name": m.name, "status": m.status, "eu_ai_act": m.eu_ai_act}
        for m in ctx.mitigations
        if HUMAN_OVERSIGHT_ARTICLES & set(m.eu_ai_act)
    ]
    elements: dict[str, Any] = {
        "a": {"processes": u.processes, "purpose": u.purpose},
        "b": {"period_of_use": u.period_of_use, "frequency": u.frequency},
        "c": {
            "affected_people": [p.model_dump(mode="json") for p in u.affected_people],
            "people_per_year": u.people_per_year,
        },
        "d": {
            "risks": [
                {
                    "id": r.id,
                    "right": r.right,
                    "right_name": r.right_name,
                    "scenario": r.scenario,
                    "affected_groups": r.affected_groups,
                    "severity": r.severity,
                    "likelihood": r.likelihood,
                    "priority": r.priority,
                    "overrides": [o.model_dump(mode="json") for o in r.overrides],
                    "residual_priority": r.residual_priority,
                    "provisions": r.citations,
                }
                for r in ctx.risks
            ],
        },
        "e": {"human_oversight": u.human_oversight, "automation": u.automation, "oversight_measures": oversight},
        "f": {
            "mitigations": [
                {
                    "id": m.id,
                    "name": m.name,
                    "status": m.status,
                    "owner": m.owner,
                    "due": m.due.isoformat() if m.due else None,
                    "risks": m.risks,
                }
                for m in ctx.mitigations
            ],
            "internal_governance": {
                "risk_owners": {r.id: r.owner for r in ctx.risks},
                "monitoring": [
                    {"kpi": k.kpi, "name": k.name, "breach": k.breach, "cadence": k.cadence, "on_breach": k.trigger}
                    for k in ctx.monitoring_plan.kpis
                ],
                "reassessment_triggers": ctx.monitoring_plan.reassessment_triggers,
            },
            "complaint_mechanism": ctx.monitoring_plan.grievance_mechanism,
        },
    }
    return {
        "schema": FRIA_SCHEMA,
        "legal_basis": {
            "act": "Regulation (EU) 2024/1689 (Artificial Intelligence Act)",
            "article": "Art. 27(3)",
            "summary": (
                "Once the fundamental rights impact assessment of Art. 27(1) has been performed, the deployer "
                "notifies the market surveillance authority of its results, with the AI Office's template (Art. "
                "27(5)). In the case of Art. 46(1) deployers may be exempt from notifying."
            ),
            "template_note": (
                "The AI Office questionnaire template of Art. 27(5) is not in Rightscope's sources; this file follows "
                "the elements of Art. 27(1)(a)-(f). Map it to the template's fields when the template is available."
            ),
            "dpia_note": (
                "Art. 27(4): where an obligation is already met by the data protection impact assessment under "
                "GDPR Art. 35, this assessment complements it."
            ),
        },
        "generated": ctx.meta.generated.isoformat(),
        "assessment": {
            "id": ctx.meta.assessment,
            "version": ctx.meta.version,
            "title": ctx.meta.title,
            "history": [h.model_dump(mode="json") for h in ctx.history],
        },
        "deployer": {"name": u.deployer, "contact": contact},
        "provider": {"name": u.provider} if u.provider else None,
        "system": {
            "technology": u.technology,
            "sector": u.sector_name,
            "annex_iii": u.annex_iii,
            "lifecycle_stage": u.lifecycle_stage,
            "automation": u.automation,
            "decision_effect": u.decision_effect,
        },
        "member_states": [{"code": c.code, "name": c.name} for c in ctx.countries],
        "elements": [
            {
                "point": f"Art. 27(1)({p})",
                "requirement": requirement.get(p, ""),
                "status": status.get(p, "missing"),
                "content": elements[p],
            }
            for p in ART_27_POINTS
        ],
        "completeness": {"met": sum(s == "met" for s in status.values()), "total": len(ART_27_POINTS)},
        "sign_offs": [s.model_dump(mode="json") for s in ctx.sign_offs],
    }


def _uuid(ctx: ReportContext, *parts: str) -> str:
    return str(uuid.uuid5(_UUID_ROOT, "/".join((ctx.meta.assessment, *parts))))


def _prop(name: str, value: object) -> dict[str, str]:
    return {"name": name, "ns": OSCAL_NS, "value": str(value)}


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _day(value: dt.date) -> str:
    return f"{value.isoformat()}T00:00:00Z"


def _token(value: str) -> str:
    cleaned = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "-" for c in value)
    return cleaned if cleaned[:1].isalpha() else f"x-{cleaned}"


def oscal_assessment_results(ctx: ReportContext, now: dt.datetime | None = None) -> dict[str, Any]:
    """An OSCAL 1.1.2 assessment-results document for the assessment (and its monitoring result, if any)."""
    now = now or dt.datetime.now(dt.UTC)
    u = ctx.use_case
    deployer = _uuid(ctx, "party", "deployer")
    parties = [{"uuid": deployer, "type": "organization", "name": u.deployer}]
    responsible = [{"role-id": "deployer", "party-uuids": [deployer]}]
    roles = [{"id": "deployer", "title": "Deployer"}]
    if u.provider:
        provider = _uuid(ctx, "party", "provider")
        parties.append({"uuid": provider, "type": "organization", "name": u.provider})
        responsible.append({"role-id": "provider", "party-uuids": [provider]})
        roles.append({"id": "provider", "title": "Provider"})
    signatories = []
    for s in ctx.sign_offs:
        party = _uuid(ctx, "party", "sign-off", s.name)
        parties.append({"uuid": party, "type": "person", "name": s.name})
        signatories.append(party)
    if signatories:
        roles.append({"id": "approver", "title": "Approver"})
        responsible.append({"role-id": "approver", "party-uuids": signatories})
    plan = _uuid(ctx, "resource", "assessment-file")
    start = min([h.date for h in ctx.history] + [s.date for s in ctx.sign_offs], default=now.date())

    observations: list[dict[str, Any]] = []
    risks: list[dict[str, Any]] = []
    mitigations = {m.id: m for m in ctx.mitigations}
    for r in ctx.risks:
        observation = _uuid(ctx, "observation", "risk", r.id)
        observations.append(
            {
                "uuid": observation,
                "title": f"{r.id}: {r.right_name}",
                "description": r.scenario,
                "props": [_prop("risk-id", r.id), _prop("right", r.right)],
                "methods": ["EXAMINE"],
                "types": ["finding"],
                "relevant-evidence": [{"description": r.evidence}] if r.evidence else [{"description": r.scenario}],
                "collected": _stamp(now),
            }
        )
        facets = {
            "right": r.right,
            "scale": r.scale,
            "scope": r.scope,
            "remediability": r.remediability,
            "computed-severity": r.computed_severity,
            "severity": r.severity,
            "likelihood": r.likelihood,
            "score": r.score,
            "computed-priority": r.computed_priority,
            "priority": r.priority,
            "residual-priority": r.residual_priority,
            "involvement": r.involvement,
        }
        risk: dict[str, Any] = {
            "uuid": _uuid(ctx, "risk", r.id),
            "title": f"{r.id}: risk to the {r.right_name[0].lower() + r.right_name[1:]}",
            "description": r.scenario,
            "statement": (
                f"Priority {r.priority} (severity {r.severity}, likelihood {r.likelihood}, score {r.score}); "
                f"residual priority {r.residual_priority}. {r.expected_action} Provisions: {', '.join(r.citations)}."
            ),
            "props": [_prop("risk-id", r.id), *[_prop("provision", c) for c in r.citations]],
            "status": "remediating" if r.mitigations else "open",
            "characterizations": [
                {
                    "origin": {"actors": [{"type": "party", "actor-uuid": deployer}]},
                    "facets": [{"name": k, "system": OSCAL_NS, "value": str(v)} for k, v in facets.items()],
                }
            ],
        }
        if r.overrides:
            risk["statement"] += " " + " ".join(
                f"Assessor override of {o.field}: computed {o.computed}, set to {o.override}. {o.rationale}"
                for o in r.overrides
            )
        if r.mitigations:
            risk["mitigating-factors"] = [
                {
                    "uuid": _uuid(ctx, "mitigation", r.id, m),
                    "description": f"{mitigations[m].name} ({mitigations[m].status}): {mitigations[m].description}",
                    "props": [_prop("mitigation-id", m), _prop("status", mitigations[m].status)],
                }
                for m in r.mitigations
            ]
        risks.append(risk)
    for i, st in enumerate(ctx.stakeholders):
        observations.append(
            {
                "uuid": _uuid(ctx, "observation", "stakeholder", str(i)),
                "title": f"Consultation: {st.who}",
                "description": " ".join(
                    x for x in (st.said and f"Said: {st.said}", st.response and f"Response: {st.response}") if x
                )
                or st.who,
                "methods": ["INTERVIEW"],
                "collected": _day(st.date) if st.date else _stamp(now),
            }
        )
    findings = []
    for g in ctx.checks:
        for i, c in enumerate(g.checks):
            observation = _uuid(ctx, "observation", "check", g.framework, str(i))
            observations.append(
                {
                    "uuid": observation,
                    "title": f"{g.framework}: {c.requirement}",
                    "description": c.found or "-",
                    "methods": ["EXAMINE"],
                    "types": ["control-objective"],
                    "collected": _stamp(now),
                }
            )
            finding: dict[str, Any] = {
                "uuid": _uuid(ctx, "finding", "check", g.framework, str(i)),
                "title": f"{g.framework}: {c.requirement}",
                "description": c.why_it_matters + (f" To do: {c.fix}" if c.fix else ""),
                "props": [_prop("completeness", c.status)],
                "target": {
                    "type": "objective-id",
                    "target-id": _token(f"{g.framework}-{i + 1}".lower().replace(" ", "-")),
                    "title": c.requirement,
                    "status": {"state": "satisfied" if c.status == "met" else "not-satisfied"},
                },
                "related-observations": [{"observation-uuid": observation}],
            }
            if c.requirement.startswith("(d)") and risks:
                finding["related-risks"] = [{"risk-uuid": r["uuid"]} for r in risks]
            findings.append(finding)
    result: dict[str, Any] = {
        "uuid": _uuid(ctx, "result", ctx.meta.version),
        "title": f"Human rights impact assessment, version {ctx.meta.version}",
        "description": (
            f"Ex-ante human rights impact assessment (HRIA/FRIA) of: {ctx.meta.title}. {len(ctx.risks)} risks "
            f"registered, impact level {ctx.summary.impact_level}; {ctx.summary.checks_met} of "
            f"{ctx.summary.checks_total} completeness checks (EU AI Act Art. 27, HUDERIA, UNGPs) met."
        ),
        "start": _day(start),
        "end": _stamp(now),
        "props": [_prop("impact-level", ctx.summary.impact_level), _prop("risks", len(ctx.risks))],
        "reviewed-controls": {
            "description": "EU AI Act Art. 27(1)(a)-(f), HUDERIA and the UN Guiding Principles due-diligence steps, "
            "and the rights at stake.",
            "control-selections": [{"include-all": {}}],
        },
        "observations": observations,
        "risks": risks,
        "findings": findings,
    }
    if ctx.sign_offs:
        result["attestations"] = [
            {
                "responsible-parties": [{"role-id": "approver", "party-uuids": signatories}],
                "parts": [
                    {
                        "name": "sign-off",
                        "title": f"{s.name}, {s.role} ({s.date.isoformat()})",
                        "prose": s.decision + (f": {s.conditions}" if s.conditions else ""),
                    }
                    for s in ctx.sign_offs
                ],
            }
        ]
    results = [result]
    if ctx.monitoring is not None:
        results.append(_monitoring_result(ctx, now))
    return {
        "assessment-results": {
            "uuid": _uuid(ctx, "assessment-results", ctx.meta.version),
            "metadata": {
                "title": f"Human rights impact assessment results: {ctx.meta.title}",
                "last-modified": _stamp(now),
                "version": ctx.meta.version,
                "oscal-version": OSCAL_VERSION,
                "props": [_prop("assessment-id", ctx.meta.assessment), _prop("generator", "rightscope")],
                "roles": roles,
                "parties": parties,
                "responsible-parties": responsible,
            },
            "import-ap": {
                "href": f"#{plan}",
                "remarks": "No OSCAL assessment plan: the plan is the Rightscope assessment file (back-matter).",
            },
            "results": results,
            "back-matter": {
                "resources": [
                    {
                        "uuid": plan,
                        "title": f"Rightscope assessment file {ctx.meta.assessment}, version {ctx.meta.version}",
                        "description": "The assessment file (schema rightscope/assessment/v1) that served as the plan.",
                        "props": [_prop("assessment-id", ctx.meta.assessment)],
                    }
                ]
            },
        }
    }


def _monitoring_result(ctx: ReportContext, now: dt.datetime) -> dict[str, Any]:
    mon = ctx.monitoring
    assert mon is not None
    observations = []
    for k in mon.kpis:
        values = "; ".join(f"{w.window}: {w.value} ({w.status})" for w in k.windows)
        observations.append(
            {
                "uuid": _uuid(ctx, "monitoring", str(mon.period_start), "kpi", k.kpi),
                "title": f"KPI {k.name}",
                "description": f"Status {k.status}, trend {k.trend}. {values}",
                "props": [_prop("kpi", k.kpi), _prop("kpi-status", k.status)],
                "methods": ["TEST"],
                "collected": _day(mon.period_end or mon.generated),
            }
        )
    findings = [
        {
            "uuid": _uuid(ctx, "monitoring", str(mon.period_start), "finding", f.id),
            "title": f.title,
            "description": f.detail,
            "props": [_prop("kind", f.kind), _prop("severity", f.severity), *[_prop("right", r) for r in f.rights]],
            "target": {
                "type": "objective-id",
                "target-id": _token(f"monitoring-{f.kind}"),
                "status": {"state": "not-satisfied"},
            },
        }
        for f in mon.findings
    ]
    result: dict[str, Any] = {
        "uuid": _uuid(ctx, "monitoring", str(mon.period_start), str(mon.period_end)),
        "title": f"Monitoring {mon.period_start or '-'} to {mon.period_end or '-'}",
        "description": (
            f"Ex-post monitoring: {len(mon.kpis)} KPIs, {len(mon.findings)} findings, {len(mon.triggers)} triggers "
            f"fired, {mon.grievances.total} grievances."
        ),
        "start": _day(mon.period_start or mon.generated),
        "end": _day(mon.period_end or mon.generated),
        "reviewed-controls": {"control-selections": [{"include-all": {}}]},
    }
    if observations:
        result["observations"] = observations
    if findings:
        result["findings"] = findings
    return result
