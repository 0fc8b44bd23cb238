"""Deployments, their monitoring runs (in the background) and the results.

A run is created only from a form whose every upload the monitor's readers accepted; it is saved with
its files and handed to the task runner in one transaction, so that a refused upload leaves nothing
behind and the worker never sees a run whose files are not there. The run page polls a fragment while
the run is queued or running (htmx, every second) and the fragment, once the run is finished, comes
back as the results without the polling.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rightscope.web.assessments import document as docs
from rightscope.web.audit.record import record
from rightscope.web.monitoring import results
from rightscope.web.monitoring.forms import DeploymentForm, RunForm, plan_columns
from rightscope.web.monitoring.models import Deployment, MonitoringRun
from rightscope.web.monitoring.tasks import evaluate_run, stored_name
from rightscope.web.orgs.access import org_view, scoped
from rightscope.web.orgs.models import Organisation


def _deployment(org: Organisation, pk: int) -> Deployment:
    return scoped(Deployment.objects.select_related("assessment"), org, pk=pk)


def _run(org: Organisation, pk: int, run_pk: int) -> MonitoringRun:
    return scoped(
        MonitoringRun.objects.select_related("deployment__assessment", "version", "started_by"),
        org,
        pk=run_pk,
        deployment_id=pk,
    )


@org_view("view_monitoring")
def deployments(request: HttpRequest, org: Organisation) -> HttpResponse:
    items = Deployment.objects.filter(assessment__organisation=org).select_related("assessment")
    rows = [(d, d.runs.select_related("started_by").first()) for d in items]
    return render(request, "monitoring/list.html", {"rows": rows})


@org_view("run_monitoring")
def new_deployment(request: HttpRequest, org: Organisation) -> HttpResponse:
    form = DeploymentForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        item = form.save()
        messages.success(request, _("Deployment created: start its first monitoring run."))
        return redirect("monitoring:deployment", org=org.slug, pk=item.pk)
    return render(request, "monitoring/new.html", {"form": form})


@org_view("view_monitoring")
def deployment(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    item = _deployment(org, pk)
    runs = list(item.runs.select_related("started_by", "version"))
    history = [(run, results.summary(run)) for run in runs]
    context = {"deployment": item, "history": history, "trends": results.trends_across_runs(runs)}
    return render(request, "monitoring/deployment.html", context)


@org_view("run_monitoring")
def new_run(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    item = _deployment(org, pk)
    version = item.assessment.current
    evaluation = docs.evaluate(version)
    context: dict[str, Any] = {"deployment": item, "version": version, "problems": evaluation.problems}
    if evaluation.result is None:  # the assessment itself cannot run: say why, offer no form
        return render(request, "monitoring/run_new.html", context)
    posted = request.method == "POST"
    form = RunForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        document=evaluation.document,
        result=evaluation.result,
    )
    context["form"] = form
    context["kpis"] = evaluation.result.monitoring
    context["columns"] = plan_columns(evaluation.document, evaluation.result)
    if posted and form.is_valid():
        with transaction.atomic():
            run = form.create_run(item, request.user)
            record(request, run, "monitoring.run_started", deployment=item.pk, version=version.number)
            evaluate_run.enqueue(run.pk)
        return redirect("monitoring:run", org=org.slug, pk=item.pk, run_pk=run.pk)
    return render(request, "monitoring/run_new.html", context)


def _inputs(run: MonitoringRun) -> list[tuple[str, str | None]]:
    shown = [
        (_("decision log"), stored_name(run.decisions) or run.decisions_table),
        (_("grievances"), stored_name(run.grievances)),
        (_("safeguard events"), stored_name(run.events)),
    ]
    return [(label, name) for label, name in shown if name]


def _run_context(run: MonitoringRun) -> dict[str, Any]:
    context: dict[str, Any] = {
        "run": run,
        "deployment": run.deployment,
        "finished": run.state in _FINISHED,
        "inputs": _inputs(run),
    }
    if run.state == MonitoringRun.State.DONE and run.result:
        context["view"] = results.run_view(run, docs.evaluate(run.version).result)
    return context


_FINISHED = (MonitoringRun.State.DONE, MonitoringRun.State.FAILED)


@org_view("view_monitoring")
def run_detail(request: HttpRequest, org: Organisation, pk: int, run_pk: int) -> HttpResponse:
    return render(request, "monitoring/run.html", _run_context(_run(org, pk, run_pk)))


@org_view("view_monitoring")
def run_progress(request: HttpRequest, org: Organisation, pk: int, run_pk: int) -> HttpResponse:
    """The run's state: progress while it runs (polling on), the results once it is finished (polling off)."""
    return render(request, "monitoring/_run_body.html", _run_context(_run(org, pk, run_pk)))
