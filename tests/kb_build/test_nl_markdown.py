"""Tests for tools/kb/nl_markdown.py (the Dutch treaty database, English text only).

The tests on the real files need ../shared/data and are skipped without it; the tests on
small synthetic files always run.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

_REPO = Path(__file__).resolve().parents[2]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

from tools.kb.common import ParsedInstrument  # noqa: E402
from tools.kb.nl_markdown import parse_nl_markdown  # noqa: E402

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
NL_DIR = DATA / "treaties" / "nl-wetten-markdown"

requires_data = pytest.mark.skipif(not NL_DIR.is_dir(), reason=f"source data not found at {NL_DIR}")

ESC_LETTERS = [chr(c) for c in range(ord("A"), ord("O") + 1)]

# (file short name, part) -> expected article numbers.
EXPECTED: dict[tuple[str, str | None], list[str]] = {
    ("iccpr", "iccpr"): [str(n) for n in range(1, 54)],
    ("iccpr", "iccpr-op1"): [str(n) for n in range(1, 15)],
    ("iccpr-op2", None): [str(n) for n in range(1, 12)],
    ("icescr", None): [str(n) for n in range(1, 32)],
    ("op-icescr", None): [str(n) for n in range(1, 23)],
    ("icerd", None): [str(n) for n in range(1, 26)],
    ("cedaw", None): [str(n) for n in range(1, 31)],
    ("cat", None): [str(n) for n in range(1, 34)],
    ("opcat", None): [str(n) for n in range(1, 38)],
    ("crc", None): [str(n) for n in range(1, 55)],
    ("op-crc-ac", None): [str(n) for n in range(1, 14)],
    ("op-crc-sc", None): [str(n) for n in range(1, 18)],
    ("crpd", None): [str(n) for n in range(1, 51)],
    ("op-crpd", None): [str(n) for n in range(1, 19)],
    ("cped", None): [str(n) for n in range(1, 46)],
    ("echr", None): [str(n) for n in range(1, 60)],
    ("echr-p1", None): [str(n) for n in range(1, 7)],
    ("echr-p4", None): [str(n) for n in range(1, 8)],
    ("echr-p12", None): [str(n) for n in range(1, 7)],
    ("echr-p13", None): [str(n) for n in range(1, 9)],
    ("echr-p16", None): [str(n) for n in range(1, 12)],
    ("coe-conv108", None): [str(n) for n in range(1, 28)],
    ("coe-conv108-addprot", None): [str(n) for n in range(1, 4)],
    ("coe-cybercrime", None): [str(n) for n in range(1, 49)],
    ("udhr", None): [str(n) for n in range(1, 31)],
    ("esc-revised", None): ["part-i", *[str(n) for n in range(1, 32)], *ESC_LETTERS],
}

# (file short name, part, article, phrase): each phrase was checked against the source.
PHRASES: list[tuple[str, str | None, str, str]] = [
    ("echr", None, "8", "respect for his private and family life"),
    ("echr", None, "10", "freedom of expression"),
    ("echr", None, "59", "The European Union may accede to this Convention"),
    ("iccpr", "iccpr", "17", "arbitrary or unlawful interference with his privacy"),
    ("iccpr", "iccpr", "19", "right to freedom of expression"),
    ("iccpr", "iccpr-op1", "1", "competence of the Committee to receive and consider communications from individuals"),
    ("iccpr-op2", None, "1", "No one within the jurisdiction of a State Party to the present Protocol shall be"),
    ("icescr", None, "12", "highest attainable standard of physical and mental health"),
    ("op-icescr", None, "2", "Communications may be submitted by or on behalf of individuals"),
    ("crc", None, "16", "arbitrary or unlawful interference with his or her privacy"),
    ("crpd", None, "22", "arbitrary or unlawful interference with his or her privacy"),
    ("cped", None, "1", "No one shall be subjected to enforced disappearance"),
    ("coe-conv108", None, "5", "obtained and processed fairly and lawfully"),
    ("cat", None, "2", "No exceptional circumstances whatsoever"),
    ("cedaw", None, "1", 'the term "discrimination against women" shall mean'),
    ("icerd", None, "1", 'the term "racial discrimination" shall mean'),
    ("opcat", None, "1", "regular visits undertaken by independent international and national bodies"),
    ("op-crc-ac", None, "1", "have not attained the age of 18 years do not take a direct part in hostilities"),
    ("op-crc-sc", None, "1", "prohibit the sale of children, child prostitution and child pornography"),
    ("op-crpd", None, "1", "Committee on the Rights of Persons with Disabilities"),
    ("echr-p1", None, "1", "peaceful enjoyment of his possessions"),
    ("echr-p4", None, "2", "liberty of movement and freedom to choose his residence"),
    ("echr-p12", None, "1", "secured without discrimination on any ground"),
    ("echr-p13", None, "1", "The death penalty shall be abolished"),
    ("echr-p16", None, "1", "advisory opinions on questions of principle"),
    ("esc-revised", None, "part-i", "Everyone shall have the opportunity to earn his living"),
    ("esc-revised", None, "E", "without discrimination on any ground such as race"),
]

TITLES: list[tuple[str, str, str]] = [
    ("esc-revised", "1", "The right to work"),
    ("esc-revised", "31", "The right to housing"),
    ("esc-revised", "E", "Non-discrimination"),
    ("echr", "8", "Right to respect for private and family life"),
    ("echr", "10", "Freedom of expression"),
    ("coe-conv108", "5", "Quality of data"),
    ("crpd", "22", "Respect for privacy"),
    ("echr-p1", "1", "Protection of property"),
]

FORBIDDEN = ["Artikel", "](", "<meta", "BWBV", "In witness whereof", "Treedt in werking", "<", "*", "#"]
_DUTCH_WORDS = re.compile(r"\b(?:de|het|een|zijn|wordt|worden|niet|dat|deze|bij)\b")


def _file(short: str) -> Path:
    matches = sorted(NL_DIR.glob(f"{short}_BWB*.md"))
    assert len(matches) == 1, f"{short}: {matches}"
    return matches[0]


_CACHE: dict[tuple[str, str | None], ParsedInstrument] = {}


def _parse(short: str, part: str | None = None) -> ParsedInstrument:
    key = (short, part)
    if key not in _CACHE:
        _CACHE[key] = parse_nl_markdown(_file(short), part=part)
    return _CACHE[key]


def _article_text(short: str, part: str | None, number: str) -> str:
    articles = {a.number: a for a in _parse(short, part).articles}
    return articles[number].text


@requires_data
def test_every_file_is_covered() -> None:
    shorts = {p.name.split("_BWB")[0] for p in NL_DIR.glob("*.md")}
    assert shorts == {short for short, _ in EXPECTED}


@requires_data
@pytest.mark.parametrize(("short", "part"), list(EXPECTED))
def test_article_numbers(short: str, part: str | None) -> None:
    assert [a.number for a in _parse(short, part).articles] == EXPECTED[(short, part)]


@requires_data
@pytest.mark.parametrize(("short", "part"), list(EXPECTED))
def test_text_is_clean_english(short: str, part: str | None) -> None:
    parsed = _parse(short, part)
    assert parsed.preamble
    for text in [parsed.preamble, *(a.title or "" for a in parsed.articles)]:
        for bad in FORBIDDEN:
            assert bad.lower() not in text.lower(), (short, bad, text[:200])
    for article in parsed.articles:
        assert article.paragraphs, (short, article.number)
        for paragraph in article.paragraphs:
            text = paragraph.text
            assert text and text == text.strip(), (short, article.number)
            assert "  " not in text
            for bad in FORBIDDEN:
                assert bad.lower() not in text.lower(), (short, article.number, bad, text[:200])
            assert len(_DUTCH_WORDS.findall(text)) < 3, (short, article.number, text[:200])
            assert not re.search(r"[a-z][;,][A-Z][a-z]", text), (short, article.number, text[:200])


@requires_data
@pytest.mark.parametrize(("short", "part", "number", "phrase"), PHRASES)
def test_phrase_in_article(short: str, part: str | None, number: str, phrase: str) -> None:
    assert phrase in _article_text(short, part, number)


@requires_data
@pytest.mark.parametrize(("short", "number", "title"), TITLES)
def test_titles(short: str, number: str, title: str) -> None:
    articles = {a.number: a for a in _parse(short).articles}
    assert articles[number].title == title


@requires_data
def test_paragraph_numbers() -> None:
    echr8 = next(a for a in _parse("echr").articles if a.number == "8")
    assert [p.num for p in echr8.paragraphs] == ["1", "2"]
    assert echr8.paragraphs[0].text.startswith("Everyone has the right to respect for his private and family life")
    iccpr2 = next(a for a in _parse("iccpr", "iccpr").articles if a.number == "2")
    assert [p.num for p in iccpr2.paragraphs] == ["1", "2", "3", "a", "b", "c"]
    iccpr17 = next(a for a in _parse("iccpr", "iccpr").articles if a.number == "17")
    assert "arbitrary or unlawful interference with his privacy" in iccpr17.paragraphs[0].text
    assert iccpr17.paragraphs[0].num == "1"
    # "5..   The requirement ..." in the source is paragraph 5.
    crc_ac3 = next(a for a in _parse("op-crc-ac").articles if a.number == "3")
    assert [p.num for p in crc_ac3.paragraphs if p.num and p.num.isdigit()] == ["1", "2", "3", "4", "5"]


@requires_data
def test_esc_part_i() -> None:
    part_i = _parse("esc-revised").articles[0]
    assert part_i.number == "part-i"
    assert [p.num for p in part_i.paragraphs] == [str(n) for n in range(1, 32)]
    assert part_i.paragraphs[-1].text == "Everyone has the right to housing."
    # The appendix (with its own "Article 1, paragraph 2" headings) is not parsed as articles.
    assert "Appendix" in " ".join(_parse("esc-revised").notes)


@requires_data
def test_iccpr_and_op1_split() -> None:
    covenant = _parse("iccpr", "iccpr")
    protocol = _parse("iccpr", "iccpr-op1")
    assert len(covenant.articles) == 53
    assert len(protocol.articles) == 14
    assert covenant.preamble is not None and protocol.preamble is not None
    assert covenant.preamble.startswith("The States Parties to the present Covenant")
    assert protocol.preamble.startswith("The States Parties to the present Protocol")
    assert "Protocol" not in covenant.articles[-1].text
    assert "certified copies of the present Protocol" in protocol.articles[-1].text
    # The default part of the file is the Covenant.
    assert [a.number for a in parse_nl_markdown(_file("iccpr")).articles] == [a.number for a in covenant.articles]
    with pytest.raises(ValueError):
        parse_nl_markdown(_file("iccpr"), part="iccpr-op2")
    with pytest.raises(ValueError):
        parse_nl_markdown(_file("echr"), part="iccpr-op1")


@requires_data
def test_testimonium_goes_to_notes() -> None:
    for short in ("echr", "cedaw", "crc", "esc-revised", "icescr"):
        parsed = _parse(short)
        last = parsed.articles[-1].text
        assert "WHEREOF" not in last and "THEREOF" not in last and "Done at" not in last
        assert any(n.startswith("testimonium: ") for n in parsed.notes), short


@requires_data
def test_glued_sentences_are_split() -> None:
    preamble = _parse("echr").preamble
    assert preamble is not None
    assert "10th December 1948; Considering" in preamble or "1948; Considering" in preamble
    assert "PreambleThe" not in (_parse("esc-revised").preamble or "")
    assert (_parse("opcat").preamble or "").startswith("The States Parties")


# Synthetic files: the parser's rules without the source data.

_SYNTHETIC = """<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />

