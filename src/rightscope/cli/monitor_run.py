"""``rightscope monitor run``: evaluate an assessment's monitoring plan on logs of the deployed system."""

from __future__ import annotations

from pathlib import Path

import typer

from rightscope.cli import _output
from rightscope.cli._output import FormatOption, OutputFormat, print_json, status, user_errors
from rightscope.cli.monitor import BackendOption, SparkConfOption

_STATUS = {"ok": "green", "warn": "yellow", "breach": "bold red", "insufficient-data": "dim", "not-computed": "dim"}


@user_errors
def run(
    assessment: Path = typer.Argument(..., help="The assessment file whose monitoring plan to evaluate."),
    decisions: str | None = typer.Option(
        None, "--decisions", help="Decision log: CSV, Parquet or JSONL file, glob or directory, or DB table."
    ),
    grievances: str | None = typer.Option(None, "--grievances", help="Grievance log: CSV or JSONL."),
    events: str | None = typer.Option(None, "--events", help="Safeguard event log: CSV or JSONL."),
    pred: str | None = typer.Option(None, "--pred", help="Decision column (default: the plan's decision_log)."),
    label: str | None = typer.Option(None, "--label", help="True-outcome column."),
    time: str | None = typer.Option(None, "--time", help="Date column."),
    window: str | None = typer.Option(None, "--window", help="week, month or quarter."),
    out: Path | None = typer.Option(None, "--out", help="Write monitoring-result.json and append to history.jsonl."),
    backend: str | None = BackendOption,
    spark_conf: list[str] = SparkConfOption,
    output: OutputFormat = FormatOption,
) -> None:
    """KPI values against thresholds per window, findings tied to risks and rights, and triggers fired."""
    from rightscope.assess import assess, load
    from rightscope.monitor.backends import parse_backend
    from rightscope.monitor.run import evaluate, write

    if window is not None and window not in {"week", "month", "quarter"}:
        raise typer.BadParameter("expected week, month or quarter", param_hint="--window")
    if decisions is None and grievances is None and events is None:
        raise typer.BadParameter("give at least one of --decisions, --grievances, --events", param_hint="logs")
    engine = parse_backend(backend, spark_conf)
    parsed = load(assessment)
    with status("evaluating the monitoring plan..."):
        result = evaluate(
            parsed,
            assess(parsed),
            decisions=decisions,
            grievances=grievances,
            events=events,
            pred=pred,
            label=label,
            time=time,
            window=window,
            backend=engine,
        )
        if out is not None:
            result, written = write(result, out)
            _output.error_console.print("wrote " + ", ".join(str(p) for p in written))
    if output is OutputFormat.json:
        print_json(result.model_dump(mode="json", by_alias=True))
        return
    from rich.markup import escape
    from rich.table import Table

    console = _output.console
    console.rule(
        f"[bold]Monitoring {escape(result.assessment)}[/] · {result.period['start']} to {result.period['end']}"
    )
    table = Table(title="KPIs", title_justify="left")
    for column in ("KPI", "risks", "breach", "latest", "status", "trend"):
        table.add_column(column, overflow="fold")
    for k in result.kpis:
        latest = next((w for w in reversed(k.windows) if w.value is not None), None)
        shown = "-" if latest is None else f"{latest.value:g} ({latest.window})"
        state = f"[{_STATUS.get(k.status, '')}]{k.status}[/]"
        table.add_row(
            escape(k.name), ", ".join(k.risks), "-" if k.breach is None else f"{k.breach:g}", shown, state, k.trend
        )
    console.print(table)
    for f in result.findings:
        console.print(f"[bold]{f.id}[/] [{f.severity}] {escape(f.title)}: {escape(f.detail)}")
    for t in result.triggers:
        console.print(f"[bold red]trigger fired:[/] {escape(t.trigger)} ({escape(t.reason)})")
    for change in result.changes_since_last_run:
        console.print(f"[dim]since last run:[/] {escape(change)}")
