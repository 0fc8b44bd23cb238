"""The demo organisation: one user per role and the example assessments, for ``rightscope web``.

Users are ``owner``, ``assessor``, ``reviewer``, ``viewer`` and ``stakeholder``, all with the password
given (``rightscope-demo`` by default): a local demo on 127.0.0.1, never a deployment. Loading twice
changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from rightscope.assess.templates import starter
from rightscope.web.orgs.models import Membership, Organisation, Role

DEMO_ORG = "demo"
DEMO_PASSWORD = "rightscope-demo"


@dataclass(frozen=True)
class Demo:
    organisation: Organisation
    usernames: dict[str, str]  # role -> username
    created: bool


def example_files() -> list[Path]:
    """The example assessments of the repository's ``examples/`` (none in an installed wheel)."""
    repo = Path(__file__).resolve().parents[4] / "examples"
    return sorted(repo.glob("*.yaml")) if repo.is_dir() else []


def load_demo(password: str = DEMO_PASSWORD) -> Demo:
    """Create (once) the demo organisation, its users, its assessments and a monitored deployment."""
    from rightscope.web.assessments.document import import_assessment
    from rightscope.web.monitoring.demo import load_monitoring_demo

    users = get_user_model()
    with transaction.atomic():
        organisation, created = Organisation.objects.get_or_create(slug=DEMO_ORG, defaults={"name": "Demo public body"})
        usernames: dict[str, str] = {}
        for role in Role.values:
            user, made = users.objects.get_or_create(username=role, defaults={"email": f"{role}@example.org"})
            if made:
                user.set_password(password)
                user.save()
            Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role})
            usernames[role] = role
        if created:
            author = users.objects.get(username=Role.ASSESSOR)
            files = example_files()
            for path in files:
                import_assessment(organisation, path.read_text(encoding="utf-8"), author, path.name)
            if not files:  # an installed wheel has no examples: start from the hiring template instead
                import_assessment(organisation, starter("hiring"), author, "hiring template")
            load_monitoring_demo(organisation, author)
    return Demo(organisation, usernames, created)
