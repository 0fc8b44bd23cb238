"""PDF reports: WeasyPrint renders the same HTML as the HTML report, with its print stylesheet.

WeasyPrint needs the Pango, HarfBuzz and fontconfig system libraries and a font (Debian:
``libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core``). The report names no font
that must be downloaded, and has no external resource to fetch.
"""

from __future__ import annotations

from rightscope.errors import RightscopeError
from rightscope.report.context import ReportContext
from rightscope.report.html import render_html


class PdfUnavailableError(RightscopeError):
    """WeasyPrint or the system libraries it needs are not installed."""


def html_to_pdf(html: str) -> bytes:
    """A PDF of an HTML document (A4, with the report's print stylesheet)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango or another system library is missing
        raise PdfUnavailableError(
            f"PDF output needs WeasyPrint and its system libraries (pango, harfbuzz, fonts): {exc}"
        ) from None
    pdf: bytes = HTML(string=html, base_url=None).write_pdf()
    return pdf


def render_pdf(ctx: ReportContext) -> bytes:
    """The report as a PDF."""
    return html_to_pdf(render_html(ctx))
