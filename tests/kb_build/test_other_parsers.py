"""Tests for tools/kb/eu_charter.py, tools/kb/open_treaties.py and tools/kb/unhrd.py on the real source files.

The whole module needs ../shared/data and is skipped without it. Every phrase asserted below was checked
against the source file first.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

_REPO = Path(__file__).resolve().parents[2]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
if not DATA.is_dir():
    pytest.skip(f"source data not found at {DATA}", allow_module_level=True)

from tools.kb.common import Article, ParsedInstrument  # noqa: E402
from tools.kb.eu_charter import EU_CHARTER_TITLES, OFFICIAL_ARTICLE_TITLES, parse_eu_charter  # noqa: E402
from tools.kb.open_treaties import article_number, chinese_numeral_to_int, parse_open_treaty  # noqa: E402
from tools.kb.unhrd import (  # noqa: E402
    GeneralComment,
    general_comment_inventory,
    parse_general_comments,
    parse_unhrd_treaty,
)

EU_DIR = DATA / "treaties" / "eu-charter"
OPEN_DIR = DATA / "treaties" / "open-treaties"
UNHRD_DIR = DATA / "treaties" / "unhrd-ohchr"
GC_DIR = DATA / "guidance" / "treaty-body-general-comments"


def _article(parsed: ParsedInstrument, number: str) -> Article:
    return next(a for a in parsed.articles if a.number == number)


def _all_text(parsed: ParsedInstrument) -> str:
    return "\n".join([parsed.preamble or ""] + [f"{a.title or ''}\n{a.text}" for a in parsed.articles])


# --- EU Charter ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def charter() -> ParsedInstrument:
    return parse_eu_charter(EU_DIR)


def test_charter_has_54_titled_articles(charter: ParsedInstrument) -> None:
    assert [a.number for a in charter.articles] == [str(n) for n in range(1, 55)]
    for article in charter.articles:
        assert article.title == OFFICIAL_ARTICLE_TITLES[article.number]
        assert article.paragraphs and all(p.text for p in article.paragraphs)
    assert _article(charter, "8").title == "Protection of personal data"
    assert _article(charter, "1").title == "Human dignity"  # no title line in the source
    assert _article(charter, "53").title == "Level of protection"  # "Article 53: Level of protection"


def test_charter_key_provisions(charter: ParsedInstrument) -> None:
    art8 = _article(charter, "8")
    assert [p.num for p in art8.paragraphs] == ["1", "2", "3"]
    assert "protection of personal data concerning him or her" in art8.paragraphs[0].text
    assert "respect for his or her private and family life" in _article(charter, "7").text
    assert "genetic features" in _article(charter, "21").paragraphs[0].text
    assert "effective remedy" in _article(charter, "47").paragraphs[0].text


def test_charter_paragraph_numbering(charter: ParsedInstrument) -> None:
    assert [p.num for p in _article(charter, "3").paragraphs] == ["1", "2", "a", "b", "c", "d"]
    # "2." and its text are separated by an Official Journal page header in the source.
    art41 = _article(charter, "41")
    assert [p.num for p in art41.paragraphs] == ["1", "2", "a", "b", "c", "3", "4"]
    assert art41.paragraphs[1].text == "This right includes:"
    assert len(_article(charter, "52").paragraphs) == 7
    # Unnumbered multi-paragraph articles of the OJ text.
    for number, count in {"23": 2, "32": 2, "47": 3, "1": 1, "13": 1, "53": 1, "54": 1}.items():
        paragraphs = _article(charter, number).paragraphs
        assert len(paragraphs) == count, number
        assert all(p.num is None for p in paragraphs)
    # Article 51(1) is one paragraph in the OJ, split by a blank line in the source.
    assert [p.num for p in _article(charter, "51").paragraphs] == ["1", "2"]


def test_charter_text_is_clean(charter: ParsedInstrument) -> None:
    text = _all_text(charter)
    for bad in ("Official Journal", "C 202/", "7.6.2016", "](", "---", "title:", "weight:", "<!--", "##", "\u00ad"):
        assert bad not in text, bad
    assert not re.search(r"^EN$", text, re.MULTILINE)
    assert "international obligations" in (charter.preamble or "")  # "inter\u00ad\nnational" re-joined
    assert "appropriate levels" in _article(charter, "28").text  # "appro\u00ad\npriate"
    assert "Treaty of Lisbon" not in _article(charter, "54").text


def test_charter_preamble_and_titles(charter: ParsedInstrument) -> None:
    assert charter.preamble is not None
    assert charter.preamble.startswith("The peoples of Europe")
    assert charter.preamble.endswith("set out hereafter.")
    assert len(charter.preamble.split("\n")) == 7
    assert len(EU_CHARTER_TITLES) == 54
    assert EU_CHARTER_TITLES["1"] == "I Dignity"
    assert EU_CHARTER_TITLES["8"] == "II Freedoms"
    assert EU_CHARTER_TITLES["21"] == "III Equality"
    assert EU_CHARTER_TITLES["47"] == "VI Justice"
    assert EU_CHARTER_TITLES["54"].startswith("VII General Provisions")


# --- open-treaties --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十七", 17),
        ("二十一", 21),
        ("五十三", 53),
        ("一百", 100),
        ("一百零九", 109),
        ("一百一十一", 111),
    ],
)
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert chinese_numeral_to_int(numeral) == value


def test_article_number_labels() -> None:
    assert article_number("十七") == "17"
    assert article_number("八之二") == "8-2"
    with pytest.raises(ValueError):
        chinese_numeral_to_int("abc")


@pytest.mark.parametrize(("stem", "count"), [("iccpr", 53), ("iccpr-op1", 14), ("iccpr-op2", 11), ("crpd", 50)])
def test_open_treaty_article_counts(stem: str, count: int) -> None:
    parsed = parse_open_treaty(OPEN_DIR / f"{stem}.json")
    assert [a.number for a in parsed.articles] == [str(n) for n in range(1, count + 1)]
    assert all(a.paragraphs for a in parsed.articles)
    assert parsed.preamble


def test_open_iccpr() -> None:
    iccpr = parse_open_treaty(OPEN_DIR / "iccpr.json")
    art17 = _article(iccpr, "17")
    assert [p.num for p in art17.paragraphs] == ["1", "2"]
    assert "arbitrary or unlawful interference with his privacy" in art17.paragraphs[0].text
    # "3. … in full equality: (a) To be informed …" — inline sub-items are split off.
    art14 = _article(iccpr, "14")
    assert [p.num for p in art14.paragraphs] == ["1", "2", "3", "a", "b", "c", "d", "e", "f", "g", "4", "5", "6", "7"]
    # "3." alone on its line before "(a)": the number goes to the next paragraph.
    art8 = _article(iccpr, "8")
    assert art8.paragraphs[2].num == "3"
    assert art8.paragraphs[2].text.startswith("(a) No one shall be required")
    assert iccpr.preamble is not None
    assert iccpr.preamble.split("\n")[1].startswith("Considering that")  # "Covenant,Considering" repaired


def test_open_crpd_titles() -> None:
    crpd = parse_open_treaty(OPEN_DIR / "crpd.json")
    assert all(a.title for a in crpd.articles)
    assert _article(crpd, "9").title == "Accessibility"
    assert _article(crpd, "1").title == "Purpose"
    assert "In witness thereof" not in _article(crpd, "50").text


def test_open_joined_paragraphs_repaired() -> None:
    crc = parse_open_treaty(OPEN_DIR / "crc.json")
    art16 = _article(crc, "16")
    assert [p.text[:9] for p in art16.paragraphs] == ["No child ", "The child"]
    assert "reputation.The" not in _all_text(crc)
    icescr = parse_open_treaty(OPEN_DIR / "icescr.json")
    assert len(_article(icescr, "2").paragraphs) == 3
    assert not re.search(r"[a-z][.;:][A-Z]", _all_text(icescr))


def test_open_icerd_does_not_crash() -> None:
    icerd = parse_open_treaty(OPEN_DIR / "icerd.json")
    assert len(icerd.articles) == 25
    assert len(_article(icerd, "25").text) < 2000  # ~60k characters of signatures cut


# --- unhrd-ohchr treaties (CC BY-NC-SA) -------------------------------------------------------------


@pytest.mark.parametrize(("stem", "count"), [("cmw", 93), ("cedaw-op", 21), ("crc-opic", 24)])
def test_unhrd_article_counts(stem: str, count: int) -> None:
    parsed = parse_unhrd_treaty(UNHRD_DIR / f"{stem}.json")
    assert [a.number for a in parsed.articles] == [str(n) for n in range(1, count + 1)]
    assert all(a.paragraphs for a in parsed.articles)
    assert parsed.preamble is None
    text = _all_text(parsed)
    assert "&nbsp;" not in text
    assert "article2" not in text


def test_unhrd_cmw() -> None:
    cmw = parse_unhrd_treaty(UNHRD_DIR / "cmw.json")
    assert "arbitrary or unlawful interference with his or her privacy" in _article(cmw, "14").text
    art2 = _article(cmw, "2")
    assert [p.num for p in art2.paragraphs][:4] == [None, "1", "2", "b"]
    assert art2.paragraphs[2].text.startswith("(a) The term")
    art3 = _article(cmw, "3")
    assert [p.num for p in art3.paragraphs] == [None, "a", "b", "c", "d", "e", "f"]


def test_unhrd_crc_opic_heading_removed() -> None:
    opic = parse_unhrd_treaty(UNHRD_DIR / "crc-opic.json")
    assert _article(opic, "5").text.startswith("Communications may be submitted")


# --- General Comments (CC BY-NC-SA) -------------------------------------------------------------------


@pytest.fixture(scope="module")
def comments() -> dict[str, GeneralComment]:
    parsed = parse_general_comments(GC_DIR)
    by_id = {gc.id: gc for gc in parsed}
    assert len(by_id) == len(parsed), "ids must be unique"
    return by_id


def test_general_comment_count_and_inventory(comments: dict[str, GeneralComment]) -> None:
    assert len(comments) == 180
    inventory = general_comment_inventory(GC_DIR)
    assert inventory.entries == 181
    assert inventory.files == 180
    assert inventory.missing_files == ["/json_data/Annotated_CRC-GC18-Harmful.json"]
    assert inventory.unlisted_files == []


def test_general_comment_ids(comments: dict[str, GeneralComment]) -> None:
    for gc_id in comments:
        assert re.fullmatch(r"[a-z]+-g[cr]-\d+(?:-[a-z]+-g[cr]-\d+)?(?:-rev)?", gc_id), gc_id
    assert "cedaw-gr-31-crc-gc-18-rev" in comments
    assert "cmw-gc-3-crc-gc-22" in comments
    assert comments["cmw-gc-3-crc-gc-22"].committees == ["CRC", "CMW"]
    assert "ccpr-gc-37" in comments
    assert "cescr-gc-25" in comments


def test_general_comment_metadata(comments: dict[str, GeneralComment]) -> None:
    gc16 = comments["ccpr-gc-16"]
    assert gc16.adopted == "1988-04-08"
    assert gc16.year == 1988
    assert gc16.committees == ["CCPR"]
    assert gc16.file == "Annotated_CCPR_GC16_privacy.json"
    crc26 = comments["crc-gc-26"]
    assert crc26.symbol == "CRC/C/GC/26"  # leading tab in GC-info
    assert comments["ced-gc-1"].year == 2023  # GC-info says 2003 next to "26 October 2023"
    assert comments["cat-gc-1"].adopted == "1997-11-21"  # "21 Nov 1997"
    for gc in comments.values():
        assert gc.adopted is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", gc.adopted)
        assert gc.url.startswith("http")


def test_general_comment_paragraphs(comments: dict[str, GeneralComment]) -> None:
    num, text, labels = comments["ccpr-gc-16"].paragraphs[0]
    assert num == "1"
    assert "Article 17" in text
    assert isinstance(labels, list)
    crc25 = comments["crc-gc-25"]
    assert len(crc25.paragraphs) > 100
    assert "digital" in crc25.title.lower()
    cerd36 = comments["cerd-gr-36"]
    assert "racial profiling" in cerd36.title
    assert len(cerd36.paragraphs) > 50
    for gc in comments.values():
        nums = [n for n, _, _ in gc.paragraphs]
        assert len(set(nums)) == len(nums), gc.id
        for n, t, _ in gc.paragraphs:
            assert t.strip()
            assert not re.fullmatch(r"\d+\.", n), n
            assert not re.search(r"\[\d+\]", t), (gc.id, n)


def test_general_comment_repairs(comments: dict[str, GeneralComment]) -> None:
    # CCPR GC 23 has paragraphs 3.1, 3.2, 5.1 … stored as "3." + "1. …".
    assert [n for n, _, _ in comments["ccpr-gc-23"].paragraphs] == [
        "1", "2", "3.1", "3.2", "4", "5.1", "5.2", "5.3", "6.1", "6.2", "7", "8", "9",
    ]  # fmt: skip
    # CERD GR 37 paragraph 51 is merged into 50 in the source.
    cerd37 = dict((n, t) for n, t, _ in comments["cerd-gr-37"].paragraphs)
    assert cerd37["51"].startswith("States parties should refrain from")
    # The revised joint CRC/CEDAW text numbers two paragraphs "31".
    joint = [n for n, _, _ in comments["cedaw-gr-31-crc-gc-18-rev"].paragraphs]
    assert joint[30:33] == ["31", "32", "33"]
    # Upstream files that hold another document's text are flagged.
    assert any("identical" in note for note in comments["cerd-gr-17"].notes)
