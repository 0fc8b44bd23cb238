"""Parser for the UDHR in XML (eric-muller/udhr, the upstream of the Unicode UDHR corpus)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tools.kb.common import Article, Paragraph, ParsedInstrument, clean_text

_NS = {"u": "http://efele.net/udhr"}

# The six official UN languages, mapped to the source's file keys. Chinese is the
# Simplified script, the one the UN publishes.
UDHR_LANGUAGES: dict[str, str] = {
    "en": "eng",
    "fr": "fra",
    "es": "spa",
    "ar": "arb",
    "zh": "cmn_hans",
    "ru": "rus",
}


def _paragraphs(element: ET.Element) -> list[Paragraph]:
    """Paragraphs of an article: plain <para> children and numbered <listitem>s."""
    paragraphs: list[Paragraph] = []
    for child in element:
        tag = child.tag.split("}")[-1]
        if tag == "para":
            text = clean_text("".join(child.itertext()))
            if text:
                paragraphs.append(Paragraph(text=text))
        elif tag == "orderedlist":
            for number, item in enumerate(child.findall("u:listitem", _NS), start=1):
                text = clean_text(" ".join("".join(p.itertext()) for p in item.findall("u:para", _NS)))
                paragraphs.append(Paragraph(text=text, num=str(number)))
    return paragraphs


def parse_udhr(path: Path) -> ParsedInstrument:
    """Parse one language file: the preamble and the 30 articles with their paragraphs."""
    root = ET.parse(path).getroot()
    preamble_el = root.find("u:preamble", _NS)
    preamble = None
    if preamble_el is not None:
        preamble = "\n".join(p.text for p in _paragraphs(preamble_el))
    articles = []
    for article in root.findall("u:article", _NS):
        title_el = article.find("u:title", _NS)
        title = clean_text("".join(title_el.itertext())) if title_el is not None else None
        articles.append(Article(number=article.attrib["number"], paragraphs=_paragraphs(article), title=title))
    return ParsedInstrument(articles=articles, preamble=preamble)
