"""Organisations, members and the demo loader."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rightscope.web.orgs.demo import example_files, load_demo
from rightscope.web.orgs.models import Membership, Role


def test_demo_loads_every_example_once(org):
    assert org.assessments.count() == len(example_files()) > 0
    assert load_demo().created is False
    assert org.assessments.count() == len(example_files())
    assert {m.role for m in Membership.objects.filter(organisation=org)} == set(Role.values)


def test_one_organisation_goes_straight_to_its_dashboard(client_for, org):
    response = client_for("assessor").get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("org-home", kwargs={"org": org.slug})


def test_anonymous_is_sent_to_sign_in(client_for, org):
    response = client_for("anonymous").get(reverse("org-home", kwargs={"org": org.slug}))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_another_organisation_is_404_not_403(client_for, org, other_org):
    response = client_for("owner").get(reverse("org-home", kwargs={"org": other_org.slug}))
    assert response.status_code == 404


def test_last_owner_keeps_the_role(client_for, org):
    owner = Membership.objects.get(organisation=org, role=Role.OWNER)
    client = client_for("owner")
    response = client.post(reverse("org-members", kwargs={"org": org.slug}), {"membership": owner.pk, "role": "viewer"})
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.role == Role.OWNER


@pytest.mark.parametrize("name", ["rightscope/rightscope.css", "rightscope/rightscope.js", "rightscope/htmx.min.js"])
def test_the_site_serves_its_own_static_files(db, name):
    from django.test import Client

    response = Client().get(f"/static/{name}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content])


def test_form_help_text_is_announced_with_its_field(client_for, org):
    """Django points aria-describedby at ``<id>_helptext``; the help text must carry that id."""
    body = client_for("assessor").get(reverse("assessments:new", kwargs={"org": org.slug})).content.decode()
    assert 'aria-describedby="id_countries_helptext"' in body
    assert 'id="id_countries_helptext"' in body
