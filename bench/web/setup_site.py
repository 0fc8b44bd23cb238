"""Prepare the benchmark's site: migrate, load the demo, open a consultation, sign users in.

Run by ``run.py`` with DATABASE_URL and RIGHTSCOPE_WEB_DATA set; prints a JSON plan for the locustfile:
the addresses to visit and session cookies of demo users (so that the measured traffic is browsing,
not password hashing at sign-in).
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightscope.web.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.urls import reverse  # noqa: E402

from rightscope import law  # noqa: E402
from rightscope.web.consultations.models import Consultation  # noqa: E402
from rightscope.web.orgs.demo import load_demo  # noqa: E402


def session_for(user: object, count: int) -> list[str]:
    keys = []
    for _ in range(count):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)  # type: ignore[attr-defined]
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()  # type: ignore[attr-defined]
        store.create()
        keys.append(store.session_key)
    return keys


def law_pages() -> list[str]:
    """The law browser's pages: its index, every instrument, 60 provisions, every right, searches."""
    pages = [reverse("law:index")]
    pages += [reverse("law:instrument", kwargs={"instrument": i.id}) for i in law.instruments()]
    for instrument in ("udhr", "iccpr"):
        for p in law.provisions(instrument)[:30]:
            pages.append(reverse("law:provision", kwargs={"instrument": p.instrument, "article": p.article}))
    pages += [reverse("law:right", kwargs={"right": r.id}) for r in law.rights()]
    for query in ("facial recognition", "privacy of correspondence", "equal pay", "freedom of assembly"):
        pages.append(reverse("law:search") + "?q=" + query.replace(" ", "+"))
    return pages


def main() -> None:
    call_command("migrate", interactive=False, verbosity=0)
    demo = load_demo()
    org = demo.organisation
    assessor = get_user_model().objects.get(username="assessor")
    consultation, _ = Consultation.objects.get_or_create(
        assessment=org.assessments.get(slug="ashbridge-lfr-events-pilot"),
        title="Benchmark consultation",
        defaults={"plain_summary": "Cameras compare faces in the crowd with a watch list.", "created_by": assessor},
    )
    plan = {
        "law": law_pages(),
        "assessments": [
            reverse(name, kwargs={"org": org.slug, "pk": pk})
            for pk in org.assessments.values_list("pk", flat=True)
            for name in ("assessments:detail", "assessments:versions")
        ]
        + [reverse("assessments:list", kwargs={"org": org.slug})],
        "consultation": f"/c/{consultation.token}/",
        "sessions": session_for(get_user_model().objects.get(username="viewer"), 60),
        "session_cookie": settings.SESSION_COOKIE_NAME,
    }
    json.dump(plan, sys.stdout)


if __name__ == "__main__":
    main()
