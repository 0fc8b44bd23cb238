"""Static, accessible inline SVG charts: the risk heat map and KPI trend lines.

The SVG is written directly (no plotting library, no scripts, no external resources), so it renders the
same in a browser, in WeasyPrint's PDF and in any viewer. Every chart has ``role="img"``, a ``<title>``
and a ``<desc>`` that states its data in words; colour never carries meaning alone (cells carry their
risk ids and band names, KPI points have a shape per status). Text colours have a contrast of at least
4.5:1 against their background.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from rightscope.assess import scoring

Gettext = Callable[[str], str]

TEXT = "#1a1a1a"
MUTED = "#4a4a4a"
GRID = "#6b6b6b"
# Light fills for the priority bands: dark text on each keeps a contrast above 10:1.
BAND_FILL = {"low": "#d3f0d0", "medium": "#fff1b8", "high": "#ffd8a8", "critical": "#ffc9c9"}
STATUS_COLOUR = {"ok": "#1b6e3a", "warn": "#8a5300", "breach": "#b3261e", "insufficient-data": "#4a4a4a"}
WARN_LINE = "#8a5300"
BREACH_LINE = "#b3261e"
SERIES = "#0b57d0"


@dataclass(frozen=True)
class HeatPoint:
    """One risk on the heat map: its id, final severity and likelihood, and whether an override moved it."""

    id: str
    severity: int
    likelihood: int
    overridden: bool = False


@dataclass(frozen=True)
class TrendPoint:
    window: str
    value: float | None
    status: str


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def cell_band(severity: int, likelihood: int) -> str:
    """The priority band of a heat-map cell (without the vulnerability weight), as the risk scoring defines it."""
    return scoring.priority(float(severity * likelihood), severity, likelihood)


def heat_map(points: Sequence[HeatPoint], _: Gettext, chart_id: str = "heatmap") -> str:
    """A 4 x 4 severity x likelihood grid with the risk ids in their cells."""
    cell, left, top = 120, 118, 44
    width, height = left + 4 * cell + 16, top + 4 * cell + 92
    by_cell: dict[tuple[int, int], list[HeatPoint]] = {}
    for p in points:
        by_cell.setdefault((p.severity, p.likelihood), []).append(p)
    lines = []
    for (sev, lik), items in sorted(by_cell.items(), reverse=True):
        ids = ", ".join(p.id + ("*" if p.overridden else "") for p in items)
        lines.append(
            _("severity %(severity)s, likelihood %(likelihood)s (%(band)s): %(ids)s")
            % {"severity": sev, "likelihood": lik, "band": _(cell_band(sev, lik)), "ids": ids}
        )
    title = _("Risk heat map: severity by likelihood")
    desc = (
        _("%(n)s risks placed by their final severity and likelihood.") % {"n": len(points)}
        + " "
        + ("; ".join(lines) if lines else _("No risks."))
        + ". "
        + _("An asterisk marks a value set by an assessor override.")
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart heatmap" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        '<g font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="13">',
    ]
    for row, sev in enumerate((4, 3, 2, 1)):
        y = top + row * cell
        out.append(
            f'<text x="{left - 10}" y="{y + cell / 2 + 4}" text-anchor="end" fill="{TEXT}">{sev}</text>',
        )
        for col, lik in enumerate((1, 2, 3, 4)):
            x = left + col * cell
            band = cell_band(sev, lik)
            out.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{BAND_FILL[band]}" '
                f'stroke="{GRID}" stroke-width="1"/>'
            )
            out.append(
                f'<text x="{x + 6}" y="{y + 16}" fill="{MUTED}" font-size="11">{escape(_(band))}</text>',
            )
            in_cell = [p.id + ("*" if p.overridden else "") for p in by_cell.get((sev, lik), [])]
            for i, chunk in enumerate(_chunks(in_cell, 3)):
                out.append(
                    f'<text x="{x + cell / 2}" y="{y + 48 + i * 18}" text-anchor="middle" fill="{TEXT}" '
                    f'font-weight="bold">{escape(", ".join(chunk))}</text>'
                )
    for col, lik in enumerate((1, 2, 3, 4)):
        out.append(
            f'<text x="{left + col * cell + cell / 2}" y="{top + 4 * cell + 20}" text-anchor="middle" '
            f'fill="{TEXT}">{lik}</text>'
        )
    out.append(
        f'<text x="{left + 2 * cell}" y="{top + 4 * cell + 44}" text-anchor="middle" fill="{TEXT}">'
        f"{escape(_('Likelihood (1 unlikely - 4 almost certain)'))}</text>"
    )
    out.append(
        f'<text x="16" y="{top + 2 * cell}" text-anchor="middle" fill="{TEXT}" '
        f'transform="rotate(-90 16 {top + 2 * cell})">{escape(_("Severity (1 minor - 4 grave)"))}</text>'
    )
    out.append(
        f'<text x="{left}" y="{top - 16}" fill="{MUTED}" font-size="12">'
        f"{escape(_('* severity or likelihood set by an assessor override'))}</text>"
    )
    legend_y = top + 4 * cell + 64
    for i, band in enumerate(("low", "medium", "high", "critical")):
        x = left + i * cell
        out.append(
            f'<rect x="{x}" y="{legend_y}" width="16" height="16" fill="{BAND_FILL[band]}" stroke="{GRID}"/>'
            f'<text x="{x + 22}" y="{legend_y + 13}" fill="{TEXT}">{escape(_(band))}</text>'
        )
    out.append("</g></svg>")
    return "\n".join(out)


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _fmt(value: float) -> str:
    return f"{value:.3g}"


def trend_line(
    name: str,
    points: Sequence[TrendPoint],
    warn: float | None,
    breach: float | None,
    _: Gettext,
    chart_id: str,
    trend: str = "n/a",
) -> str:
    """A KPI's value per window, with its warn and breach thresholds; the point shape shows the status."""
    width, height, left, right, top, bottom = 640, 240, 64, 44, 28, 52
    values = [p.value for p in points if p.value is not None]
    scale_values = values + [t for t in (warn, breach) if t is not None]
    low, high = (min(scale_values), max(scale_values)) if scale_values else (0.0, 1.0)
    if high == low:
        low, high = low - 1.0, high + 1.0
    pad = (high - low) * 0.12
    low, high = low - pad, high + pad
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(points) - 1, 1)

    def x_of(i: int) -> float:
        return left + (i * step if len(points) > 1 else plot_w / 2)

    def y_of(v: float) -> float:
        return top + plot_h * (1 - (v - low) / (high - low))

    described = "; ".join(
        f"{p.window}: " + (_fmt(p.value) if p.value is not None else _("no value")) + f" ({_(p.status)})"
        for p in points
    )
    thresholds = []
    if warn is not None:
        thresholds.append(_("warn threshold %(v)s") % {"v": _fmt(warn)})
    if breach is not None:
        thresholds.append(_("breach threshold %(v)s") % {"v": _fmt(breach)})
    desc = (
        _("Values by window: %(values)s.") % {"values": described or _("none")}
        + (" " + "; ".join(thresholds) + "." if thresholds else "")
        + " "
        + _("Trend: %(trend)s.") % {"trend": _(trend)}
    )
    title = _("Trend of %(kpi)s") % {"kpi": name}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart trend" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        '<g font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="12">',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{GRID}"/>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{GRID}"/>',
    ]
    for tick in (low + pad, (low + high) / 2, high - pad):
        out.append(f'<text x="{left - 6}" y="{y_of(tick) + 4:.1f}" text-anchor="end" fill="{TEXT}">{_fmt(tick)}</text>')
    for value, colour, label, dash, anchor in (
        (warn, WARN_LINE, _("warn"), "6 4", "start"),
        (breach, BREACH_LINE, _("breach"), "2 3", "end"),
    ):
        if value is None:
            continue
        y = y_of(value)
        label_x = left + 4 if anchor == "start" else left + plot_w - 2
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{colour}" '
            f'stroke-width="1.5" stroke-dasharray="{dash}"/>'
            f'<text x="{label_x}" y="{y - 4:.1f}" text-anchor="{anchor}" fill="{colour}">'
            f"{escape(label)} {_fmt(value)}</text>"
        )
    segment: list[str] = []
    for i, p in enumerate(points):
        if p.value is None:
            if len(segment) > 1:
                out.append(_polyline(segment))
            segment = []
            continue
        segment.append(f"{x_of(i):.1f},{y_of(p.value):.1f}")
    if len(segment) > 1:
        out.append(_polyline(segment))
    for i, p in enumerate(points):
        x = x_of(i)
        out.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 18}" text-anchor="middle" fill="{TEXT}">{escape(p.window)}</text>'
        )
        if p.value is not None:
            out.append(_marker(x, y_of(p.value), p.status))
        else:
            out.append(
                f'<text x="{x:.1f}" y="{top + plot_h - 6}" text-anchor="middle" fill="{MUTED}">'
                f"{escape(_('n/a'))}</text>"
            )
    legend_y = height - 14
    for i, status in enumerate(("ok", "warn", "breach")):
        x = left + i * 120
        out.append(_marker(x + 6, legend_y - 4, status))
        out.append(f'<text x="{x + 16}" y="{legend_y}" fill="{TEXT}">{escape(_(status))}</text>')
    out.append("</g></svg>")
    return "\n".join(out)


def _polyline(points: list[str]) -> str:
    return f'<polyline points="{" ".join(points)}" fill="none" stroke="{SERIES}" stroke-width="2"/>'


def _marker(x: float, y: float, status: str) -> str:
    colour = STATUS_COLOUR.get(status, MUTED)
    if status == "breach":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{colour}"/>'
    if status == "warn":
        corners = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y + 5:.1f} {x - 6:.1f},{y + 5:.1f}"
        return f'<polygon points="{corners}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>'
