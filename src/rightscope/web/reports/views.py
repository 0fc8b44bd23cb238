"""Report downloads: the HRIA/FRIA and monitoring reports and the exports, from the CLI's renderers.

HTML, DOCX, Markdown, JSON and the exports are rendered in the request (well under a second); PDF is
rendered by a background task into a :class:`RenderedReport`, which the page polls, and which is reused
when the same version is asked for again with the same options. Every download is in the audit trail.
"""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from rightscope.errors import RightscopeError
from rightscope.web.assessments.models import Assessment
from rightscope.web.audit.record import record
from rightscope.web.monitoring.models import MonitoringRun
from rightscope.web.orgs.access import org_view, scoped
from rightscope.web.orgs.models import Organisation
from rightscope.web.reports import tasks
from rightscope.web.reports.forms import ReportForm
from rightscope.web.reports.models import RenderedReport
from rightscope.web.reports.render import ReportUnavailable
from rightscope.web.reports.render import render as render_report


def _runs(assessment: Assessment) -> list[tuple[int, str]]:
    done = MonitoringRun.objects.filter(deployment__assessment=assessment, state=MonitoringRun.State.DONE)
    return [(r.pk, f"{r.deployment.name}, {r.created:%Y-%m-%d %H:%M}") for r in done.select_related("deployment")]


def _form(request: HttpRequest, assessment: Assessment) -> ReportForm:
    data = request.POST if request.method == "POST" else None
    return ReportForm(data, assessment=assessment, runs=_runs(assessment))


@org_view("download_reports")
def options(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    assessment = scoped(Assessment.objects.all(), org, pk=pk)
    context = {"assessment": assessment, "form": _form(request, assessment), "recent": _recent(request, assessment)}
    return render(request, "reports/options.html", context)


def _recent(request: HttpRequest, assessment: Assessment) -> list[RenderedReport]:
    mine = RenderedReport.objects.filter(assessment=assessment, requested_by=request.user.pk)
    return list(mine.select_related("version")[:5])


@org_view("download_reports")
def download(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    assessment = scoped(Assessment.objects.all(), org, pk=pk)
    if request.method != "POST":
        return redirect("reports:options", org=org.slug, pk=assessment.pk)
    form = _form(request, assessment)
    if not form.is_valid():
        return render(request, "reports/options.html", {"assessment": assessment, "form": form}, status=400)
    data = form.cleaned_data
    version = assessment.versions.get(number=data["version"])
    run = MonitoringRun.objects.get(pk=data["run"]) if data["run"] else None
    details = {"kind": data["kind"], "format": data["format"], "lens": data["lens"], "language": data["lang"]}
    details |= {"version": version.number, "monitoring_run": run.pk if run else ""}
    if data["kind"] == "report" and data["format"] == "pdf":
        item = _pdf(request, assessment, version, data, run)
        return redirect("reports:rendered", org=org.slug, pk=item.pk)
    try:
        rendered = render_report(
            version, data["kind"], data["format"], data["lens"], data["lang"], run.result if run else None
        )
    except (RightscopeError, ReportUnavailable) as exc:
        form.add_error(None, _("This version has no report: %(why)s") % {"why": exc})
        return render(request, "reports/options.html", {"assessment": assessment, "form": form}, status=400)
    record(request, assessment, "report.download", **details)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


def _pdf(
    request: HttpRequest, assessment: Assessment, version: object, data: dict[str, object], run: object
) -> RenderedReport:
    """The finished (or queued) rendering of these options, or a new one put on the task queue."""
    options = {"version": version, "fmt": "pdf", "lens": data["lens"], "lang": data["lang"], "run_id": data["run"]}
    existing = (
        RenderedReport.objects.filter(assessment=assessment, **options)
        .exclude(state=RenderedReport.State.FAILED)
        .first()
    )
    if existing is not None:
        return existing
    item = RenderedReport.objects.create(assessment=assessment, requested_by=request.user, **options)  # type: ignore[misc]  # org_view: signed in
    tasks.render_pdf.enqueue(item.pk)
    item.refresh_from_db()
    return item


@org_view("download_reports")
def rendered(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    """The state of a PDF rendering; polled in place (htmx) until the file is ready."""
    item = scoped(RenderedReport.objects.select_related("assessment", "version"), org, pk=pk)
    template = "reports/_rendered.html" if request.headers.get("HX-Request") else "reports/rendered.html"
    return render(request, template, {"item": item, "assessment": item.assessment})


@org_view("download_reports")
def file(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    item = scoped(RenderedReport.objects.select_related("assessment", "version"), org, pk=pk)
    if item.state != RenderedReport.State.DONE or not item.file:
        return redirect(reverse("reports:rendered", kwargs={"org": org.slug, "pk": item.pk}))
    details = {"kind": "report", "format": item.fmt, "lens": item.lens, "language": item.lang}
    record(request, item.assessment, "report.download", version=item.version.number, **details)
    name = (item.file.name or "report.pdf").rsplit("/", 1)[-1]
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=name)  # type: ignore[return-value]
