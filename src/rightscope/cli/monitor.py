"""``rightscope monitor``: ex-post monitoring of deployed systems."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

import typer

from rightscope.cli import _output
from rightscope.cli._output import FormatOption, OutputFormat, print_json, status, user_errors

if TYPE_CHECKING:  # the monitor package pulls in Ibis and pandas, Rich costs 30 ms: import them when used
    from rich.text import Text

    from rightscope.monitor import Estimate, GroupRow, MetricsReport, Thresholds

app = typer.Typer(help="Ex-post monitoring: group metrics and disparities on decision logs.", no_args_is_help=True)

METRIC_TITLES = {
    "selection_rate": "sel. rate",
    "tpr": "TPR",
    "fpr": "FPR",
    "fnr": "FNR",
    "precision": "precision",
}


BackendOption = typer.Option(
    None,
    "--backend",
    metavar="BACKEND",
    help="duckdb (default, in process), spark (a local session), a Spark master URL (spark://HOST:7077, yarn, "
    "k8s://...) or a Spark Connect URL (sc://HOST:15002).",
)
SparkConfOption = typer.Option(
    [], "--spark-conf", metavar="KEY=VALUE", help="A Spark property, e.g. spark.executor.memory=8g; repeatable."
)


class WindowOption(StrEnum):
    week = "week"
    month = "month"
    quarter = "quarter"


def parse_reference(values: list[str], groups: list[str]) -> str | dict[str, str] | None:
    """``--reference`` values: ``COLUMN=VALUE`` (one per group column), or one bare VALUE with one group column."""
    from rightscope.monitor import MonitorInputError

    if not values:
        return None
    given: dict[str, str] = {}
    bare: list[str] = []
    for item in values:
        column, sep, value = item.partition("=")
        if sep and column in groups:
            if column in given:
                raise MonitorInputError("--reference", f"{column!r} is given twice")
            given[column] = value
        else:
            bare.append(item)
    if bare and (given or len(bare) > 1 or len(groups) > 1):
        raise MonitorInputError(
            "--reference", "with several group columns give --reference COLUMN=VALUE, once per column"
        )
    return bare[0] if bare else given


@app.command("metrics")
@user_errors
def metrics(
    decisions: str = typer.Option(
        ...,
        "--decisions",
        "-d",
        metavar="SOURCE",
        help="Decision log: a .csv, .parquet or .jsonl file, a glob or directory of them, duckdb://PATH::TABLE, "
        "or postgresql://USER@HOST/DB::TABLE.",
    ),
    group: list[str] = typer.Option(..., "--group", "-g", help="A group column; repeat for intersections."),
    pred: str | None = typer.Option(None, "--pred", help="Column with the decision: 0/1 or true/false."),
    label: str | None = typer.Option(None, "--label", help="Column with the actual outcome (0/1): adds TPR, FPR, FNR."),
    score: str | None = typer.Option(
        None, "--score", help="Column with a score; the decision is score >= --threshold."
    ),
    threshold: float | None = typer.Option(None, "--threshold", help="Threshold for --score."),
    reference: list[str] = typer.Option(
        [], "--reference", help="Reference group: VALUE, or COLUMN=VALUE per group column. Default: the largest."
    ),
    time: str | None = typer.Option(None, "--time", help="Timestamp or date column, for metrics per window."),
    window: WindowOption | None = typer.Option(None, "--window", help="Window with --time (default month)."),
    min_group_size: int = typer.Option(
        10, "--min-group-size", min=0, help="Suppress the metrics of groups with fewer decisions."
    ),
    backend: str | None = BackendOption,
    spark_conf: list[str] = SparkConfOption,
    output: OutputFormat = FormatOption,
) -> None:
    """Selection rate, error rates and disparity ratios per group, intersection and time window."""
    from rightscope.monitor import group_metrics
    from rightscope.monitor.backends import parse_backend
    from rightscope.monitor.sources import redact

    with status(f"Scanning {redact(decisions)} ..."):
        report = group_metrics(
            decisions,
            group=group,
            pred=pred,
            label=label,
            score=score,
            threshold=threshold,
            reference=parse_reference(reference, group),
            time=time,
            window=window.value if window is not None else None,
            min_group_size=min_group_size,
            backend=parse_backend(backend, spark_conf),
        )
    if output is OutputFormat.json:
        print_json(report.model_dump(mode="json"))
        return
    print_report(report)


def print_report(report: MetricsReport) -> None:
    """The report as Rich tables: a summary, then one table per level (group column or intersection)."""
    from rich.markup import escape

    console = _output.console
    thresholds = report.thresholds
    decision = report.pred or f"{report.score} >= {thresholds.score_threshold:g}"
    console.print(f"[bold]Decisions:[/] {escape(report.source)} ({report.backend}); decision: {escape(decision)}")
    if report.label:
        console.print(f"[bold]Label:[/] {escape(report.label)}")
    line = f"[bold]Rows:[/] {report.rows_read} read, {report.rows_used} used, {report.rows_excluded} excluded"
    if report.exclusions:
        line += " (" + "; ".join(
            f"{e.rows} {e.reason.replace('_', ' ')} in {escape(e.column)}" for e in report.exclusions
        )
        line += ")"
    console.print(line)
    console.print(
        f"[bold]Flags:[/] selection-rate ratio < {thresholds.four_fifths:g} (four-fifths rule, US Uniform Guidelines"
        f" 1978 §4D); any ratio outside {thresholds.tolerance_low:g}–{thresholds.tolerance_high:g} (Aequitas)."
        f" Groups under {thresholds.min_group_size} decisions are suppressed. Intervals: Wilson"
        f" {thresholds.confidence:.0%}."
    )
    if not report.rows:
        console.print("[yellow]No decisions to report on.[/]")
        return
    for ref in report.references:
        title = " × ".join(ref.level)
        reference = ", ".join(f"{k}={v}" for k, v in ref.groups.items())
        _print_level(report, [r for r in report.rows if r.level == ref.level], f"{title} (reference: {reference})")
    console.print(
        f"Each cell: rate, Wilson {thresholds.confidence:.0%} interval, ×ratio to the reference group."
        f" n <{thresholds.min_group_size}: suppressed."
    )
    flagged = len(report.flagged)
    console.print(f"{flagged} row{'s' if flagged != 1 else ''} flagged." if flagged else "No disparity flagged.")


def _cell(estimate: Estimate | None, thresholds: Thresholds) -> Text:
    from rich.text import Text

    if estimate is None or estimate.value is None:
        return Text("–", style="dim")
    text = Text(f"{estimate.value:.3f}")
    if estimate.ci_low is not None and estimate.ci_high is not None:
        text.append(f"\n{estimate.ci_low:.2f}–{estimate.ci_high:.2f}", style="dim")
    if estimate.ratio is not None:
        outside = not thresholds.tolerance_low <= estimate.ratio <= thresholds.tolerance_high
        text.append(f"\n×{estimate.ratio:.2f}", style="bold red" if outside else "")
    return text


def _short_flags(row: GroupRow) -> str:
    """Flags in a few words: the JSON output has them in full."""
    words = []
    if any(flag.startswith("selection_rate_ratio_below_") for flag in row.flags):
        words.append("four-fifths")
    outside = [METRIC_TITLES[f.split("_ratio_outside_")[0]] for f in row.flags if "_ratio_outside_" in f]
    if outside:
        words.append("tolerance: " + ", ".join(outside))
    words.extend(flag.replace("_", " ") for flag in row.flags if "_ratio_" not in flag)
    return "; ".join(words)


def _print_level(report: MetricsReport, rows: list[GroupRow], title: str) -> None:
    from rich import box
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    console = _output.console
    thresholds = report.thresholds
    console.print()
    console.print(f"[bold]{escape(title)}[/]")
    table = Table(
        box=box.SIMPLE_HEAD,
        show_lines=True,
        show_edge=False,
        collapse_padding=True,
    )
    if report.time:
        table.add_column("window", no_wrap=True)
    for column in rows[0].level:
        table.add_column(escape(column), overflow="fold", max_width=24)
    table.add_column("n", justify="right", no_wrap=True)
    for metric in report.metrics:
        table.add_column(METRIC_TITLES[metric], min_width=9)
    flagged: list[str] = []
    for row in rows:
        cells: list[Text | str] = []
        if report.time:
            cells.append(_window_label(row.window, report.window))
        cells.extend(escape(str(v)) for v in row.groups.values())
        if row.suppressed:
            cells.append(Text(f"<{thresholds.min_group_size}", style="dim"))
            cells.extend(Text("–", style="dim") for _ in report.metrics)
        else:
            cells.append(str(row.n) + ("\nref" if row.reference else ""))
            cells.extend(_cell(getattr(row, metric), thresholds) for metric in report.metrics)
        disparity = any("_ratio_" in flag for flag in row.flags)
        table.add_row(*cells, style="bold" if disparity else ("italic" if row.reference else None))
        if row.flags:
            where = ", ".join(f"{k}={v}" for k, v in row.groups.items())
            if report.time:
                where += f" in {_window_label(row.window, report.window)}"
            flagged.append(f"[{'red' if disparity else 'yellow'}]{escape(where)}: {escape(_short_flags(row))}[/]")
    console.print(table)
    for line in flagged:
        console.print("  " + line)


def _window_label(window: dt.date | None, unit: str | None) -> str:
    if window is None:
        return "all"
    if unit == "month":
        return window.strftime("%Y-%m")
    if unit == "quarter":
        return f"{window.year}-Q{(window.month - 1) // 3 + 1}"
    return window.isoformat()
