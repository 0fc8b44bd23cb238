"""Consultations seen by the assessment team: open one, read the input beside the risks, summarise.

Submission text can hold personal data. Who reads what (``orgs.access.CAPABILITIES``): owners,
assessors and reviewers (``read_submissions``) read every text and the name and contact left with it;
viewers see counts, classifications and the assessor's summary, and a text only where its author
consented to share it; names and contacts never.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rightscope.web.assessments.models import Assessment
from rightscope.web.consultations import classify
from rightscope.web.consultations.forms import ConsultationForm
from rightscope.web.consultations.models import Consultation
from rightscope.web.orgs.access import can, org_view, scoped
from rightscope.web.orgs.models import Organisation


@org_view("view_consultations")
def consultation_list(request: HttpRequest, org: Organisation) -> HttpResponse:
    items = Consultation.objects.filter(assessment__organisation=org).select_related("assessment")
    return render(request, "consultations/list.html", {"consultations": items})


def _initial_summary(assessment: Assessment) -> str:
    use_case = assessment.current.document.get("use_case") or {}
    return str(use_case.get("purpose") or use_case.get("description") or "").strip()


@org_view("manage_consultations")
def new(request: HttpRequest, org: Organisation, assessment_pk: int) -> HttpResponse:
    assessment = scoped(Assessment.objects.all(), org, pk=assessment_pk)
    initial = {"title": _("Consultation on %(title)s") % {"title": assessment.title}}
    initial["plain_summary"] = _initial_summary(assessment)
    form = ConsultationForm(request.POST or None, initial=initial, organisation=org)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.assessment = assessment
        item.created_by = request.user
        item.save()
        form.save_m2m()
        messages.success(request, _("Consultation opened. Send the invitation link to the people concerned."))
        return redirect("consultations:detail", org=org.slug, pk=item.pk)
    return render(request, "consultations/edit.html", {"form": form, "assessment": assessment, "creating": True})


@org_view("manage_consultations")
def edit(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    item = scoped(Consultation.objects.select_related("assessment"), org, pk=pk)
    form = ConsultationForm(request.POST or None, instance=item, organisation=org)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Consultation saved."))
        return redirect("consultations:detail", org=org.slug, pk=item.pk)
    return render(request, "consultations/edit.html", {"form": form, "assessment": item.assessment})


def _visible(submission: Any, read_all: bool, registered: set[str]) -> dict[str, Any]:
    """A submission as this reader may see it."""
    show_text = read_all or submission.consent_share
    return {
        "pk": submission.pk,
        "created": submission.created,
        "language": submission.language,
        "text": submission.text if show_text else None,
        "name": submission.name if read_all else None,
        "contact": submission.contact if read_all else None,
        "consent_share": submission.consent_share,
        "by_account": submission.user_id is not None,
        "rights": submission.rights,
        "engaged": [{**f, "registered": f["right"] in registered} for f in classify.engaged(submission.rights)],
        "warnings": submission.warnings,
    }


@org_view("view_consultations")
def detail(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    item = scoped(Consultation.objects.select_related("assessment"), org, pk=pk)
    document = item.assessment.current.document
    registered = classify.registered_rights(document)
    read_all = can(request.membership, "read_submissions")  # type: ignore[attr-defined]
    submissions = list(item.submissions.all())
    by_risk: dict[str, list[dict[str, Any]]] = {}
    for s in submissions:
        by_risk.setdefault(s.risk_id, []).append(_visible(s, read_all, registered))
    risks = [
        {"id": r["id"], "right": r.get("right"), "scenario": r.get("scenario", ""), "input": by_risk.pop(r["id"], [])}
        for r in document.get("risks") or []
    ]
    # Input about a risk removed since it was given stays visible, with the general input.
    general = [entry for entries in by_risk.values() for entry in entries]
    context = {
        "consultation": item,
        "assessment": item.assessment,
        "risks": risks,
        "general": general,
        "total": len(submissions),
        "shared": sum(1 for s in submissions if s.consent_share),
        "signals": classify.signals(submissions, registered),
        "read_all": read_all,
        "invitation": request.build_absolute_uri(f"/c/{item.token}/"),
    }
    return render(request, "consultations/detail.html", context)
