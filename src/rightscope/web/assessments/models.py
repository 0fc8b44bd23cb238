"""Assessments as stored by the web platform: the ``rightscope/assessment/v1`` document, versioned.

The document is the single source of truth, exactly as the CLI reads it from a file: forms edit it,
import stores it, export writes it. Every save is a new :class:`AssessmentVersion` with its author and
time; nothing is overwritten. An imported file's own text is kept with its version, so exporting an
unchanged import gives back the very same bytes (comments included).
"""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightscope.web.orgs.models import Organisation, OrgScoped, Project


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")


class Assessment(OrgScoped, models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="assessments")
    project = models.ForeignKey(Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="assessments")
    slug = models.SlugField(_("assessment id"), max_length=100, help_text=_("The document's id."))
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated"]
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="unique_assessment_id")]

    def __str__(self) -> str:
        return self.title

    @property
    def current(self) -> AssessmentVersion:
        version = self.versions.order_by("-number").first()
        if version is None:  # every assessment is created with its first version
            raise AssessmentVersion.DoesNotExist(f"assessment {self.slug} has no version")
        return version

    @property
    def document(self) -> dict[str, Any]:
        document: dict[str, Any] = self.current.document
        return document


class AssessmentVersion(OrgScoped, models.Model):
    ORG_PATH = "assessment__organisation"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    document = models.JSONField()
    source_text = models.TextField(blank=True, help_text=_("The imported file, as it was."))
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "number"], name="unique_version_number")]

    def __str__(self) -> str:
        return f"{self.assessment.slug} v{self.number}"


class SignOff(OrgScoped, models.Model):
    ORG_PATH = "assessment__organisation"

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        APPROVED_WITH_CONDITIONS = "approved-with-conditions", _("Approved with conditions")
        REJECTED = "rejected", _("Rejected (back to draft)")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="sign_offs")
    version = models.ForeignKey(AssessmentVersion, on_delete=models.PROTECT, related_name="sign_offs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("your role"), max_length=200)
    decision = models.CharField(_("decision"), max_length=30, choices=Decision.choices)
    conditions = models.TextField(_("conditions or reasons"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]


auditlog.register(Assessment)
auditlog.register(AssessmentVersion, exclude_fields=["source_text"])
auditlog.register(SignOff)
