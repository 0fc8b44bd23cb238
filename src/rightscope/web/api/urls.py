from __future__ import annotations

from django.urls import path

from rightscope.web.api import views

urlpatterns = [
    path("", views.tokens, name="api-tokens"),
    path("<int:pk>/revoke/", views.revoke, name="api-token-revoke"),
]
