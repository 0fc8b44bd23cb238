"""Markdown reports (GitHub-flavoured: pipe tables and footnotes), from the same context as the HTML."""

from __future__ import annotations

import re

from rightscope.report.context import ReportContext
from rightscope.report.html import environment, heat_points, template_values

_BLANK_LINES = re.compile(r"\n{3,}")


def heat_cells(ctx: ReportContext) -> dict[tuple[int, int], str]:
    """(severity, likelihood) -> the risk ids in that cell, an asterisk marking an override."""
    cells: dict[tuple[int, int], list[str]] = {}
    for p in heat_points(ctx):
        cells.setdefault((p.severity, p.likelihood), []).append(p.id + ("\\*" if p.overridden else ""))
    return {k: ", ".join(v) for k, v in cells.items()}


def render_markdown(ctx: ReportContext) -> str:
    """The report as a Markdown document."""
    env = environment(ctx.meta.lang, autoescape=False)
    values = template_values(ctx)
    name = "monitoring.md.j2" if ctx.monitoring is not None else "hria.md.j2"
    if ctx.monitoring is None:
        values["heat"] = heat_cells(ctx)
    text = env.get_template(name).render(values)
    return _BLANK_LINES.sub("\n\n", text).strip() + "\n"
