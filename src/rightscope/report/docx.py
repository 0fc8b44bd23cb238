"""Word reports (DOCX) that people can edit: real headings, real tables with header rows, quotes as text.

The heat map and the KPI trends are tables here rather than pictures, so that the document stays
editable and readable by screen readers. Headings use Word's built-in styles (the navigation pane
and a table of contents work); header rows repeat on each page; the document language is set.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.shared import Pt
from docx.table import Table

from rightscope.report.context import MitigationEntry, MonitoringFinding, Quote, ReportContext, RiskEntry
from rightscope.report.html import number
from rightscope.report.i18n import gettext_for
from rightscope.report.lens import engaged_items, group_terms, terms_text
from rightscope.report.markdown import heat_cells

Gettext = Callable[[str], str]
LOCALES = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES"}


class _Writer:
    """Appends the report's parts to a python-docx document."""

    def __init__(self, ctx: ReportContext) -> None:
        self.ctx = ctx
        self._ = gettext_for(ctx.meta.lang)
        self.doc: DocxDocument = Document()
        self.compliance = ctx.meta.lens.kind == "compliance"
        self._setup()

    def _setup(self) -> None:
        props = self.doc.core_properties
        props.title = self.ctx.meta.title
        props.subject = self._("Human rights impact assessment")
        props.language = LOCALES.get(self.ctx.meta.lang, self.ctx.meta.lang)
        props.author = "Rightscope"
        normal = self.doc.styles["Normal"]
        normal.font.name = "DejaVu Sans"
        normal.font.size = Pt(10)
        run_props = normal.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), LOCALES.get(self.ctx.meta.lang, self.ctx.meta.lang))
        run_props.append(lang)

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(text, level=level)

    def para(self, text: str, style: str | None = None, bold: bool = False) -> None:
        p = self.doc.add_paragraph(style=style)
        p.add_run(text).bold = bold

    def note_ref(self, text: str, note: int | None) -> None:
        """A paragraph ending with a footnote number [n] in superscript."""
        p = self.doc.add_paragraph()
        p.add_run(text)
        if note is not None:
            p.add_run(f"[{note}]").font.superscript = True

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            self.doc.add_paragraph(item, style="List Bullet")

    def facts(self, rows: Sequence[tuple[str, str]]) -> None:
        self.table([self._("Figure"), self._("Value")], [list(r) for r in rows if r[1]], None, row_headers=True)

    def table(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], caption: str | None, row_headers: bool = True
    ) -> Table:
        """A table with a repeated header row; the first column is bold when it names the row."""
        if caption:
            self.doc.add_paragraph(caption, style="Caption")
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        header = table.rows[0]
        _repeat_header(header._tr)
        for cell, text in zip(header.cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            cells = table.add_row().cells
            for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
                cell.text = ""
                cell.paragraphs[0].add_run(text).bold = row_headers and i == 0
        self.doc.add_paragraph()
        return cast(Table, table)

    def quote(self, q: Quote) -> None:
        _ = self._
        self.para(q.text or _("The text is not in the knowledge base; see the official source."), style="Quote")
        cite = q.citation + (f" ({q.title})" if q.title else "") + f" · {q.provision}"
        if q.lang != self.ctx.meta.lang:
            cite += f" · {_('English text')}"
        if q.truncated:
            cite += " · " + _("excerpt; full text: rightscope law show %(ref)s") % {
                "ref": q.provision.replace(":", " ")
            }
        self.para(cite)

    def risk_label(self, r: RiskEntry) -> str:
        if self.compliance:
            return (terms_text(r.terms) or self._("no corresponding item")) + f" [{r.footnote}]"
        return r.right_name

    def header(self, kicker: str) -> None:
        ctx, _ = self.ctx, self._
        self.para(kicker, style="Subtitle")
        self.doc.add_heading(ctx.meta.title, level=0)
        lens = (
            _("compliance") + ": " + "; ".join(name for _id, name in ctx.meta.lens.frameworks)
            if self.compliance
            else _("human rights")
        )
        self.facts(
            [
                (_("Assessment"), f"{ctx.meta.assessment}, {_('version')} {ctx.meta.version}"),
                (_("Deployer"), ctx.use_case.deployer),
                (_("Countries"), ", ".join(c.name for c in ctx.countries)),
                (_("Lens"), lens),
                (_("Generated"), f"{ctx.meta.generated} {_('by Rightscope')}"),
            ]
        )

    def footnotes(self) -> None:
        _ = self._
        self.heading(_("Notes: the rights behind the requirements"), 1)
        self.para(
            _(
                "Each risk and finding above is stated in the terms of the chosen frameworks. These notes give the "
                "human right it concerns, the provisions that protect it and the text of its UDHR anchor."
            )
        )
        quotes = {r.id: r.quotes for r in self.ctx.rights}
        for f in self.ctx.footnotes:
            self.para(
                f"[{f.n}] {f.name} ({f.right}). {_('UDHR')} {_('Art.')} {', '.join(f.udhr)}. "
                f"{_('Provisions')}: {', '.join(f.provisions)}."
            )
            for q in quotes.get(f.right, []):
                self.quote(q)
        self.para(_("* A subject written by Rightscope, not the framework's own words."))

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _repeat_header(tr: CT_Row) -> None:
    tr_pr = tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _with_computed(final: str, computed: str, overridden: bool, _: Gettext) -> str:
    """A final value, with the computed one beside it when an assessor override changed it."""
    return f"{final} ({_('computed')} {computed})" if overridden else final.removesuffix("*")


def _hria(w: _Writer) -> None:
    ctx, _ = w.ctx, w._
    s = ctx.summary
    w.header(_("Human rights impact assessment (HRIA) and fundamental rights impact assessment (FRIA)"))

    w.heading(_("Executive summary"), 1)
    sentences = [
        _(
            "This assessment registers %(risks)s risks to %(rights)s rights at stake: %(critical)s critical, "
            "%(high)s high, %(medium)s medium and %(low)s low priority."
        )
        % {"risks": s.risks, "rights": s.rights_at_stake, **s.by_priority},
        _("With the chosen mitigations in place, %(critical)s would remain critical and %(high)s high.")
        % s.residual_by_priority,
        _("The system's impact level is %(level)s (I lowest, IV highest).") % {"level": s.impact_level},
        _(
            "%(met)s of %(total)s completeness checks against EU AI Act Art. 27, HUDERIA and the UN Guiding "
            "Principles are met."
        )
        % {"met": s.checks_met, "total": s.checks_total},
    ]
    w.para(" ".join(sentences))
    if w.compliance:
        w.para(
            _(
                "This report uses the compliance lens: each risk and mitigation is stated in the terms of "
                "%(frameworks)s, with the human rights concerned given in numbered notes."
            )
            % {"frameworks": "; ".join(name for _id, name in ctx.meta.lens.frameworks)}
        )
    rows = [(_("Risks registered"), str(s.risks))]
    rows += [(f"{_('Priority')}: {_(p)}", str(n)) for p, n in s.by_priority.items()]
    rows += [
        (_("Assessor overrides"), str(s.overrides)),
        (_("Rights at stake"), str(s.rights_at_stake)),
        (_("Mitigations chosen"), str(s.mitigations)),
        (_("KPIs monitored"), str(s.kpis)),
        (_("Completeness checks met"), f"{s.checks_met} / {s.checks_total}"),
        (_("Impact level"), s.impact_level),
    ]
    w.table([_("Figure"), _("Value")], [list(r) for r in rows], _("Key figures"))
    if s.top_risks:
        w.heading(_("The most severe risks"), 2)
        w.bullets(
            [f"{r.id} ({_(r.priority)}) {w.risk_label(r)}: {r.scenario}" for r in ctx.risks if r.id in s.top_risks]
        )
    if ctx.warnings:
        w.heading(_("Warnings"), 2)
        w.bullets(ctx.warnings)

    u = ctx.use_case
    w.heading(_("The use case"), 1)
    w.facts(
        [
            (_("Purpose"), u.purpose),
            (_("Processes in which it is used"), u.processes or ""),
            (_("Sector"), (u.sector_name or "") + (f" ({_('EU AI Act')} {u.annex_iii})" if u.annex_iii else "")),
            (_("Technology"), u.technology),
            (_("Deployer"), u.deployer),
            (_("Provider"), u.provider or ""),
            (_("Period of use"), u.period_of_use or ""),
            (_("Frequency"), u.frequency or ""),
            (_("Effect of the decision"), u.decision_effect),
            (_("Automation"), _(u.automation)),
            (_("Human oversight"), u.human_oversight or ""),
            (_("Lifecycle stage"), _(u.lifecycle_stage)),
            (_("Data"), "; ".join(u.data_categories)),
        ]
    )
    w.table(
        [_("Who"), _("How many"), _("Groups in vulnerable situations")],
        [
            [p.group, "-" if p.size is None else str(p.size), ", ".join(p.vulnerable_groups) or "-"]
            for p in u.affected_people
        ],
        _("People affected"),
    )

    w.heading(_("Applicable law"), 1)
    for c in ctx.countries:
        w.heading(f"{c.name} ({c.code})", 2)
        w.table(
            [_("Instrument"), _("Basis"), _("Status"), _("Year"), _("As of")],
            [[b.instrument, _(b.basis), _(b.status), str(b.year or ""), b.as_of or ""] for b in c.binding],
            f"{_('Binding instruments')}: {c.name}",
        )
        w.table(
            [_("Mechanism"), _("Level"), _("Body"), _("Available")],
            [[lv.mechanism, _(lv.level), lv.body, _(lv.available)] for lv in c.levers],
            f"{_('Levers for remedy')}: {c.name}",
        )

    if w.compliance:
        w.heading(_("Framework requirements engaged"), 1)
        engaged = engaged_items(ctx)
        for fw_id, fw_name in ctx.meta.lens.frameworks:
            w.heading(fw_name, 2)
            w.table(
                [_("Item"), _("Subject"), _("Risks"), _("Rights (notes)")],
                [
                    [
                        row.ref,
                        row.title + ("" if row.title_official else "*"),
                        ", ".join(row.risks) or "-",
                        " ".join(f"[{n}]" for n, _name in row.notes),
                    ]
                    for row in engaged[fw_id]
                ],
                f"{_('Items engaged')}: {fw_name}",
            )
    else:
        w.heading(_("Rights at stake"), 1)
        for right in ctx.rights:
            w.heading(right.name, 2)
            status = (
                f"{_('Risks registered')}: {', '.join(right.risks)}."
                if right.registered
                else _("No risk registered for this right.")
            )
            w.para(f"{status} {_('Provisions')}: {', '.join(right.citations)}.")
            for q in right.quotes:
                w.quote(q)

    w.heading(_("Risk register"), 1)
    w.para(
        _(
            "Severity follows UN Guiding Principle 14 (scale, scope and irremediable character); the score is severity "
            "times likelihood, weighted by 1.25 where groups in vulnerable situations are affected. Where an assessor "
            "overrode a computed value, both are shown with the rationale."
        )
    )
    cells = heat_cells(ctx)
    w.table(
        [f"{_('Severity')} \\ {_('Likelihood')}", "1", "2", "3", "4"],
        [[str(sev)] + [cells.get((sev, lik), "").replace("\\*", "*") for lik in (1, 2, 3, 4)] for sev in (4, 3, 2, 1)],
        _("Risks by final severity (rows) and likelihood (columns); * marks a value set by an assessor override."),
    )
    w.table(
        [
            _("Risk"),
            _("Requirements") if w.compliance else _("Right"),
            _("Severity"),
            _("Likelihood"),
            _("Score"),
            _("Priority"),
            _("Residual"),
            _("Owner"),
        ],
        [
            [
                r.id,
                w.risk_label(r),
                _with_computed(f"{r.severity}*", str(r.computed_severity), r.severity != r.computed_severity, _),
                _with_computed(
                    f"{r.likelihood}*", str(r.computed_likelihood), r.likelihood != r.computed_likelihood, _
                ),
                number(r.score),
                _with_computed(_(r.priority), _(r.computed_priority), r.priority != r.computed_priority, _),
                _(r.residual_priority),
                r.owner or "-",
            ]
            for r in ctx.risks
        ],
        _("Risk register"),
    )
    for r in ctx.risks:
        w.heading(f"{r.id}: {w.risk_label(r)}", 2)
        w.para(r.scenario)
        facts = [
            (_("Groups in vulnerable situations"), ", ".join(r.affected_groups)),
            (_("Scale, scope, remediability"), f"{r.scale}, {r.scope}, {r.remediability}"),
            (
                _("Severity and likelihood"),
                f"{r.severity} × {r.likelihood} = {_('score')} {number(r.score)} ({_(r.priority)})",
            ),
            (_("Involvement"), f"{_(r.involvement)}: {r.expected_action}"),
            (
                _("Residual risk"),
                f"{r.residual_severity} × {r.residual_likelihood} = {number(r.residual_score)} "
                f"({_(r.residual_priority)})",
            ),
            (_("Evidence"), r.evidence or ""),
            (_("Mitigations"), ", ".join(r.mitigations) or _("none chosen")),
        ]
        if w.compliance:
            facts.append(
                (
                    _("In the terms of the frameworks"),
                    "; ".join(
                        f"{fw}: " + ", ".join(f"{t.ref} ({t.title}; {_(t.relation)})" for t in group)
                        for fw, group in group_terms(r.terms)
                    )
                    or _("No verified item of the chosen frameworks corresponds to it."),
                )
            )
        else:
            facts.append((_("Provisions"), ", ".join(r.citations)))
        w.facts(facts)
        if r.overrides:
            w.table(
                [_("Value"), _("Computed"), _("Override"), _("Rationale")],
                [[_(o.field), _(o.computed), _(o.override), o.rationale] for o in r.overrides],
                f"{_('Assessor overrides')}: {r.id}",
            )

    w.heading(_("Mitigations"), 1)
    by = s.mitigations_by_status
    w.para(
        _(
            "%(n)s human-rights-by-design measures chosen: %(verified)s verified, %(implemented)s implemented, "
            "%(progress)s in progress and %(planned)s planned."
        )
        % {
            "n": s.mitigations,
            "verified": by["verified"],
            "implemented": by["implemented"],
            "progress": by["in-progress"],
            "planned": by["planned"],
        }
    )

    def refs(m: MitigationEntry) -> str:
        if w.compliance:
            return terms_text(m.terms) or _("no corresponding item")
        parts = [f"{_('EU AI Act')} {_('Art.')} {', '.join(m.eu_ai_act)}"] if m.eu_ai_act else []
        parts += [f"NIST AI RMF {', '.join(m.nist_ai_rmf)}"] if m.nist_ai_rmf else []
        parts += [f"GDPR {_('Art.')} {', '.join(m.gdpr)}"] if m.gdpr else []
        return ". ".join(parts) or (_("own measure") if m.custom else "-")

    w.table(
        [
            _("Measure"),
            _("Status"),
            _("Risks"),
            _("Owner and due date"),
            _("In the terms of the frameworks") if w.compliance else _("References"),
        ],
        [
            [
                f"{m.name} ({m.id})",
                _(m.status),
                ", ".join(m.risks),
                (m.owner or "-") + (f", {m.due}" if m.due else ""),
                refs(m),
            ]
            for m in ctx.mitigations
        ],
        _("Mitigations"),
    )

    w.heading(_("Monitoring plan"), 1)
    w.table(
        [_("KPI"), _("Risks"), _("Direction"), _("Warn"), _("Breach"), _("Cadence"), _("On breach")],
        [
            [
                f"{k.name} ({k.kpi})",
                ", ".join(k.risks) or "-",
                _(k.direction),
                number(k.warn),
                number(k.breach),
                _(k.cadence),
                k.trigger,
            ]
            for k in ctx.monitoring_plan.kpis
        ],
        _("Key performance indicators"),
    )
    if ctx.monitoring_plan.reassessment_triggers:
        w.heading(_("Triggers for reassessment"), 2)
        w.bullets(ctx.monitoring_plan.reassessment_triggers)
    if ctx.monitoring_plan.grievance_mechanism:
        w.heading(_("Grievance mechanism"), 2)
        w.para(ctx.monitoring_plan.grievance_mechanism)

    w.heading(_("Completeness checks"), 1)
    w.para(_("%(met)s of %(total)s checks met.") % {"met": s.checks_met, "total": s.checks_total})
    for g in ctx.checks:
        w.heading(g.framework, 2)
        w.table(
            [_("Requirement"), _("Status"), _("Found in the file"), _("To do")],
            [[c.requirement, _(c.status), c.found, c.fix or "-"] for c in g.checks],
            f"{g.framework}: "
            + _("%(met)s met, %(partial)s partial, %(missing)s missing")
            % {"met": g.met, "partial": g.partial, "missing": g.missing},
        )

    w.heading(_("Stakeholder engagement"), 1)
    if ctx.stakeholders:
        w.table(
            [_("Who"), _("How and when"), _("What they said"), _("What the assessment did")],
            [
                [st.who, (st.method or "-") + (f", {st.date}" if st.date else ""), st.said or "-", st.response or "-"]
                for st in ctx.stakeholders
            ],
            _("Stakeholders consulted"),
        )
    else:
        w.para(_("No stakeholder engagement is recorded."), bold=True)

    w.heading(_("Sign-offs and history"), 1)
    if ctx.sign_offs:
        w.table(
            [_("Name"), _("Role"), _("Date"), _("Decision"), _("Conditions")],
            [[so.name, so.role, str(so.date), _(so.decision), so.conditions or "-"] for so in ctx.sign_offs],
            _("Sign-offs"),
        )
    else:
        w.para(_("No sign-off is recorded."), bold=True)
    if ctx.history:
        w.table(
            [_("Version"), _("Date"), _("Author"), _("Changes")],
            [[h.version, str(h.date), h.author, h.changes] for h in ctx.history],
            _("Version history"),
        )
    if w.compliance:
        w.footnotes()


def _monitoring(w: _Writer) -> None:
    ctx, _ = w.ctx, w._
    mon = ctx.monitoring
    assert mon is not None
    notes = {f.right: f.n for f in ctx.footnotes}
    w.header(f"{_('Monitoring report')}: {mon.period_start or '-'} – {mon.period_end or '-'}")
    w.heading(_("Summary"), 1)
    w.para(
        _(
            "Monitoring of %(kpis)s KPIs from %(start)s to %(end)s: %(findings)s findings, of which %(unforeseen)s "
            "unforeseen impacts; %(triggers)s triggers for reassessment fired; %(grievances)s grievances received."
        )
        % {
            "kpis": len(mon.kpis),
            "start": mon.period_start or "-",
            "end": mon.period_end or "-",
            "findings": len(mon.findings),
            "unforeseen": len(mon.unforeseen),
            "triggers": len(mon.triggers),
            "grievances": mon.grievances.total,
        }
    )
    rows = [(_("KPIs monitored"), str(len(mon.kpis)))]
    rows += [(f"{_('KPI status')}: {_(st)}", str(n)) for st, n in sorted(mon.kpi_status_counts.items())]
    rows += [(_("Findings"), str(len(mon.findings)))]
    rows += [(f"{_('Findings')}: {_(p)}", str(n)) for p, n in mon.findings_by_severity.items()]
    rows += [
        (_("Unforeseen impacts"), str(len(mon.unforeseen))),
        (_("Triggers fired"), str(len(mon.triggers))),
        (_("Grievances"), str(mon.grievances.total)),
        (_("Risks registered"), str(ctx.summary.risks)),
    ]
    w.table([_("Figure"), _("Value")], [list(r) for r in rows], _("Key figures"))

    w.heading(_("Registered risks"), 1)
    w.para(
        _("The risks of the ex-ante assessment (version %(version)s) that the findings refer to.")
        % {"version": ctx.meta.version}
    )
    w.table(
        [_("Risk"), _("Requirements") if w.compliance else _("Right"), _("Priority"), _("Residual"), _("KPIs")],
        [
            [
                r.id,
                w.risk_label(r),
                _(r.priority),
                _(r.residual_priority),
                ", ".join(k.kpi for k in ctx.monitoring_plan.kpis if r.id in k.risks) or "-",
            ]
            for r in ctx.risks
        ],
        _("Registered risks"),
    )

    w.heading(_("KPI trends"), 1)
    if not mon.kpis:
        w.para(_("No KPI was computed in this period."))
    for k in mon.kpis:
        w.heading(k.name, 2)
        rights = (
            " ".join(f"[{notes[r]}]" for r in k.rights if r in notes) if w.compliance else ", ".join(k.rights) or "-"
        )
        w.para(
            f"{_('Status')}: {_(k.status)} · {_('Trend')}: {_(k.trend)} · {_('Direction')}: {_(k.direction)} · "
            f"{_('Risks')}: {', '.join(k.risks) or '-'} · {_('Rights')}: {rights} · "
            f"{_('Warn')}: {number(k.warn)} · {_('Breach')}: {number(k.breach)}"
        )
        if k.note:
            w.para(k.note)
        if not k.windows:
            continue
        w.table(
            [_("Window"), _("Value"), _("Status"), _("Worst group")],
            [[win.window, number(win.value), _(win.status), win.worst_group or "-"] for win in k.windows],
            f"{_('Values per window')}: {k.name}",
        )

    def findings(items: list[MonitoringFinding], caption: str) -> None:
        rows = []
        for f in items:
            concerned = (
                (terms_text(f.terms) or _("no corresponding item")) + " " + " ".join(f"[{n}]" for n in f.footnotes)
                if w.compliance
                else ", ".join(f.right_names) or "-"
            )
            rows.append(
                [f"{f.title} ({f.id}, {_(f.kind)})", _(f.severity), concerned, ", ".join(f.risks) or "-", f.detail]
            )
        if not rows:
            rows.append([_("None in this period."), "", "", "", ""])
        w.table(
            [_("Finding"), _("Severity"), _("Requirements") if w.compliance else _("Rights"), _("Risks"), _("Detail")],
            rows,
            caption,
        )

    w.heading(_("Findings"), 1)
    findings(mon.findings, _("Findings"))
    w.heading(_("Unforeseen impacts"), 1)
    w.para(
        _(
            "Impacts the ex-ante assessment did not register: %(n)s findings, and %(g)s grievances about a right "
            "without a registered risk."
        )
        % {"n": len(mon.unforeseen), "g": mon.grievances.unforeseen}
    )
    findings(mon.unforeseen, _("Unforeseen impacts"))
    w.heading(_("Triggers for reassessment"), 1)
    w.table(
        [_("Trigger"), _("Fired on"), _("Reason")],
        [[t.trigger, str(t.fired_on), t.reason] for t in mon.triggers] or [[_("None in this period."), "", ""]],
        _("Triggers fired"),
    )
    w.heading(_("Grievances"), 1)
    if not mon.grievances.monitored:
        w.para(_("No grievance log was monitored."))
    else:
        _grievances(w, notes)
    if w.compliance:
        w.footnotes()


def _grievances(w: _Writer, notes: dict[str, int]) -> None:
    _ = w._
    assert w.ctx.monitoring is not None
    g = w.ctx.monitoring.grievances
    text = _("%(n)s grievances received.") % {"n": g.total}
    if g.median_days_to_remedy is not None:
        text += " " + _("Median time to remedy: %(d)s days.") % {"d": number(g.median_days_to_remedy)}
    w.para(text)
    w.table(
        [_("Right"), _("Grievances")],
        [[name + (f" [{notes[r]}]" if w.compliance and r in notes else ""), str(n)] for r, name, n in g.by_right],
        _("Grievances by right"),
    )
    w.table(
        [_("Status"), _("Grievances")],
        [[_(st), str(n)] for st, n in sorted(g.by_status.items())],
        _("Grievances by status"),
    )


def render_docx(ctx: ReportContext) -> bytes:
    """The report as an editable Word document."""
    writer = _Writer(ctx)
    if ctx.monitoring is not None:
        _monitoring(writer)
    else:
        _hria(writer)
    return writer.save()
