from __future__ import annotations

from django.urls import path

from rightscope.web.lawbrowser import views

app_name = "law"
urlpatterns = [
    path("", views.index, name="index"),
]
