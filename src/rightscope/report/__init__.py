"""Reports: the HRIA/FRIA report and the monitoring report, in HTML, PDF, DOCX, Markdown and JSON.

:func:`build_context` gathers what a report shows from the assessment file, its result and, for a
monitoring report, a monitoring result; a lens (rights or compliance) and a language (en, fr, es)
choose how it is told. :func:`render` turns the context into one format. Exports for authorities and
tools (the EU AI Act Art. 27(3) notification, the risk register as CSV and an OSCAL assessment-results
document) are in :mod:`rightscope.report.exports`. See ``docs/reports.md``.

Examples:
    >>> from rightscope.report import FORMATS
    >>> FORMATS
    ('html', 'pdf', 'docx', 'md', 'json')
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from rightscope.errors import UnknownIdError
from rightscope.report.context import ReportContext, ReportError, build_context
from rightscope.report.lens import Lens, LensKind, make_lens
from rightscope.report.monitoring import MonitoringFileError, load_monitoring

if TYPE_CHECKING:
    from rightscope.assess import AssessmentResult

__all__ = [
    "EXPORTS",
    "FORMATS",
    "Lens",
    "LensKind",
    "MonitoringFileError",
    "ReportContext",
    "ReportError",
    "build_context",
    "export_assessment",
    "load_monitoring",
    "make_lens",
    "render",
    "render_assessment",
]

FORMATS = ("html", "pdf", "docx", "md", "json")
EXPORTS = {"fria-notification": "json", "risk-register": "csv", "oscal": "json"}


def render(ctx: ReportContext, fmt: str) -> bytes:
    """The report in ``fmt`` (html, pdf, docx, md or json) as bytes, ready to write to a file."""
    if fmt == "html":
        from rightscope.report.html import render_html

        return render_html(ctx).encode("utf-8")
    if fmt == "pdf":
        from rightscope.report.pdf import render_pdf

        return render_pdf(ctx)
    if fmt == "docx":
        from rightscope.report.docx import render_docx

        return render_docx(ctx)
    if fmt == "md":
        from rightscope.report.markdown import render_markdown

        return render_markdown(ctx).encode("utf-8")
    if fmt == "json":
        payload = ctx.model_dump(mode="json", by_alias=True)
        return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    raise UnknownIdError("report format", fmt, FORMATS)


def _choice(what: str, value: str, allowed: tuple[str, ...] | list[str]) -> str:
    wanted = value.strip().lower()
    if wanted not in allowed:
        raise UnknownIdError(what, value, allowed)
    return wanted


def assessment_context(
    assessment: str | Path,
    *,
    lens: str = "rights",
    frameworks: list[str] | None = None,
    lang: str = "en",
    monitoring: str | Path | None = None,
) -> tuple[ReportContext, AssessmentResult]:
    """Load and assess an assessment file and build its report context (inputs checked before the work)."""
    from rightscope.assess import assess, load
    from rightscope.report.i18n import check_language

    chosen = make_lens(_choice("--lens value", lens, [k.value for k in LensKind]), frameworks or None)
    lang = check_language(lang)
    monitored = load_monitoring(monitoring) if monitoring is not None else None
    parsed = load(assessment)
    result = assess(parsed)
    return build_context(parsed, result, lens=chosen, lang=lang, monitoring=monitored), result


def _target(out: str | Path, name: str, suffix: str) -> Path:
    """A file path as given, or a file named after the assessment in a folder: an existing folder, a path
    ending in a separator, or a new path without a file extension."""
    target = Path(out)
    if target.is_dir() or str(out).endswith(("/", "\\")) or (not target.exists() and not target.suffix):
        target.mkdir(parents=True, exist_ok=True)
        return target / f"{name}.{suffix}"
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def render_assessment(
    assessment: str | Path,
    out: str | Path,
    *,
    fmt: str = "html",
    lens: str = "rights",
    frameworks: list[str] | None = None,
    lang: str = "en",
    monitoring: str | Path | None = None,
) -> Path:
    """Write the report of an assessment file (its monitoring report with ``monitoring``); return the file.

    ``out`` is a file, or a folder in which the file is named after the assessment id.
    """
    fmt = _choice("--format value", fmt, FORMATS)
    ctx, _result = assessment_context(assessment, lens=lens, frameworks=frameworks, lang=lang, monitoring=monitoring)
    kind = "monitoring" if monitoring is not None else "report"
    target = _target(out, f"{ctx.meta.assessment}-{kind}", fmt)
    target.write_bytes(render(ctx, fmt))
    return target


def export_assessment(
    assessment: str | Path,
    out: str | Path,
    *,
    kind: str,
    contact: str | None = None,
    monitoring: str | Path | None = None,
) -> Path:
    """Write an export of an assessment file: ``fria-notification``, ``risk-register`` or ``oscal``."""
    from rightscope.report import exports

    kind = _choice("--kind value", kind, list(EXPORTS))
    ctx, result = assessment_context(assessment, monitoring=monitoring)
    target = _target(out, f"{ctx.meta.assessment}-{kind}", EXPORTS[kind])
    if kind == "risk-register":
        target.write_text(exports.risk_register_csv(result), encoding="utf-8")
        return target
    if kind == "fria-notification":
        payload = exports.fria_notification(ctx, contact)
    else:
        payload = exports.oscal_assessment_results(ctx)
    target.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target
