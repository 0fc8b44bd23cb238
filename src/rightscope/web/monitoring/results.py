"""What the run and deployment pages show of a monitoring result, and its charts.

A result (``rightscope/monitoring-result/v1``) names the rights and risks behind each KPI and finding
by id. The pages show each right by its name in the knowledge base, cited with the provisions the
assessment's screening found applicable in the deployment countries (or, for a right the assessment
did not screen, its anchors in the Universal Declaration), and each risk with the citations the
assessment's risk register gives it: nothing that the knowledge base and the assessment do not hold.
The charts are :func:`rightscope.report.charts.trend_line`, the same SVG as in the monitoring report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from rightscope import law
from rightscope.assess import AssessmentResult
from rightscope.report import charts
from rightscope.web.monitoring.models import MonitoringRun

CITATIONS_SHOWN = 4


@dataclass(frozen=True)
class CitedRight:
    id: str
    name: str
    citations: list[str]


@dataclass(frozen=True)
class CitedRisk:
    id: str
    right: str
    priority: str
    citations: list[str]


@dataclass
class Citer:
    """Rights and risks by id, with their citations, from the knowledge base and the assessment's result."""

    assessed: AssessmentResult | None
    _rights: dict[str, CitedRight] = field(default_factory=dict)

    def right(self, right_id: str) -> CitedRight:
        if right_id not in self._rights:
            self._rights[right_id] = self._cite_right(right_id)
        return self._rights[right_id]

    def _cite_right(self, right_id: str) -> CitedRight:
        known = law.load().rights.get(right_id)
        if known is None:
            return CitedRight(right_id, right_id, [])
        screened = next((s for s in self.assessed.screening if s.right == right_id), None) if self.assessed else None
        if screened is not None:
            cited = [c.citation for c in screened.citations if c.citation][:CITATIONS_SHOWN]
        else:
            cited = [law.cite(f"udhr:{article}") for article in known.udhr]
        return CitedRight(known.id, known.name, cited)

    def rights(self, ids: list[str]) -> list[CitedRight]:
        return [self.right(r) for r in ids]

    def risks(self, ids: list[str]) -> list[CitedRisk]:
        registered = {r.id: r for r in self.assessed.risks} if self.assessed else {}
        out = []
        for risk_id in ids:
            risk = registered.get(risk_id)
            if risk is None:
                out.append(CitedRisk(risk_id, "", "", []))
            else:
                cited = [c.citation for c in risk.citations if c.citation][:CITATIONS_SHOWN]
                out.append(CitedRisk(risk.id, risk.right_name, risk.priority, cited))
        return out


def _svg(text: str) -> SafeString:
    # The SVG is written by rightscope.report.charts, which escapes every text it puts in.
    return mark_safe(text)


def _chart_id(prefix: str, kpi: str) -> str:
    return prefix + "-" + "".join(c if c.isalnum() else "-" for c in kpi)


def latest(kpi: dict[str, Any]) -> dict[str, Any] | None:
    """The KPI's last window with a value."""
    return next((w for w in reversed(kpi["windows"]) if w["value"] is not None), None)


def run_view(run: MonitoringRun, assessed: AssessmentResult | None) -> dict[str, Any]:
    """The template's view of a finished run: KPIs with citations and charts, disparities, findings, triggers."""
    from rightscope.monitor.run import GROUP_METRICS

    result: dict[str, Any] = run.result or {}
    citer = Citer(assessed)
    kpis = []
    for k in result.get("kpis", []):
        points = [charts.TrendPoint(w["window"], w["value"], w["status"]) for w in k["windows"]]
        chart = (
            _svg(
                charts.trend_line(
                    k["name"], points, k["warn"], k["breach"], gettext, _chart_id("trend", k["kpi"]), k["trend"]
                )
            )
            if points
            else None
        )
        kpis.append(
            {
                **k,
                "latest": latest(k),
                "cited_rights": citer.rights(k["rights"]),
                "cited_risks": citer.risks(k["risks"]),
                "chart": chart,
                "disparity": k["metric"] in GROUP_METRICS,
            }
        )
    findings = [
        {**f, "cited_rights": citer.rights(f["rights"]), "cited_risks": citer.risks(f["risks"])}
        for f in result.get("findings", [])
    ]
    grievances = result.get("grievances")
    by_right = []
    if grievances:
        by_right = [(citer.right(r), n) for r, n in grievances["by_right"].items()]
    return {
        "result": result,
        "kpis": kpis,
        "disparities": [k for k in kpis if k["disparity"] and k["windows"]],
        "findings": [f for f in findings if f["kind"] != "unforeseen-impact"],
        "unforeseen": [f for f in findings if f["kind"] == "unforeseen-impact"],
        "triggers": result.get("triggers", []),
        "grievances": grievances,
        "grievances_by_right": by_right,
    }


def summary(run: MonitoringRun) -> dict[str, Any]:
    """Key numbers of a run for the deployment's history."""
    result = run.result or {}
    kpis = result.get("kpis", [])
    return {
        "breaches": sum(1 for k in kpis if k["status"] == "breach"),
        "warnings": sum(1 for k in kpis if k["status"] == "warn"),
        "kpis": len(kpis),
        "findings": len(result.get("findings", [])),
        "triggers": len(result.get("triggers", [])),
        "rows": (result.get("inputs") or {}).get("decision_rows"),
        "period": result.get("period") or {},
    }


def run_label(run: MonitoringRun) -> str:
    return f"#{run.pk} {run.created:%Y-%m-%d}"


def trends_across_runs(runs: list[MonitoringRun]) -> list[dict[str, Any]]:
    """Per KPI, its latest value in each finished run (oldest first), as a trend chart."""
    from rightscope.monitor.run import trend_of

    done = [r for r in sorted(runs, key=lambda r: r.pk) if r.state == MonitoringRun.State.DONE and r.result]
    if len(done) < 2:
        return []
    names: dict[str, dict[str, Any]] = {}
    for run in done:
        for k in run.result["kpis"]:  # type: ignore[index]
            names.setdefault(k["kpi"], k)
    out = []
    for kpi_id, first in names.items():
        points = []
        for run in done:
            k = next((k for k in run.result["kpis"] if k["kpi"] == kpi_id), None)  # type: ignore[index]
            last = latest(k) if k else None
            points.append(
                charts.TrendPoint(
                    run_label(run),
                    last["value"] if last else None,
                    last["status"] if last else "insufficient-data",
                )
            )
        values = [p.value for p in points if p.value is not None]
        if not values:
            continue
        trend = trend_of(values, first["direction"])
        chart = charts.trend_line(
            first["name"], points, first["warn"], first["breach"], gettext, _chart_id("runs", kpi_id), trend
        )
        out.append({"kpi": kpi_id, "name": first["name"], "trend": trend, "chart": _svg(chart)})
    return out
