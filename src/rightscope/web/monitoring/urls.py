from __future__ import annotations

from django.urls import path

from rightscope.web.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.deployments, name="list"),
    path("new/", views.new_deployment, name="new"),
    path("<int:pk>/", views.deployment, name="deployment"),
    path("<int:pk>/runs/new/", views.new_run, name="run-new"),
    path("<int:pk>/runs/<int:run_pk>/", views.run_detail, name="run"),
    path("<int:pk>/runs/<int:run_pk>/progress/", views.run_progress, name="run-progress"),
]
