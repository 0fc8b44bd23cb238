"""The consultation page for affected people, reached by invitation link."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from rightscope.web.consultations.models import Consultation


def page(request: HttpRequest, token: str) -> HttpResponse:
    item = get_object_or_404(Consultation, token=token)
    return render(request, "consultations/public.html", {"consultation": item})


def thanks(request: HttpRequest, token: str) -> HttpResponse:
    item = get_object_or_404(Consultation, token=token)
    return render(request, "consultations/thanks.html", {"consultation": item})
