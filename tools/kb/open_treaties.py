"""Parser for the ``lawchat-oss/open-treaties`` JSON files (CC0), ``treaties/open-treaties/*.json``.

Each file is ``{treaty_en, total_articles, preamble_en, articles: [{article, title_en, content_en, …}]}``
with article numbers written as Chinese numerals (``十七`` = 17). The English text quality varies by file
(see ``SOURCES.md``, "Quality notes"); the parser repairs what can be repaired without guessing and records
every repair and every remaining suspicion in ``ParsedInstrument.notes``:

* sub-items glued to the previous item (``State;(b) …``) or run on inline (``equality: (a) To …``) are put
  on their own line;
* where a file lost its paragraph breaks *and* numbers (CRC, ICESCR: ``…reputation.The child…``), a
  full stop / colon / semicolon directly followed by a capital letter is a paragraph boundary and becomes
  one; in the other files such a join is only given the missing space (it may be a sentence inside a
  paragraph that was hard-wrapped in the source);
* a line that ends mid-sentence and is followed by a line starting in lower case is re-joined;
* page numbers (``- 1 0 -``) and the testimonium / signature blocks (ICERD art. 25 carries ~60k characters
  of signatures) are removed.

Words that were run together at line wraps (``thepresent Protocol``) are *not* repaired: the parser only
counts likely cases and lists examples in the notes.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from tools.kb.common import Article, Paragraph, ParsedInstrument, clean_text

__all__ = ["article_number", "chinese_numeral_to_int", "parse_open_treaty"]

_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "兩": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}


def chinese_numeral_to_int(numeral: str) -> int:
    """Convert a Chinese numeral below 10,000 to an int: 十七 -> 17, 二十一 -> 21, 一百零九 -> 109."""
    numeral = numeral.strip()
    if not numeral:
        raise ValueError("empty Chinese numeral")
    if numeral.isdigit():
        return int(numeral)
    total = 0
    digit: int | None = None
    for char in numeral:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            # A bare unit counts as one of it: 十七 = 17, 百 = 100.
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {numeral!r}")
    if digit is not None:
        total += digit
    return total


def article_number(label: str) -> str:
    """Article label to its number string: ``十七`` -> "17"; ``八之二`` (article 8-2) -> "8-2"."""
    parts = label.strip().split("之")
    return "-".join(str(chinese_numeral_to_int(part)) for part in parts)


_TESTIMONIUM = re.compile(r"\s*\bIn (?:faith|witness) (?:whereof|thereof)\b", re.IGNORECASE)
# Footnotes carried over from web pages: "↑Resolution 217 A (III)." and "[1/ The General Assembly …]".
_FOOTNOTE = re.compile(r"\s*↑[^↑\n]*|\s*\[\d+/[^\]]*\]")
_PAGE_NUMBER_LINE = re.compile(r"^[ \t]*-[ \t]*[\d ]+(?:-[ \t]*)?$", re.MULTILINE)
# "(a)" .. "(z)", "(aa)", roman "(i)" .. "(xviii)"
_ITEM = r"\((?:[a-z]{1,2}|[ivxl]{1,6})\)"
_ITEM_BREAK = re.compile(rf"(?<=[:;.])[ \t]*(?={_ITEM}[ \t]*[A-Za-z])")
_NUMBER_BREAK = re.compile(r"(?<=[.;:])[ \t]+(?=\d{1,2}\.\s?[A-Z])")
_SENTENCE_GLUE = re.compile(r"(?<=[a-z\d)\]\"”’])([.;:])(?=[A-Z])")
_CAMEL_GLUE = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z])")
_COMMA_GLUE = re.compile(r"(?<=[a-z]),(?=[A-Z])")
_NUM_MARKER = re.compile(r"^(\d{1,3})[ \t]*\.(?!\d)[ \t]*(?=\S)")
_ORPHAN_NUMBER = re.compile(r"^(\d{1,3})[ \t]*\.$")
_ITEM_MARKER = re.compile(rf"^({_ITEM})[ \t]*")
_NUMBERED_LINE = re.compile(r"^[ \t]*\d{1,3}[ \t]*\.[ \t]*\S", re.MULTILINE)
_TOKEN = re.compile(r"[a-z]+")
_SHORT_WORDS = frozenset({"a", "an", "as", "at", "be", "by", "in", "is", "it", "no", "of", "on", "or", "to"})
# Ordinary compounds that the run-together heuristic would otherwise flag.
_COMPOUNDS = frozenset(
    [
        "another",
        "anywhere",
        "ascertain",
        "bringing",
        "everyone",
        "everywhere",
        "hereafter",
        "hereinafter",
        "herself",
        "himself",
        "incapacity",
        "inhuman",
        "interaction",
        "itself",
        "signage",
        "themselves",
        "thereafter",
        "thereby",
        "therefor",
        "therefrom",
        "therein",
        "thereof",
        "thereto",
        "thereunder",
        "thereupon",
        "throughout",
        "undersigned",
        "undertake",
        "undertaken",
        "undertakes",
        "whereby",
        "whereof",
        "workplace",
        "forthwith",
        "notwithstanding",
        "whatsoever",
        "nevertheless",
        "otherwise",
    ]
)


def _rejoin_broken_lines(lines: list[str]) -> tuple[list[str], int]:
    """Join a line that ends mid-sentence with a following line that starts in lower case."""
    out: list[str] = []
    joined = 0
    for line in lines:
        if (
            out
            and line[:1].islower()
            and not _ITEM_MARKER.match(line)
            and not out[-1].rstrip().endswith((".", ";", ":", ","))
        ):
            out[-1] = f"{out[-1].rstrip()} {line.lstrip()}"
            joined += 1
        else:
            out.append(line)
    return out, joined


def _repair(text: str, joined_paragraphs: bool, counts: Counter[str]) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    m = _TESTIMONIUM.search(text)
    if m:
        counts["testimonium removed"] += 1
        text = text[: m.start()]
    text, n = _FOOTNOTE.subn("", text)
    counts["web-page footnotes removed"] += n
    text, n = _PAGE_NUMBER_LINE.subn("", text)
    counts["page numbers removed"] += n
    text, n = _ITEM_BREAK.subn("\n", text)
    counts["sub-item line breaks restored"] += n
    if not joined_paragraphs:
        text, n = _NUMBER_BREAK.subn("\n", text)
        counts["paragraph-number line breaks restored"] += n
    text, n = _SENTENCE_GLUE.subn(r"\1\n" if joined_paragraphs else r"\1 ", text)
    counts["paragraph breaks restored" if joined_paragraphs else "missing spaces after . ; : restored"] += n
    text, n = _COMMA_GLUE.subn(", ", text)
    counts["missing spaces after commas restored"] += n
    text, n = _CAMEL_GLUE.subn(" ", text)
    counts["missing spaces before capitals restored (theInternational)"] += n
    return text


def _paragraphs(text: str, counts: Counter[str]) -> list[Paragraph]:
    lines = [line.strip() for line in text.split("\n")]
    lines, joined = _rejoin_broken_lines([line for line in lines if line])
    counts["broken lines re-joined"] += joined
    paragraphs: list[Paragraph] = []
    pending: str | None = None  # a paragraph number alone on its line ("3." before "(a) …")
    for line in lines:
        num: str | None = None
        orphan = _ORPHAN_NUMBER.match(line)
        if orphan:
            pending = orphan.group(1)
            continue
        if pending is not None:
            # Paragraph N consists only of sub-items: N keeps its number and the "(a)" stays in the text.
            num, pending = pending, None
            counts["paragraph numbers alone on a line attached to the next line"] += 1
        elif m := _NUM_MARKER.match(line):
            num = m.group(1)
            line = line[m.end() :]
        elif m := _ITEM_MARKER.match(line):
            num = m.group(1).strip("()")
            line = line[m.end() :]
        cleaned = clean_text(line)
        if cleaned:
            paragraphs.append(Paragraph(text=cleaned, num=num))
    return paragraphs


def _preamble(raw: str, counts: Counter[str]) -> str | None:
    text = clean_text(raw.replace("\r\n", "\n"))
    text = re.sub(r"^Preamble\s*", "", text)
    text = _TESTIMONIUM.split(text)[0]
    text = _CAMEL_GLUE.sub(" ", text)
    # Recitals lost their line breaks in most files: "…Covenant,Considering that…".
    text, n = re.subn(r"(?<=[,;:.])(?=[A-Z(])", "\n", text)
    counts["preamble line breaks restored"] += n
    lines, _ = _rejoin_broken_lines([clean_text(line) for line in text.split("\n") if line.strip()])
    return "\n".join(lines) or None


def _glued_word_suspects(texts: list[str]) -> list[str]:
    """Tokens that look like two words run together (``thepresent``), judged against the file's own words."""
    freq: Counter[str] = Counter()
    for text in texts:
        freq.update(_TOKEN.findall(text.lower()))
    suspects: list[str] = []
    for token, count in freq.items():
        if len(token) < 7 or count > 2 or token in _COMPOUNDS:
            continue
        for i in range(2, len(token) - 1):
            head, tail = token[:i], token[i:]
            if len(head) < 3 and head not in _SHORT_WORDS:
                continue
            if len(tail) < 3 and tail not in _SHORT_WORDS:
                continue
            if freq[head] >= 3 and freq[tail] >= 3 and freq[head] > count and freq[tail] > count:
                suspects.append(token)
                break
    return sorted(suspects)


