"""Consultations: opening one, the public page in three languages, consent, classification, who reads what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from rightscope.web.consultations.models import Consultation, Submission

FRENCH_INPUT = (
    "La police filme les manifestants avec la reconnaissance faciale et garde les images de tout le monde, "
    "même des gens qui passent."
)


def lfr(org):
    return org.assessments.get(slug="ashbridge-lfr-events-pilot")


def open_consultation(org, **fields):
    values = {
        "assessment": lfr(org),
        "title": "Facial recognition at events",
        "plain_summary": "Cameras compare faces in the crowd with a watch list.",
        "language": "fr",
        "created_by": get_user_model().objects.get(username="assessor"),
    }
    return Consultation.objects.create(**(values | fields))


def submit(consultation, client=None, **fields):
    data = {"text": FRENCH_INPUT, "consent_processing": "on", "risk_id": "", "lang": "fr"} | fields
    return (client or Client()).post(f"/c/{consultation.token}/", data)


def test_assessor_opens_a_consultation_from_the_assessment(client_for, org):
    item = lfr(org)
    client = client_for("assessor")
    page = client.get(reverse("assessments:detail", kwargs={"org": org.slug, "pk": item.pk}))
    new_url = reverse("consultations:new", kwargs={"org": org.slug, "assessment_pk": item.pk})
    assert new_url in page.content.decode()
    form = client.get(new_url)
    assert "Consultation on" in form.content.decode()
    data = {"title": "Events pilot", "plain_summary": "Cameras at events.", "language": "es", "is_open": "on"}
    response = client.post(new_url, data)
    created = Consultation.objects.get(title="Events pilot")
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:detail", kwargs={"org": org.slug, "pk": created.pk})
    detail = client.get(response["Location"]).content.decode()
    assert f"/c/{created.token}/" in detail
    assert created.created_by.username == "assessor"


def test_new_consultation_form_errors_name_the_field(client_for, org):
    url = reverse("consultations:new", kwargs={"org": org.slug, "assessment_pk": lfr(org).pk})
    response = client_for("assessor").post(url, {"title": "", "plain_summary": "x", "language": "de"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"title", "language"}
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("fr", "Ce que fait le système"), ("es", "Qué hace el sistema"), ("en", "What the system does")],
)
def test_public_page_speaks_the_language_chosen(org, lang, heading):
    item = open_consultation(org, language="fr")
    page = Client().get(f"/c/{item.token}/?lang={lang}")
    assert page.status_code == 200
    body = page.content.decode()
    assert heading in body
    assert f'<html lang="{lang}">' in body
    for risk in lfr(org).current.document["risks"]:
        assert risk["id"] in body


def test_public_page_defaults_to_the_consultation_language(org):
    item = open_consultation(org, language="es")
    assert "Qué hace el sistema" in Client().get(f"/c/{item.token}/").content.decode()


def test_french_input_is_stored_with_consent_and_classified(org):
    item = open_consultation(org)
    response = submit(item, name="Amina", contact="amina@example.org")
    assert response.status_code == 302
    assert response["Location"].startswith(f"/c/{item.token}/thanks/")
    saved = Submission.objects.get()
    assert saved.language == "fr"
    assert saved.consent_processing and not saved.consent_share
    assert "privacy" in [r["right"] for r in saved.rights]
    assert any("English" in w for w in saved.warnings), "non-English input carries the accuracy caveat"
    assert "Merci" in Client().get(response["Location"]).content.decode()


def test_input_without_consent_is_refused_and_nothing_is_stored(org):
    item = open_consultation(org)
    response = submit(item, consent_processing="")
    assert response.status_code == 200
    assert "consent_processing" in response.context["form"].errors
    assert not Submission.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "x" * 10_001])
def test_empty_or_oversized_input_is_a_form_error(org, text):
    response = submit(open_consultation(org), text=text)
    assert response.status_code == 200
    assert "text" in response.context["form"].errors
    assert not Submission.objects.exists()


def test_unknown_risk_is_a_form_error(org):
    response = submit(open_consultation(org), risk_id="R99")
    assert "risk_id" in response.context["form"].errors


@pytest.mark.parametrize("closed", [{"is_open": False}, {"closes": dt.date(2020, 1, 1)}])
def test_a_closed_consultation_takes_no_input(org, closed):
    item = open_consultation(org, **closed)
    assert Client().get(f"/c/{item.token}/").status_code == 410
    submit(item)
    assert not Submission.objects.exists()


def test_unknown_token_is_404(db):
    assert Client().get("/c/not-a-token/").status_code == 404


def test_assessor_sees_input_beside_its_risk_with_unforeseen_rights(client_for, org):
    item = open_consultation(org)
    risk = lfr(org).current.document["risks"][0]
    submit(item, risk_id=risk["id"])
    submit(item, text="They refused my child a place at school because the camera said she was someone else.")
    page = client_for("assessor").get(reverse("consultations:detail", kwargs={"org": org.slug, "pk": item.pk}))
    assert page.status_code == 200
    risks = {r["id"]: r for r in page.context["risks"]}
    assert [e["text"] for e in risks[risk["id"]]["input"]] == [FRENCH_INPUT]
    assert len(page.context["general"]) == 1
    registered = {r["right"] for r in lfr(org).current.document["risks"]}
    signals = page.context["signals"]
    assert signals, "the input engages rights"
    assert all(s.registered == (s.right in registered) for s in signals)
    unforeseen = [s for s in signals if not s.registered]
    assert unforeseen == signals[: len(unforeseen)], "unforeseen rights come first"
    assert "unforeseen" in page.content.decode()


def test_viewers_never_see_personal_data_and_see_text_only_with_consent(client_for, org):
    item = open_consultation(org)
    submit(item, text="Private words about my neighbourhood and the cameras.", name="Amina", contact="a@example.org")
    submit(item, text="Shared words: the cameras frighten people away from the demonstration.", consent_share="on")
    url = reverse("consultations:detail", kwargs={"org": org.slug, "pk": item.pk})
    viewer = client_for("viewer").get(url).content.decode()
    assert "Shared words" in viewer
    assert "Private words" not in viewer
    assert "Amina" not in viewer and "a@example.org" not in viewer
    reviewer = client_for("reviewer").get(url).content.decode()
    assert "Private words" in reviewer and "Amina" in reviewer


def test_stakeholder_account_is_recorded_and_sees_only_its_consultations(client_for, org):
    item = open_consultation(org)
    stakeholder = get_user_model().objects.get(username="stakeholder")
    client = client_for("stakeholder")
    home = client.get(reverse("org-home", kwargs={"org": org.slug})).content.decode()
    assert item.title not in home
    item.stakeholders.add(stakeholder)
    assert item.title in client.get(reverse("org-home", kwargs={"org": org.slug})).content.decode()
    submit(item, client=client)
    assert Submission.objects.get().user == stakeholder
    assert client.get(reverse("consultations:detail", kwargs={"org": org.slug, "pk": item.pk})).status_code == 403


def test_only_managers_edit_and_the_summary_is_saved(client_for, org):
    item = open_consultation(org)
    url = reverse("consultations:edit", kwargs={"org": org.slug, "pk": item.pk})
    assert client_for("viewer").get(url).status_code == 403
    assert client_for("reviewer").post(url, {}).status_code == 403
    data = {"title": item.title, "plain_summary": item.plain_summary, "language": "fr", "assessor_summary": "Heard."}
    assert client_for("assessor").post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.assessor_summary == "Heard." and not item.is_open


def test_another_organisation_gets_404(client_for, org, other_org):
    item = open_consultation(org)
    stranger = Client()
    stranger.force_login(get_user_model().objects.get(username="elsewhere-owner"))
    for name in ("consultations:detail", "consultations:edit"):
        assert stranger.get(reverse(name, kwargs={"org": org.slug, "pk": item.pk})).status_code == 404
    theirs = other_org.assessments.get()
    url = reverse("consultations:new", kwargs={"org": org.slug, "assessment_pk": theirs.pk})
    assert client_for("owner").get(url).status_code == 404


def test_submission_text_stays_out_of_the_audit_trail(org):
    from auditlog.models import LogEntry

    submit(open_consultation(org), name="Amina")
    entry = LogEntry.objects.get_for_model(Submission).get()
    assert FRENCH_INPUT not in str(entry.changes) and "Amina" not in str(entry.changes)
