"""``rightscope report`` and ``rightscope export``: HRIA/FRIA and monitoring reports, and exports for authorities."""

from __future__ import annotations

from pathlib import Path

import typer

from rightscope.cli._output import error_console, fail, user_errors


@user_errors
def report(
    assessment: Path = typer.Argument(..., help="The assessment file (YAML or JSON, schema rightscope/assessment/v1)."),
    monitoring: Path | None = typer.Option(
        None, "--monitoring", "-m", help="A monitoring result folder (monitoring-result.json): the monitoring report."
    ),
    fmt: str = typer.Option("html", "--format", "-f", help="html, pdf, docx, md or json (the report's data)."),
    lens: str = typer.Option("rights", "--lens", help="rights, or compliance (framework terms, rights as notes)."),
    framework: list[str] = typer.Option(
        [],
        "--framework",
        help="With --lens compliance: a framework to state findings in; repeat. "
        "Default: eu-ai-act, nist-ai-rmf, oecd-ai-principles, iso-42001.",
    ),
    lang: str = typer.Option("en", "--lang", help="Report language: en, fr or es."),
    out: Path | None = typer.Option(None, "--out", "-o", help="The file to write, or a folder."),
) -> None:
    """Write the HRIA/FRIA report of an assessment, or its monitoring report with --monitoring."""
    from rightscope.report import render_assessment

    if framework and lens.strip().lower() != "compliance":
        raise fail("--framework: only with --lens compliance")
    if out is None:
        raise fail("--out: give the file (or folder) to write")
    target = render_assessment(
        assessment, out, fmt=fmt, lens=lens, frameworks=framework, lang=lang, monitoring=monitoring
    )
    error_console.print(f"wrote {target}")


@user_errors
def export(
    assessment: Path = typer.Argument(..., help="The assessment file (YAML or JSON, schema rightscope/assessment/v1)."),
    kind: str = typer.Option(..., "--kind", "-k", help="fria-notification, risk-register (CSV) or oscal."),
    monitoring: Path | None = typer.Option(
        None, "--monitoring", "-m", help="With --kind oscal: add the monitoring result as a second result."
    ),
    contact: str | None = typer.Option(None, "--contact", help="With fria-notification: the deployer's contact."),
    out: Path | None = typer.Option(None, "--out", "-o", help="The file to write, or a folder."),
) -> None:
    """Export for authorities and tools: the EU AI Act Art. 27(3) notification, the risk register, OSCAL results."""
    from rightscope.report import export_assessment

    if monitoring is not None and kind != "oscal":
        raise fail("--monitoring: only with --kind oscal")
    if out is None:
        raise fail("--out: give the file (or folder) to write")
    error_console.print(
        f"wrote {export_assessment(assessment, out, kind=kind, contact=contact, monitoring=monitoring)}"
    )
