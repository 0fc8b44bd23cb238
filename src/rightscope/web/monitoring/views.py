"""Deployments, their monitoring runs (in the background) and the results."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rightscope.web.monitoring.models import Deployment
from rightscope.web.orgs.access import org_view, scoped
from rightscope.web.orgs.models import Organisation


@org_view("view_monitoring")
def deployments(request: HttpRequest, org: Organisation) -> HttpResponse:
    items = Deployment.objects.filter(assessment__organisation=org).select_related("assessment")
    return render(request, "monitoring/list.html", {"deployments": items})


@org_view("view_monitoring")
def deployment(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    item = scoped(Deployment.objects.select_related("assessment"), org, pk=pk)
    return render(request, "monitoring/deployment.html", {"deployment": item, "runs": item.runs.all()})
