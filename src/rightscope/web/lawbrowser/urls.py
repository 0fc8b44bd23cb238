"""Addresses of the law browser, all public: the law is public.

Other pages link to the law with these names:

- ``law:instrument`` (``instrument``: an instrument id such as ``iccpr``)
- ``law:provision`` (``instrument`` and ``article``: ``iccpr``, ``17``; a provision id ``iccpr:17`` split at ``:``)
- ``law:right`` (``right``: a right id such as ``privacy``)
- ``law:guidance`` (``guidance``: a guidance id such as ``ccpr-gc-16``; paragraph ``n`` is at ``#para-n``)
- ``law:search`` (``?q=...&kind=provision|guidance``) and ``law:applicable`` (``?country=KE``)
"""

from __future__ import annotations

from django.urls import path

from rightscope.web.lawbrowser import views

app_name = "law"
urlpatterns = [
    path("", views.index, name="index"),
    path("instruments/<slug:instrument>/", views.instrument, name="instrument"),
    path("instruments/<slug:instrument>/<str:article>/", views.provision, name="provision"),
    path("rights/", views.rights, name="rights"),
    path("rights/<slug:right>/", views.right, name="right"),
    path("guidance/", views.guidance_list, name="guidance-list"),
    path("guidance/<slug:guidance>/", views.guidance, name="guidance"),
    path("search/", views.search, name="search"),
    path("country/", views.applicable, name="applicable"),
]
