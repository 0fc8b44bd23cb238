"""The ``rightscope`` command line: a thin layer over the Python API, one module per command group.

``main()`` imports only the command group that is asked for (``rightscope monitor ...`` never imports the
law or report commands), so that every command starts fast; ``rightscope --help`` and anything it does
not recognise get the whole application. ``rightscope.cli.app`` is the whole application, built on
first use.
"""

from __future__ import annotations

import importlib
import sys

import typer

from rightscope import __version__

# Top-level name -> (module in rightscope.cli, attribute, whether it is a Typer group or one command).
_COMMANDS: dict[str, tuple[str, str, bool]] = {
    "law": ("law", "app", True),
    "rights": ("rights", "app", True),
    "identify": ("identify", "identify", False),
    "init": ("assess", "init", False),
    "assess": ("assess", "assess", False),
    "monitor": ("monitor", "app", True),
    "crosswalk": ("crosswalk", "crosswalk", False),
    "report": ("report", "report", False),
    "export": ("report", "export", False),
    "web": ("web", "web", False),
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rightscope {__version__}")
        raise typer.Exit()


def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Rightscope."""


def build_app(only: str | None = None) -> typer.Typer:
    """The application with every command, or with the one named ``only`` (for a fast start)."""
    application = typer.Typer(
        name="rightscope",
        help="Put existing human rights law to work on technology: the law, assessments, monitoring and reports.",
        no_args_is_help=True,
        pretty_exceptions_show_locals=False,
        add_completion=False,
    )
    application.callback()(_root)
    for name, (module_name, attribute, is_group) in _COMMANDS.items():
        if only is not None and name != only:
            continue
        target = getattr(importlib.import_module(f"rightscope.cli.{module_name}"), attribute)
        if is_group:
            if name == "monitor":
                from rightscope.cli import monitor_run

                if "run" not in {command.name for command in target.registered_commands}:
                    target.command("run")(monitor_run.run)
            application.add_typer(target, name=name)
        else:
            application.command(name)(target)
    return application


def _requested_command(argv: list[str]) -> str | None:
    """The command named on the command line, when it is a known one (options before it are skipped)."""
    for argument in argv:
        if argument.startswith("-"):
            continue
        return argument if argument in _COMMANDS else None
    return None


_full_app: typer.Typer | None = None


def __getattr__(name: str) -> typer.Typer:
    global _full_app
    if name == "app":
        if _full_app is None:
            _full_app = build_app()
        return _full_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    argv = sys.argv[1:]
    only = _requested_command(argv)
    if only is None and argv[:1] == ["--version"]:
        only = ""  # no command group is needed to print the version
    build_app(only)()
