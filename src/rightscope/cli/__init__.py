"""The ``rightscope`` command line: a thin layer over the Python API, one module per command group."""

from __future__ import annotations

import typer

from rightscope import __version__
from rightscope.cli import assess, crosswalk, identify, law, monitor, monitor_run, report, rights

app = typer.Typer(
    name="rightscope",
    help="Put existing human rights law to work on technology: the law, assessments, monitoring and reports.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)
app.add_typer(law.app, name="law")
app.add_typer(rights.app, name="rights")
app.command("identify")(identify.identify)
app.command("init")(assess.init)
app.command("assess")(assess.assess)
app.add_typer(monitor.app, name="monitor")
app.command("crosswalk")(crosswalk.crosswalk)
app.command("report")(report.report)
app.command("export")(report.export)
monitor.app.command("run")(monitor_run.run)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rightscope {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Rightscope."""


def main() -> None:
    app()
