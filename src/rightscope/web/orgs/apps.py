from __future__ import annotations

from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "rightscope.web.orgs"
    label = "orgs"
    verbose_name = "Organisations, projects and members"
