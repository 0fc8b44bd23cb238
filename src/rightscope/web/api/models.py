"""API tokens. Only a hash of each token is stored; the token itself is shown once, when it is made."""

from __future__ import annotations

import hashlib
import secrets

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightscope.web.orgs.models import Membership, OrgScoped

PREFIX = "rsk_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(OrgScoped, models.Model):
    """A token acts for one member in one organisation, with that member's role."""

    ORG_PATH = "membership__organisation"

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("What uses it, e.g. 'CI pipeline'."))
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False, help_text=_("The first characters, to recognise it."))
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, membership: Membership, name: str, created_by: object) -> tuple[ApiToken, str]:
        """A new token and its secret, which is not stored and cannot be shown again."""
        secret = PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            membership=membership, name=name, digest=hash_token(secret), hint=secret[:10], created_by=created_by
        )
        return token, secret


auditlog.register(ApiToken, exclude_fields=["digest", "last_used"])
