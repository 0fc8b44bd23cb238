"""HTML reports: self-contained (inline CSS and SVG, no script, no external resource), printable, accessible.

One Jinja2 environment per language, with the gettext catalogue installed: the templates call the underscore
function on each message. The same HTML is the source of the PDF (:mod:`rightscope.report.pdf`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from rightscope.report import charts
from rightscope.report.context import Quote, ReportContext, right_name
from rightscope.report.i18n import gettext_for, translations
from rightscope.report.lens import engaged_items, group_terms, terms_text


def number(value: float | int | None) -> str:
    """A number as people read it: 15.0 -> 15, 0.8 -> 0.8, None -> -."""
    if value is None:
        return "-"
    return f"{value:.3g}" if isinstance(value, float) and not value.is_integer() else str(int(value))


def css_token(value: object) -> str:
    """A value as a CSS class or id fragment: lower case, letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-") or "x"


def markdown_cell(value: object) -> str:
    """Text that is safe inside a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(value).split()).replace("|", "\\|")


@cache
def environment(lang: str, autoescape: bool = True) -> Environment:
    """The template environment of one language (``autoescape=False`` for Markdown)."""
    env = Environment(
        loader=PackageLoader("rightscope.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2", "html")) if autoescape else False,
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["num"] = number
    env.filters["css"] = css_token
    env.filters["right_name"] = right_name
    env.filters["cell"] = markdown_cell
    env.filters["group_terms"] = group_terms
    env.filters["terms_text"] = terms_text
    env.tests["contains"] = lambda seq, item: item in seq
    return env


def template_values(ctx: ReportContext) -> dict[str, Any]:
    """What every template gets besides the context: lens flags, notes, engaged items and quotes by right."""
    quotes: dict[str, list[Quote]] = {r.id: r.quotes for r in ctx.rights}
    return {
        "ctx": ctx,
        "page_lang": ctx.meta.lang,
        "lens_compliance": ctx.meta.lens.kind == "compliance",
        "notes": {f.right: f.n for f in ctx.footnotes},
        "note_names": {f.n: f.name for f in ctx.footnotes},
        "engaged": engaged_items(ctx) if ctx.meta.lens.kind == "compliance" else {},
        "quotes_by_right": quotes,
    }


def heat_points(ctx: ReportContext) -> list[charts.HeatPoint]:
    return [
        charts.HeatPoint(
            r.id,
            r.severity,
            r.likelihood,
            overridden=r.severity != r.computed_severity or r.likelihood != r.computed_likelihood,
        )
        for r in ctx.risks
    ]


def trend_charts(ctx: ReportContext) -> dict[str, str]:
    """The SVG trend line of each monitored KPI."""
    if ctx.monitoring is None:
        return {}
    _ = gettext_for(ctx.meta.lang)
    return {
        k.kpi: charts.trend_line(
            k.name,
            [charts.TrendPoint(w.window, w.value, w.status) for w in k.windows],
            k.warn,
            k.breach,
            _,
            chart_id=f"trend-{css_token(k.kpi)}",
            trend=k.trend,
        )
        for k in ctx.monitoring.kpis
    }


def render_html(ctx: ReportContext) -> str:
    """The report as one self-contained HTML document."""
    env = environment(ctx.meta.lang)
    _ = gettext_for(ctx.meta.lang)
    values = template_values(ctx)
    if ctx.monitoring is not None:
        values["trend_svgs"] = {k: Markup(svg) for k, svg in trend_charts(ctx).items()}
        return env.get_template("monitoring.html.j2").render(values)
    values["heatmap_svg"] = Markup(charts.heat_map(heat_points(ctx), _))
    return env.get_template("hria.html.j2").render(values)
