"""``rightscope init`` and ``rightscope assess``: ex-ante human rights impact assessment files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from rightscope.cli._output import FormatOption, OutputFormat, console, error_console, fail, print_json, user_errors

if TYPE_CHECKING:  # imported lazily at run time: the CLI starts fast
    from rightscope.assess import AssessmentResult

_PRIORITY = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "green"}
_STATUS = {"met": "green", "partial": "yellow", "missing": "red"}


@user_errors
def init(
    template: str | None = typer.Option(None, "--template", "-t", help="A sector template (see --list)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write here instead of standard output."),
    interactive: bool = typer.Option(False, "--interactive", "-i", help="Ask the questions in the terminal."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing --out file."),
    list_templates: bool = typer.Option(False, "--list", help="List the sector templates."),
) -> None:
    """Write a commented starter assessment file."""
    from rightscope.assess.library import load_library
    from rightscope.assess.templates import ask, starter

    library = load_library()
    if list_templates:
        table = Table(title="Sector templates")
        for column in ("template", "name", "EU AI Act", "risks"):
            table.add_column(column, overflow="fold")
        for s in library.sectors.values():
            table.add_row(s.id, s.name, s.eu_ai_act_high_risk or "-", str(len(s.risks)))
        console.print(table)
        return
    sector = library.sector(template) if template else None
    if out is not None and out.exists() and not force:
        raise fail(f"--out: {out} exists; choose another file or add --force to overwrite it")
    answers = ask(typer.prompt, sector) if interactive else None
    text = starter(template, answers)
    if out is None:
        typer.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    error_console.print(f"wrote {out}; next: rightscope assess {out}")


@user_errors
def assess(
    file: Path = typer.Argument(..., help="The assessment file (YAML or JSON, schema rightscope/assessment/v1)."),
    out: Path | None = typer.Option(None, "--out", help="Write assessment-result.json and risk-register.csv here."),
    output: OutputFormat = FormatOption,
) -> None:
    """Screen, score and check an assessment: rights at stake, risk register, mitigations, plan, gaps."""
    from rightscope.assess import assess as run_assessment
    from rightscope.assess import load

    result = run_assessment(load(file))
    if out is not None:
        written = write_outputs(result, out)
        error_console.print("wrote " + ", ".join(str(p) for p in written))
    if output is OutputFormat.json:
        print_json(result.model_dump(mode="json", by_alias=True))
        return
    show(result)


def write_outputs(result: AssessmentResult, out: Path) -> list[Path]:
    from rightscope.report.exports import risk_register_csv

    out.mkdir(parents=True, exist_ok=True)
    json_path = out / "assessment-result.json"
    json_path.write_text(json.dumps(result.model_dump(mode="json", by_alias=True), indent=2, ensure_ascii=False) + "\n")
    csv_path = out / "risk-register.csv"
    csv_path.write_text(risk_register_csv(result), encoding="utf-8")
    return [json_path, csv_path]


def show(result: AssessmentResult) -> None:
    s = result.summary
    console.rule(f"[bold]{escape(result.title)}[/] · {result.id} v{result.version}")
    console.print(
        f"Impact level [bold]{result.impact.level}[/] · {s['risks']} risks: {s['priority_critical']} critical, "
        f"{s['priority_high']} high, {s['priority_medium']} medium, {s['priority_low']} low · "
        f"completeness {s['checks_met']}/{s['checks_total']}"
    )
    for c in result.countries:
        console.print(f"[bold]{escape(c.name)}[/]: bound by " + escape(", ".join(c.binding)))
    for warning in result.warnings:
        console.print(f"[yellow]note:[/] {escape(warning)}")
    table = Table(title="Risk register", title_justify="left")
    for column in ("risk", "right", "S/Sc/R/L", "severity", "priority", "residual", "measures"):
        table.add_column(column, overflow="fold")
    for r in result.risks:
        priority = f"[{_PRIORITY[r.priority]}]{r.priority}[/]"
        if "priority" in r.overrides or "severity" in r.overrides or "likelihood" in r.overrides:
            priority += f" (computed {r.computed_priority}, overridden)"
        table.add_row(
            r.id,
            escape(r.right),
            f"{r.scale}/{r.scope}/{r.remediability}/{r.likelihood}",
            str(r.severity),
            priority,
            f"{r.residual_priority} ({r.residual_score:g})",
            str(len(r.mitigations)),
        )
    console.print(table)
    screening = Table(title="Rights at stake (screening)", title_justify="left")
    for column in ("right", "risk registered", "found by", "law (first citations)"):
        screening.add_column(column, overflow="fold")
    for item in result.screening:
        sources = ", ".join(dict.fromkeys(src.source for src in item.sources))
        cited = ", ".join(c.provision for c in item.citations[:4])
        registered = "yes" if item.registered else "[yellow]no[/]"
        screening.add_row(escape(item.name), registered, sources, cited)
    console.print(screening)
    checks = Table(title="Completeness", title_justify="left")
    for column in ("framework", "requirement", "status", "fix"):
        checks.add_column(column, overflow="fold")
    for check in result.checks:
        status = f"[{_STATUS[check.status]}]{check.status}[/]"
        checks.add_row(check.framework, escape(check.requirement), status, escape(check.fix or ""))
    console.print(checks)
    if result.monitoring:
        plan = Table(title="Monitoring plan", title_justify="left")
        for column in ("KPI", "risks", "breach", "cadence", "on breach"):
            plan.add_column(column, overflow="fold")
        for k in result.monitoring:
            plan.add_row(
                escape(k.name),
                ", ".join(k.risks),
                "-" if k.breach is None else f"{k.breach:g}",
                k.cadence,
                escape(k.trigger),
            )
        console.print(plan)
