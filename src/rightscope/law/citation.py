"""Citations in the form a lawyer pastes into a report: ``ICCPR art. 17(1)``, ``CRC/C/GC/25, para. 28``.

Internal refs are ``instrument:article`` for provisions (``iccpr:17``) and ``guidance-id#paragraph``
for guidance paragraphs (``crc-gc-25#28``). A citation names the instrument by its usual abbreviation
(``cite_as`` in the instruments data) and a guidance document by its official UN symbol, or by its
name where it has none (the UNGPs' framework documents, for example).

>>> provision_citation("ICCPR", "17", "1")
'ICCPR art. 17(1)'
>>> provision_citation("Protocol No. 1 to the ECHR", "1")
'Protocol No. 1 to the ECHR, art. 1'
>>> provision_citation("ESC (revised)", "part-i")
'ESC (revised), Part I'
>>> guidance_citation("CRC/C/GC/25", "28")
'CRC/C/GC/25, para. 28'
"""

from __future__ import annotations

import re

from rightscope.errors import UnknownIdError

_TREATY_BODY_DOCUMENT = re.compile(r"^(?P<body>[a-z]+)-(?P<kind>gc|gr)-(?P<number>\d+)")


def provision_citation(cite_as: str, article: str, paragraph: str | None = None) -> str:
    """``ICCPR art. 17``; with a paragraph ``ICCPR art. 17(1)`` or ``CRPD art. 9(a)``."""
    if article.startswith("part-"):
        where = "Part " + article.removeprefix("part-").upper()
    else:
        where = f"art. {article}" + (f"({paragraph})" if paragraph else "")
    # Abbreviations run on ("ICCPR art. 17"); names written out take a comma ("EU Charter, art. 8").
    separator = ", " if " " in cite_as else " "
    return f"{cite_as}{separator}{where}"


def document_citation(doc_id: str, symbol: str | None, name: str) -> str:
    """How a guidance document is cited: its own symbol (``CRC/C/GC/25``) where the symbol is the document's.

    Older general comments and recommendations were issued inside a compilation or an annual report
    (``HRI/GEN/1/Rev.9 (Vol. I)``, ``A/47/38``), whose paragraph numbers are not theirs; those are cited
    by number with the symbol in brackets, as the treaty bodies do: ``CEDAW General Recommendation No. 19
    (A/47/38)``. A document without a symbol is cited by name.

    >>> document_citation("cedaw-gr-19", "A/47/38", "General recommendation No. 19")
    'CEDAW General Recommendation No. 19 (A/47/38)'
    >>> document_citation("crc-gc-25", "CRC/C/GC/25", "General comment No. 25")
    'CRC/C/GC/25'
    """
    if symbol is None:
        return name
    if "/GC/" in symbol or "/GR/" in symbol:
        return symbol
    match = _TREATY_BODY_DOCUMENT.match(doc_id)
    if match is None:
        return symbol
    kind = "General Comment" if match["kind"] == "gc" else "General Recommendation"
    return f"{match['body'].upper()} {kind} No. {match['number']} ({symbol})"


def guidance_citation(symbol_or_name: str, paragraph: str | None = None) -> str:
    """``CRC/C/GC/25``; with a paragraph ``CRC/C/GC/25, para. 28``."""
    return f"{symbol_or_name}, para. {paragraph}" if paragraph else symbol_or_name


def cite(ref: str) -> str:
    """The citation for an internal ref: ``iccpr:17`` -> ``ICCPR art. 17``, ``crc-gc-25#28`` -> its symbol and para.

    ``iccpr:17(1)`` cites a paragraph. Raises :class:`UnknownIdError` for a ref the knowledge base
    does not hold, so that nothing uncited or invented is ever printed.
    """
    from rightscope.law._store import load

    kb = load()
    ref = ref.strip()
    if ":" in ref:
        base, _, rest = ref.partition(":")
        article, paren, tail = rest.partition("(")
        provision = kb.provisions.get(f"{base.lower()}:{article}")
        if provision is None:
            raise UnknownIdError("provision", ref, kb.provisions)
        paragraph = tail.rstrip(")") if paren else None
        return provision_citation(kb.instruments[provision.instrument].cite_as, provision.article, paragraph)
    doc_id, _, paragraph = ref.partition("#")
    doc = kb.guidance.get(doc_id.lower())
    if doc is None or not doc.verified:
        raise UnknownIdError("guidance", ref, [g.id for g in kb.guidance.values() if g.verified])
    return guidance_citation(doc.citation, paragraph or None)
