"""Output and error conventions shared by every command.

- ``--format table`` (default) prints Rich tables for people; ``--format json`` prints one JSON
  document on stdout for programs.
- Bad input never produces a traceback: :func:`user_errors` turns a :class:`RightscopeError` into a
  one-line message on stderr and exit code 2.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from rightscope.errors import RightscopeError

console = Console()
error_console = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")

USAGE_ERROR = 2


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


FormatOption = typer.Option(OutputFormat.table, "--format", "-f", help="table for people, json for programs.")


def fail(message: str) -> typer.Exit:
    """Print ``message`` as a one-line error and return the exit to raise."""
    error_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
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
