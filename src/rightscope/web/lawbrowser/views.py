"""Browse the law: instruments, provisions, rights, guidance, search and applicable law by country."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rightscope import law


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "lawbrowser/index.html", {"instruments": law.instruments()})
