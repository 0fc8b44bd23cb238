"""Fixtures of the web platform's tests: an organisation with one member per role, and a stranger.

``org`` is the demo organisation (the example assessments loaded, as ``rightscope web`` does);
``other_org`` is a second tenant with its own assessment, for cross-organisation checks; ``client_for``
signs a role in.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from rightscope.assess.templates import starter
from rightscope.web.assessments.document import import_assessment
from rightscope.web.orgs.demo import load_demo
from rightscope.web.orgs.models import Membership, Organisation, Role

PASSWORD = "a-test-password-1"


@pytest.fixture
def org(db: Any) -> Organisation:
    return load_demo(PASSWORD).organisation


@pytest.fixture
def other_org(db: Any) -> Organisation:
    users = get_user_model()
    other = Organisation.objects.create(slug="elsewhere", name="Another organisation")
    owner = users.objects.create_user("elsewhere-owner", password=PASSWORD)
    Membership.objects.create(user=owner, organisation=other, role=Role.OWNER)
    import_assessment(other, starter("hiring"), owner, "starter")
    return other


@pytest.fixture
def client_for(org: Organisation) -> Callable[[str], Client]:
    """A test client signed in as the demo user of a role (``"anonymous"``: not signed in)."""

    def make(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(get_user_model().objects.get(username=role))
        return client

    return make


@pytest.fixture
def audit_flushable(transactional_db: Any) -> Iterator[None]:
    """A transactional test (live server, browser) whose flush must empty the append-only audit table.

    After the test, the triggers that refuse deletes are dropped, the audit records deleted and the
    triggers re-created, so the flush that follows finds nothing to delete and the next test is guarded
    again. (SQLite's triggers fire per row; on PostgreSQL the TRUNCATE trigger would still refuse the flush.)
    """
    yield
    from auditlog.models import LogEntry
    from django.db import connection

    migration = importlib.import_module("rightscope.web.audit.migrations.0001_append_only")
    with connection.cursor() as cursor:
        for sql in migration.SQLITE_REVERSE:
            cursor.execute(sql)
        LogEntry.objects.all().delete()
        for sql in migration.SQLITE:
            cursor.execute(sql)
