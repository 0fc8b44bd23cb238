"""Output and error conventions shared by every command.

- ``--format table`` (default) prints Rich tables for people; ``--format json`` prints one JSON
  document on stdout for programs.
- Bad input never produces a traceback: :func:`user_errors` turns a :class:`RightscopeError` into a
  one-line message on stderr and exit code 2.

``console`` and ``error_console`` are made on first use: importing Rich costs about 30 ms, which a
command that prints JSON for a program, with no terminal to show progress on, never pays.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer

from rightscope.errors import RightscopeError

if TYPE_CHECKING:
    from rich.console import Console

    console: Console
    error_console: Console

_consoles: dict[str, Console] = {}


def _console(name: str) -> Console:
    if name not in _consoles:
        from rich.console import Console

        _consoles[name] = Console(stderr=name == "error_console")
    return _consoles[name]


def __getattr__(name: str) -> Any:
    if name in ("console", "error_console"):
        return _console(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@contextlib.contextmanager
def status(message: str) -> Iterator[None]:
    """A spinner with ``message`` on stderr while the block runs, when stderr is a terminal.

    ``message`` is plain text, not Rich markup. Elsewhere (a pipe, a file, a CI log) Rich would
    draw nothing, so Rich is not even imported.
    """
    if not sys.stderr.isatty():
        yield
        return
    from rich.markup import escape

    with _console("error_console").status(escape(message), spinner="dots"):
        yield


P = ParamSpec("P")
R = TypeVar("R")

USAGE_ERROR = 2


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


FormatOption = typer.Option(OutputFormat.table, "--format", "-f", help="table for people, json for programs.")


def fail(message: str) -> typer.Exit:
    """Print ``message`` as a one-line error and return the exit to raise."""
    _console("error_console").print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(USAGE_ERROR)


def user_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Report Rightscope's own errors without a traceback, exit code 2."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except RightscopeError as exc:
            raise fail(str(exc)) from None

    return wrapper


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")
