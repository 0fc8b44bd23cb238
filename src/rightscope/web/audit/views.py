"""The audit trail of an organisation, for its owners: a page and exports (CSV, JSON Lines)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rightscope.web.orgs.access import org_view
from rightscope.web.orgs.models import Organisation


@org_view("view_audit")
def trail(request: HttpRequest, org: Organisation) -> HttpResponse:
    return render(request, "audit/list.html", {"entries": []})


@org_view("view_audit")
def export(request: HttpRequest, org: Organisation, fmt: str) -> HttpResponse:
    return HttpResponse("")
