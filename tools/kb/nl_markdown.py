"""Parser for the Dutch treaty database as Markdown (statengeneraal/laws-markdown).

Source: ``shared/data/treaties/nl-wetten-markdown/<short>_<BWB id>.md``. Each file holds
the English authentic text followed by the Dutch translation. Only the English text is
kept. It ends where the Dutch part begins: the first heading, after the first English
article, that repeats the Dutch title (``####Verdrag inzake ...``, or ``### Verdrag`` in the
CAT file) or is a Dutch structural heading (``### Artikel``, ``### DEEL``, ``HOOFDSTUK``,
``TITEL``, ``Preambule``). No other language occurs in these files.

Layout handled:

* ``### Article  17  `` (any spacing) starts an article; ``Article A`` .. ``Article O`` in the
  revised European Social Charter. A ``####`` heading right after it is the article's title
  (ECHR titles lose their leading ``- ``).
* ``### PART II``, ``SECTION``, ``CHAPTER``, ``TITLE`` headings and the ``####`` heading after
  them are structure, not articles. Text between such a heading and the next article (a
  chapeau, e.g. at the head of ESC Part II) goes to ``notes``.
* Revised European Social Charter: Part I is a list of 31 aims under ``###1`` .. ``###31``
  headings. It becomes one article numbered ``"part-i"`` whose paragraphs are the aims
  (``num`` "1" .. "31"); its chapeau goes to ``notes``. The Appendix follows the testimonium
  and is dropped (a note says so).
* Paragraphs: ``1.`` gives ``num`` "1"; ``(a)``, ``a)``, ``a.``, ``(iv)`` give "a", "iv";
  anything else ``None``. A number alone on its line (``2.`` followed by ``a)...``) is
  joined to the next line: ``Paragraph(num="2", text="(a) ...")``.
* Cleaning: Markdown links, ``<meta>`` lines, HTML tags, ``*emphasis*``, the Dutch status
  line "Treedt in werking op een nader te bepalen tijdstip" (entry into force to be
  determined: in the CRPD, OP-CRPD, OP-ICESCR, Protocol 16 and UDHR files) are removed, and
  glued sentences (``1948;Considering``) get a space.
* The testimonium (``IN WITNESS WHEREOF``, ``IN FAITH WHEREOF``, ``Done at``) and everything
  after it is cut off the last article and kept in ``notes``.

Files with more than one instrument are listed in :data:`INSTRUMENT_PARTS`. Only
``iccpr_BWBV0001017.md`` is one: it holds the ICCPR (``part="iccpr"``, the default) and its
first Optional Protocol (``part="iccpr-op1"``), which starts at the heading
``####Optional Protocol to the International Covenant on Civil and Political Rights``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tools.kb.common import Article, Paragraph, ParsedInstrument, clean_text

# Files holding several instruments: file short name -> {part name: text of the heading
# that starts that part}. The first instrument, named like the file, runs from the top of
# the file up to the first heading listed here.
INSTRUMENT_PARTS: dict[str, dict[str, str]] = {
    "iccpr": {
        "iccpr-op1": "Optional Protocol to the International Covenant on Civil and Political Rights",
    },
}

_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*$")
_ARTICLE = re.compile(r"^Article\s+(\d{1,3}|[A-Z])$")
_STRUCTURE = re.compile(r"^(?:PART|SECTION|CHAPTER|TITLE)\b", re.IGNORECASE)
_NUMBER_ONLY = re.compile(r"^(\d{1,3})\.?$")
_DUTCH_STRUCTURE = re.compile(
    r"^\W*(?:Artikel|Artikelen|DEEL|HOOFDSTUK|AFDELING|TITEL|Preambule|Bijlage)\b",
    re.IGNORECASE,
)
_TESTIMONIUM = re.compile(r"\b(?:IN (?:WITNESS|FAITH) (?:WHEREOF|THEREOF)|DONE at|Done at)\b")
_STATUS_LINE = "Treedt in werking op een nader te bepalen tijdstip"
_NUMBERED = re.compile(r"^(\d{1,3})\.+(?!\d)\s*(.*)$")
_LETTERED = re.compile(r"^(?:\(([a-z]|[ivx]{1,5})\)|([a-z]|[ivx]{1,5})[.)](?![a-z]\.))\s*(.*)$")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
# A Markdown link whose target may hold one level of parentheses ("Treaty/(1996)/...").
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_BULLET = re.compile(r"^([-\u2013])(?=\w)")
_EMPHASIS = re.compile(r"\*{1,2}([^*\n]+?)\*{1,2}")
_PREAMBLE_WORD = re.compile(r"^(?:Preamble|PREAMBLE)(?=[A-Z\s:.]|$)[\s:.]*")
# A lower-case letter (or digit, for ";" and "," and ".") glued to the next sentence.
_GLUED = re.compile(r"(?<=[a-z0-9)][,;:.])(?=[A-Z][a-z]|[AI] )")
_GLUED_ITEM = re.compile(r"(\((?:[a-z]|[ivx]{1,4})\))(?=[A-Z][a-z])")


@dataclass
class _Draft:
    number: str
    title: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    title_allowed: bool = True


def _heading(line: str) -> tuple[int, str] | None:
    match = _HEADING.match(line)
    if match is None:
        return None
    return len(match.group(1)), match.group(2)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", clean_text(text).lower())


def _polish(text: str) -> str:
    """clean_text plus removal of HTML tags and emphasis, and spaces after glued sentences."""
    text = _HTML_TAG.sub("", text)
    text = _LINK.sub(lambda m: m.group(1), text).replace("``", '"')
    text = clean_text(text)
    text = _EMPHASIS.sub(r"\1", text)
    text = _GLUED.sub(" ", text)
    text = _GLUED_ITEM.sub(r"\1 ", text)
    text = _BULLET.sub(r"\1 ", text)
    return clean_text(text)


def _short_name(path: Path) -> str:
    return path.stem.split("_BWB")[0]


def _english_span(lines: list[str]) -> tuple[int, int]:
    """Line range [start, end) of the English text (start: after the Dutch title)."""
    start = 0
    dutch_title: list[str] = []
    for i, line in enumerate(lines):
        head = _heading(line)
        if head is not None and head[0] <= 2:
            dutch_title = _words(head[1])
            start = i + 1
            break
    seen_article = False
    for i in range(start, len(lines)):
        line = lines[i].strip()
        head = _heading(line)
        text = head[1] if head is not None else line
        if head is not None and _ARTICLE.match(clean_text(text)):
            seen_article = True
            continue
        if not seen_article:
            continue
        if _DUTCH_STRUCTURE.match(text):
            return start, i
        if head is not None and dutch_title:
            words = _words(text)
            k = min(4, len(words), len(dutch_title))
            if k and words[:k] == dutch_title[:k]:
                return start, i
    raise ValueError("no Dutch part found: cannot tell where the English text ends")


def _part_span(lines: list[str], start: int, end: int, short: str, part: str | None) -> tuple[int, int]:
    """Narrow [start, end) to one instrument of a multi-instrument file."""
    parts = INSTRUMENT_PARTS.get(short, {})
    if part is not None and part != short and part not in parts:
        known = ", ".join([short, *parts])
        raise ValueError(f"unknown part {part!r} for {short}: expected one of {known}")
    starts: list[tuple[int, str]] = [(start, short)]
    for name, heading in parts.items():
        wanted = _words(heading)
        for i in range(start, end):
            head = _heading(lines[i].strip())
            if head is not None and _words(head[1]) == wanted:
                starts.append((i, name))
                break
        else:
            raise ValueError(f"heading for part {name!r} not found: {heading!r}")
    starts.sort()
    chosen = part or short
    for n, (begin, name) in enumerate(starts):
        if name == chosen:
            stop = starts[n + 1][0] if n + 1 < len(starts) else end
            return begin, stop
    raise AssertionError("unreachable")


def _split_marker(text: str) -> tuple[str | None, str]:
    """(num, rest) for a paragraph line: "1." -> "1", "(a)"/"a)"/"a." -> "a", else None."""
    match = _NUMBERED.match(text)
    if match:
        return match.group(1), match.group(2)
    match = _LETTERED.match(text)
    if match:
        return match.group(1) or match.group(2), match.group(3)
    return None, text


class _Parser:
    def __init__(self) -> None:
        self.preamble: list[str] = []
        self.notes: list[str] = []
        self.articles: list[Article] = []
        self.current: _Draft | None = None
        self.pending_num: str | None = None
        self.structure: str | None = None  # structural heading whose chapeau is being read
        self.structure_title_allowed = False
        self.seen_status_line = False

    def finish(self) -> None:
        if self.pending_num is not None:
            self.notes.append(f"paragraph number {self.pending_num} without text dropped")
            self.pending_num = None
        if self.current is not None:
            draft = self.current
            self.articles.append(Article(number=draft.number, paragraphs=draft.paragraphs, title=draft.title))
            self.current = None

    def heading(self, level: int, raw: str) -> None:
        text = _polish(raw)
        article = _ARTICLE.match(text)
        if article:
            self.finish()
            self.structure = None
            self.current = _Draft(number=article.group(1))
            return
        number = _NUMBER_ONLY.match(text)
        if number and (self.current is None or self.current.number == "part-i"):
            # Revised European Social Charter, Part I: one aim per "###N" heading.
            if self.current is None:
                self.current = _Draft(number="part-i", title="Part I", title_allowed=False)
            self.pending_num = number.group(1)
            self.structure = None
            return
        if _STRUCTURE.match(text):
            self.finish()
            self.structure = text
            self.structure_title_allowed = True
            return
        if self.current is not None and self.current.title_allowed and level >= 4:
            self.current.title = re.sub(r"^-\s*", "", text) or None
            self.current.title_allowed = False
            return
        if self.structure is not None and self.structure_title_allowed and level >= 4:
            self.structure = f"{self.structure}: {text}"
            self.structure_title_allowed = False
            return
        if self.current is None and not self.articles and not self.preamble:
            return  # the English title, before the preamble
        self.notes.append(f"unrecognised heading dropped: {text}")

    def text(self, raw: str) -> None:
        if raw.strip() == _STATUS_LINE:
            if not self.seen_status_line:
                self.notes.append(f"source status line {_STATUS_LINE!r} (entry into force to be determined) removed")
                self.seen_status_line = True
            return
        text = _polish(raw)
        if not text:
            return
        if self.current is not None:
            self.current.title_allowed = False
        if self.structure is not None and self.current is None:
            self.notes.append(f"{self.structure}: {text}")
            return
        if self.current is None:
            text = _PREAMBLE_WORD.sub("", text)
            if text:
                self.preamble.append(text)
            return
        num, rest = _split_marker(text)
        if self.pending_num is not None:
            if num is not None:
                rest = f"({num}) {rest}" if not num.isdigit() else f"{num}. {rest}"
            num, self.pending_num = self.pending_num, None
        if not rest:
            if num is not None and num.isdigit():
                self.pending_num = num
            return
        self.current.paragraphs.append(Paragraph(text=rest, num=num))


def parse_nl_markdown(path: Path, *, part: str | None = None) -> ParsedInstrument:
    """Parse the English text of one nl-wetten-markdown file.

    ``part`` selects one instrument of a file that holds several (see
    :data:`INSTRUMENT_PARTS`): for ``iccpr_BWBV0001017.md``, ``"iccpr"`` (the default) gives
    the 53 ICCPR articles and ``"iccpr-op1"`` the 14 articles of the first Optional
    Protocol. For other files ``part`` must be None or the file's short name.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    short = _short_name(path)
    start, end = _english_span(lines)
    start, end = _part_span(lines, start, end, short, part)
    if part is not None and part != short:
        start += 1  # skip the heading that names the part

    parser = _Parser()
    testimonium: list[str] = []
    for line in lines[start:end]:
        stripped = line.strip()
        if not stripped or stripped.startswith("<meta"):
            continue
        if testimonium:
            testimonium.append(stripped)
            continue
        head = _heading(stripped)
        if head is not None:
            parser.heading(*head)
            continue
        match = _TESTIMONIUM.search(stripped)
        if match and parser.current is not None:
            before = stripped[: match.start()].strip()
            if before:
                parser.text(before)
            testimonium.append(stripped[match.start() :])
            continue
        parser.text(stripped)
    parser.finish()

    notes = parser.notes
    if testimonium:
        body = [t for t in testimonium if not t.startswith("#")]
        headings = [t for t in testimonium if t.startswith("#")]
        notes.append("testimonium: " + _polish(body[0]))
        if headings:
            notes.append(
                f"dropped after the testimonium: {_polish(headings[0].lstrip('#'))} ({len(testimonium) - 1} lines)"
            )
        elif len(body) > 1:
            notes.extend(_polish(t) for t in body[1:])
    preamble = "\n".join(parser.preamble) or None
    return ParsedInstrument(articles=parser.articles, preamble=preamble, notes=notes)
