from __future__ import annotations

from django.urls import path

from rightscope.web.reports import views

app_name = "reports"
urlpatterns = [
    path("<int:pk>/", views.options, name="options"),
    path("<int:pk>/download/", views.download, name="download"),
    path("rendered/<int:pk>/", views.rendered, name="rendered"),
    path("file/<int:pk>/", views.file, name="file"),
]
