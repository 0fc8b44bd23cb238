"""``rightscope law``: instruments, their articles, guidance and search."""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from rightscope import law as kb
from rightscope.cli._output import FormatOption, OutputFormat, console, fail, print_json, user_errors
from rightscope.law.citation import guidance_citation
from rightscope.law.models import Instrument, Provision

app = typer.Typer(help="The law: instruments, articles, interpretive guidance and search.", no_args_is_help=True)

LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")


def _text_status(item: Instrument) -> str:
    if item.text_available:
        return ", ".join(item.languages)
    return "subjects only" if item.system in {"AU", "OAS"} else "in NC data set"


@app.command("list")
@user_errors
def list_instruments(
    system: str | None = typer.Option(None, "--system", help="Only this system: UN, CoE, EU, AU or OAS."),
    output: OutputFormat = FormatOption,
) -> None:
    """List the instruments in the knowledge base."""
    items = kb.instruments(system)
    if output is OutputFormat.json:
        print_json({"instruments": [i.model_dump(mode="json") for i in items]})
        return
    table = Table(title="Instruments", show_lines=False)
    for column in ("id", "instrument", "system", "adopted", "in force", "articles", "text", "monitoring body"):
        table.add_column(column, overflow="fold")
    for i in items:
        table.add_row(
            i.id,
            i.title,
            i.system,
            str(i.adopted or ""),
            str(i.entry_into_force or "not binding" if i.kind == "declaration" else i.entry_into_force or ""),
            str(i.article_count),
            _text_status(i),
            i.monitoring_body or "",
        )
    console.print(table)


def _provision_json(provision: Provision, lang: str) -> dict[str, Any]:
    record = provision.model_dump(mode="json")
    record["lang"] = lang
    record["text"] = provision.text_in(lang) if provision.text_available else None
    instrument = kb.instrument(provision.instrument)
    record["instrument_title"] = instrument.title
    record["official_url"] = instrument.official_url
    return record


