"""``rightscope monitor run``: evaluate an assessment's monitoring plan on what the deployed system left behind.

It computes each KPI of the plan per window from the decision log (group disparities), the grievance
log (volume, time to remedy, unforeseen impacts) and the event log (overrides, appeals, incidents),
compares it with the plan's thresholds, links what it finds to the registered risks and rights, fires
the reassessment triggers, and appends a summary to the monitoring history so that the next run
shows change over time.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from rightscope.assess import Assessment, AssessmentResult
from rightscope.assess.result import KpiResolved
from rightscope.monitor import events as event_log
from rightscope.monitor import grievances as grievance_log
from rightscope.monitor.backends import Backend, parse_backend
from rightscope.monitor.grievances import Grievance
from rightscope.monitor.sources import MonitorInputError

if TYPE_CHECKING:
    from rightscope.monitor import Scan

SCHEMA: Literal["rightscope/monitoring-result/v1"] = "rightscope/monitoring-result/v1"
WindowStatus = Literal["ok", "warn", "breach", "insufficient-data"]
GROUP_METRICS = {
    "selection_rate_ratio": ("selection_rate", "ratio", min),
    "tpr_ratio": ("tpr", "ratio", min),
    "precision_ratio": ("precision", "ratio", min),
    "fpr_ratio": ("fpr", "ratio", max),
    "fnr_difference": ("fnr", "difference", max),
}
EVENT_METRICS = frozenset(
    {
        "human_override_rate",
        "human_review_rate",
        "appeal_rate",
        "appeal_overturn_rate",
        "incident_count",
        "response_time_hours",
    }
)
MIN_DENOMINATOR = 30
GRIEVANCE_METRICS = frozenset({"grievance_volume", "grievance_time_to_remedy_days", "unforeseen_impact_count"})


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WindowValue(_Model):
    window: str
    value: float | None
    status: WindowStatus
    worst_group: str | None = None


class KpiResult(_Model):
    kpi: str
    name: str
    metric: str
    risks: list[str]
    rights: list[str]
    direction: str
    warn: float | None
    breach: float | None
    windows: list[WindowValue]
    status: str
    trend: Literal["improving", "stable", "worsening", "n/a"]
    note: str | None = None


class Finding(_Model):
    id: str
    kind: Literal["kpi-breach", "unforeseen-impact", "grievance-pattern", "safeguard"]
    title: str
    detail: str
    rights: list[str]
    risks: list[str]
    severity: Literal["low", "medium", "high", "critical"]


class Trigger(_Model):
    trigger: str
    reason: str
    fired_on: dt.date


class GrievanceSummary(_Model):
    total: int
    by_right: dict[str, int]
    by_status: dict[str, int]
    by_severity: dict[str, int]
    median_days_to_remedy: float | None
    unforeseen: int
    items: list[Grievance] = Field(description="Per grievance: id, dates, status, rights, risk; text only if allowed.")


class MonitoringResult(_Model):
    schema_: Literal["rightscope/monitoring-result/v1"] = Field(default=SCHEMA, alias="schema")
    assessment: str
    assessment_version: str
    generated: dt.date
    period: dict[str, dt.date | None]
    inputs: dict[str, str | int | None]
    kpis: list[KpiResult]
    findings: list[Finding]
    triggers: list[Trigger]
    grievances: GrievanceSummary | None
    changes_since_last_run: list[str] = Field(default_factory=list)


def window_key(day: dt.date, window: str) -> str:
    if window == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if window == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def status_of(value: float | None, kpi: KpiResolved) -> WindowStatus:
    if value is None:
        return "insufficient-data"
    higher = kpi.direction == "higher-is-better"
    if kpi.breach is not None and (value <= kpi.breach if higher else value >= kpi.breach):
        return "breach"
    if kpi.warn is not None and (value <= kpi.warn if higher else value >= kpi.warn):
        return "warn"
    return "ok"


def trend_of(values: list[float], direction: str) -> Literal["improving", "stable", "worsening", "n/a"]:
    if len(values) < 2:
        return "n/a"
    change = values[-1] - values[0]
    if abs(change) < 0.02 * max(1.0, abs(values[0])):
        return "stable"
    better = change > 0 if direction == "higher-is-better" else change < 0
    return "improving" if better else "worsening"


def _group_kpi(kpi: KpiResolved, scan: Scan, plan: Any, window: str) -> tuple[list[WindowValue], str | None]:
    from rightscope.monitor import group_metrics

    rate, field, pick = GROUP_METRICS[kpi.metric]
    if not kpi.group_columns:
        return [], "no group_columns in the plan for this KPI"
    if rate in {"tpr", "fpr", "fnr", "precision"} and not plan.label:
        return [], "needs a label column (monitoring.decision_log.label or --label)"
    report = group_metrics(
        scan,
        group=kpi.group_columns,
        pred=plan.pred,
        score=plan.score,
        threshold=plan.threshold,
        label=plan.label,
        time=plan.time,
        window=window if plan.time else None,  # type: ignore[arg-type]
        min_group_size=plan.min_group_size,
        reference=_reference(kpi),
    )
    by_window: dict[str, list[tuple[float, str, bool]]] = defaultdict(list)
    for row in report.rows:
        # Each column on its own: intersections of many columns are too small to judge month by month.
        if (row.window is None and plan.time is not None) or (len(row.level) > 1 and len(kpi.group_columns) > 2):
            continue
        estimate = getattr(row, rate)
        if row.suppressed or row.reference or estimate is None:
            continue
        value = getattr(estimate, field)
        if value is None:
            continue
        label = ", ".join(f"{k}={v}" for k, v in row.groups.items())
        small = (estimate.denominator or 0) < MIN_DENOMINATOR
        by_window[window_key(row.window, window) if row.window else "all"].append((float(value), label, small))
    out = []
    for key in sorted(by_window):
        value, group, small = pick(by_window[key], key=lambda item: item[0])
        status = status_of(value, kpi)
        if small and status == "breach":
            # Below about 30 cases a ratio is unstable: a breach is reported as a warning (kpis.yaml).
            status, group = "warn", f"{group} (fewer than {MIN_DENOMINATOR} cases)"
        out.append(WindowValue(window=key, value=round(value, 4), status=status, worst_group=group))
    return out, None


def _reference(kpi: KpiResolved) -> Any:
    """The plan's reference group: a value of the single group column, or COLUMN=VALUE pairs joined by commas."""
    if kpi.reference is None:
        return None
    if "=" not in kpi.reference:
        return kpi.reference if len(kpi.group_columns) == 1 else None
    pairs = [part.split("=", 1) for part in kpi.reference.split(",") if "=" in part]
    return {column.strip(): value.strip() for column, value in pairs}


