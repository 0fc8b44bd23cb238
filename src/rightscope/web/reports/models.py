"""Reports rendered in the background (PDF): kept so that the same version and options render once."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightscope.web.assessments.models import Assessment, AssessmentVersion
from rightscope.web.orgs.models import OrgScoped


def _upload_to(report: RenderedReport, filename: str) -> str:
    return f"reports/{report.assessment_id}/{filename}"


class RenderedReport(OrgScoped, models.Model):
    ORG_PATH = "assessment__organisation"

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Rendering")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="rendered_reports")
    version = models.ForeignKey(AssessmentVersion, on_delete=models.CASCADE, related_name="+")
    fmt = models.CharField(max_length=10)
    lens = models.CharField(max_length=20)
    lang = models.CharField(max_length=5)
    run_id = models.PositiveBigIntegerField(null=True, blank=True, help_text=_("The monitoring run reported on."))
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    file = models.FileField(upload_to=_upload_to, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]


auditlog.register(RenderedReport, include_fields=["state", "fmt", "lens", "lang"])
