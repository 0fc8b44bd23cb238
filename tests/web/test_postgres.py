"""The web platform on PostgreSQL (``DATABASE_URL``): migrations, the demo, and the append-only audit trail.

Runs against a real server where ``RIGHTSCOPE_TEST_POSTGRES_URL`` is set (``.ci/run`` starts one), in
a database of its own that it creates and drops.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator

import pytest

SERVER = os.environ.get("RIGHTSCOPE_TEST_POSTGRES_URL", "")
pytestmark = pytest.mark.skipif(not SERVER, reason="set RIGHTSCOPE_TEST_POSTGRES_URL to a PostgreSQL server")


@pytest.fixture
def database() -> Iterator[str]:
    import psycopg
    from psycopg import sql

    name = f"rightscope_web_test_{secrets.token_hex(4)}"
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield SERVER.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(SERVER, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def test_web_migrates_on_postgresql_and_its_audit_trail_is_append_only(database, tmp_path):
    import psycopg

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {"DATABASE_URL": database, "RIGHTSCOPE_WEB_DATA": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "rightscope", "web", "--check"], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    with psycopg.connect(database, autocommit=True) as db:
        slugs = {row[0] for row in db.execute("SELECT slug FROM assessments_assessment")}
        assert "westerhaven-welfare-fraud-risk" in slugs
        (entries,) = db.execute("SELECT count(*) FROM auditlog_logentry").fetchone()
        assert entries > 0, "creating the demo was recorded"
        for statement in (
            "UPDATE auditlog_logentry SET object_repr = 'rewritten'",
            "DELETE FROM auditlog_logentry",
            "TRUNCATE auditlog_logentry",
        ):
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                db.execute(statement)
        assert db.execute("SELECT count(*) FROM auditlog_logentry").fetchone() == (entries,)
