"""Reports of a stored assessment version, by the core's renderers (``rightscope.report``): nothing is
rendered here that the CLI would render differently.

Consultation input never reaches a report: the core's report takes the assessment document, whose
stakeholder engagement section the assessment team writes (counts and the assessor's summary), and
the monitoring result.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rightscope import report
from rightscope.assess.result import AssessmentResult
from rightscope.assess.schema import Assessment as AssessmentDocument
from rightscope.report import exports
from rightscope.web.assessments.document import evaluate
from rightscope.web.assessments.models import AssessmentVersion

EXPORT_KINDS = tuple(report.EXPORTS)
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
}


class ReportUnavailable(ValueError):
    """The version cannot be scored, so it has no report."""


@dataclass(frozen=True)
class Rendered:
    content: bytes
    filename: str
    content_type: str


def _monitoring(result: dict[str, Any] | None) -> Any:
    if result is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "monitoring-result.json").write_text(json.dumps(result), encoding="utf-8")
        return report.load_monitoring(folder)


def _scored(version: AssessmentVersion) -> tuple[AssessmentDocument, AssessmentResult]:
    evaluation = evaluate(version)
    if evaluation.result is None:
        raise ReportUnavailable("; ".join(evaluation.problems))
    return evaluation.document, evaluation.result


def context(version: AssessmentVersion, lens: str, lang: str, monitoring: dict[str, Any] | None) -> Any:
    parsed, result = _scored(version)
    return report.build_context(
        parsed, result, lens=report.make_lens(lens), lang=lang, monitoring=_monitoring(monitoring)
    )


def render(
    version: AssessmentVersion, kind: str, fmt: str, lens: str, lang: str, monitoring: dict[str, Any] | None
) -> Rendered:
    """A report (``kind`` = "report", in ``fmt``) or an export (fria-notification, risk-register, oscal)."""
    ctx = context(version, lens, lang, monitoring)
    stem = f"{ctx.meta.assessment}-v{version.number}"
    if kind == "report":
        name = f"{stem}-{'monitoring' if monitoring else 'report'}-{lens}-{lang}.{fmt}"
        return Rendered(report.render(ctx, fmt), name, CONTENT_TYPES[fmt])
    suffix = report.EXPORTS[kind]
    if kind == "risk-register":
        content = exports.risk_register_csv(_scored(version)[1]).encode("utf-8")
    else:
        payload = (
            exports.fria_notification(ctx, None)
            if kind == "fria-notification"
            else exports.oscal_assessment_results(ctx)
        )
        content = (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return Rendered(content, f"{stem}-{kind}.{suffix}", CONTENT_TYPES[suffix])
