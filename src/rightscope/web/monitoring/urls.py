from __future__ import annotations

from django.urls import path

from rightscope.web.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.deployments, name="list"),
    path("<int:pk>/", views.deployment, name="deployment"),
]
