"""Parsers for the CC BY-NC-SA 4.0 sources curated in ``lszoszk/generalcomments``.

These texts go to the separate, non-commercial data set (``packages/rightscope-data-nc``); keep them out of
the Apache-licensed package.

* :func:`parse_unhrd_treaty` reads ``treaties/unhrd-ohchr/*.json``
  (``{abbr, name_full, year, committee_codes, source_file, articles: [{number, paragraphs: [{num, text}]}]}``).
* :func:`parse_general_comments` reads ``guidance/treaty-body-general-comments/`` (``GC-info.json`` plus
  ``json_data/*.json``, one ``[{ID, Labels, Text}]`` list per General Comment / Recommendation).
* :func:`general_comment_inventory` reports GC-info entries without a file and files without an entry.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tools.kb.common import Article, Paragraph, ParsedInstrument, clean_text

__all__ = [
    "GCInventory",
    "GeneralComment",
    "general_comment_inventory",
    "parse_general_comments",
    "parse_unhrd_treaty",
]

# --------------------------------------------------------------------------------------------------
# Treaties
# --------------------------------------------------------------------------------------------------

_ITEM_MARKER = re.compile(r"^\(((?:[a-z]{1,2})|(?:[ivxl]{1,6}))\)\s*")
_NUM_MARKER = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
_ORPHAN_NUMBER = re.compile(r"^(\d{1,3})\.$")
_GLUED_REFERENCE = re.compile(r"\b(articles?|paragraphs?)(\d)", re.IGNORECASE)
_ARTICLE_HEADING = re.compile(r"^Article\s+(\d+)\s*[—–-]\s*(.+?)\s+(?=[A-Z])")


def _clean_treaty_text(text: str, counts: Counter[str]) -> str:
    text = html.unescape(text)  # "&nbsp;" survives in CRC-OPIC
    text = clean_text(text)
    text, n = _GLUED_REFERENCE.subn(r"\1 \2", text)
    counts["missing spaces in 'article2' restored"] += n
    return text


def parse_unhrd_treaty(path: Path) -> ParsedInstrument:
    """Parse one ``unhrd-ohchr`` treaty JSON file. The source has no preambles and no article titles.

    Paragraph numbers come from ``num``; sub-items with ``num: null`` get their ``(a)`` / ``(iv)`` marker
    as number ("a", "iv"). A paragraph number standing alone (``"2."`` before ``"(a) …"``) is given to the
    next paragraph, whose ``(a)`` stays in its text.
    """
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    counts: Counter[str] = Counter()
    notes: list[str] = []
    articles: list[Article] = []
    for raw in data["articles"]:
        number = str(raw["number"]).strip()
        paragraphs: list[Paragraph] = []
        pending: str | None = None
        for i, para in enumerate(raw.get("paragraphs") or []):
            text = _clean_treaty_text(str(para.get("text") or ""), counts)
            num = str(para["num"]).strip() if para.get("num") not in (None, "") else None
            if i == 0 and (heading := _ARTICLE_HEADING.match(text)) and heading.group(1) == number:
                notes.append(
                    f"Article {number}: removed the heading 'Article {number} — {heading.group(2)}' from the text"
                )
                text = text[heading.end() :]
            if num is None and (orphan := _ORPHAN_NUMBER.match(text)):
                pending = orphan.group(1)
                counts["paragraph numbers alone in a paragraph attached to the next one"] += 1
                continue
            if pending is not None and num is None:
                num, pending = pending, None
            elif (num is None and (m := _NUM_MARKER.match(text))) or (num is None and (m := _ITEM_MARKER.match(text))):
                num, text = m.group(1), text[m.end() :]
            if re.search(r",\s*,", text):
                notes.append(
                    f"Article {number}: empty list item ', ,' in the source (a word is missing): {text[:90]!r}"
                )
            if text:
                paragraphs.append(Paragraph(text=text, num=num))
        if pending is not None:
            notes.append(f"Article {number}: paragraph number {pending} with no text")
        if paragraphs and re.match(r"(?:[a-z]|State [Pp]arty\b)", paragraphs[0].text):
            # CRC-OPIC: "State party to the present Protocol recognizes …" lost "1. A"; art. 8 lost more.
            notes.append(f"Article {number}: text seems to have lost its first word(s): {paragraphs[0].text[:60]!r}")
        if not paragraphs:
            notes.append(f"Article {number}: no text")
        articles.append(Article(number=number, paragraphs=paragraphs))
    numbers = [a.number for a in articles]
    if len(set(numbers)) != len(numbers):
        raise ValueError(f"{path.name}: duplicate article numbers")
    for what, n in sorted(counts.items()):
        if n:
            notes.append(f"{what}: {n}")
    return ParsedInstrument(articles=articles, preamble=None, notes=notes)


# --------------------------------------------------------------------------------------------------
# General Comments / Recommendations
# --------------------------------------------------------------------------------------------------

#: Committees whose documents are called General Recommendations.
_GR_COMMITTEES = frozenset({"CERD", "CEDAW"})
_KNOWN_COMMITTEES = frozenset({"CCPR", "CESCR", "CERD", "CEDAW", "CAT", "CRC", "CMW", "CRPD", "CED"})


@dataclass
class GeneralComment:
    """One General Comment / Recommendation with its paragraphs ``(num, text, labels)``."""

    id: str
    file: str
    symbol: str
    title: str
    short_title: str
    committees: list[str]
    adopted: str | None
    year: int | None
    url: str
    paragraphs: list[tuple[str, str, list[str]]]
    notes: list[str] = field(default_factory=list)


@dataclass
class GCInventory:
    """How ``GC-info.json`` and ``json_data/`` line up."""

    entries: int
    files: int
    missing_files: list[str]  # "File PATH" of entries whose file is absent
    unlisted_files: list[str]  # json_data files that no entry points to


_FOOTNOTE = re.compile(r"[ \t]?\[\d{1,3}\]")
# Old UN documents mark footnotes "… Protocol 1/." — a number and a slash after a word or punctuation.
_OLD_FOOTNOTE = re.compile(r"(?<=[A-Za-z.,;:)\"”])[ \t]?\d{1,2}/(?=[\s.,;:]|$)")
_SPACED_APOSTROPHE = re.compile(r"(?<=\w) ’ (?=s\b)")
_LINE_MARKER = re.compile(r"^(?:\(?[0-9a-z]{1,4}[.)]\s?|[•·\-–]\s)")
_SUB_NUMBER_LINE = re.compile(r"^(\d{1,2})\.?\s+(?=\S)")
_NUMBER_PREFIX = re.compile(r"^(\d{1,3})\s*\.\s*(?=\S)")
_ID_FORM = re.compile(r"^(\d{1,3})\s*\.?\s*(?:\(([a-z]{1,4})\))?\s*\.?$")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_GLUED_DATE = re.compile(rf"^(.*?\d+?)(\d{{1,2}} (?:{_MONTHS}) \d{{4}})$")


def _clean_gc_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _FOOTNOTE.sub("", text)
    text = _OLD_FOOTNOTE.sub("", text)
    text = _SPACED_APOSTROPHE.sub("’", text)
    lines = [clean_text(line) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        # Re-join PDF hard wraps ("… of All\nForms of …", "procedures,\nat a high level") but keep list items
        # and short heading-like lines on their own lines.
        if out and not _LINE_MARKER.match(line):
            prev = out[-1]
            ends_sentence = prev.rstrip('"”’)]').endswith((".", ";", ":", "!", "?"))
            if (line[:1].islower() and not ends_sentence) or (
                not ends_sentence and not prev.endswith(",") and len(prev) > 60
            ):
                out[-1] = f"{prev} {line}"
                continue
        out.append(line)
    return "\n".join(out)


def _parse_date(value: str) -> date | None:
    value = " ".join(value.split())
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _numbers_by_committee(name: str, committees: list[str]) -> dict[str, int]:
    """Document number per committee, read from the GC-info "Name"."""
    found: dict[str, int] = {}
    for m in re.finditer(r"No\.\s*0*(\d+)(?:\s*\(\d{4}\))?\s+of\s+the\s+([A-Z]+)", name):
        found.setdefault(m.group(2), int(m.group(1)))
    if not found:
        single = re.search(r"No\.\s*0*(\d+)", name)
        if single and len(committees) == 1:
            found[committees[0]] = int(single.group(1))
    return found


def _file_number(file_name: str) -> int | None:
    m = re.search(r"G[CR][-_]?0*(\d+)", file_name)
    return int(m.group(1)) if m else None


def _gc_paragraphs(records: list[dict[str, Any]], notes: list[str]) -> list[tuple[str, str, list[str]]]:
    """Number, clean and, where the source merged or mis-numbered them, repair the paragraphs of one GC."""
    raw_ids: set[int] = set()
    for rec in records:
        m = _ID_FORM.match(str(rec.get("ID") or "").strip())
        if m:
            raw_ids.add(int(m.group(1)))
    items: list[list[Any]] = []  # [num, text, labels]
    for rec in records:
        labels = [str(label) for label in (rec.get("Labels") or [])]
        text = _clean_gc_text(str(rec.get("Text") or ""))
        raw_id = str(rec.get("ID") or "").strip()
        m = _ID_FORM.match(raw_id)
        num: str | None = None
        if m:
            num = m.group(1) + (f"({m.group(2)})" if m.group(2) else "")
        elif raw_id:
            num = raw_id
            notes.append(f"unusual paragraph ID kept as is: {raw_id!r}")
        prefix = _NUMBER_PREFIX.match(text)
        if num is None and prefix:
            num, text = prefix.group(1), text[prefix.end() :]
            notes.append(f"paragraph {num}: ID missing in the source, number taken from the text")
        elif prefix and num == prefix.group(1):
            text = text[prefix.end() :]  # "36. To ensure …" with ID "36."
        elif prefix and prefix.group(1) == "1" and num is not None and num != "1":
            # CCPR GC 23: paragraphs 3.1, 3.2, 5.1 … stored as ID "3." with "1. …\n2 …" in the text.
            parts = _split_sub_numbered(text)
            if len(parts) > 1 or parts[0][0] == "1":
                for sub, sub_text in parts:
                    items.append([f"{num}.{sub}", sub_text, labels])
                notes.append(f"paragraph {num}: sub-numbered {num}.1-{num}.{parts[-1][0]}")
                continue
        if num is None:
            num = "?"
            notes.append(f"paragraph without number: {text[:60]!r}")
        # A following paragraph merged into this one ("…\n51. States parties should refrain from: …").
        while num.isdigit() and not _has_embedded_number(text, upto=int(num)):
            nxt = int(num) + 1
            split = re.search(rf"\n{nxt}\.\s+(?=\S)", text)
            if not split or nxt in raw_ids:
                break
            items.append([num, text[: split.start()], labels])
            notes.append(f"paragraph {nxt} was merged into paragraph {num} in the source; split off")
            num, text = str(nxt), text[split.end() :]
        items.append([num, text, labels])
    # Duplicate numbers: "31, 31, 33" -> "31, 32, 33".
    for i in range(1, len(items)):
        cur, prev = items[i][0], items[i - 1][0]
        if cur == prev and cur.isdigit():
            following: str | None = items[i + 1][0] if i + 1 < len(items) else None
            if following is None or (following.isdigit() and int(following) == int(cur) + 2):
                items[i][0] = str(int(cur) + 1)
                notes.append(f"duplicate paragraph number {cur} renumbered {items[i][0]} (gap before {following})")
    dupes = [n for n, c in Counter(item[0] for item in items).items() if c > 1]
    if dupes:
        notes.append(f"duplicate paragraph numbers remain: {dupes}")
    return [(str(n), str(t), list(lab)) for n, t, lab in items if str(t).strip()]


def _has_embedded_number(text: str, upto: int) -> bool:
    """True when the text has its own numbered list ("\\n1. …") whose numbers do not continue the paragraphs."""
    return any(int(m.group(1)) <= upto for m in re.finditer(r"\n(\d{1,3})\.\s", text))


def _split_sub_numbered(text: str) -> list[tuple[str, str]]:
    parts: list[tuple[str, str]] = []
    expected = 1
    for line in text.split("\n"):
        m = _SUB_NUMBER_LINE.match(line)
        if m and int(m.group(1)) == expected:
            parts.append((m.group(1), line[m.end() :]))
            expected += 1
        elif parts:
            num, prev = parts[-1]
            parts[-1] = (num, f"{prev}\n{line}")
        else:
            parts.append(("", line))
    return parts


def _load_info(folder: Path) -> list[dict[str, Any]]:
    info: list[dict[str, Any]] = json.loads((folder / "GC-info.json").read_text(encoding="utf-8"))
    return info


def general_comment_inventory(folder: Path) -> GCInventory:
    """Compare ``GC-info.json`` with ``json_data/``: entries without a file, files without an entry."""
    info = _load_info(folder)
    files = {p.name for p in (folder / "json_data").glob("*.json")}
    listed = {Path(str(entry["File PATH"])).name for entry in info}
    return GCInventory(
        entries=len(info),
        files=len(files),
        missing_files=sorted(str(e["File PATH"]) for e in info if Path(str(e["File PATH"])).name not in files),
        unlisted_files=sorted(files - listed),
    )


def parse_general_comments(folder: Path) -> list[GeneralComment]:
    """Parse every General Comment / Recommendation in ``folder`` that has both a GC-info entry and a file.

    IDs are ``<committee>-<gc|gr>-<number>``, joined for joint documents in alphabetical committee order
    (``cedaw-gr-31-crc-gc-18``), with ``-rev`` for revised versions. Problems found in the metadata or text
    are listed in each document's ``notes``; see :func:`general_comment_inventory` for unmatched entries.
    """
    json_dir = folder / "json_data"
    result: list[GeneralComment] = []
    for entry in _load_info(folder):
        path = json_dir / Path(str(entry["File PATH"])).name
        if not path.is_file():
            continue
        notes: list[str] = []
        committees = [c.strip().upper() for c in str(entry["Committee"]).split(",") if c.strip()]
        unknown = [c for c in committees if c not in _KNOWN_COMMITTEES]
        if unknown:
            raise ValueError(f"{path.name}: unknown committee code(s) {unknown}")
        name = " ".join(str(entry["Name"]).split())
        numbers = _numbers_by_committee(name, committees)
        file_no = _file_number(path.name)
        for c in committees:
            if c not in numbers:
                if file_no is None or len(committees) > 1:
                    raise ValueError(f"{path.name}: no document number for {c} in {name!r}")
                numbers[c] = file_no
                notes.append(f"number for {c} taken from the file name")
        if file_no is not None and file_no not in numbers.values():
            notes.append(f"file name number {file_no} differs from the Name's number(s) {numbers}")
        revised = "[REVISED]" in name.upper() or bool(re.search(r"-REV\b", path.stem, re.IGNORECASE))
        gc_id = "-".join(
            f"{c.lower()}-{'gr' if c in _GR_COMMITTEES else 'gc'}-{numbers[c]}" for c in sorted(committees)
        )
        if revised:
            gc_id += "-rev"

        symbol = " ".join(str(entry["Signature"]).split())
        if glued := _GLUED_DATE.match(symbol):
            notes.append(f"Signature {symbol!r} has a date glued to it; symbol cut to {glued.group(1)!r}")
            symbol = glued.group(1)
        adopted_date = _parse_date(str(entry.get("Adoption Date") or ""))
        if adopted_date is None:
            notes.append(f"unparsable Adoption Date {entry.get('Adoption Date')!r}")
        year: int | None
        try:
            year = int(str(entry.get("Adoption Year")).strip())
        except ValueError:
            year = None
        if adopted_date is not None:
            if year is None:
                year = adopted_date.year
            elif abs(adopted_date.year - year) > 1:
                notes.append(
                    f"Adoption Year {year} contradicts Adoption Date {adopted_date}; year set to {adopted_date.year}"
                )
                year = adopted_date.year
            elif adopted_date.year != year:
                notes.append(f"Adoption Year {year} differs from the Adoption Date {adopted_date} (kept)")

        records: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = _gc_paragraphs(records, notes)
        result.append(
            GeneralComment(
                id=gc_id,
                file=path.name,
                symbol=symbol,
                title=name,
                short_title=" ".join(str(entry["Simplified Name"]).split()),
                committees=committees,
                adopted=adopted_date.isoformat() if adopted_date else None,
                year=year,
                url=str(entry["Link"]).strip(),
                paragraphs=paragraphs,
                notes=notes,
            )
        )

    ids = [gc.id for gc in result]
    duplicates = [i for i, c in Counter(ids).items() if c > 1]
    assert not duplicates, f"duplicate General Comment ids: {duplicates}"

    # The upstream data set has some files holding another document's text; flag identical texts.
    by_text: dict[str, list[GeneralComment]] = defaultdict(list)
    for gc in result:
        digest = hashlib.sha256("\n".join(t for _, t, _ in gc.paragraphs).encode()).hexdigest()
        by_text[digest].append(gc)
    for group in by_text.values():
        if len(group) > 1:
            for gc in group:
                others = ", ".join(o.id for o in group if o is not gc)
                gc.notes.append(f"text identical to {others}: one of these files holds the wrong document")
    return result
