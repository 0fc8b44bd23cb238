"""The assessment document and its versions: import, export, edit, evaluate, compare.

The stored document is the plain data of a ``rightscope/assessment/v1`` file (what YAML or JSON reads
to, with dates as ISO strings): not a re-serialised model, so that nothing the author wrote is dropped
or rewritten. Every change goes through :func:`save_version`, which validates the whole document with
the same parser and reference checks as ``rightscope assess`` and refuses to store an invalid one.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import yaml
from django.core.cache import cache
from django.db import transaction

import rightscope
from rightscope.assess import AssessmentFileError, AssessmentResult, assess, check_references, load_library
from rightscope.assess.load import parse
from rightscope.assess.schema import Assessment as AssessmentDocument
from rightscope.web.assessments.models import Assessment, AssessmentVersion

Document = dict[str, Any]


class DocumentError(ValueError):
    """A document the assessment parser refuses; ``problems`` name the field and the fix, one per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def read_text(text: str, name: str = "upload") -> tuple[Document, AssessmentDocument]:
    """The plain document and the validated model of an assessment file's text (YAML or JSON)."""
    try:
        parsed = parse(text, name)
    except AssessmentFileError as exc:
        raise DocumentError(exc.problems) from None
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))
    return data, parsed


def validate(document: Document) -> AssessmentDocument:
    """The validated model of a document, or :class:`DocumentError` with every problem."""
    text = json.dumps(document, ensure_ascii=False)
    try:
        parsed = parse(text, "document")
    except AssessmentFileError as exc:
        raise DocumentError(exc.problems) from None
    problems = check_references(parsed, load_library())
    if problems:
        raise DocumentError(problems)
    return parsed


def to_yaml(document: Document) -> str:
    """The document as YAML, keys in the order they were written."""
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110)


def export_text(version: AssessmentVersion, fmt: str) -> str:
    """The version as a file: an unchanged import is given back byte for byte."""
    if fmt == "json":
        return json.dumps(version.document, ensure_ascii=False, indent=2) + "\n"
    if version.source_text and _same(version.source_text, version.document):
        return version.source_text
    return to_yaml(version.document)


def _same(text: str, document: Document) -> bool:
    try:
        return bool(json.loads(json.dumps(yaml.safe_load(text), default=str)) == document)
    except yaml.YAMLError:
        return False


@dataclass(frozen=True)
class Evaluation:
    """What the assessment pages show: the parsed document and its result (None when it cannot run)."""

    document: AssessmentDocument
    result: AssessmentResult | None
    problems: list[str]


def evaluate(version: AssessmentVersion) -> Evaluation:
    """Assess a version with the core engine, cached by the document's content (a version never changes)."""
    content = json.dumps(version.document, sort_keys=True, ensure_ascii=False).encode()
    key = f"rightscope:evaluation:{rightscope.__version__}:{hashlib.sha256(content).hexdigest()}"
    cached = cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    parsed = AssessmentDocument.model_validate(version.document)
    try:
        outcome = Evaluation(parsed, assess(parsed), [])
    except AssessmentFileError as exc:
        outcome = Evaluation(parsed, None, exc.problems)
    cache.set(key, outcome, 3600)
    return outcome


def save_version(
    assessment: Assessment, document: Document, author: Any, note: str, source_text: str = ""
) -> AssessmentVersion:
    """Validate and store a new version; the assessment's title and id follow the document."""
    parsed = validate(document)
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        last = locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
        version = AssessmentVersion.objects.create(
            assessment=locked,
            number=last + 1,
            document=document,
            source_text=source_text,
            note=note[:500],
            author=author,
        )
        locked.title = parsed.use_case.title[:300]
        locked.slug = parsed.id
        locked.save(update_fields=["title", "slug", "updated"])
    assessment.refresh_from_db()
    return version


def import_assessment(
    organisation: Any, text: str, author: Any, name: str = "upload", project: Any = None
) -> Assessment:
    """A new assessment from a file's text (YAML or JSON): its first version keeps the text as it was.

    Raises :class:`DocumentError` for an invalid file and when the organisation already has an
    assessment with the file's id (import it as a new version of that one instead).
    """
    document, parsed = read_text(text, name)
    problems = check_references(parsed, load_library())
    if problems:
        raise DocumentError(problems)
    if Assessment.objects.filter(organisation=organisation, slug=parsed.id).exists():
        raise DocumentError([f"id: this organisation already has an assessment '{parsed.id}'; change the id"])
    with transaction.atomic():
        assessment = Assessment.objects.create(
            organisation=organisation,
            project=project,
            slug=parsed.id,
            title=parsed.use_case.title[:300],
            created_by=author,
        )
        save_version(assessment, document, author, f"imported from {name}", source_text=text)
    return assessment


def edited(version: AssessmentVersion) -> Document:
    """A copy of a version's document to change (the stored one is never mutated)."""
    return copy.deepcopy(version.document)


def diff(older: AssessmentVersion, newer: AssessmentVersion) -> list[tuple[str, str]]:
    """The change from one version to another as (kind, line) pairs: kind is ' ', '+', '-' or '@'."""
    before = to_yaml(older.document).splitlines()
    after = to_yaml(newer.document).splitlines()
    lines: list[tuple[str, str]] = []
    for line in difflib.unified_diff(before, after, f"v{older.number}", f"v{newer.number}", lineterm="", n=3):
        if line.startswith(("---", "+++")):
            continue
        kind = line[:1] if line[:1] in {"+", "-", "@"} else " "
        lines.append((kind, line))
    return lines
