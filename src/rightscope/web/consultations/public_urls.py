"""The pages affected people reach by their invitation link; no account needed."""

from __future__ import annotations

from django.urls import path

from rightscope.web.consultations import public

app_name = "participate"
urlpatterns = [
    path("<str:token>/", public.page, name="page"),
    path("<str:token>/thanks/", public.thanks, name="thanks"),
]
