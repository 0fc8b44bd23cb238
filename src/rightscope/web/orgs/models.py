"""Organisations (tenants), their projects and members. A member's role decides what they may do."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrgScoped:
    """A model that belongs to one organisation, reached through ``ORG_PATH`` (Django lookup syntax).

    The audit trail stores the organisation with every record (``additional_data``), so that owners
    see their own organisation's trail and nobody else's.
    """

    ORG_PATH = "organisation"

    def get_additional_data(self) -> dict[str, object]:
        target: object = self
        for part in filter(None, self.ORG_PATH.split("__")):
            target = getattr(target, part)
        return {"organisation": getattr(target, "pk", None)}


class Role(models.TextChoices):
    OWNER = "owner", pgettext_lazy("role", "Owner")
    ASSESSOR = "assessor", _("Assessor")
    REVIEWER = "reviewer", _("Reviewer")
    VIEWER = "viewer", _("Viewer")
    STAKEHOLDER = "stakeholder", _("Stakeholder")


class Organisation(OrgScoped, models.Model):
    ORG_PATH = ""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True, help_text=_("Used in web addresses."))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.name


class Membership(OrgScoped, models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")]
        ordering = ["organisation__name", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} ({self.role})"


class Project(OrgScoped, models.Model):
    """A group of assessments and deployments inside an organisation (a product, a programme)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="projects")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_project_name")]

    def __str__(self) -> str:
        return self.name


auditlog.register(Organisation)
auditlog.register(Membership)
auditlog.register(Project)
