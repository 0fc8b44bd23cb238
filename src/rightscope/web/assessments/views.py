"""Assessment pages: list, create from a template, import, the overview, edits, versions and sign-off.

Every edit reads the current version's document, lets a form change its part, and saves the whole
document as a new version through :func:`document.save_version`, which validates it with the core's
parser: a form can never store what ``rightscope assess`` would refuse. An edit to an assessment under
review or approved sends it back to draft, since what was signed off is no longer what is there.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightscope.assess.templates import Answers, starter
from rightscope.web.assessments import document as docs
from rightscope.web.assessments.forms import (
    ImportForm,
    KpiForm,
    MitigationStateForm,
    NewAssessmentForm,
    RiskForm,
    SignOffForm,
    UseCaseForm,
    remove_risk,
)
from rightscope.web.assessments.models import Assessment, AssessmentVersion, SignOff, Status
from rightscope.web.assessments.overview import overview
from rightscope.web.audit.record import record
from rightscope.web.orgs.access import can, org_view, scoped
from rightscope.web.orgs.models import Organisation

EXPORT_TYPES = {"yaml": "application/yaml", "json": "application/json"}


def _assessment(org: Organisation, pk: int) -> Assessment:
    return scoped(Assessment.objects.select_related("organisation", "project"), org, pk=pk)


def _problems_to(form: Form, error: docs.DocumentError) -> None:
    """The parser's problems (each names the document field and the fix) as the form's errors."""
    for problem in error.problems:
        form.add_error(None, problem)


def _save_edit(request: HttpRequest, assessment: Assessment, document: docs.Document, note: str) -> AssessmentVersion:
    version = docs.save_version(assessment, document, request.user, note)
    if assessment.status != Status.DRAFT:
        assessment.status = Status.DRAFT
        assessment.save(update_fields=["status", "updated"])
        messages.info(request, _("The assessment changed, so it is a draft again and needs a new review."))
    return version


@org_view("view_assessments")
def assessment_list(request: HttpRequest, org: Organisation) -> HttpResponse:
    items = org.assessments.select_related("project")
    status = request.GET.get("status")
    if status in Status.values:
        items = items.filter(status=status)
    return render(request, "assessments/list.html", {"assessments": items, "statuses": Status.choices})


@org_view("edit_assessments")
def new(request: HttpRequest, org: Organisation) -> HttpResponse:
    form = NewAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answers = Answers(**{k: v for k, v in data.items() if k != "sector"})
        text = starter(data["sector"] or None, answers)
        # The starter's id is the sector's; the title makes it unique within the organisation.
        text = text.replace(f"id: {(data['sector'] or 'my')}-assessment", f"id: {_free_id(org, data['title'])}", 1)
        try:
            item = docs.import_assessment(org, text, request.user, _("template %s") % (data["sector"] or "blank"))
        except docs.DocumentError as exc:
            _problems_to(form, exc)
        else:
            messages.success(request, _("Assessment created from the template: re-score its risks for your context."))
            return redirect("assessments:detail", org=org.slug, pk=item.pk)
    return render(request, "assessments/new.html", {"form": form})


def _free_id(org: Organisation, title: str) -> str:
    base = (slugify(title)[:80].strip("-") or "assessment").lower()
    if not base[0].isalnum():
        base = "a-" + base
    taken = set(org.assessments.values_list("slug", flat=True))
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


@org_view("edit_assessments")
def import_file(request: HttpRequest, org: Organisation) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, text = form.cleaned_data["file"]
        try:
            item = docs.import_assessment(org, text, request.user, name)
        except docs.DocumentError as exc:
            for problem in exc.problems:
                form.add_error("file", problem)
        else:
            messages.success(request, _("Imported %(name)s.") % {"name": name})
            return redirect("assessments:detail", org=org.slug, pk=item.pk)
    return render(request, "assessments/import.html", {"form": form, "assessment": None})


@org_view("edit_assessments")
def import_version(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    """A new version of an existing assessment from a file (the assessment-as-code round trip)."""
    assessment = _assessment(org, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, text = form.cleaned_data["file"]
        try:
            document, parsed = docs.read_text(text, name)
            if parsed.id != assessment.slug:
                raise docs.DocumentError(
                    [f"id: the file is assessment '{parsed.id}', not '{assessment.slug}'; import it as a new one"]
                )
            version = docs.save_version(
                assessment, document, request.user, form.cleaned_data["note"] or f"imported {name}", text
            )
        except docs.DocumentError as exc:
            for problem in exc.problems:
                form.add_error("file", problem)
        else:
            if assessment.status != Status.DRAFT:
                assessment.status = Status.DRAFT
                assessment.save(update_fields=["status", "updated"])
            messages.success(request, _("Saved as version %(n)d.") % {"n": version.number})
            return redirect("assessments:detail", org=org.slug, pk=assessment.pk)
    return render(request, "assessments/import.html", {"form": form, "assessment": assessment})


@org_view("view_assessments")
def detail(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    assessment = _assessment(org, pk)
    version = assessment.current
    context = {
        "assessment": assessment,
        "version": version,
        "view": overview(docs.evaluate(version), version.document),
        "sign_offs": assessment.sign_offs.select_related("user", "version"),
        "consultations": assessment.consultations.all(),
        "may_sign": can(request.membership, "sign_off")  # type: ignore[attr-defined]
        and assessment.status == Status.IN_REVIEW
        and version.author_id != request.user.pk,
    }
    if request.headers.get("HX-Request") and request.GET.get("part") == "register":
        return render(request, "assessments/_register.html", context)
    return render(request, "assessments/detail.html", context)


@org_view("edit_assessments")
def edit_use_case(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    assessment = _assessment(org, pk)
    document = docs.edited(assessment.current)
    form = UseCaseForm(request.POST or None, initial=UseCaseForm.initial_from(document))
    if request.method == "POST" and form.is_valid():
        try:
            _save_edit(request, assessment, form.apply(document), _("use case edited"))
        except docs.DocumentError as exc:
            _problems_to(form, exc)
        else:
            messages.success(request, _("Use case saved."))
            return redirect("assessments:detail", org=org.slug, pk=assessment.pk)
    return render(request, "assessments/edit.html", {"assessment": assessment, "form": form, "part": _("Use case")})


@org_view("edit_assessments")
def edit_risk(request: HttpRequest, org: Organisation, pk: int, risk_id: str | None = None) -> HttpResponse:
    assessment = _assessment(org, pk)
    document = docs.edited(assessment.current)
    initial: dict[str, Any] = {"id": _next_risk_id(document)}
    if risk_id is not None:
        risk = next((r for r in document.get("risks") or [] if r["id"] == risk_id), None)
        if risk is None:
            raise Http404
        initial = RiskForm.initial_from(risk)
    form = RiskForm(request.POST or None, initial=initial, document=document, editing=risk_id)
    if request.method == "POST" and form.is_valid():
        new_id = form.cleaned_data["id"]
        try:
            note = _("risk %s edited") % new_id if risk_id else _("risk %s added") % new_id
            _save_edit(request, assessment, form.apply(document), note)
        except docs.DocumentError as exc:
            _problems_to(form, exc)
        else:
            messages.success(request, _("Risk %s saved; the register below is re-scored.") % new_id)
            return redirect(f"{_detail_url(org, assessment)}#register")
    part = _("Risk %s") % risk_id if risk_id else _("New risk")
    return render(request, "assessments/edit.html", {"assessment": assessment, "form": form, "part": part})


def _next_risk_id(document: docs.Document) -> str:
    taken = {r["id"] for r in document.get("risks") or []}
    n = len(taken) + 1
    while f"R{n}" in taken:
        n += 1
    return f"R{n}"


def _detail_url(org: Organisation, assessment: Assessment) -> str:
    from django.urls import reverse

    return reverse("assessments:detail", kwargs={"org": org.slug, "pk": assessment.pk})


@org_view("edit_assessments")
@require_POST
def delete_risk(request: HttpRequest, org: Organisation, pk: int, risk_id: str) -> HttpResponse:
    assessment = _assessment(org, pk)
    document = docs.edited(assessment.current)
    if not any(r["id"] == risk_id for r in document.get("risks") or []):
        raise Http404
    try:
        _save_edit(request, assessment, remove_risk(document, risk_id), _("risk %s removed") % risk_id)
    except docs.DocumentError as exc:
        messages.error(request, "; ".join(exc.problems))
    else:
        messages.success(request, _("Risk %s removed (it stays in the earlier versions).") % risk_id)
    return redirect(f"{_detail_url(org, assessment)}#register")


@org_view("edit_assessments")
def edit_mitigation(request: HttpRequest, org: Organisation, pk: int, mitigation_id: str) -> HttpResponse:
    assessment = _assessment(org, pk)
    document = docs.edited(assessment.current)
    states = document.get("mitigations") or {}
    if mitigation_id not in states:
        raise Http404
    form = MitigationStateForm(request.POST or None, initial=states[mitigation_id])
    if request.method == "POST" and form.is_valid():
        try:
            _save_edit(
                request, assessment, form.apply(document, mitigation_id), _("mitigation %s updated") % mitigation_id
            )
        except docs.DocumentError as exc:
            _problems_to(form, exc)
        else:
            messages.success(request, _("Mitigation saved."))
            return redirect(f"{_detail_url(org, assessment)}#mitigations")
    part = _("Mitigation %s") % mitigation_id
    return render(request, "assessments/edit.html", {"assessment": assessment, "form": form, "part": part})


@org_view("edit_assessments")
def add_kpi(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    assessment = _assessment(org, pk)
    document = docs.edited(assessment.current)
    form = KpiForm(request.POST or None, document=document)
    if request.method == "POST" and form.is_valid():
        try:
            _save_edit(request, assessment, form.apply(document), _("KPI %s added") % form.cleaned_data["kpi"])
        except docs.DocumentError as exc:
            _problems_to(form, exc)
        else:
            messages.success(request, _("KPI added to the monitoring plan."))
            return redirect(f"{_detail_url(org, assessment)}#monitoring")
    return render(request, "assessments/edit.html", {"assessment": assessment, "form": form, "part": _("New KPI")})


@org_view("view_assessments")
def versions(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    assessment = _assessment(org, pk)
    history = list(assessment.versions.select_related("author"))
    older = newer = None
    lines: list[tuple[str, str]] = []
    if len(history) > 1:
        numbers = {v.number: v for v in history}
        newer = numbers.get(_int(request.GET.get("to")), history[0])
        older = numbers.get(_int(request.GET.get("from")), numbers.get(newer.number - 1, history[-1]))
        lines = docs.diff(older, newer)
    context = {"assessment": assessment, "history": history, "older": older, "newer": newer, "lines": lines}
    return render(request, "assessments/versions.html", context)


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return -1


@org_view("view_assessments")
def export(request: HttpRequest, org: Organisation, pk: int, fmt: str, number: int | None = None) -> HttpResponse:
    """The document as a file, the current version or the one asked for: what ``rightscope assess`` reads."""
    if fmt not in EXPORT_TYPES:
        raise Http404
    assessment = _assessment(org, pk)
    version = get_object_or_404(assessment.versions, number=number) if number else assessment.current
    response = HttpResponse(docs.export_text(version, fmt), content_type=f"{EXPORT_TYPES[fmt]}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{assessment.slug}-v{version.number}.{fmt}"'
    return response


@org_view("edit_assessments")
@require_POST
def submit(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    """Draft -> in review. The result must run, so reviewers sign off on something complete."""
    assessment = _assessment(org, pk)
    evaluation = docs.evaluate(assessment.current)
    if evaluation.result is None:
        messages.error(request, _("The assessment cannot be scored yet: %s") % "; ".join(evaluation.problems))
    elif assessment.status == Status.DRAFT:
        assessment.status = Status.IN_REVIEW
        assessment.save(update_fields=["status", "updated"])
        record(request, assessment, "assessment.submitted", version=assessment.current.number)
        messages.success(request, _("Sent for review."))
    return redirect("assessments:detail", org=org.slug, pk=assessment.pk)


@org_view("sign_off")
def sign_off(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    """A reviewer's decision on the version under review, written into the document's ``sign_offs``.

    Four eyes: the author of the version under review cannot sign it off. Approval (with or without
    conditions) makes the assessment approved; rejection sends it back to draft.
    """
    assessment = _assessment(org, pk)
    if assessment.status != Status.IN_REVIEW:
        messages.error(request, _("Only an assessment in review can be signed off."))
        return redirect("assessments:detail", org=org.slug, pk=assessment.pk)
    reviewed = assessment.current
    if reviewed.author_id == request.user.pk:
        raise PermissionDenied(_("The author of this version cannot sign it off: ask another reviewer."))
    form = SignOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        document = docs.edited(reviewed)
        entry = {
            "name": request.user.get_full_name() or request.user.get_username(),  # type: ignore[union-attr]
            "role": form.cleaned_data["role"],
            "date": timezone.localdate().isoformat(),
            "decision": decision,
        }
        if form.cleaned_data["conditions"]:
            entry["conditions"] = form.cleaned_data["conditions"]
        document.setdefault("sign_offs", []).append(entry)
        with transaction.atomic():
            docs.save_version(assessment, document, request.user, _("sign-off: %s") % decision)
            SignOff.objects.create(
                assessment=assessment,
                version=reviewed,
                user=request.user,  # type: ignore[misc]  # org_view guarantees a signed-in user
                role=form.cleaned_data["role"],
                decision=decision,
                conditions=form.cleaned_data["conditions"],
            )
            assessment.status = Status.DRAFT if decision == SignOff.Decision.REJECTED else Status.APPROVED
            assessment.save(update_fields=["status", "updated"])
            record(request, assessment, "assessment.sign_off", decision=decision, version=reviewed.number)
        messages.success(request, _("Decision recorded: %s.") % SignOff.Decision(decision).label)
        return redirect("assessments:detail", org=org.slug, pk=assessment.pk)
    return render(request, "assessments/sign_off.html", {"assessment": assessment, "version": reviewed, "form": form})