def evaluate(
    assessment: Assessment,
    result: AssessmentResult,
    *,
    decisions: str | None = None,
    grievances: str | None = None,
    events: str | None = None,
    pred: str | None = None,
    label: str | None = None,
    time: str | None = None,
    window: str | None = None,
    today: dt.date | None = None,
    backend: Backend | str | None = None,
) -> MonitoringResult:
    """Evaluate the monitoring plan of an assessed use case.

    ``backend`` is where the decision log is aggregated: DuckDB by default, or Spark
    (:mod:`rightscope.monitor.backends`).
    """
    from rightscope.assess.schema import DecisionLog

    engine = backend if isinstance(backend, Backend) else parse_backend(backend)
    plan = assessment.monitoring.decision_log or DecisionLog()
    plan = plan.model_copy(update={k: v for k, v in {"pred": pred, "label": label, "time": time}.items() if v})
    step = window or plan.window
    if decisions is not None and plan.pred is None and plan.score is None:
        raise MonitorInputError("--pred", "the decision column is not set: give --pred or monitoring.decision_log.pred")
    registered: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for risk in result.risks:
        registered[risk.right].append((risk.id, risk.priority))
    items: list[Grievance] = []
    if grievances is not None:
        rows = grievance_log.read(grievances)
        items = grievance_log.classify(rows, registered, keep_text=assessment.monitoring.free_text_in_reports)
    event_rows = event_log.read(events) if events is not None else []
    # Each KPI is computed at its own cadence (monthly, quarterly ...) unless --window says otherwise.
    steps = {
        kpi.kpi: window or {"weekly": "week", "monthly": "month", "quarterly": "quarter"}.get(kpi.cadence, step)
        for kpi in result.monitoring
    }
    scan = _scan(decisions, plan, result, {step, *steps.values()}, engine) if decisions is not None else None

    def decision_counts(size: str) -> dict[str, int]:
        """Decisions per window, for the safeguard rates."""
        if scan is None or plan.time is None:
            return {}
        return {window_key(start, size): n for start, n in scan.window_counts(size).items()}  # type: ignore[arg-type]

    kpis = []
    for kpi in result.monitoring:
        counts = decision_counts(steps[kpi.kpi])
        kpis.append(_evaluate_kpi(kpi, scan, plan, steps[kpi.kpi], items, event_rows, counts))
    findings = _findings(kpis, items, result)
    days = [g.received for g in items] + [e["day"] for e in event_rows]
    generated = today or dt.date.today()
    triggers = _triggers(assessment, kpis, findings, generated)
    return MonitoringResult(
        assessment=assessment.id,
        assessment_version=assessment.version,
        generated=generated,
        period={"start": min(days) if days else None, "end": max(days) if days else None},
        inputs={
            "decisions": decisions,
            "grievances": grievances,
            "events": events,
            "window": step,
            "decision_rows": sum(decision_counts(step).values()) if decisions is not None else None,
        },
        kpis=kpis,
        findings=findings,
        triggers=triggers,
        grievances=_summary(items) if grievances else None,
    )


