"""Safeguard events: human overrides, appeals and their outcomes, incidents, response times.

An event log has one row per event with a ``time`` (date or timestamp) and a ``type``:
``decision`` (optional when the decision log is given), ``human_override``, ``human_review``,
``appeal``, ``appeal_upheld`` (the original decision stood), ``appeal_overturned``, ``incident``,
``serious_incident``; and optionally ``response_hours`` (time to respond to that event).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from typing import Any

from rightscope.monitor.sources import MonitorInputError, UnknownColumnError, open_source

EVENT_TYPES = (
    "decision",
    "human_override",
    "human_review",
    "appeal",
    "appeal_upheld",
    "appeal_overturned",
    "incident",
    "serious_incident",
)


def read(path: str) -> list[dict[str, Any]]:
    table, _ = open_source(path, field="--events")
    columns = list(table.columns)
    for required in ("time", "type"):
        if required not in columns:
            raise UnknownColumnError("--events", required, columns)
    rows = []
    for index, record in enumerate(table.to_pandas().to_dict(orient="records"), start=1):
        kind = str(record["type"]).strip().lower()
        if kind not in EVENT_TYPES:
            raise MonitorInputError(
                "--events", f"row {index}, type: {record['type']!r} is not one of {', '.join(EVENT_TYPES)}"
            )
        when = record["time"]
        try:
            day = when.date() if hasattr(when, "date") else dt.date.fromisoformat(str(when)[:10])
        except ValueError:
            raise MonitorInputError("--events", f"row {index}, time: {when!r} is not a date") from None
        hours = record.get("response_hours")
        rows.append(
            {"day": day, "type": kind, "response_hours": None if hours is None or hours != hours else float(hours)}
        )
    return rows


def safeguard_values(events: list[dict[str, Any]], decisions: int | None) -> dict[str, float | None]:
    """The safeguard KPIs of one window."""
    counts = Counter(e["type"] for e in events)
    made = decisions if decisions is not None else counts["decision"]
    decided_appeals = counts["appeal_upheld"] + counts["appeal_overturned"]
    hours = [e["response_hours"] for e in events if e["response_hours"] is not None]
    return {
        "human_override_rate": counts["human_override"] / made if made else None,
        "human_review_rate": counts["human_review"] / made if made else None,
        "appeal_rate": counts["appeal"] / made if made else None,
        "appeal_overturn_rate": counts["appeal_overturned"] / decided_appeals if decided_appeals else None,
        "incident_count": float(counts["incident"] + counts["serious_incident"]),
        "serious_incident_count": float(counts["serious_incident"]),
        "response_time_hours": float(statistics.median(hours)) if hours else None,
    }
