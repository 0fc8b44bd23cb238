"""Reading assessment files: YAML or JSON, validated, with errors that name the field, problem and fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from rightscope.assess.schema import SCHEMA_ID, Assessment
from rightscope.errors import RightscopeError

# What to do about each kind of validation error, by pydantic error type.
_FIXES = {
    "missing": "add it",
    "extra_forbidden": "remove it, or check its spelling against the schema",
    "literal_error": "use one of the allowed values",
    "int_parsing": "give a whole number",
    "int_type": "give a whole number",
    "greater_than_equal": "use a value in the allowed range",
    "less_than_equal": "use a value in the allowed range",
    "string_too_short": "fill it in",
    "too_short": "add at least one entry",
    "date_from_datetime_parsing": "write the date as YYYY-MM-DD",
    "date_parsing": "write the date as YYYY-MM-DD",
    "string_pattern_mismatch": "use lower-case letters, digits and hyphens",
    "list_type": "give a list (a YAML sequence)",
    "dict_type": "give a mapping (YAML key: value pairs)",
    "model_type": "give a mapping (YAML key: value pairs)",
    "string_type": "give text",
    "bool_type": "give true or false",
}


class AssessmentFileError(RightscopeError):
    """An assessment file that cannot be read or does not follow the schema. ``problems`` lists them all."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        shown = problems[:12]
        more = f"\n  ... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        super().__init__(f"{path}: {len(problems)} problem(s)\n  " + "\n  ".join(shown) + more)


def _location(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + ("schema" if item == "schema_" else str(item)))
    return "".join(parts) or "(top level)"


def describe(error: ValidationError) -> list[str]:
    """One line per problem: field, what is wrong, how to fix it."""
    lines = []
    for item in error.errors(include_url=False):
        kind = item["type"]
        message = item["msg"]
        if kind == "value_error":
            message = message.removeprefix("Value error, ")
        fix = _FIXES.get(kind)
        if kind == "literal_error":
            fix = "use one of: " + message.split("Input should be ", 1)[-1]
            message = f"{item['input']!r} is not allowed"
        if kind == "string_type" and isinstance(item["input"], bool):
            fix = "put it in quotes: YAML reads bare NO, YES, ON and OFF as true or false"
        line = f"{_location(item['loc'])}: {message}"
        lines.append(line + (f" (fix: {fix})" if fix and kind != "value_error" else ""))
    return lines


def parse(text: str, name: str = "<text>") -> Assessment:
    """Parse and validate assessment text (YAML is a superset of JSON, so both are accepted)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise AssessmentFileError(name, [f"{where}not valid YAML or JSON ({problem})"]) from None
    if not isinstance(data, dict):
        raise AssessmentFileError(name, ["(top level): expected a mapping with schema, id, version, use_case, ..."])
    if data.get("schema") != SCHEMA_ID:
        found = data.get("schema")
        raise AssessmentFileError(
            name, [f"schema: expected {SCHEMA_ID!r}, found {found!r} (fix: put 'schema: {SCHEMA_ID}' first)"]
        )
    try:
        return Assessment.model_validate(_plain(data))
    except ValidationError as exc:
        raise AssessmentFileError(name, describe(exc)) from None


def _plain(value: Any) -> Any:
    """YAML reads unquoted dates as dates and 'NO' as false; round-trip through JSON types the schema expects."""
    return json.loads(json.dumps(value, default=str))


def load(path: str | Path) -> Assessment:
    """Read and validate an assessment file."""
    file = Path(path)
    if not file.exists():
        raise AssessmentFileError(str(path), ["file not found"])
    if file.is_dir():
        raise AssessmentFileError(str(path), ["is a folder; give the assessment file (YAML or JSON)"])
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AssessmentFileError(str(path), ["not UTF-8 text; save the file as UTF-8"]) from None
    return parse(text, str(path))
