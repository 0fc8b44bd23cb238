from __future__ import annotations

from django.urls import path

from rightscope.web.consultations import views

app_name = "consultations"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
]