def parse_open_treaty(path: Path) -> ParsedInstrument:
    """Parse one open-treaties JSON file (English text) into articles, numbered paragraphs and preamble."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    raw_articles: list[dict[str, Any]] = data["articles"]
    contents = [str(a.get("content_en") or "") for a in raw_articles]
    counts: Counter[str] = Counter()
    notes: list[str] = []

    numbered = any(_NUMBERED_LINE.search(c) for c in contents)
    glue = sum(len(_SENTENCE_GLUE.findall(c)) for c in contents)
    joined_paragraphs = not numbered and glue >= 3
    if joined_paragraphs:
        notes.append(
            "Paragraph numbers and breaks were lost in this file; breaks restored at '.X' joins, "
            "paragraph numbers left as None"
        )
    elif not numbered:
        notes.append("No paragraph numbers in this file's English text; paragraphs have num None")

    articles: list[Article] = []
    seen: set[str] = set()
    for raw in raw_articles:
        number = article_number(str(raw["article"]))
        if number in seen:
            raise ValueError(f"{path.name}: article {number} appears twice")
        seen.add(number)
        title = clean_text(str(raw.get("title_en") or "")) or None
        text = _repair(str(raw.get("content_en") or ""), joined_paragraphs, counts)
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        # Some files (OP-ICESCR) carry the article heading as the first line of the content.
        if (
            title is None
            and len(lines) > 1
            and len(lines[0]) <= 100
            and not lines[0].endswith((".", ";", ":", ","))
            and not _NUM_MARKER.match(lines[0])
            and _NUM_MARKER.match(lines[1])
        ):
            title = clean_text(lines[0])
            text = "\n".join(lines[1:])
            counts["article titles taken from the first content line"] += 1
        paragraphs = _paragraphs(text, counts)
        if not paragraphs:
            notes.append(f"Article {number}: no English text")
        articles.append(Article(number=number, paragraphs=paragraphs, title=title))

    expected = data.get("total_articles")
    if isinstance(expected, int) and expected != len(articles):
        notes.append(f"total_articles says {expected}, found {len(articles)}")
    numbers = [a.number for a in articles]
    if all(n.isdigit() for n in numbers) and [int(n) for n in numbers] != list(range(1, len(numbers) + 1)):
        notes.append(f"Article numbers are not 1..{len(numbers)} in order: {numbers}")

    preamble = _preamble(str(data.get("preamble_en") or ""), counts) if data.get("preamble_en") else None
    suspects = _glued_word_suspects([*contents, str(data.get("preamble_en") or "")])
    for what, n in sorted(counts.items()):
        if n:
            notes.append(f"{what}: {n}")
    if suspects:
        notes.append(f"{len(suspects)} likely run-together words left unrepaired, e.g. {', '.join(suspects[:8])}")
    return ParsedInstrument(articles=articles, preamble=preamble, notes=notes)
