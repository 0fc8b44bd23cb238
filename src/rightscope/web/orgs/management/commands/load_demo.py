"""``python -m rightscope.web load_demo``: the demo organisation (see :mod:`rightscope.web.orgs.demo`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rightscope.web.orgs.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create the demo organisation with one user per role and the example assessments."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", default=DEMO_PASSWORD)

    def handle(self, *args: Any, **options: Any) -> None:
        demo = load_demo(options["password"])
        state = "created" if demo.created else "already there"
        self.stdout.write(f"demo organisation '{demo.organisation.slug}' {state}; users: {', '.join(demo.usernames)}")
