"""The package runs without the non-commercial data set, and merges it when present."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from rightscope import law
from rightscope.law import _store


def test_core_data_holds_no_noncommercial_text() -> None:
    raw = json.loads(resources.files("rightscope.law").joinpath("data", "provisions.json").read_text("utf-8"))
    for record in raw:
        if "NC" in record["provenance"]["licence"] and (record["paragraphs"] or record["title"]):
            pytest.fail(f"{record['id']} carries non-commercial text in the core data")
    guidance = json.loads(resources.files("rightscope.law").joinpath("data", "guidance.json").read_text("utf-8"))
    assert not any("paragraphs" in g for g in guidance)


def test_core_only_still_has_every_instrument_and_article(core_only: None) -> None:
    kb = law.load()
    assert not kb.noncommercial
    cmw = kb.provisions_of("cmw")
    assert len(cmw) == 93
    assert not any(p.text_available for p in cmw)
    assert not law.instrument("cmw").text_available
    assert law.guidance_paragraphs("ccpr-gc-16") == []
    assert law.search("arbitrary interference with privacy", k=3)


@pytest.mark.skipif(not _store.noncommercial_available(), reason="rightscope-data-nc is not installed")
def test_noncommercial_set_merges_texts_and_paragraphs() -> None:
    kb = law.load(include_noncommercial=True)
    assert kb.noncommercial
    assert "privacy" in kb.provisions["cmw:14"].text.lower()
    assert kb.provisions["cmw:14"].rights  # the reverse index survives the merge
    assert len(kb.guidance_paragraphs["crc-gc-25"]) > 100