def _scan(decisions: str, plan: Any, result: AssessmentResult, steps: set[str], backend: Backend) -> Scan:
    """The decision log read once for every KPI: by all their group columns, and by month or by day.

    Days when a KPI has weekly windows, since weeks do not divide months.
    """
    from rightscope.monitor import scan_decisions

    groups: list[str] = []
    for kpi in result.monitoring:
        if kpi.metric in GROUP_METRICS:
            groups.extend(c for c in kpi.group_columns if c not in groups)
    return scan_decisions(
        decisions,
        group=groups,
        pred=plan.pred,
        score=plan.score,
        threshold=plan.threshold,
        label=plan.label,
        time=plan.time,
        grain="day" if "week" in steps else "month",
        backend=backend,
    )


def _evaluate_kpi(
    kpi: KpiResolved,
    scan: Scan | None,
    plan: Any,
    step: str,
    items: list[Grievance],
    event_rows: list[dict[str, Any]],
    decision_counts: dict[str, int],
) -> KpiResult:
    windows: list[WindowValue] = []
    note: str | None = None
    if kpi.metric in GROUP_METRICS:
        if scan is None:
            note = "no decision log given"
        else:
            windows, note = _group_kpi(kpi, scan, plan, step)
    elif kpi.metric in EVENT_METRICS:
        if not event_rows:
            note = "no event log given"
        else:
            by_window: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for e in event_rows:
                by_window[window_key(e["day"], step)].append(e)
            name = "serious_incident_count" if kpi.kpi.startswith("serious") else kpi.metric
            for key in sorted(by_window):
                value = event_log.safeguard_values(by_window[key], decision_counts.get(key))[name]
                windows.append(WindowValue(window=key, value=value, status=status_of(value, kpi)))
    elif kpi.metric in GRIEVANCE_METRICS:
        if not items:
            note = "no grievance log given"
        else:
            windows = _grievance_windows(kpi, items, step)
    else:
        note = f"metric {kpi.metric!r} is not computed from logs; record it by hand in the next review"
    values = [w.value for w in windows if w.value is not None]
    statuses = [w.status for w in windows]
    latest = next((w.status for w in reversed(windows) if w.status != "insufficient-data"), "insufficient-data")
    overall = "not-computed" if note and not windows else ("breach" if "breach" in statuses[-3:] else latest)
    return KpiResult(
        kpi=kpi.kpi,
        name=kpi.name,
        metric=kpi.metric,
        risks=kpi.risks,
        rights=kpi.rights,
        direction=kpi.direction,
        warn=kpi.warn,
        breach=kpi.breach,
        windows=windows,
        status=overall,
        trend=trend_of(values, kpi.direction),
        note=note,
    )


def _grievance_windows(kpi: KpiResolved, items: list[Grievance], step: str) -> list[WindowValue]:
    by_window: dict[str, list[Grievance]] = defaultdict(list)
    for g in items:
        by_window[window_key(g.received, step)].append(g)
    keys = sorted(by_window)
    out = []
    for key in keys:
        group = by_window[key]
        if kpi.metric == "grievance_volume":
            value: float | None = float(len(group))
            baseline = len(by_window[keys[0]])
            if baseline and kpi.breach is not None and kpi.breach < 10:  # a ratio-to-baseline threshold
                value = len(group) / baseline
        elif kpi.metric == "unforeseen_impact_count":
            value = float(sum(1 for g in group if g.unforeseen))
        else:
            value = grievance_log.median_days(group)
        out.append(WindowValue(window=key, value=value, status=status_of(value, kpi)))
    return out


