"""Consultations seen by the assessment team: open one, read the input beside the risks, summarise."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rightscope.web.consultations.models import Consultation
from rightscope.web.orgs.access import org_view, scoped
from rightscope.web.orgs.models import Organisation


@org_view("view_consultations")
def detail(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    item = scoped(Consultation.objects.select_related("assessment"), org, pk=pk)
    return render(request, "consultations/detail.html", {"consultation": item})