##Verdrag inzake iets

####Convention on Something

Treedt in werking op een nader te bepalen tijdstip

PreambleThe States Parties to this [Convention](../../x/BWBV0000001/README.md),Considering that;Have agreed:
### PART  I

####GENERAL PROVISIONS

### Article  1

####- Scope

1.  Everyone has *inter alia* the right.<sup>1</sup>
2.
(a)To this end, something;

(b) Something else.
3..   Third.

### Article  2

Plain text of article two.A second sentence; and 2.to be kept.

IN WITNESS WHEREOF the undersigned have signed this Convention.DONE at Somewhere.

####Verdrag inzake iets

### Artikel  1

1. Iedereen heeft het recht.
"""


def test_synthetic_file(tmp_path: Path) -> None:
    path = tmp_path / "thing_BWBV0000000.md"
    path.write_text(_SYNTHETIC, encoding="utf-8")
    parsed = parse_nl_markdown(path)
    assert parsed.preamble == "The States Parties to this Convention, Considering that; Have agreed:"
    assert [a.number for a in parsed.articles] == ["1", "2"]
    first, second = parsed.articles
    assert first.title == "Scope"
    assert [(p.num, p.text) for p in first.paragraphs] == [
        ("1", "Everyone has inter alia the right.1"),
        ("2", "(a) To this end, something;"),
        ("b", "Something else."),
        ("3", "Third."),
    ]
    assert second.title is None
    assert [p.text for p in second.paragraphs] == ["Plain text of article two. A second sentence; and 2.to be kept."]
    assert any("WITNESS WHEREOF" in n for n in parsed.notes)
    assert "Iedereen" not in " ".join(a.text for a in parsed.articles)


def test_synthetic_without_dutch_part_fails(tmp_path: Path) -> None:
    path = tmp_path / "thing_BWBV0000000.md"
    path.write_text("##Verdrag\n\n####Convention\n\n### Article 1\n\nText.\n", encoding="utf-8")
    with pytest.raises(ValueError):
        parse_nl_markdown(path)
