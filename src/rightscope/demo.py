"""``make demo``: Rightscope's main job on embedded defaults.

It grows with the product. Today it shows the legal knowledge base at work on a technology
scenario: the rights a facial recognition deployment engages, their provisions across instruments,
the guidance on point, and a search, and writes a Markdown and JSON summary to ``out/demo``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from rightscope import law

SCENARIO = "live facial recognition of people at a public protest, matched against a police watchlist"
SCENARIO_RIGHTS = ("privacy", "freedom-of-assembly-and-association", "non-discrimination", "effective-remedy")


def run(out_dir: Path, console: Console) -> Path:
    kb = law.load()
    console.rule("[bold]Rightscope demo: the legal knowledge base")
    console.print(
        f"{len(kb.instruments)} instruments, {len(kb.provisions)} provisions, {len(kb.rights)} rights, "
        f"{len(law.guidance())} verified guidance documents"
        + ("" if kb.noncommercial else " (core data only; the non-commercial data set is not installed)")
    )
    console.print(f"\n[bold]Scenario:[/] {SCENARIO}\n")
    lines = [f"# Rightscope knowledge base demo\n\nScenario: {SCENARIO}\n"]
    rights_summary: list[dict[str, object]] = []
    for right_id in SCENARIO_RIGHTS:
        right = law.right(right_id)
        table = Table(title=f"{right.name} (UDHR art. {', '.join(right.udhr)})", title_justify="left")
        table.add_column("provision", no_wrap=True)
        table.add_column("text", overflow="fold")
        lines.append(f"## {right.name}\n\nUDHR article(s) {', '.join(right.udhr)}.\n")
        cited = []
        for ref in right.provisions:
            provision = law.resolve_provision_id(ref)
            if not provision.text_available or provision.instrument not in {"iccpr", "echr", "eucfr"}:
                continue
            first = provision.paragraphs[0].text
            table.add_row(ref, first if len(first) < 200 else first[:197] + "...")
            lines.append(f"- **{ref}**: {first}")
            cited.append(ref)
        console.print(table)
        guidance = [law.guidance_document(g) for g in right.guidance if law.guidance_document(g).tech]
        for doc in guidance[:3]:
            console.print(f"  guidance: {doc.symbol or doc.id}: {doc.title}")
            lines.append(f"- guidance: {doc.symbol or doc.id}, {doc.title}")
        lines.append("")
        rights_summary.append({"id": right.id, "provisions": cited, "guidance": [g.id for g in guidance]})
    hits = law.search("surveillance of peaceful assemblies with facial recognition", k=5)
    console.print("\n[bold]Search:[/] surveillance of peaceful assemblies with facial recognition")
    lines.append("## Search: surveillance of peaceful assemblies with facial recognition\n")
    for hit in hits:
        console.print(f"  {hit.score:5.2f}  {hit.ref:28} {hit.title}")
        lines.append(f"- {hit.ref} ({hit.title}), score {hit.score:.2f}")
    udhr12 = law.provision("udhr", "12")
    console.print(f"\n[bold]UDHR art. 12 in French:[/] {udhr12.text_in('fr')}")
    out_dir.mkdir(parents=True, exist_ok=True)
    report = out_dir / "knowledge-base-demo.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out_dir / "knowledge-base-demo.json").write_text(
        json.dumps({"scenario": SCENARIO, "rights": rights_summary}, indent=2) + "\n", encoding="utf-8"
    )
    console.print(f"\n[bold green]Reports written:[/] {report} and {out_dir / 'knowledge-base-demo.json'}")
    return report


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0]) if args else Path("out") / "demo"
    run(out_dir, Console())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
