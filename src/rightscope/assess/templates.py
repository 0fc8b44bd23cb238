"""Starter assessment files: ``rightscope init [--template SECTOR] [--interactive]``.

A starter is commented YAML that validates as it is: the sector template's typical risks with their
default scores, stakeholders to consult, recommended mitigations and KPIs, and TODO markers where only
the assessor can answer.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from rightscope.assess.library import Sector, load_library
from rightscope.assess.schema import SCHEMA_ID


def _q(value: str) -> str:
    """A YAML scalar that is always read back as this exact string."""
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Answers:
    """What ``--interactive`` asks; the defaults make a valid starter."""

    title: str = "TODO: name of the system and its use"
    purpose: str = "TODO: what the system is for and the decision it supports"
    technology: str = "TODO: the technology (model type, vendor product)"
    deployer: str = "TODO: the organisation that uses the system"
    provider: str = "TODO: who built it (or the deployer itself)"
    countries: list[str] = field(default_factory=lambda: ["TODO"])
    automation: str = "human-in-the-loop"
    people_per_year: int = 0
    lifecycle_stage: str = "design"


def starter(sector_id: str | None = None, answers: Answers | None = None, today: dt.date | None = None) -> str:
    """A commented, valid starter file for a sector (or a blank one)."""
    library = load_library()
    sector = library.sector(sector_id) if sector_id else None
    a = answers or Answers(countries=["DE"])
    day = (today or dt.date.today()).isoformat()
    slug = (sector.id if sector else "my") + "-assessment"
    lines = [
        f"# Rightscope human rights impact assessment ({SCHEMA_ID}).",
        "# Validate and score it with: rightscope assess THIS_FILE",
        "# Scores are 1-4. scale: 1 minor ... 4 grave harm to life, liberty, livelihood or dignity;",
        "# scope: 1 a few people ... 4 a large population or a whole group; remediability: 1 fully and",
        "# quickly remediable ... 4 irreversible; likelihood: 1 unlikely ... 4 almost certain.",
        "# The method and its sources: docs/assessment-method.md.",
    ]
    if sector:
        lines.append(f"# Started from the '{sector.id}' template: {sector.name}.")
        if sector.eu_ai_act_high_risk:
            lines.append(f"# EU AI Act: likely high-risk ({sector.eu_ai_act_high_risk}); Art. 27 FRIA applies to")
            lines.append("# public bodies, bodies providing public services, and credit and insurance uses.")
    lines += [
        f"schema: {SCHEMA_ID}",
        f"id: {slug}",
        'version: "0.1"',
        "use_case:",
        f"  title: {_q(a.title)}",
        f"  purpose: {_q(a.purpose)}",
        "  # Art. 27(1)(a): the processes of the deployer in which the system is used.",
        '  processes: "TODO: where the system enters your decisions, step by step"',
        f"  sector: {sector.id if sector else 'null'}",
        f"  technology: {_q(a.technology)}",
        f"  deployer: {{name: {_q(a.deployer)}}}",
        f"  provider: {{name: {_q(a.provider)}}}",
        "  # ISO 3166-1 codes; decide the applicable law and the levers for remedy.",
        f"  countries: {json.dumps(a.countries)}",
        "  # Art. 27(1)(b): period and frequency of use.",
        '  period_of_use: "TODO: from when, for how long"',
        '  frequency: "TODO: how often, how many decisions"',
        "  # Art. 27(1)(c): who is affected; name groups in vulnerable situations (rightscope rights groups).",
        "  affected_people:",
    ]
    groups = sector.vulnerable_groups if sector else []
    people = sector.typical_affected_groups[0] if sector else "TODO: the people the decisions are about"
    lines += [
        f"    - group: {_q(people)}",
        f"      size: {a.people_per_year}",
        f"      vulnerable_groups: {json.dumps(groups)}",
    ]
    lines += [
        "  data_categories: []",
        "  # biometric, health, racial-or-ethnic-origin, political-opinions, religious-beliefs,",
        "  # trade-union-membership, genetic, sex-life-or-orientation, criminal-records, children, location",
        "  special_category_data: []",
        f"  decision_effect: {_q(sector.typical_decision_effect if sector else 'TODO: what the decision does')}",
        "  legal_or_similarly_significant_effect: true",
        "  # advisory | human-in-the-loop | human-on-the-loop | fully-automated",
        f"  automation: {a.automation}",
        "  # Art. 27(1)(e): who oversees, with what authority, training and time; how they override.",
        '  human_oversight: "TODO: describe the human oversight measures"',
        f"  people_per_year: {a.people_per_year}",
        "  # design | development | pilot | deployment | operation | retirement",
        f"  lifecycle_stage: {a.lifecycle_stage}",
        "  # Free text, read by identify to screen for rights at stake: describe the system plainly.",
        f"  description: {_q(sector.description if sector else 'TODO')}",
        "",
        "# Who you consulted, what they said and what you did about it (HUDERIA SEP; UNGP 18).",
        "stakeholders:",
    ]
    for s in sector.stakeholders if sector else []:
        lines += [
            f"  - who: {_q(s.who)}",
            f"    method: {_q(s.how)}",
            "    said: null  # TODO",
            "    response: null  # TODO",
        ]
    if not sector:
        lines[-1] = "stakeholders: []"
    lines += [
        "",
        "# Risks: one per right at stake. Scores are the sector's defaults: re-score them for your context.",
        "risks:",
    ]
    if sector:
        for i, r in enumerate(sector.risks, start=1):
            lines += [
                f"  - id: R{i}",
                f"    right: {r.right}",
                *([f"    harm_pattern: {r.harm_pattern}"] if r.harm_pattern else []),
                f"    scenario: {_q(r.scenario)}",
                f"    affected_groups: {json.dumps(r.affected_groups)}",
                f"    scale: {r.default_scale}",
                f"    scope: {r.default_scope}",
                f"    remediability: {r.default_remediability}",
                f"    likelihood: {r.default_likelihood}",
                "    involvement: cause  # cause | contribute | directly-linked (UNGP 13, 19)",
                f"    mitigations: {json.dumps(r.mitigations)}",
                "    owner: null  # TODO",
            ]
    else:
        lines[-1] = "risks: []"
    chosen = sorted({m for r in sector.risks for m in r.mitigations}) if sector else []
    lines += ["", "# Status of each chosen mitigation: planned | in-progress | implemented | verified.", "mitigations:"]
    lines += [f"  {m}: {{status: planned}}" for m in chosen] or ["  {}"]
    if not chosen:
        lines[-2:] = [
            "# Status of each chosen mitigation: planned | in-progress | implemented | verified.",
            "mitigations: {}",
        ]
    lines += ["", "monitoring:", "  kpis:"]
    kpis = sector.kpis if sector else []
    lines += [f"    - kpi: {k}" for k in kpis] or ["    []"]
    if not kpis:
        lines[-2:] = ["  kpis: []"]
    lines += [
        "  reassessment_triggers:",
        '    - "A KPI breaches its threshold"',
        '    - "A grievance reveals an impact on a right the assessment did not register"',
        '    - "The model, its data or its purpose changes"',
        '  grievance_mechanism: "TODO: how affected people complain, in what languages, and the response times"',
        "  free_text_in_reports: false",
        "sign_offs: []",
        "history:",
        f'  - {{version: "0.1", date: {day}, author: "TODO", '
        f'changes: "Started from the {sector.id if sector else "blank"} template"}}',
    ]
    return "\n".join(lines) + "\n"


def ask(prompt: Callable[..., object], sector: Sector | None) -> Answers:
    """Ask the starter's questions through ``prompt`` (typer.prompt in the CLI)."""
    a = Answers()
    a.title = str(prompt("Name of the system and its use", default=sector.name if sector else a.title))
    a.purpose = str(prompt("Its purpose and the decision it supports", default=a.purpose))
    a.technology = str(prompt("The technology", default=a.technology))
    a.deployer = str(prompt("Deployer (who uses it)", default=a.deployer))
    a.provider = str(prompt("Provider (who built it)", default=a.provider))
    countries = str(prompt("Deployment countries (ISO codes, comma-separated)", default="DE"))
    a.countries = [c.strip().upper() for c in countries.split(",") if c.strip()]
    a.automation = str(
        prompt("Automation (advisory, human-in-the-loop, human-on-the-loop, fully-automated)", default=a.automation)
    )
    a.people_per_year = int(str(prompt("People affected per year", default="0")))
    a.lifecycle_stage = str(
        prompt("Lifecycle stage (design, development, pilot, deployment, operation)", default="design")
    )
    return a
