"""Parser for the EU Charter of Fundamental Rights (2016/C 202/02).

Source: ``treaties/eu-charter/eu-charter_title-1.md`` … ``-7.md`` (Hugo Markdown pages, one per Title,
from ``pantrypoints/sp``). The pages mix three layouts: clean Markdown (``## Article 8`` + one line per
paragraph), PDF-to-text (``Article 9`` on its own line, hard-wrapped lines, ``1.`` alone on a line) and
``Article 53: Level of protection``. Official Journal page headers (``7.6.2016 EN Official Journal of the
European Union C 202/405``) are embedded, sometimes glued to the previous sentence. The Charter
preamble sits in an HTML comment in ``title-1.md``.

The parser is checked against :data:`OFFICIAL_ARTICLE_TITLES` (the article headings of the OJ text):
every article 1-54 must be found, and the heading is taken from the source when it matches, otherwise
from the table (noted in ``ParsedInstrument.notes``).
"""

from __future__ import annotations

import re
from pathlib import Path

from tools.kb.common import Article, Paragraph, ParsedInstrument, clean_text

__all__ = ["EU_CHARTER_TITLES", "OFFICIAL_ARTICLE_TITLES", "TITLE_NAMES", "parse_eu_charter"]

#: Article number -> Title (chapter) of the Charter, e.g. ``"8": "II Freedoms"``. Filled by
#: :func:`parse_eu_charter` from the file each article was found in.
EU_CHARTER_TITLES: dict[str, str] = {}

#: Title number (file suffix) -> official Title name with its Roman numeral.
TITLE_NAMES: dict[int, str] = {
    1: "I Dignity",
    2: "II Freedoms",
    3: "III Equality",
    4: "IV Solidarity",
    5: "V Citizens' Rights",
    6: "VI Justice",
    7: "VII General Provisions Governing the Interpretation and Application of the Charter",
}

#: Article headings of the Official Journal text (OJ C 202, 7.6.2016, p. 389).
OFFICIAL_ARTICLE_TITLES: dict[str, str] = {
    "1": "Human dignity",
    "2": "Right to life",
    "3": "Right to the integrity of the person",
    "4": "Prohibition of torture and inhuman or degrading treatment or punishment",
    "5": "Prohibition of slavery and forced labour",
    "6": "Right to liberty and security",
    "7": "Respect for private and family life",
    "8": "Protection of personal data",
    "9": "Right to marry and right to found a family",
    "10": "Freedom of thought, conscience and religion",
    "11": "Freedom of expression and information",
    "12": "Freedom of assembly and of association",
    "13": "Freedom of the arts and sciences",
    "14": "Right to education",
    "15": "Freedom to choose an occupation and right to engage in work",
    "16": "Freedom to conduct a business",
    "17": "Right to property",
    "18": "Right to asylum",
    "19": "Protection in the event of removal, expulsion or extradition",
    "20": "Equality before the law",
    "21": "Non-discrimination",
    "22": "Cultural, religious and linguistic diversity",
    "23": "Equality between women and men",
    "24": "The rights of the child",
    "25": "The rights of the elderly",
    "26": "Integration of persons with disabilities",
    "27": "Workers' right to information and consultation within the undertaking",
    "28": "Right of collective bargaining and action",
    "29": "Right of access to placement services",
    "30": "Protection in the event of unjustified dismissal",
    "31": "Fair and just working conditions",
    "32": "Prohibition of child labour and protection of young people at work",
    "33": "Family and professional life",
    "34": "Social security and social assistance",
    "35": "Health care",
    "36": "Access to services of general economic interest",
    "37": "Environmental protection",
    "38": "Consumer protection",
    "39": "Right to vote and to stand as a candidate at elections to the European Parliament",
    "40": "Right to vote and to stand as a candidate at municipal elections",
    "41": "Right to good administration",
    "42": "Right of access to documents",
    "43": "European Ombudsman",
    "44": "Right to petition",
    "45": "Freedom of movement and of residence",
    "46": "Diplomatic and consular protection",
    "47": "Right to an effective remedy and to a fair trial",
    "48": "Presumption of innocence and right of defence",
    "49": "Principles of legality and proportionality of criminal offences and penalties",
    "50": "Right not to be tried or punished twice in criminal proceedings for the same criminal offence",
    "51": "Field of application",
    "52": "Scope and interpretation of rights and principles",
    "53": "Level of protection",
    "54": "Prohibition of abuse of rights",
}

_N_ARTICLES = 54

