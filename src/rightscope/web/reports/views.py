"""Report downloads: the HRIA/FRIA and monitoring reports from the same renderers as the CLI."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from rightscope.web.orgs.access import org_view
from rightscope.web.orgs.models import Organisation


@org_view("download_reports")
def options(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    return HttpResponse("")


@org_view("download_reports")
def download(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    return HttpResponse("")


@org_view("download_reports")
def file(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    return HttpResponse("")
