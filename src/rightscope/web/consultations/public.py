"""The consultation page for affected people, reached by invitation link (no account needed).

The page is in the consultation's language unless the reader picks another (``?lang=fr``). It shows
the use case in plain language and each risk, and takes input about one risk or in general, with the
stakeholder's consent. The input is classified with ``rightscope.identify`` when it arrives.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation

from rightscope import law
from rightscope.errors import RightscopeError
from rightscope.web.consultations import classify
from rightscope.web.consultations.forms import SubmissionForm
from rightscope.web.consultations.models import Consultation

LANGUAGES = {code for code, _name in settings.LANGUAGES}


def _language(request: HttpRequest, consultation: Consultation) -> str:
    asked = request.GET.get("lang") or request.POST.get("lang") or ""
    return asked if asked in LANGUAGES else consultation.language


def _right_name(right_id: str | None) -> str:
    if not right_id:
        return ""
    try:
        return law.right(right_id).name
    except RightscopeError:
        return right_id


def _risks(consultation: Consultation) -> list[dict[str, Any]]:
    return [
        {"id": r["id"], "right": _right_name(r.get("right")), "scenario": r.get("scenario", "")}
        for r in consultation.assessment.current.document.get("risks") or []
    ]


def is_open(consultation: Consultation) -> bool:
    return consultation.is_open and (consultation.closes is None or consultation.closes >= timezone.localdate())


def page(request: HttpRequest, token: str) -> HttpResponse:
    item = get_object_or_404(Consultation.objects.select_related("assessment"), token=token)
    language = _language(request, item)
    risks = _risks(item)
    taking_input = is_open(item)
    with translation.override(language):
        form = SubmissionForm(request.POST or None, risks=[(r["id"], f"{r['id']}: {r['right']}") for r in risks])
        if request.method == "POST" and taking_input and form.is_valid():
            submission = form.save(commit=False)
            submission.consultation = item
            submission.language = language
            user = request.user
            if user.is_authenticated and item.stakeholders.filter(pk=user.pk).exists():
                submission.user = user
            submission.rights, submission.warnings = classify.classify(submission.text, language)
            submission.save()
            return redirect(f"/c/{item.token}/thanks/?lang={language}")
        context = {"consultation": item, "risks": risks, "form": form, "open": taking_input, "lang": language}
        return render(request, "consultations/public.html", context, status=200 if taking_input else 410)


def thanks(request: HttpRequest, token: str) -> HttpResponse:
    item = get_object_or_404(Consultation, token=token)
    language = _language(request, item)
    with translation.override(language):
        return render(request, "consultations/thanks.html", {"consultation": item, "lang": language})