_FRONT_MATTER = re.compile(r"\A\s*---\n(.*?)\n---\s*\n", re.DOTALL)
_FRONT_TITLE = re.compile(r'^title:\s*"?(.*?)"?\s*$', re.MULTILINE)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
# Official Journal running headers, whole or in pieces (the PDF conversion put the parts on separate
# lines and glued them to the neighbouring text).
_OJ_HEADER_LINE = re.compile(r"7\.6\.2016\s+EN\s+Official Journal of the European Union\s+C\s*202/\d+")
_OJ_PARTS = re.compile(r"Official Journal of the European Union|C\s*202/\d{3}|7\.6\.2016")
_EN_LINE = re.compile(r"^[ \t]*EN[ \t]*$", re.MULTILINE)
_SOFT_HYPHEN_BREAK = re.compile("\u00ad[ \\t]*\\n[ \\t]*")
_ARTICLE_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?Article[ \t]+(\d{1,2})[ \t]*(?::[ \t]*(.+?))?[ \t]*$", re.MULTILINE
)
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+")
_EMPHASIS = re.compile(r"(\*\*|__|\*)(.+?)\1")
_NUMBERED = re.compile(r"^(\d{1,2})\.(?:[ \t]+(.*))?$")
_LETTERED = re.compile(r"^\(([a-z])\)[ \t]*(.*)$")
_CLOSING_NOTE = re.compile(r"The above text adapts the wording of the Charter.*\Z", re.DOTALL)
# A hard-wrapped PDF line shorter than this that ends a sentence is taken to end its paragraph
# (the wrapped lines of the OJ text are ~90-100 characters).
_SHORT_LINE = 75


def _norm(title: str) -> str:
    return re.sub(r"\W+", " ", title).strip().lower()


def _clean_markup(line: str) -> str:
    line = _MD_HEADING.sub("", line)
    return _EMPHASIS.sub(r"\2", line)


def _strip_page_furniture(text: str) -> str:
    """Remove OJ page headers, soft hyphens and heading-only lines such as ``## EQUALITY``."""
    text = _OJ_HEADER_LINE.sub("", text)
    text = _OJ_PARTS.sub("", text)
    text = _EN_LINE.sub("", text)
    text = _SOFT_HYPHEN_BREAK.sub("", text).replace("\u00ad", "")
    return text


def _preamble(comments: list[str]) -> str | None:
    for comment in comments:
        body = comment.strip()
        if not body.startswith("Preamble"):
            continue
        body = body.removeprefix("Preamble")
        body = re.sub(r"\bTITLE\s+I\s*\Z", "", body.strip())
        body = _SOFT_HYPHEN_BREAK.sub("", body).replace("\u00ad", "")
        paragraphs: list[str] = []
        current: list[str] = []
        for line in body.splitlines():
            line = line.strip()
            if not line:
                continue
            current.append(line)
            # Each recital ends with a full stop; the wrapped lines inside one never do in this text.
            if line.endswith("."):
                paragraphs.append(clean_text(" ".join(current)))
                current = []
        if current:
            paragraphs.append(clean_text(" ".join(current)))
        return "\n".join(paragraphs) or None
    return None


def _split_body(body: str, expect_title: bool = True) -> tuple[str | None, list[Paragraph]]:
    """Turn the lines under an article heading into (title line or None, paragraphs)."""
    lines = [_clean_markup(line).strip() for line in body.splitlines()]
    # Title: the first non-empty line, unless it already is text (ends like a sentence or is numbered).
    title: str | None = None
    idx = 0
    while idx < len(lines) and not lines[idx]:
        idx += 1
    if expect_title and idx < len(lines):
        first = lines[idx]
        if len(first) <= 120 and not _NUMBERED.match(first) and not _LETTERED.match(first):
            bare = first.rstrip(".")
            if not first.endswith(".") or not re.search(r"[.;:]", bare):
                title = bare.strip()
                idx += 1
    paragraphs: list[list[str | None]] = []  # [num, text]
    numbered = False
    new_block = True  # the next text line starts a new block (after a blank line or a paragraph end)
    prev_line = ""
    for line in lines[idx:]:
        if not line:
            new_block = True
            continue
        m_num = _NUMBERED.match(line)
        m_let = _LETTERED.match(line)
        if m_num:
            numbered = True
            paragraphs.append([m_num.group(1), (m_num.group(2) or "").strip()])
            new_block = False
        elif m_let:
            paragraphs.append([m_let.group(1), m_let.group(2).strip()])
            new_block = False
        else:
            soft_break = (
                bool(paragraphs)
                and prev_line.endswith((".", ":"))
                and len(prev_line) < _SHORT_LINE
                and line[:1].isupper()
            )
            if paragraphs and numbered:
                # Inside a numbered article, unnumbered text continues the current paragraph
                # (Article 51(1) is one paragraph in the OJ; "2.\n\nThis right includes:" in Article 41).
                last = paragraphs[-1]
                last[1] = f"{last[1]} {line}".strip()
            elif paragraphs and not new_block and not soft_break:
                last = paragraphs[-1]
                last[1] = f"{last[1]} {line}".strip()
            else:
                paragraphs.append([None, line])
            new_block = False
        prev_line = line
    result = [Paragraph(text=clean_text(str(text)), num=num) for num, text in paragraphs if text]
    return title, result


