from __future__ import annotations

from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "rightscope.web.lawbrowser"
    label = "lawbrowser"
    verbose_name = "The law"
