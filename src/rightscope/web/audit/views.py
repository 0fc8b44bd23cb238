"""The audit trail of an organisation, for its owners: a page and exports (CSV, JSON Lines).

An organisation's trail is every record about its own objects (django-auditlog stores the
organisation with each, see ``orgs.models.OrgScoped``) and the sign-ins and sign-outs of its members,
which are recorded on the user and so belong to no one organisation. Filters: who, what (create,
update, delete, or an event such as ``report.download``), which kind of object, and a date range.
Exports carry the same filters, stream, and are themselves recorded.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

from auditlog.models import LogEntry
from django import forms
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from rightscope.web.audit.record import record
from rightscope.web.orgs.access import org_view
from rightscope.web.orgs.models import Organisation

ACTIONS = {
    "create": LogEntry.Action.CREATE,
    "update": LogEntry.Action.UPDATE,
    "delete": LogEntry.Action.DELETE,
    "event": LogEntry.Action.ACCESS,
}
FIELDS = ["id", "timestamp", "actor", "action", "event", "object_type", "object_id", "object", "changes", "address"]


class TrailFilter(forms.Form):
    actor = forms.CharField(label=_("who (user name)"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("what"),
        required=False,
        choices=[
            ("", _("everything")),
            ("create", _("created")),
            ("update", _("changed")),
            ("delete", _("deleted")),
            ("event", _("events: sign-ins, downloads, approvals")),
        ],
    )
    model = forms.CharField(label=_("kind of object (e.g. assessmentversion)"), required=False, max_length=100)
    since = forms.DateField(label=_("from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


def trail_of(org: Organisation) -> QuerySet[LogEntry]:
    members = org.memberships.values("user_id")
    entries: QuerySet[LogEntry] = LogEntry.objects.filter(
        Q(additional_data__organisation=org.pk) | Q(actor_id__in=members)
    ).select_related("actor", "content_type")
    return entries


def _requested(request: HttpRequest, org: Organisation) -> tuple[TrailFilter, QuerySet[LogEntry]]:
    """The filter form of the request and the entries it selects, newest first (all of them without filters)."""
    form = TrailFilter(request.GET or None)
    entries = _filtered(org, form) if request.GET else trail_of(org)
    return form, entries.order_by("-timestamp", "-pk")


def _filtered(org: Organisation, form: TrailFilter) -> QuerySet[LogEntry]:
    entries = trail_of(org)
    if not form.is_valid():
        return entries.none()
    data = form.cleaned_data
    if data["actor"]:
        entries = entries.filter(actor__username=data["actor"])
    if data["action"]:
        entries = entries.filter(action=ACTIONS[data["action"]])
    if data["model"]:
        entries = entries.filter(content_type__model=data["model"].strip().lower())
    if data["since"]:
        entries = entries.filter(timestamp__date__gte=data["since"])
    if data["until"]:
        entries = entries.filter(timestamp__date__lte=data["until"])
    return entries


def as_row(entry: LogEntry) -> dict[str, Any]:
    changes = entry.changes_dict or {}
    event = changes.get("event", [None, ""])[1] if entry.action == LogEntry.Action.ACCESS else ""
    return {
        "id": entry.pk,
        "timestamp": entry.timestamp.isoformat(),
        "actor": entry.actor.get_username() if entry.actor else "",
        "action": entry.get_action_display(),
        "event": event,
        "object_type": entry.content_type.model if entry.content_type else "",
        "object_id": entry.object_pk,
        "object": entry.object_repr,
        "changes": {k: v for k, v in changes.items() if k != "event"},
        "address": entry.remote_addr or "",
    }


@org_view("view_audit")
def trail(request: HttpRequest, org: Organisation) -> HttpResponse:
    form, entries = _requested(request, org)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": [as_row(e) for e in page], "query": query.urlencode()}
    return render(request, "audit/list.html", context)


def _csv(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS)
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "changes": json.dumps(row["changes"], ensure_ascii=False)})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


@org_view("view_audit")
def export(request: HttpRequest, org: Organisation, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "jsonl"}:
        raise Http404
    _form, entries = _requested(request, org)
    record(request, org, "audit.export", format=fmt, filters=request.GET.urlencode())
    rows = (as_row(e) for e in entries.iterator(chunk_size=500))
    if fmt == "csv":
        response = StreamingHttpResponse(_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        response = StreamingHttpResponse(lines, content_type="application/x-ndjson")
    stamp = dt.date.today().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{org.slug}-audit-{stamp}.{fmt}"'
    return response  # type: ignore[return-value]
