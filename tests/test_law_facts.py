"""Tests that catch wrong law: counts, anchors, references and known phrases in the right articles."""

from __future__ import annotations

import dataclasses
import re

import pytest

from rightscope import law

# Article counts of the official instruments.
OFFICIAL_ARTICLE_COUNTS = {
    "udhr": 30,
    "iccpr": 53,
    "iccpr-op1": 14,
    "iccpr-op2": 11,
    "icescr": 31,
    "icerd": 25,
    "cedaw": 30,
    "cat": 33,
    "crc": 54,
    "cmw": 93,
    "cped": 45,
    "crpd": 50,
    "echr": 59,
    "eucfr": 54,
    "achpr": 68,
    "achr": 82,
}

REQUIRED_INSTRUMENTS = {
    "udhr", "iccpr", "iccpr-op1", "iccpr-op2", "icescr", "icescr-op", "icerd", "cedaw", "cedaw-op", "cat",
    "opcat", "crc", "crc-opac", "crc-opsc", "crc-opic", "cmw", "crpd", "crpd-op", "cped", "echr", "echr-p1",
    "echr-p4", "echr-p12", "echr-p13", "echr-p16", "esc", "coe108", "eucfr", "achpr", "achr",
}  # fmt: skip

REQUIRED_RIGHTS = {
    "privacy", "non-discrimination", "freedom-of-expression", "freedom-of-assembly-and-association",
    "freedom-of-thought-conscience-religion", "life", "liberty-and-security", "fair-trial", "effective-remedy",
    "work", "just-conditions-of-work", "social-security", "adequate-standard-of-living", "health", "education",
    "participation-in-public-affairs", "freedom-of-movement", "family-life", "cultural-life-and-science",
    "human-dignity", "data-protection", "freedom-from-torture",
}  # fmt: skip

REQUIRED_GROUPS = {
    "children", "women", "persons-with-disabilities", "migrants", "minorities-and-indigenous-peoples",
    "older-persons", "human-rights-defenders-and-journalists",
}  # fmt: skip

# (instrument, article, phrase): each phrase is in the official text of that article.
KNOWN_PHRASES = [
    ("udhr", "1", "free and equal in dignity and rights"),
    ("udhr", "12", "arbitrary interference with his privacy"),
    ("udhr", "19", "freedom of opinion and expression"),
    ("iccpr", "6", "inherent right to life"),
    ("iccpr", "7", "torture or to cruel, inhuman or degrading treatment"),
    ("iccpr", "14", "fair and public hearing"),
    ("iccpr", "17", "arbitrary or unlawful interference with his privacy"),
    ("iccpr", "19", "freedom of expression"),
    ("iccpr", "21", "right of peaceful assembly"),
    ("iccpr", "26", "equal protection of the law"),
    ("icescr", "6", "right to work"),
    ("icescr", "9", "social security"),
    ("icescr", "12", "highest attainable standard of physical and mental health"),
    ("icescr", "15", "benefits of scientific progress"),
    ("crc", "3", "best interests of the child"),
    ("crc", "16", "arbitrary or unlawful interference with his or her privacy"),
    ("crpd", "9", "information and communications technologies"),
    ("cped", "1", "No one shall be subjected to enforced disappearance"),
    ("echr", "8", "respect for his private and family life"),
    ("echr", "10", "freedom of expression"),
    ("echr", "13", "effective remedy before a national authority"),
    ("echr", "14", "without discrimination on any ground"),
    ("eucfr", "7", "respect for his or her private and family life"),
    ("eucfr", "8", "protection of personal data concerning him or her"),
    ("eucfr", "21", "genetic features"),
    ("eucfr", "47", "effective remedy"),
    ("coe108", "5", "obtained and processed fairly and lawfully"),
    ("cat", "1", "severe pain or suffering"),
    ("cedaw", "1", "discrimination against women"),
    ("icerd", "1", "racial discrimination"),
]


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def test_every_required_instrument_is_present() -> None:
    assert {i.id for i in law.instruments()} >= REQUIRED_INSTRUMENTS


@pytest.mark.parametrize(("instrument_id", "count"), sorted(OFFICIAL_ARTICLE_COUNTS.items()))
def test_article_counts_match_the_official_instruments(instrument_id: str, count: int) -> None:
    articles = [p for p in law.provisions(instrument_id) if p.article != "part-i"]
    assert len(articles) == count
    assert law.instrument(instrument_id).article_count == count