@app.command("show")
@user_errors
def show(
    instrument: str = typer.Argument(..., help="Instrument id, e.g. iccpr, echr, eucfr."),
    article: str | None = typer.Argument(None, help="Article number; leave out to describe the instrument."),
    lang: str = typer.Option("en", "--lang", help="Language of the text: " + ", ".join(LANGUAGES) + "."),
    output: OutputFormat = FormatOption,
) -> None:
    """Show an article's text with its provenance, or an instrument's metadata and articles."""
    if lang not in LANGUAGES:
        raise fail(f"--lang: unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    if article is None:
        _show_instrument(kb.instrument(instrument), output)
        return
    provision = kb.provision(instrument, article)
    if lang != "en" and lang not in provision.translations:
        available = ", ".join(provision.languages) or "none"
        raise fail(f"--lang: {provision.id} has no {lang!r} text in the knowledge base; available: {available}")
    if output is OutputFormat.json:
        print_json(_provision_json(provision, lang))
        return
    owner = kb.instrument(provision.instrument)
    heading = provision.citation
    if provision.title:
        heading += f": {provision.title}"
    if provision.text_available:
        body = escape(provision.text_in(lang))
    else:
        body = f"[italic]Text not available.[/] {escape(provision.subject or '')}\nOfficial text: {owner.official_url}"
    console.print(Panel(body, title=escape(heading), title_align="left"))
    for note in provision.notes:
        console.print(f"[yellow]note:[/] {escape(note)}")
    if provision.rights:
        console.print(f"[bold]Rights:[/] {', '.join(provision.rights)}")
    source = provision.provenance
    console.print(
        f"[dim]Source: {escape(source.source_file)} ({escape(source.repository)}"
        f"{' @ ' + source.commit[:10] if source.commit else ''}); licence: {escape(source.licence)}[/]"
    )


def _show_instrument(item: Instrument, output: OutputFormat) -> None:
    provisions = kb.provisions(item.id)
    if output is OutputFormat.json:
        print_json({**item.model_dump(mode="json"), "articles": [p.article for p in provisions]})
        return
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    rows = [
        ("title", item.title),
        ("system", item.system),
        ("adopted", f"{item.adopted or ''} {item.adopted_by or ''}".strip()),
        ("in force", str(item.entry_into_force or item.legal_status or "")),
        ("monitoring body", item.monitoring_body or ""),
        ("official text", item.official_url or ""),
        ("articles", str(item.article_count)),
        ("text", _text_status(item)),
    ]
    for key, value in rows:
        table.add_row(key, escape(value))
    for note in item.notes:
        table.add_row("note", escape(note))
    console.print(Panel(table, title=escape(item.short_title), title_align="left"))
    listing = Table(show_header=True)
    listing.add_column("article")
    listing.add_column("title or subject", overflow="fold")
    listing.add_column("rights", overflow="fold")
    for p in provisions:
        listing.add_row(p.article, escape(p.title or p.subject or ""), ", ".join(p.rights))
    console.print(listing)


@app.command("search")
@user_errors
def search(
    query: str = typer.Argument(..., help="Words to look for, e.g. 'biometric surveillance of protests'."),
    top: int = typer.Option(10, "--top", "-k", min=1, max=200, help="How many results."),
    kind: str | None = typer.Option(None, "--kind", help="Only 'provision' or 'guidance' results."),
    output: OutputFormat = FormatOption,
) -> None:
    """Rank provisions and guidance paragraphs for a query (BM25)."""
    if kind not in (None, "provision", "guidance"):
        raise fail(f"--kind: expected 'provision' or 'guidance', got {kind!r}")
    if not query.strip():
        raise fail("QUERY: empty query; give some words to search for")
    hits = kb.search(query, k=top, kind=kind)  # type: ignore[arg-type]
    if output is OutputFormat.json:
        print_json({"query": query, "results": [vars(h) for h in hits]})
        return
    if not hits:
        console.print("No results.")
        return
    table = Table(title=f"Search: {escape(query)}")
    table.add_column("#", justify="right")
    table.add_column("score", justify="right")
    table.add_column("citation", overflow="fold")
    table.add_column("ref", no_wrap=True)
    table.add_column("text", overflow="fold")
    for rank, hit in enumerate(hits, start=1):
        snippet = hit.text if len(hit.text) <= 240 else hit.text[:237] + "..."
        table.add_row(str(rank), f"{hit.score:.2f}", escape(hit.citation), hit.ref, escape(snippet))
    console.print(table)


@app.command("guidance")
@user_errors
def guidance(
    document: str | None = typer.Argument(None, help="A guidance id to show; leave out to list."),
    tech: bool = typer.Option(False, "--tech", help="Only guidance that addresses technology."),
    output: OutputFormat = FormatOption,
) -> None:
    """List interpretive guidance (verified records only), or show one document."""
    if document is not None:
        doc = kb.guidance_document(document)
        paragraphs = kb.guidance_paragraphs(doc.id)
        if output is OutputFormat.json:
            print_json({**doc.model_dump(mode="json"), "paragraphs": [p.model_dump() for p in paragraphs]})
            return
        console.print(
            Panel(escape(f"{doc.title}\n{doc.symbol or ''} · {doc.body} · {doc.date or ''}\n{doc.url or ''}"))
        )
        if doc.rights:
            console.print(f"[bold]Rights:[/] {', '.join(doc.rights)}")
        for key in doc.key_paragraphs:
            if key.verified:
                console.print(f"  {escape(guidance_citation(doc.citation, key.num))}: {escape(key.summary)}")
        if not paragraphs:
            console.print("[dim]Paragraph text: not in the installed data sets.[/]")
        else:
            console.print(f"[dim]{len(paragraphs)} paragraphs available (--format json prints them).[/]")
        return
    docs = kb.guidance(tech=True if tech else None)
    if output is OutputFormat.json:
        print_json({"guidance": [d.model_dump(mode="json") for d in docs]})
        return
    table = Table(title="Interpretive guidance" + (" on technology" if tech else ""))
    for column in ("id", "symbol", "title", "date", "rights"):
        table.add_column(column, overflow="fold")
    for d in docs:
        table.add_row(
            d.id, escape(d.symbol or ""), escape(d.short_title or d.title), str(d.date or ""), ", ".join(d.rights)
        )
    console.print(table)


_STATUS_STYLE = {"party": "green", "universal": "green", "member-state": "green", "signatory": "yellow", "none": "red"}
_AVAILABLE_STYLE = {"yes": "green", "indirect": "yellow", "unknown": "dim", "no": "red"}


@app.command("applicable")
@user_errors
def applicable(
    countries: list[str] = typer.Option(..., "--country", "-c", help="ISO code or name; repeat for several."),
    output: OutputFormat = FormatOption,
) -> None:
    """The law that binds each country, its monitoring bodies and the levers for remedy."""
    from rightscope.law import jurisdiction

    results = jurisdiction.applicable(countries)
    if output is OutputFormat.json:
        print_json(
            {
                "countries": [
                    r.model_dump(mode="json", exclude={"country": {"aliases", "provenance"}}) for r in results
                ],
                "sources": [s.model_dump(mode="json") for s in jurisdiction.sources()],
            }
        )
        return
    for result in results:
        c = result.country
        members = ", ".join(org.upper() for org, s in result.memberships.items() if s.status == "member") or "none"
        console.rule(f"[bold]{escape(c.name)} ({c.code})[/] · member of: {members}")
        table = Table(title="Applicable instruments", title_justify="left")
        for column in ("basis", "instrument", "status", "year", "as of", "note"):
            table.add_column(column, overflow="fold")
        for b in result.instruments:
            style = _STATUS_STYLE.get(b.status, "")
            table.add_row(
                b.basis,
                escape(kb.instrument(b.instrument).short_title),
                f"[{style}]{b.status}[/]" if style else b.status,
                str(b.year or ""),
                b.as_of or "",
                escape(b.note or ""),
            )
        console.print(table)
        console.print("[bold]Monitoring bodies:[/] " + escape("; ".join(result.monitoring_bodies)))
        levers = Table(title="Levers for remedy", title_justify="left")
        for column in ("level", "mechanism", "available", "basis", "note"):
            levers.add_column(column, overflow="fold")
        for lever in result.levers:
            style = _AVAILABLE_STYLE[lever.available]
            levers.add_row(
                lever.level,
                escape(f"{lever.mechanism} ({lever.body})"),
                f"[{style}]{lever.available}[/]",
                escape(lever.basis),
                escape(lever.note or ""),
            )
        console.print(levers)
    console.print(
        "[dim]UN treaty status: UN Treaty Collection snapshot of about mid-2022 (UN members only, year only). "
        "Regional data: compiled by Rightscope, dated per source (--format json lists them).[/]"
    )
