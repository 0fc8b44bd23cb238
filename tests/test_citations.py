"""Citations users can paste: every citation shown names the official symbol or instrument and the
article or paragraph, in the form a lawyer writes it ("ICCPR art. 17(1)", "CRC/C/GC/25, para. 28")."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from rightscope import law
from rightscope.cli import app
from rightscope.errors import UnknownIdError
from rightscope.identify import Identifier
from rightscope.law.citation import guidance_citation, provision_citation

runner = CliRunner()
# A UN document symbol (CRC/C/GC/25, A/HRC/48/31, CEDAW/C/GC/31/Rev.1–CRC/C/GC/18/Rev.1) or a
# Council of Europe / OAS / ACHPR / UNESCO identifier as recorded in guidance.yaml.
UN_SYMBOL = re.compile(r"^[A-Z][A-Za-z0-9.]*(/[A-Za-z0-9.()\-–]+)+")
PROVISION_CITATION = re.compile(r"^(?P<name>.+?),? (art\. [0-9A-Z]+(\([0-9a-z]+\))?|Part [IVX]+)$")


def official_names() -> set[str]:
    """Every name a citation may open with: instruments' citation names and guidance symbols or names."""
    kb = law.load()
    return {i.cite_as for i in kb.instruments.values()} | {g.citation for g in kb.guidance.values() if g.verified}


def assert_official(citation: str | None) -> None:
    assert citation, "a citation is missing"
    assert any(
        citation == name or citation.startswith(name + " ") or citation.startswith(name + ",")
        for name in official_names()
    ), citation


def test_every_provision_cites_its_instrument_and_article() -> None:
    kb = law.load()
    for p in kb.provisions.values():
        match = PROVISION_CITATION.match(p.citation)
        assert match, p.citation
        assert match.group("name") == kb.instruments[p.instrument].cite_as
        assert law.cite(p.id) == p.citation


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("iccpr:17", "ICCPR art. 17"),
        ("iccpr:17(1)", "ICCPR art. 17(1)"),
        ("udhr:12", "UDHR art. 12"),
        ("echr:8", "ECHR art. 8"),
        ("echr-p1:1", "Protocol No. 1 to the ECHR, art. 1"),
        ("eucfr:8", "EU Charter, art. 8"),
        ("esc:part-i", "ESC (revised), Part I"),
        ("achpr:9", "ACHPR art. 9"),
        ("achr:13", "ACHR art. 13"),
        ("crc-gc-25", "CRC/C/GC/25"),
        ("crc-gc-25#28", "CRC/C/GC/25, para. 28"),
        ("ccpr-gc-16#10", "CCPR General Comment No. 16 (HRI/GEN/1/Rev.9 (Vol. I) p. 191), para. 10"),
        ("cedaw-gr-19", "CEDAW General Recommendation No. 19 (A/47/38)"),
    ],
)
def test_internal_refs_become_citations(ref: str, expected: str) -> None:
    assert law.cite(ref) == expected


def test_guidance_is_cited_by_its_official_symbol() -> None:
    for g in law.guidance():
        if g.symbol:
            # A document's own symbol alone; a compilation's or annual report's symbol only with the number.
            assert g.citation == g.symbol if ("/GC/" in g.symbol or "/GR/" in g.symbol) else g.symbol in g.citation
            if g.doc_type.startswith("general-"):
                assert UN_SYMBOL.match(g.symbol), g.symbol
        else:
            assert g.citation in {g.short_title, g.title}
    for doc_id, paragraphs in law.load().guidance_paragraphs.items():
        doc = law.load().guidance[doc_id]
        for para in paragraphs:
            assert para.citation == f"{doc.citation}, para. {para.num}"


def test_unknown_refs_are_refused_not_invented() -> None:
    with pytest.raises(UnknownIdError, match="did you mean"):
        law.cite("iccpr:99")
    with pytest.raises(UnknownIdError):
        law.cite("no-such-guidance#3")


@given(
    st.sampled_from(["ICCPR", "CRC", "EU Charter", "Protocol No. 12 to the ECHR"]),
    st.integers(min_value=1, max_value=200),
    st.one_of(st.none(), st.sampled_from(["1", "2", "a", "b"])),
)
def test_provision_citation_round_trips_through_its_pattern(name: str, article: int, paragraph: str | None) -> None:
    text = provision_citation(name, str(article), paragraph)
    match = PROVISION_CITATION.match(text)
    assert match and match.group("name") == name
    assert guidance_citation("CRC/C/GC/25", str(article)).endswith(f", para. {article}")


@pytest.mark.parametrize("query", ["facial recognition of protesters", "children data digital environment", "torture"])
def test_every_search_hit_carries_an_official_citation(query: str) -> None:
    hits = law.search(query, k=25)
    assert hits
    for hit in hits:
        assert hit.citation == law.cite(hit.ref)
        assert_official(hit.citation)


def cli_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.stdout
    return json.loads(result.stdout)


def test_cli_json_of_law_and_rights_carries_citations() -> None:
    for hit in cli_json("law", "search", "privacy surveillance", "--top", "15")["results"]:
        assert_official(hit["citation"])
    assert cli_json("law", "show", "iccpr", "17")["citation"] == "ICCPR art. 17"
    right = cli_json("rights", "show", "privacy")
    for item in right["provision_details"] + right["guidance_details"]:
        assert_official(item["citation"])


def test_identify_evidence_carries_citations() -> None:
    found = Identifier(embeddings=False).identify("Police use live facial recognition at protests", top=5)
    cited = [e for f in found.rights for e in f.evidence if e.kind != "pattern"]
    assert cited
    for e in cited:
        assert_official(e.citation)
    for f in found.rights:
        for ref in f.provisions:
            assert_official(ref.citation)