def test_udhr_has_thirty_articles_in_each_un_language() -> None:
    for article in law.provisions("udhr"):
        assert set(article.languages) == {"en", "fr", "es", "ar", "zh", "ru"}
        for lang in article.languages:
            assert article.text_in(lang).strip()
    assert "vie privée" in law.provision("udhr", "12").text_in("fr")


@pytest.mark.parametrize(("instrument_id", "article", "phrase"), KNOWN_PHRASES)
def test_known_phrases_sit_in_the_right_articles(instrument_id: str, article: str, phrase: str) -> None:
    assert _normalise(phrase) in _normalise(law.provision(instrument_id, article).text)


def test_taxonomy_has_the_required_rights_and_groups() -> None:
    ids = {r.id for r in law.rights()}
    assert len(ids) >= 45
    assert ids >= REQUIRED_RIGHTS
    assert {g.id for g in law.groups()} >= REQUIRED_GROUPS


def test_every_right_has_a_udhr_anchor_that_exists() -> None:
    for right in law.rights():
        assert right.udhr, right.id
        for article in right.udhr:
            assert law.provision("udhr", article).text


def test_every_provision_a_right_or_group_points_to_exists() -> None:
    kb = law.load()
    for right in law.rights():
        for ref in right.provisions + [p for g in right.groups for p in g.provisions]:
            assert ref in kb.provisions, (right.id, ref)
        for related in right.related:
            assert related in kb.rights
    for group in law.groups():
        for ref in group.provisions:
            assert ref in kb.provisions, (group.id, ref)
        for instrument_id in group.instruments:
            assert instrument_id in kb.instruments


def test_every_provision_guidance_points_to_exists() -> None:
    kb = law.load()
    for doc in law.guidance(include_unverified=True):
        for ref in doc.articles:
            assert ref in kb.provisions, (doc.id, ref)
        for right_id in doc.rights:
            assert right_id in kb.rights


def test_core_rights_cover_their_key_instruments() -> None:
    privacy = law.right("privacy")
    assert {"iccpr:17", "echr:8", "eucfr:7", "crc:16"} <= set(privacy.provisions)
    assert privacy.udhr == ["12"]
    assert "eucfr:8" in law.right("data-protection").provisions
    assert "echr:10" in law.right("freedom-of-expression").provisions


def test_unverified_guidance_is_kept_out_of_user_facing_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    kb = law.load()
    real = next(iter(kb.guidance.values()))
    unverified = real.model_copy(update={"id": "unverified-doc", "verified": False})
    patched = dataclasses.replace(kb, guidance={**kb.guidance, unverified.id: unverified})
    monkeypatch.setattr(law, "load", lambda include_noncommercial=None: patched)
    assert all(doc.verified for doc in law.guidance())
    assert unverified in law.guidance(include_unverified=True)
    with pytest.raises(LookupError):
        law.guidance_document("unverified-doc")


def test_no_unverified_paragraph_summary_ships() -> None:
    for doc in law.guidance(include_unverified=True):
        assert all(key.verified for key in doc.key_paragraphs), doc.id


def test_technology_guidance_is_present() -> None:
    symbols = {doc.symbol for doc in law.guidance(tech=True)}
    for symbol in ("CRC/C/GC/25", "CERD/C/GC/36", "CCPR/C/GC/37"):
        assert symbol in symbols


def test_echr_flags_articles_amended_by_protocol_15() -> None:
    assert any("Protocol No. 15" in note for note in law.provision("echr", "35").notes)


def test_regional_charters_without_text_say_so() -> None:
    for instrument_id in ("achpr", "achr"):
        item = law.instrument(instrument_id)
        assert not item.text_available
        assert item.official_url
        for p in law.provisions(instrument_id):
            assert not p.text_available
            assert p.paragraphs == []


def test_every_record_has_provenance() -> None:
    kb = law.load()
    for p in kb.provisions.values():
        assert p.provenance.repository and p.provenance.licence
        if p.provenance.repository != "rightscope":
            assert p.provenance.commit
    for i in kb.instruments.values():
        assert i.provenance
    for g in kb.guidance.values():
        assert g.provenance
