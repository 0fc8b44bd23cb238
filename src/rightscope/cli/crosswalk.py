"""``rightscope crosswalk``: a right or a mitigation stated in the terms of AI-governance frameworks."""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from rightscope.cli._output import FormatOption, OutputFormat, console, print_json, user_errors


def relation_record(relation: Any) -> dict[str, Any]:
    """A relation with its framework and item spelled out, for JSON output and tables."""
    from rightscope.law import crosswalk as cw

    target = cw.item(relation.target)
    return {
        "source": relation.source,
        "target": relation.target,
        "framework": relation.framework,
        "framework_name": cw.framework(relation.framework).name,
        "ref": target.ref,
        "title": target.title,
        "title_official": target.title_official,
        "relation": relation.relation,
        "rationale": relation.rationale,
        "verified": relation.verified and target.verified,
    }


@user_errors
def crosswalk(
    source: str = typer.Argument(..., metavar="FROM", help="right:ID (right:privacy) or mitigation:ID."),
    to: str | None = typer.Option(None, "--to", help="Keep one framework: eu-ai-act, nist-ai-rmf, iso-42001, ..."),
    include_unverified: bool = typer.Option(
        False, "--include-unverified", help="Also show items and relations not verified against a source."
    ),
    output: OutputFormat = FormatOption,
) -> None:
    """State a right or a mitigation in the terms of the EU AI Act, NIST AI RMF, OECD, ISO/IEC 42001 and others."""
    from rightscope.law import crosswalk as cw

    key = cw.resolve_source(source)
    relations = [relation_record(r) for r in cw.crosswalk(key, to, include_unverified=include_unverified)]
    if output is OutputFormat.json:
        print_json({"source": key, "to": cw.framework(to).id if to else None, "relations": relations})
        return
    table = Table(title=f"Crosswalk from {key}", show_lines=False)
    for column in ("framework", "item", "title", "relation", "rationale"):
        table.add_column(column, overflow="fold")
    for r in relations:
        title = r["title"] if r["title_official"] else f"{r['title']} (subject)"
        mark = "" if r["verified"] else " [unverified]"
        table.add_row(r["framework"], r["ref"], escape(title), r["relation"] + mark, escape(r["rationale"]))
    console.print(table)
    if not relations:
        console.print("No relation" + (f" to {to}" if to else "") + ".")
    console.print(
        "Relations compare scope, not legal force: soft law and standards never discharge a legal obligation. "
        "Titles marked (subject) are Rightscope's words, not the framework's."
    )
