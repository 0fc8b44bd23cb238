from __future__ import annotations

from django.urls import path

from rightscope.web.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("new/", views.new, name="new"),
    path("import/", views.import_file, name="import"),
    path("<int:pk>/", views.detail, name="detail"),
]
