"""Grievances and incident reports: classified to rights, linked to registered risks, triaged.

A grievance that engages a right the assessment did not register is an *unforeseen impact*, which is
itself a reason to reassess. Personal data never leaves this module: results carry the grievance id,
dates, status, rights and risk links; the free text is kept only where the monitoring plan allows it,
and then with e-mail addresses, phone numbers and long digit strings masked.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from rightscope.monitor.sources import MonitorInputError, UnknownColumnError, open_source

Status = Literal["received", "acknowledged", "remedied", "closed"]
STATUSES: tuple[str, ...] = ("received", "acknowledged", "remedied", "closed")
RESOLVED = frozenset({"remedied", "closed"})
TEXT_COLUMNS = ("text", "description", "complaint", "summary")
# Words that make a grievance urgent whatever the risk it links to: liberty, life, livelihood, children.
URGENT = re.compile(
    r"\b(arrest(ed)?|detain(ed)?|deport(ed|ation)?|evict(ed|ion)?|suicid\w*|hungry|no food|homeless|child(ren)?|"
    r"violence|threat(s|ened)?|no income)\b",
    re.IGNORECASE,
)
_MASKS = (
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[email]"),
    (re.compile(r"\+?\d[\d\s().-]{7,}\d"), "[number]"),
)
PRIORITY_ORDER = ("low", "medium", "high", "critical")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Grievance(_Model):
    id: str
    received: dt.date
    status: Status
    remedied_on: dt.date | None = None
    rights: list[str] = Field(description="Rights identified in the text, best first.")
    risk: str | None = Field(default=None, description="The registered risk it matches.")
    unforeseen: bool = Field(description="It engages a right the assessment did not register.")
    severity: Literal["low", "medium", "high", "critical"]
    days_to_remedy: int | None = None
    text: str | None = Field(default=None, description="Masked free text, only where the plan allows it.")


def mask(text: str) -> str:
    """Mask e-mail addresses and phone or ID numbers."""
    for pattern, replacement in _MASKS:
        text = pattern.sub(replacement, text)
    return text


def _date(value: Any, field: str, row: int) -> dt.date | None:
    if value is None or (isinstance(value, float) and value != value) or str(value).strip() in {"", "NaT", "None"}:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise MonitorInputError(
            "--grievances", f"row {row}, {field}: {value!r} is not a date (use YYYY-MM-DD)"
        ) from None


def read(path: str) -> list[dict[str, Any]]:
    """Rows of a grievance log (CSV, JSONL or Parquet) with the columns checked."""
    table, _ = open_source(path, field="--grievances")
    columns = list(table.columns)
    text_column = next((c for c in TEXT_COLUMNS if c in columns), None)
    for required in ("received", "status"):
        if required not in columns:
            raise UnknownColumnError("--grievances", required, columns)
    if text_column is None:
        raise UnknownColumnError("--grievances", "text", columns)
    frame = table.to_pandas()
    rows = []
    for index, record in enumerate(frame.to_dict(orient="records"), start=1):
        status = str(record["status"]).strip().lower()
        if status not in STATUSES:
            raise MonitorInputError(
                "--grievances", f"row {index}, status: {record['status']!r} is not one of {', '.join(STATUSES)}"
            )
        rows.append(
            {
                "id": str(record.get("id") if record.get("id") is not None else index),
                "received": _date(record["received"], "received", index),
                "status": status,
                "remedied_on": _date(record.get("remedied_on"), "remedied_on", index),
                "text": "" if record[text_column] is None else str(record[text_column]),
            }
        )
    return rows


def classify(
    rows: list[dict[str, Any]],
    registered: dict[str, list[tuple[str, str]]],
    *,
    keep_text: bool,
) -> list[Grievance]:
    """Classify each grievance with identify and link it to the registered risks.

    ``registered`` maps a right to the (risk id, priority) pairs of the assessment's risks on it.
    """
    from rightscope.identify import has_words, identify_many

    # A grievance without words is still counted, with no rights; it is not sent to identify.
    described = [i for i, r in enumerate(rows) if has_words(r["text"])]
    found = identify_many([rows[i]["text"] for i in described], top=3) if described else []
    rights_of = {i: [f.id for f in result.rights] for i, result in zip(described, found, strict=True)}
    out = []
    for index, row in enumerate(rows):
        rights = rights_of.get(index, [])
        linked = next(((right, risks) for right in rights if (risks := registered.get(right))), None)
        risk_id, priority = max(linked[1], key=lambda rp: PRIORITY_ORDER.index(rp[1])) if linked else (None, None)
        unforeseen = bool(rights) and rights[0] not in registered
        severity = priority or ("high" if unforeseen else "medium")
        if URGENT.search(row["text"]):
            severity = "critical"
        days = None
        if row["status"] in RESOLVED and row["remedied_on"] and row["received"]:
            days = (row["remedied_on"] - row["received"]).days
        out.append(
            Grievance(
                id=row["id"],
                received=row["received"],
                status=row["status"],
                remedied_on=row["remedied_on"],
                rights=rights,
                risk=risk_id,
                unforeseen=unforeseen,
                severity=severity,
                days_to_remedy=days,
                text=mask(row["text"]) if keep_text else None,
            )
        )
    return out


def median_days(items: list[Grievance]) -> float | None:
    days = [g.days_to_remedy for g in items if g.days_to_remedy is not None]
    return float(statistics.median(days)) if days else None
