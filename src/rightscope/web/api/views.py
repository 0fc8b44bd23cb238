"""The page where members make and revoke their API tokens."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rightscope.web.api.models import ApiToken
from rightscope.web.orgs.access import org_view
from rightscope.web.orgs.models import Organisation


@org_view("manage_tokens")
def tokens(request: HttpRequest, org: Organisation) -> HttpResponse:
    mine = ApiToken.objects.filter(membership=request.membership)  # type: ignore[attr-defined]
    return render(request, "api/tokens.html", {"tokens": mine})
