"""Events that are not a change to a row: sign-ins, report downloads, approvals, submissions.

They go into the same django-auditlog table as the field-level changes, as ``access`` records whose
``changes`` say what happened, so that one trail (one export) holds everything.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.db.models import Model
from django.http import HttpRequest


def _address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(request: HttpRequest | None, instance: Model, event: str, **details: Any) -> LogEntry:
    """Record ``event`` (e.g. ``report.download``) on ``instance`` by the request's user."""
    user = getattr(request, "user", None)
    actor = user if user is not None and user.is_authenticated else None
    changes = {"event": [None, event], **{k: [None, str(v)] for k, v in details.items()}}
    entry: LogEntry = LogEntry.objects.log_create(
        instance,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        changes=changes,
        actor=actor,
        remote_addr=_address(request),
    )
    return entry
