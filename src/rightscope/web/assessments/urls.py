from __future__ import annotations

from django.urls import path

from rightscope.web.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("new/", views.new, name="new"),
    path("import/", views.import_file, name="import"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/import/", views.import_version, name="import-version"),
    path("<int:pk>/use-case/", views.edit_use_case, name="use-case"),
    path("<int:pk>/risks/new/", views.edit_risk, name="risk-new"),
    path("<int:pk>/risks/<str:risk_id>/", views.edit_risk, name="risk"),
    path("<int:pk>/risks/<str:risk_id>/delete/", views.delete_risk, name="risk-delete"),
    path("<int:pk>/mitigations/<str:mitigation_id>/", views.edit_mitigation, name="mitigation"),
    path("<int:pk>/kpis/new/", views.add_kpi, name="kpi-new"),
    path("<int:pk>/versions/", views.versions, name="versions"),
    path("<int:pk>/export.<str:fmt>", views.export, name="export"),
    path("<int:pk>/versions/<int:number>/export.<str:fmt>", views.export, name="export-version"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/sign-off/", views.sign_off, name="sign-off"),
]
