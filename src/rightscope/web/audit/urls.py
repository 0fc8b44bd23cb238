from __future__ import annotations

from django.urls import path

from rightscope.web.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.trail, name="list"),
    path("export.<str:fmt>", views.export, name="export"),
]
