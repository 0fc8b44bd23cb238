"""Consultations: affected people and their representatives give their input on an assessment.

A consultation is reached by an invitation link (no account needed) or by a stakeholder account. Each
submission records what the stakeholder consented to; the name and contact they leave are personal
data, and so may be the text. The text is classified with ``rightscope.identify`` when it arrives.
"""

from __future__ import annotations

import secrets

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightscope.web.assessments.models import Assessment
from rightscope.web.orgs.models import OrgScoped


def _token() -> str:
    return secrets.token_urlsafe(24)


class Consultation(OrgScoped, models.Model):
    ORG_PATH = "assessment__organisation"

    class Language(models.TextChoices):
        EN = "en", "English"
        FR = "fr", "Français"
        ES = "es", "Español"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="consultations")
    title = models.CharField(_("title"), max_length=300)
    plain_summary = models.TextField(
        _("the use case in plain language"),
        help_text=_("What the system does and how it may affect people, in words the people consulted use."),
    )
    language = models.CharField(_("language of the page"), max_length=2, choices=Language.choices, default="en")
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    is_open = models.BooleanField(_("open for input"), default=True)
    closes = models.DateField(_("closes on"), null=True, blank=True)
    assessor_summary = models.TextField(
        _("assessor's summary"), blank=True, help_text=_("What was heard and what the assessment does about it.")
    )
    stakeholders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="consultations", verbose_name=_("stakeholder accounts")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.title


class Submission(OrgScoped, models.Model):
    ORG_PATH = "consultation__assessment__organisation"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="submissions")
    risk_id = models.CharField(_("the risk it concerns"), max_length=100, blank=True)
    text = models.TextField(_("your input"))
    language = models.CharField(max_length=2, default="en")
    name = models.CharField(_("your name (optional)"), max_length=200, blank=True)
    contact = models.CharField(_("how to reach you (optional)"), max_length=200, blank=True)
    consent_processing = models.BooleanField(_("consent to the use of this input in the assessment"))
    consent_share = models.BooleanField(
        _("consent to show my words to the whole team and quote them in reports"), default=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # identify's findings: [{"right": id, "name": ..., "score": ..., "registered": bool}], and its warnings.
    rights = models.JSONField(default=list)
    warnings = models.JSONField(default=list)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    @property
    def unforeseen(self) -> list[dict[str, object]]:
        """Rights the input engages that the assessment has no risk for."""
        return [r for r in self.rights if not r.get("registered")]


auditlog.register(Consultation, m2m_fields={"stakeholders"})
# The text, name and contact are kept out of the audit trail: owners read the trail, not the input.
auditlog.register(Submission, exclude_fields=["text", "name", "contact"])