def _find_missing(blocks: dict[str, tuple[int, str, str | None]]) -> None:
    """Recover an article that has no heading, by its official title inside the previous article."""
    for n in range(2, _N_ARTICLES + 1):
        key = str(n)
        prev = str(n - 1)
        if key in blocks or prev not in blocks:
            continue
        title_no, body, inline = blocks[prev]
        pattern = re.compile(rf"^[ \t]*{re.escape(OFFICIAL_ARTICLE_TITLES[key])}\.?[ \t]*$", re.MULTILINE | re.I)
        m = pattern.search(body)
        if m:
            blocks[prev] = (title_no, body[: m.start()], inline)
            blocks[key] = (title_no, body[m.start() :], None)


def parse_eu_charter(folder: Path) -> ParsedInstrument:
    """Parse ``eu-charter_title-1.md`` … ``-7.md`` in ``folder`` into the 54 Charter articles.

    Also fills :data:`EU_CHARTER_TITLES` (article number -> Title name).
    """
    files = sorted(folder.glob("eu-charter_title-*.md"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if [int(p.stem.rsplit("-", 1)[1]) for p in files] != list(range(1, 8)):
        raise ValueError(f"expected eu-charter_title-1.md … -7.md in {folder}, found {[p.name for p in files]}")
    notes: list[str] = []
    comments: list[str] = []
    # article number -> (title number, body text, heading title or None)
    blocks: dict[str, tuple[int, str, str | None]] = {}
    for path in files:
        title_no = int(path.stem.rsplit("-", 1)[1])
        raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        fm = _FRONT_MATTER.match(raw)
        if fm:
            fm_title = _FRONT_TITLE.search(fm.group(1))
            if fm_title and _norm(fm_title.group(1)) != _norm(TITLE_NAMES[title_no].split(" ", 1)[1]):
                notes.append(
                    f"{path.name}: front-matter title {fm_title.group(1)!r} differs from the official Title "
                    f"name; using {TITLE_NAMES[title_no]!r}"
                )
            raw = raw[fm.end() :]
        comments.extend(_COMMENT.findall(raw))
        text = _strip_page_furniture(_COMMENT.sub("", raw))
        if title_no == 7:
            closing = _CLOSING_NOTE.search(text)
            if closing:
                notes.append("Removed the closing note after Article 54: " + " ".join(closing.group(0).split()))
                text = text[: closing.start()]
        headings = list(_ARTICLE_HEADING.finditer(text))
        for i, m in enumerate(headings):
            end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
            number = m.group(1)
            if number in blocks:
                raise ValueError(f"Article {number} found twice ({path.name})")
            blocks[number] = (title_no, text[m.end() : end], m.group(2))
    _find_missing(blocks)
    missing = [str(n) for n in range(1, _N_ARTICLES + 1) if str(n) not in blocks]
    if missing or len(blocks) != _N_ARTICLES:
        raise ValueError(f"EU Charter: articles not found: {missing}; found {sorted(blocks, key=int)}")

    EU_CHARTER_TITLES.clear()
    articles: list[Article] = []
    for n in range(1, _N_ARTICLES + 1):
        number = str(n)
        title_no, body, inline_title = blocks[number]
        line_title, paragraphs = _split_body(body, expect_title=inline_title is None)
        official = OFFICIAL_ARTICLE_TITLES[number]
        source_title = clean_text(inline_title) if inline_title else line_title
        if source_title is not None and _norm(source_title) != _norm(official):
            # The first line was not a heading after all: it is the article's text.
            _, paragraphs = _split_body(f"{official}\n{body}")
            source_title = None
        if source_title is None:
            notes.append(f"Article {number}: no title line in the source; official title {official!r} supplied")
        if not paragraphs:
            raise ValueError(f"EU Charter Article {number}: no text found")
        articles.append(Article(number=number, paragraphs=paragraphs, title=clean_text(source_title or official)))
        EU_CHARTER_TITLES[number] = TITLE_NAMES[title_no]

    preamble = _preamble(comments)
    if preamble is None:
        notes.append("No preamble found in the source files")
    else:
        notes.append("Preamble taken from an HTML comment in eu-charter_title-1.md")
    return ParsedInstrument(articles=articles, preamble=preamble, notes=notes)
