from __future__ import annotations

from django.urls import path

from rightscope.web.orgs import views

urlpatterns = [
    path("", views.dashboard, name="org-home"),
    path("members/", views.members, name="org-members"),
    path("projects/", views.projects, name="org-projects"),
]
