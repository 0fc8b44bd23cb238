"""Deployments of assessed systems and the monitoring runs over their logs.

A deployment ties a deployed system to its assessment (whose monitoring plan says which KPIs to
compute). A run is one evaluation of the uploaded decision log (or a database table), grievances and
safeguard events, done in the background by the task runner; its result is the same
``rightscope/monitoring-result/v1`` document that ``rightscope monitor run`` writes.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightscope.web.assessments.models import Assessment, AssessmentVersion
from rightscope.web.orgs.models import OrgScoped


class Deployment(OrgScoped, models.Model):
    ORG_PATH = "assessment__organisation"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="deployments")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def _upload_to(run: MonitoringRun, filename: str) -> str:
    return f"monitoring/{run.deployment_id}/{filename}"


class MonitoringRun(OrgScoped, models.Model):
    ORG_PATH = "deployment__assessment__organisation"

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="runs")
    version = models.ForeignKey(AssessmentVersion, on_delete=models.PROTECT, related_name="+")
    decisions = models.FileField(_("decision log (CSV or Parquet)"), upload_to=_upload_to, blank=True)
    decisions_table = models.CharField(
        _("or a database table"),
        max_length=500,
        blank=True,
        help_text=_("A database table: postgresql://user@host/database::schema.table or duckdb://path::table"),
    )
    grievances = models.FileField(_("grievances (CSV)"), upload_to=_upload_to, blank=True)
    events = models.FileField(_("safeguard events (CSV)"), upload_to=_upload_to, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text=_("Per cent done."))
    stage = models.CharField(max_length=200, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]


auditlog.register(Deployment)
auditlog.register(MonitoringRun, include_fields=["state", "error", "decisions", "decisions_table"])
