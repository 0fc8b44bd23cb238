from __future__ import annotations

from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "rightscope.web.consultations"
    label = "consultations"
    verbose_name = "Stakeholder consultations"
