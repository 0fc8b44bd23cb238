"""``rightscope rights``: the canonical rights taxonomy."""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from rightscope import law as kb
from rightscope.cli._output import FormatOption, OutputFormat, console, print_json, user_errors
from rightscope.law.models import Right

app = typer.Typer(
    help="The rights taxonomy: provisions across instruments, guidance and protected groups.", no_args_is_help=True
)


@app.command("list")
@user_errors
def list_rights(output: OutputFormat = FormatOption) -> None:
    """List the canonical rights."""
    items = kb.rights()
    if output is OutputFormat.json:
        print_json({"rights": [r.model_dump(mode="json") for r in items]})
        return
    table = Table(title=f"Rights ({len(items)})")
    for column in ("id", "name", "UDHR", "provisions", "guidance"):
        table.add_column(column, overflow="fold")
    for r in items:
        table.add_row(r.id, escape(r.name), ", ".join(r.udhr), str(len(r.provisions)), str(len(r.guidance)))
    console.print(table)


def _right_json(r: Right) -> dict[str, Any]:
    record = r.model_dump(mode="json")
    record["provision_details"] = [
        {
            "id": p.id,
            "citation": p.citation,
            "instrument": p.instrument,
            "article": p.article,
            "title": p.title or p.subject,
            "text_available": p.text_available,
        }
        for p in (kb.resolve_provision_id(ref) for ref in r.provisions)
    ]
    record["guidance_details"] = [
        {"id": g.id, "symbol": g.symbol, "citation": g.citation, "title": g.title, "url": g.url}
        for g in (kb.guidance_document(gid) for gid in r.guidance)
    ]
    return record


@app.command("show")
@user_errors
def show(
    right_id: str = typer.Argument(..., metavar="RIGHT", help="A right id, e.g. privacy."),
    output: OutputFormat = FormatOption,
) -> None:
    """Show a right: its UDHR anchors, provisions in every instrument, guidance and protected groups."""
    r = kb.right(right_id)
    if output is OutputFormat.json:
        print_json(_right_json(r))
        return
    console.print(Panel(escape(r.description), title=escape(f"{r.name} ({r.id})"), title_align="left"))
    console.print("[bold]UDHR:[/] " + ", ".join(f"Article {a}" for a in r.udhr))
    if r.udhr_note:
        console.print(f"[dim]{escape(r.udhr_note)}[/]")
    table = Table(title="Provisions")
    table.add_column("citation")
    table.add_column("title or subject", overflow="fold")
    for ref in r.provisions:
        p = kb.resolve_provision_id(ref)
        table.add_row(escape(p.citation), escape(p.title or p.subject or ""))
    console.print(table)
    if r.groups:
        groups = Table(title="Specific protection for groups")
        groups.add_column("group")
        groups.add_column("provisions", overflow="fold")
        for g in r.groups:
            groups.add_row(kb.group(g.group).name, ", ".join(g.provisions))
        console.print(groups)
    if r.guidance:
        guidance = Table(title="Guidance")
        guidance.add_column("citation")
        guidance.add_column("title", overflow="fold")
        for gid in r.guidance:
            doc = kb.guidance_document(gid)
            guidance.add_row(escape(doc.citation), escape(doc.short_title or doc.title))
        console.print(guidance)
    if r.related:
        console.print(f"[bold]Related:[/] {', '.join(r.related)}")