def _findings(kpis: list[KpiResult], items: list[Grievance], result: AssessmentResult) -> list[Finding]:
    findings: list[Finding] = []
    priorities = {r.id: r.priority for r in result.risks}
    for k in kpis:
        breaches = [w for w in k.windows if w.status == "breach"]
        if not breaches:
            continue
        first = breaches[0]
        worst = max(
            (priorities.get(r, "medium") for r in k.risks), key=grievance_log.PRIORITY_ORDER.index, default="high"
        )
        detail = f"{k.name}: {first.value} in {first.window}" + (f" ({first.worst_group})" if first.worst_group else "")
        detail += f", beyond the breach threshold {k.breach}; breached in {len(breaches)} of {len(k.windows)} windows."
        findings.append(
            Finding(
                id=f"F{len(findings) + 1}",
                kind="kpi-breach",
                title=f"{k.name} breached from {first.window}",
                detail=detail,
                rights=k.rights,
                risks=k.risks,
                severity=worst,
            )
        )
    unforeseen: dict[str, list[Grievance]] = defaultdict(list)
    for g in items:
        if g.unforeseen and g.rights:
            unforeseen[g.rights[0]].append(g)
    for right, group in sorted(unforeseen.items(), key=lambda item: -len(item[1])):
        findings.append(
            Finding(
                id=f"F{len(findings) + 1}",
                kind="unforeseen-impact",
                title=f"Grievances engage {right}, which the assessment did not register",
                detail=f"{len(group)} grievance(s) ({', '.join(g.id for g in group[:10])}) are about {right}; "
                "no registered risk covers it. Reassess: register the risk or record why it is not one.",
                rights=[right],
                risks=[],
                severity="high" if len(group) < 5 else "critical",
            )
        )
    by_risk = Counter(g.risk for g in items if g.risk)
    for risk, count in by_risk.most_common():
        if count >= 3:
            findings.append(
                Finding(
                    id=f"F{len(findings) + 1}",
                    kind="grievance-pattern",
                    title=f"{count} grievances about risk {risk}",
                    detail=f"{count} grievances match registered risk {risk}; check whether its mitigations work.",
                    rights=sorted({r for g in items if g.risk == risk for r in g.rights[:1]}),
                    risks=[risk],
                    severity=priorities.get(risk, "medium"),
                )
            )
    return findings


def _triggers(a: Assessment, kpis: list[KpiResult], findings: list[Finding], today: dt.date) -> list[Trigger]:
    fired = []
    plans = {p.kpi: p for p in a.monitoring.kpis}
    for k in kpis:
        if k.status == "breach":
            text = plans[k.kpi].trigger if k.kpi in plans and plans[k.kpi].trigger else f"{k.name} breached"
            fired.append(Trigger(trigger=text, reason=f"{k.name} is in breach (latest windows)", fired_on=today))
    for f in findings:
        if f.kind == "unforeseen-impact":
            fired.append(Trigger(trigger="Unforeseen impact: reassess the use case", reason=f.title, fired_on=today))
    return fired


def _summary(items: list[Grievance]) -> GrievanceSummary:
    return GrievanceSummary(
        total=len(items),
        by_right=dict(Counter(g.rights[0] for g in items if g.rights).most_common()),
        by_status={s: sum(1 for g in items if g.status == s) for s in grievance_log.STATUSES},
        by_severity={s: sum(1 for g in items if g.severity == s) for s in grievance_log.PRIORITY_ORDER},
        median_days_to_remedy=grievance_log.median_days(items),
        unforeseen=sum(1 for g in items if g.unforeseen),
        items=items,
    )


def write(result: MonitoringResult, out: Path) -> tuple[MonitoringResult, list[Path]]:
    """Write the result and append to the monitoring history.

    Returns the result as written, with what changed since the last run, and the files written.
    """
    out.mkdir(parents=True, exist_ok=True)
    history = out / "history.jsonl"
    previous = _last_entry(history)
    changes = _changes(previous, result) if previous else []
    result = result.model_copy(update={"changes_since_last_run": changes})
    path = out / "monitoring-result.json"
    path.write_text(json.dumps(result.model_dump(mode="json", by_alias=True), indent=2, ensure_ascii=False) + "\n")
    entry = {
        "generated": result.generated.isoformat(),
        "assessment": result.assessment,
        "version": result.assessment_version,
        "period": {k: str(v) for k, v in result.period.items()},
        "kpis": {
            k.kpi: {"status": k.status, "latest": k.windows[-1].value if k.windows else None} for k in result.kpis
        },
        "findings": len(result.findings),
        "triggers": len(result.triggers),
    }
    with history.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry) + "\n")
    return result, [path, history]


def _last_entry(history: Path) -> dict[str, Any] | None:
    if not history.exists():
        return None
    lines = [line for line in history.read_text(encoding="utf-8").splitlines() if line.strip()]
    try:
        return json.loads(lines[-1]) if lines else None
    except json.JSONDecodeError:
        return None


def _changes(previous: dict[str, Any], result: MonitoringResult) -> list[str]:
    changes = []
    before = previous.get("kpis", {})
    for k in result.kpis:
        old = before.get(k.kpi)
        new_latest = k.windows[-1].value if k.windows else None
        if old is None:
            changes.append(f"{k.name}: new in this run ({k.status})")
        elif old["status"] != k.status:
            changes.append(f"{k.name}: {old['status']} -> {k.status}")
        elif old.get("latest") is not None and new_latest is not None and old["latest"] != new_latest:
            changes.append(f"{k.name}: latest value {old['latest']} -> {new_latest}")
    if previous.get("findings") != len(result.findings):
        changes.append(f"findings: {previous.get('findings')} -> {len(result.findings)}")
    return changes
