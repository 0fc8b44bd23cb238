"""The web platform's addresses. Organisation pages live under ``/o/<slug>/`` (see ``orgs.access``)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path, re_path

from rightscope.web.api.api import not_found_view
from rightscope.web.api.api import urls as api_urls
from rightscope.web.orgs import views as org_views

urlpatterns = [
    path("", org_views.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("law/", include("rightscope.web.lawbrowser.urls")),
    path("c/", include("rightscope.web.consultations.public_urls")),
    path("o/<slug:org>/", include("rightscope.web.orgs.urls")),
    path("o/<slug:org>/assessments/", include("rightscope.web.assessments.urls")),
    path("o/<slug:org>/consultations/", include("rightscope.web.consultations.urls")),
    path("o/<slug:org>/monitoring/", include("rightscope.web.monitoring.urls")),
    path("o/<slug:org>/reports/", include("rightscope.web.reports.urls")),
    path("o/<slug:org>/audit/", include("rightscope.web.audit.urls")),
    path("o/<slug:org>/tokens/", include("rightscope.web.api.urls")),
    path("api/v1/", api_urls()),
    re_path(r"^api/(?P<rest>.*)$", not_found_view),  # any other API address: a JSON 404
]
