"""Shared types and text cleaning for the knowledge-base parsers.

Every parser turns one source file into a :class:`ParsedInstrument`: a list of
articles, each a list of numbered paragraphs of clean English text. The build
script (``tools/build_kb.py``) attaches provenance and writes package data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Characters the sources use where plain ASCII punctuation is meant. The UDHR
# XML uses U+2010 in "co‐operation"; string matching must not depend on that.
_PUNCTUATION = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
        "\ufeff": "",
    }
)
# Link targets may hold one level of parentheses ("Treaty/(1996)/README.md").
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_SPACES = re.compile(r"[ \t]+")


def clean_text(text: str) -> str:
    """Normalise one paragraph: NFC, plain punctuation, no Markdown links, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_PUNCTUATION)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _SPACES.sub(" ", text)
    return text.strip()


@dataclass
class Paragraph:
    """A numbered paragraph (``num`` like "1", "(a)" or None when unnumbered)."""

    text: str
    num: str | None = None


@dataclass
class Article:
    """One article. ``number`` is the official article number as a string ("17", "A", "part-i")."""

    number: str
    paragraphs: list[Paragraph]
    title: str | None = None

    @property
    def text(self) -> str:
        parts = []
        for p in self.paragraphs:
            parts.append(f"{p.num} {p.text}" if p.num else p.text)
        return "\n".join(parts)


@dataclass
class ParsedInstrument:
    """What a parser returns for one instrument."""

    articles: list[Article]
    preamble: str | None = None
    notes: list[str] = field(default_factory=list)
