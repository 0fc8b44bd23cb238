"""``make demo``: Rightscope's main job on embedded defaults, end to end.

1. The law: the knowledge base and the law that binds the deployment country.
2. Ex ante: assess the example welfare fraud risk model (``examples/welfare-fraud-risk.yaml``).
3. Ex post: monitor six months of synthetic decisions, grievances and safeguard events in which a
   disparity emerges in month four; the run must find it, and the unforeseen impacts in grievances.
4. Reports: the HRIA/FRIA report and the monitoring report, in HTML and PDF.

Everything is written under ``out/demo`` (or the folder given as the first argument).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from rich.console import Console

from rightscope import law

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "welfare-fraud-risk.yaml"
GRIEVANCE = (
    "Since the council's algorithm flagged me, my benefit has been suspended for six weeks. I could not pay the rent "
    "and the landlord has started eviction proceedings. Nobody told me why I was selected."
)


def run(out_dir: Path, console: Console) -> dict[str, Path]:
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    from rightscope.assess import assess, load
    from rightscope.cli.assess import show, write_outputs
    from rightscope.identify import identify
    from rightscope.law import jurisdiction
    from rightscope.monitor.run import evaluate, write
    from rightscope.monitor.synthetic import write_welfare_logs

    kb = law.load()
    written: dict[str, Path] = {}
    console.rule("[bold]1. The law")
    console.print(
        f"{len(kb.instruments)} instruments, {len(kb.provisions)} provisions, {len(kb.rights)} rights, "
        f"{len(kb.harm_patterns)} harm patterns, {len(law.guidance())} guidance documents"
        + ("" if kb.noncommercial else " (without the non-commercial data set)")
    )
    netherlands = jurisdiction.applicable(["NL"])[0]
    bound = [law.instrument(b.instrument).short_title for b in netherlands.instruments if b.status == "party"]
    console.print(f"The Netherlands is bound by {len(bound)} treaties, including {', '.join(bound[:8])} ...")

    console.rule("[bold]2. Identify: a grievance")
    console.print(f"[italic]{GRIEVANCE}[/]")
    for finding in identify(GRIEVANCE, top=4).rights:
        cited = ", ".join(f"{p.instrument} {p.article}" for p in finding.provisions[:4])
        console.print(f"  {finding.score:.2f}  {finding.name}  ({cited} ...)")

    console.rule("[bold]3. Ex-ante assessment")
    assessment = load(EXAMPLE)
    result = assess(assessment)
    show(result)
    for path in write_outputs(result, out_dir / "assessment"):
        written[path.name] = path

    console.rule("[bold]4. Ex-post monitoring: six months of synthetic logs")
    logs = write_welfare_logs(out_dir / "logs")
    monitoring = evaluate(
        assessment,
        result,
        decisions=str(logs["decisions"]),
        grievances=str(logs["grievances"]),
        events=str(logs["events"]),
    )
    monitoring, files = write(monitoring, out_dir / "monitoring")
    for path in files:
        written[path.name] = path
    selection = next(k for k in monitoring.kpis if k.kpi == "selection-rate-ratio")
    for window in selection.windows:
        console.print(
            f"  {window.window}  selection-rate ratio {window.value}  {window.status}  {window.worst_group or ''}"
        )
    for item in monitoring.findings:
        console.print(f"  [bold]{item.id}[/] [{item.severity}] {item.title}")
    console.print(f"  {len(monitoring.triggers)} reassessment trigger(s) fired")

    console.rule("[bold]5. Reports")
    written.update(_reports(out_dir))
    summary = {name: str(path) for name, path in written.items()}
    (out_dir / "outputs.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    console.print("\n[bold green]Outputs:[/]")
    for path in written.values():
        console.print(f"  {path}")
    console.print(
        "\n[bold]The web platform:[/] `make web` (or `rightscope web`) serves these assessments on"
        " http://127.0.0.1:8000/ ; sign in as owner, assessor, reviewer, viewer or stakeholder, password"
        " rightscope-demo."
    )
    return written


def _reports(out_dir: Path) -> dict[str, Path]:
    """The HRIA/FRIA report and the monitoring report, as HTML and PDF."""
    from rightscope import report

    paths: dict[str, Path] = {}
    folder = out_dir / "reports"
    folder.mkdir(parents=True, exist_ok=True)  # an existing folder: the files are named after the assessment
    for fmt in ("html", "pdf"):
        for monitoring in (None, out_dir / "monitoring"):
            target = report.render_assessment(EXAMPLE, folder, fmt=fmt, monitoring=monitoring)
            paths[target.name] = target
    return paths


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0]) if args else Path("out") / "demo"
    run(out_dir, Console())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
