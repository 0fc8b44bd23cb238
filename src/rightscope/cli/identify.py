"""``rightscope identify``: the rights at stake in a text, with the evidence for each."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from rightscope.cli._output import FormatOption, OutputFormat, console, error_console, fail, print_json, user_errors
from rightscope.errors import RightscopeError, closest

if TYPE_CHECKING:  # imported lazily at run time: the CLI starts fast
    from rightscope.identify import Identifier

BATCH_SIZE = 64


def identify(
    text: str | None = typer.Argument(None, help="The text, or '-' to read it from standard input."),
    top: int = typer.Option(5, "--top", "-k", min=1, max=56, help="At most this many rights."),
    instrument: str | None = typer.Option(None, "--instrument", help="Rank this instrument's articles instead."),
    country: list[str] = typer.Option([], "--country", "-c", help="Cite only law binding these countries."),
    batch: Path | None = typer.Option(None, "--batch", help="A CSV or JSONL file of texts to identify."),
    text_column: str = typer.Option("text", "--text-column", help="Column (or JSON key) holding the text."),
    out: Path | None = typer.Option(None, "--out", help="Where batch results go (JSONL)."),
    keep: list[str] = typer.Option(
        [], "--keep", help="Batch: copy this input column into every output line (repeatable; 'id' always is)."
    ),
    embeddings: bool = typer.Option(
        True, "--embeddings/--no-embeddings", help="Embeddings (full mode); --no-embeddings for the reduced fallback."
    ),
    output: OutputFormat = FormatOption,
) -> None:
    """Identify the rights a description, grievance, incident report or case engages, and why."""
    run(text, top, instrument, country, batch, text_column, out, embeddings, output, keep)


@user_errors
def run(
    text: str | None,
    top: int,
    instrument: str | None,
    countries: list[str],
    batch: Path | None,
    text_column: str,
    out: Path | None,
    embeddings: bool,
    output: OutputFormat,
    keep: list[str] | None = None,
) -> None:
    from rightscope.identify import Identifier, embeddings_available

    if batch is not None:
        if text is not None:
            raise fail("give either TEXT or --batch, not both")
        if out is None:
            raise fail("--out: batch mode needs an output file (JSONL)")
        rows = list(_read_batch(batch, text_column, keep or []))
        identifier = Identifier(embeddings=embeddings and embeddings_available())
        _run_batch(identifier, rows, out, top=top, instrument=instrument, countries=countries)
        return
    if text is None:
        raise fail("TEXT: give the text as an argument, '-' to read standard input, or use --batch FILE")
    if text == "-":
        text = sys.stdin.read()
    identifier = Identifier(embeddings=embeddings and embeddings_available())
    result = identifier.identify(text, top=top, instrument=instrument, countries=countries)
    if output is OutputFormat.json:
        print_json(result.model_dump(mode="json"))
        return
    for warning in result.warnings:
        error_console.print(f"[yellow]note:[/] {escape(warning)}")
    heading = f"Articles of {result.instrument} engaged" if result.instrument else "Rights at stake"
    console.rule(f"[bold]{heading}[/]")
    for rank, finding in enumerate(result.rights, start=1):
        cited = ", ".join(f"{p.instrument} {p.article}" for p in finding.provisions[:10])
        if len(finding.provisions) > 10:
            cited += f" (+{len(finding.provisions) - 10} more)"
        body = Table.grid(padding=(0, 1))
        body.add_column(style="bold", no_wrap=True)
        body.add_column(overflow="fold")
        body.add_row("UDHR", ", ".join(finding.udhr))
        body.add_row("law", escape(cited))
        for item in finding.evidence:
            body.add_row(item.kind, escape(f"{item.ref}: {item.text}"))
        title = f"{rank}. {finding.name} ({finding.id}) · score {finding.score:.2f}"
        console.print(Panel(body, title=escape(title), title_align="left"))
    console.print(f"[dim]mode: {result.mode}; UDHR anchors and full provision lists: --format json[/]")


Row = tuple[int, str | None, str, dict[str, object]]


def _kept_columns(keep: list[str], fields: list[str]) -> list[str]:
    """The input's ``id`` column (when it has one) and every ``--keep`` column, each checked to exist."""
    for name in keep:
        if name not in fields:
            hint = closest(name, fields)
            message = f"--keep: no column {name!r}; available: {', '.join(fields) or 'none'}"
            raise RightscopeError(message + (f"; did you mean {hint[0]!r}?" if hint else ""))
    return list(dict.fromkeys([*(["id"] if "id" in fields else []), *keep]))


def _read_batch(path: Path, column: str, keep: list[str] = []) -> Iterator[Row]:  # noqa: B006 (never mutated)
    """(row number, text or None, error, kept columns) for every row, so that no row is silently dropped."""
    if not path.exists():
        raise RightscopeError(f"--batch: no such file {str(path)!r}")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            fields = list(reader.fieldnames or [])
            if column not in fields:
                raise _missing_column(column, fields)
            kept = _kept_columns(keep, fields)
            for number, row in enumerate(reader, start=1):
                yield number, row.get(column), "", {k: row.get(k) for k in kept}
    elif suffix in {".jsonl", ".ndjson"}:
        with path.open(encoding="utf-8") as fh:
            columns: list[str] | None = None
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, None, f"line {number} is not valid JSON: {exc.msg}", {}
                    continue
                keys = list(record) if isinstance(record, dict) else []
                if columns is None and isinstance(record, dict):
                    # The first record names the columns, as a CSV header does.
                    columns = _kept_columns(keep, keys)
                values = {k: record.get(k) for k in columns or []} if isinstance(record, dict) else {}
                if not isinstance(record, dict) or column not in record:
                    if number == 1:
                        raise _missing_column(column, keys)
                    yield number, None, f"line {number} has no {column!r} key", values
                    continue
                yield number, str(record[column]) if record[column] is not None else None, "", values
    else:
        raise RightscopeError(f"--batch: expected a .csv or .jsonl file, got {path.name!r}")


def _missing_column(column: str, available: list[str]) -> RightscopeError:
    hint = closest(column, available)
    message = f"--text-column: no column {column!r}; available: {', '.join(available) or 'none'}"
    if hint:
        message += f"; did you mean {hint[0]!r}?"
    return RightscopeError(message)


def _run_batch(
    identifier: Identifier,
    rows: list[Row],
    out: Path,
    *,
    top: int,
    instrument: str | None,
    countries: list[str],
) -> None:
    from rightscope.identify import has_words

    done = failed = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    columns = [TextColumn("identify"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    with out.open("w", encoding="utf-8") as sink, Progress(*columns, console=error_console) as progress:
        task = progress.add_task("identify", total=len(rows))
        for start in range(0, len(rows), BATCH_SIZE):
            chunk = rows[start : start + BATCH_SIZE]
            valid = [(n, t) for n, t, error, _ in chunk if not error and t is not None and has_words(t)]
            found = identifier.identify_many([t for _, t in valid], top=top, instrument=instrument, countries=countries)
            results = dict(zip([n for n, _ in valid], found, strict=True))
            for number, _, error, kept in chunk:
                if number in results:
                    record = {"row": number, **kept, **results[number].model_dump(mode="json")}
                    done += 1
                else:
                    record = {"row": number, **kept, "error": error or "empty text"}
                    failed += 1
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            progress.advance(task, len(chunk))
    error_console.print(f"{done} identified, {failed} without text or unreadable; results in {out}")
