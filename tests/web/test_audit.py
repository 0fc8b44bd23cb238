"""The audit trail: owners see their organisation's, filter and export it; it is append-only."""

from __future__ import annotations

import csv
import io
import json

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse


def url(org, name="audit:list", **kwargs):
    return reverse(name, kwargs={"org": org.slug, **kwargs})


def content(response):
    return b"".join(response.streaming_content).decode()


def test_owner_sees_own_trail_with_sign_ins_and_not_another_organisations(client_for, org, other_org):
    Client().post(reverse("login"), {"username": "viewer", "password": "a-test-password-1"})
    page = client_for("owner").get(url(org))
    assert page.status_code == 200
    rows = page.context["rows"]
    assert any(r["event"] == "sign-in" and r["actor"] == "viewer" for r in rows)
    assert not any("Another organisation" in r["object"] or r["actor"] == "elsewhere-owner" for r in rows)
    theirs = other_org.assessments.get()
    export = content(client_for("owner").get(url(org, "audit:export", fmt="jsonl")))
    assert all(json.loads(line)["object"] != str(theirs) for line in export.splitlines())


@pytest.mark.parametrize("role", ["assessor", "reviewer", "viewer", "stakeholder"])
def test_only_owners_read_the_trail(client_for, org, role):
    assert client_for(role).get(url(org)).status_code == 403
    assert client_for(role).get(url(org, "audit:export", fmt="csv")).status_code == 403


def test_filters_and_exports_agree(client_for, org):
    for _ in range(2):
        Client().post(reverse("login"), {"username": "viewer", "password": "a-test-password-1"})
    client = client_for("owner")
    query = {"actor": "viewer", "action": "event"}
    rows = client.get(url(org), query).context["rows"]
    assert len(rows) == 2 and all(r["actor"] == "viewer" and r["event"] == "sign-in" for r in rows)
    exported = list(csv.DictReader(io.StringIO(content(client.get(url(org, "audit:export", fmt="csv"), query)))))
    assert exported and {r["actor"] for r in exported} == {"viewer"}
    assert len(rows) == min(50, len(exported))
    lines = content(client.get(url(org, "audit:export", fmt="jsonl"), query)).splitlines()
    assert [json.loads(line)["id"] for line in lines] == [int(r["id"]) for r in exported]
    assert client.get(url(org, "audit:export", fmt="xml")).status_code == 404


def test_the_export_is_itself_recorded(client_for, org):
    content(client_for("owner").get(url(org, "audit:export", fmt="csv")))
    recorded = [e for e in LogEntry.objects.filter(action=LogEntry.Action.ACCESS) if e.changes_dict.get("event")]
    assert any(e.changes_dict["event"] == [None, "audit.export"] for e in recorded)


def test_a_bad_date_filter_is_a_form_error(client_for, org):
    page = client_for("owner").get(url(org), {"since": "yesterday"})
    assert page.status_code == 200 and "since" in page.context["form"].errors and page.context["rows"] == []


def test_the_orm_cannot_change_or_delete_a_record(org):
    entry = LogEntry.objects.order_by("pk").first()
    before = (entry.object_repr, entry.changes)
    entry.object_repr = "rewritten"
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        entry.save()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        LogEntry.objects.all().update(object_repr="rewritten")
    entry.refresh_from_db()
    assert (entry.object_repr, entry.changes) == before


def test_the_admin_cannot_change_or_delete_a_record(org):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "a-test-password-1")
    client = Client()
    client.force_login(admin)
    entry = LogEntry.objects.order_by("pk").first()
    before = (entry.object_repr, entry.changes, LogEntry.objects.count())
    change = reverse("admin:auditlog_logentry_change", args=[entry.pk])
    delete = reverse("admin:auditlog_logentry_delete", args=[entry.pk])
    assert client.post(change, {"object_repr": "rewritten"}).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:auditlog_logentry_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    entry.refresh_from_db()
    assert (entry.object_repr, entry.changes) == before[:2]
    assert LogEntry.objects.filter(pk=entry.pk).exists()
