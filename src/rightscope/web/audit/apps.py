from __future__ import annotations

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "rightscope.web.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from rightscope.web.audit import signals  # noqa: F401  (sign-in records)
