"""The law browser: public pages over ``rightscope.law``, for anonymous and signed-in users alike."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse

from rightscope import law

PAGES = [
    reverse("law:index"),
    reverse("law:instrument", kwargs={"instrument": "udhr"}),
    reverse("law:instrument", kwargs={"instrument": "achpr"}),
    reverse("law:provision", kwargs={"instrument": "iccpr", "article": "17"}),
    reverse("law:provision", kwargs={"instrument": "achpr", "article": "1"}),
    reverse("law:rights"),
    reverse("law:right", kwargs={"right": "privacy"}),
    reverse("law:guidance-list"),
    reverse("law:guidance-list") + "?tech=1",
    reverse("law:guidance", kwargs={"guidance": "ccpr-gc-16"}),
    reverse("law:search"),
    reverse("law:search") + "?q=privacy",
    reverse("law:applicable"),
    reverse("law:applicable") + "?country=KE",
    reverse("law:applicable") + "?country=Germany",
]


@pytest.mark.parametrize("role", ["anonymous", "viewer"])
def test_every_page_renders_for_anyone(client_for, role):
    client = client_for(role)
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"<h1>" in response.content, url


def test_index_groups_instruments_by_system_with_counts(db):
    page = Client().get(reverse("law:index")).content.decode()
    un = len(law.instruments("UN"))
    assert "United Nations" in page and "Council of Europe" in page
    assert f"{un} instruments" in page
    assert reverse("law:instrument", kwargs={"instrument": "iccpr"}) in page


def test_instrument_page_has_metadata_and_articles(db):
    page = Client().get(reverse("law:instrument", kwargs={"instrument": "udhr"})).content.decode()
    item = law.instrument("udhr")
    assert item.title in page
    assert "1948-12-10" in page
    assert item.provenance[0].source_file in page
    for p in law.provisions("udhr"):
        assert reverse("law:provision", kwargs={"instrument": "udhr", "article": p.article}) in page


def test_udhr_shows_its_translations(db):
    url = reverse("law:provision", kwargs={"instrument": "udhr", "article": "1"})
    article = law.provision("udhr", "1")
    client = Client()
    page = client.get(url).content.decode()
    assert 'lang="en"' in page and "All human beings are born free" in page
    for code in ("fr", "es", "ar", "zh", "ru"):
        assert f'href="?lang={code}"' in page
        translated = client.get(url, {"lang": code}).content.decode()
        assert f'<div class="provision-text" lang="{code}"' in translated
        assert article.text_in(code) in translated
    assert 'dir="rtl"' in client.get(url, {"lang": "ar"}).content.decode()
    assert "Tous les êtres humains" in client.get(url, {"lang": "fr"}).content.decode()


def test_unknown_language_falls_back_to_english_and_says_so(db):
    url = reverse("law:provision", kwargs={"instrument": "iccpr", "article": "17"})
    page = Client().get(url, {"lang": "fr"}).content.decode()
    assert 'lang="en"' in page and "“fr”" in page


def test_provision_shows_rights_and_guidance_citing_it(db):
    page = Client().get(reverse("law:provision", kwargs={"instrument": "iccpr", "article": "17"})).content.decode()
    assert reverse("law:right", kwargs={"right": "privacy"}) in page
    assert reverse("law:guidance", kwargs={"guidance": "ccpr-gc-16"}) in page


def test_right_page_lists_provisions_and_only_verified_guidance(db):
    page = Client().get(reverse("law:right", kwargs={"right": "privacy"})).content.decode()
    assert reverse("law:provision", kwargs={"instrument": "echr", "article": "8"}) in page
    assert reverse("law:provision", kwargs={"instrument": "udhr", "article": "12"}) in page
    verified = {g.id for g in law.guidance()}
    for gid in law.right("privacy").guidance:
        link = reverse("law:guidance", kwargs={"guidance": gid})
        assert (link in page) == (gid in verified)


def test_guidance_page_has_paragraphs(db):
    page = Client().get(reverse("law:guidance", kwargs={"guidance": "ccpr-gc-16"})).content.decode()
    paragraphs = law.guidance_paragraphs("ccpr-gc-16")
    if paragraphs:
        assert 'id="para-1"' in page
        assert paragraphs[0].citation in page
    else:
        assert "not in the installed data sets" in page


def test_search_finds_an_article_by_a_phrase_from_the_kb(db):
    response = Client().get(
        reverse("law:search"), {"q": "born free and equal in dignity and rights", "kind": "provision"}
    )
    page = response.content.decode()
    assert "UDHR art. 1" in page
    assert reverse("law:provision", kwargs={"instrument": "udhr", "article": "1"}) in page


def test_search_guidance_hits_link_to_the_paragraph(db):
    page = Client().get(reverse("law:search"), {"q": "arbitrary interference", "kind": "guidance"}).content.decode()
    assert reverse("law:guidance", kwargs={"guidance": "ccpr-gc-16"}) + "#para-" in page


def test_search_partial_for_htmx(db):
    response = Client().get(reverse("law:search"), {"q": "torture"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content and b"Results" in response.content


@pytest.mark.parametrize("params", [{"q": "   "}, {"q": ""}, {"q": "privacy", "kind": "everything"}, {"q": "x" * 600}])
def test_search_bad_input_is_a_form_error(db, params):
    response = Client().get(reverse("law:search"), params)
    assert response.status_code == 200
    assert b'role="alert"' in response.content
    assert b"Results" not in response.content
    if not params["q"].strip():
        assert b"Enter some words to search for." in response.content


def test_search_without_matches_says_so(db):
    page = Client().get(reverse("law:search"), {"q": "zzzqqqxxyy"}).content.decode()
    assert "No results" in page


def test_country_shows_ratifications_and_levers(db):
    page = Client().get(reverse("law:applicable"), {"country": "DEU"}).content.decode()
    assert "Germany (DE)" in page
    assert reverse("law:instrument", kwargs={"instrument": "echr"}) in page
    assert "Individual application (ECHR Art. 34)" in page
    assert "European Court of Human Rights" in page
    assert "2022-08-25" in page  # the date of the UN ratification snapshot


def test_unknown_country_is_a_form_error_with_suggestions(db):
    response = Client().get(reverse("law:applicable"), {"country": "Germny"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="#id_country">Country</a>' in page
    assert "DE (Germany)" in page
    assert "Levers for remedy" not in page


def test_near_matches_are_links_to_their_law(db):
    page = Client().get(reverse("law:applicable"), {"country": "Germny"}).content.decode()
    assert f'href="{reverse("law:applicable")}?country=DE">Germany (DE)</a>' in page
    congo = Client().get(reverse("law:applicable"), {"country": "Congo"}).content.decode()
    assert "?country=CD" in congo and "?country=CG" in congo


def test_a_country_error_is_in_the_users_language(db):
    response = Client(HTTP_ACCEPT_LANGUAGE="fr").get(reverse("law:applicable"), {"country": "Germny"})
    page = html.unescape(response.content.decode())
    assert "Aucun pays « Germny ». Vouliez-vous dire DE (Germany)" in page
    assert "Afficher le droit de :" in page


def test_ambiguous_and_empty_country(db):
    client = Client()
    assert "CD (DR Congo)" in client.get(reverse("law:applicable"), {"country": "Congo"}).content.decode()
    page = client.get(reverse("law:applicable"), {"country": ""}).content.decode()
    assert 'role="alert"' in page and "Levers for remedy" not in page


@pytest.mark.parametrize(
    "url",
    [
        "/law/instruments/nope/",
        "/law/instruments/iccpr/999/",
        "/law/instruments/nope/1/",
        "/law/rights/nope/",
        "/law/guidance/nope/",
    ],
)
def test_unknown_ids_are_404(db, url):
    assert Client().get(url).status_code == 404


def test_unverified_guidance_is_404(db):
    hidden = [g for g in law.guidance(include_unverified=True) if not g.verified]
    for g in hidden:
        assert Client().get(reverse("law:guidance", kwargs={"guidance": g.id})).status_code == 404


def test_other_spellings_redirect_to_the_canonical_page(db):
    response = Client().get("/law/instruments/ICCPR/")
    assert response.status_code == 301
    assert response["Location"] == reverse("law:instrument", kwargs={"instrument": "iccpr"})


def test_search_history_restore_gets_the_whole_page(db):
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}
    response = Client().get(reverse("law:search"), {"q": "torture"}, **headers)
    assert b"<html" in response.content
    assert "HX-Request" in response["Vary"]
