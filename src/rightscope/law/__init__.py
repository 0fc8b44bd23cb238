"""The legal knowledge base: instruments, provisions, rights, groups and interpretive guidance.

Examples:
    >>> from rightscope import law
    >>> "privacy" in law.provision("iccpr", "17").text
    True
    >>> "privacy" in law.right("privacy").name.lower()
    True
    >>> [p.split(":")[0] for p in law.right("privacy").provisions][:2]
    ['iccpr', 'crc']

Lookups accept ids in any case and common spellings ("ICCPR", "Art. 17"); an unknown id raises
:class:`rightscope.errors.UnknownIdError` with the closest matches.
"""

from __future__ import annotations

import re

from rightscope.errors import UnknownIdError
from rightscope.law._store import KnowledgeBase, load, noncommercial_available
from rightscope.law.citation import cite
from rightscope.law.models import (
    Group,
    Guidance,
    GuidanceParagraph,
    HarmPattern,
    Instrument,
    KeyParagraph,
    Paragraph,
    Provenance,
    Provision,
    Right,
)
from rightscope.law.search import SearchHit, search

__all__ = [
    "Group",
    "Guidance",
    "GuidanceParagraph",
    "HarmPattern",
    "Instrument",
    "KeyParagraph",
    "KnowledgeBase",
    "Paragraph",
    "Provenance",
    "Provision",
    "Right",
    "SearchHit",
    "cite",
    "group",
    "groups",
    "guidance",
    "guidance_document",
    "guidance_paragraphs",
    "harm_pattern",
    "harm_patterns",
    "instrument",
    "instruments",
    "load",
    "noncommercial_available",
    "provision",
    "provisions",
    "resolve_provision_id",
    "right",
    "rights",
    "search",
]

_ARTICLE_PREFIX = re.compile(r"^(art(icle)?\.?\s*)", re.IGNORECASE)


def instruments(system: str | None = None) -> list[Instrument]:
    """All instruments, in the knowledge base's order, optionally of one system (UN, CoE, EU, AU, OAS)."""
    items = list(load().instruments.values())
    if system is None:
        return items
    wanted = system.lower()
    known = {i.system.lower() for i in items}
    if wanted not in known:
        raise UnknownIdError("system", system, sorted({i.system for i in items}))
    return [i for i in items if i.system.lower() == wanted]


def instrument(instrument_id: str) -> Instrument:
    """One instrument by id, short title (``ICCPR``) or full title."""
    kb = load()
    key = kb.instrument_aliases.get(instrument_id.strip().lower())
    if key is None:
        raise UnknownIdError("instrument", instrument_id, kb.instruments)
    return kb.instruments[key]


def _normalise_article(article: str) -> str:
    cleaned = _ARTICLE_PREFIX.sub("", article.strip())
    return cleaned if not cleaned.isalpha() or len(cleaned) > 1 else cleaned.upper()


def provisions(instrument_id: str | None = None) -> list[Provision]:
    """All provisions, or those of one instrument in article order."""
    kb = load()
    if instrument_id is None:
        return list(kb.provisions.values())
    return kb.provisions_of(instrument(instrument_id).id)


def provision(instrument_id: str, article: str) -> Provision:
    """One article, e.g. ``provision("echr", "8")`` or ``provision("ICCPR", "Art. 17")``."""
    kb = load()
    item = instrument(instrument_id)
    key = f"{item.id}:{_normalise_article(article)}"
    if key not in kb.provisions:
        raise UnknownIdError(f"article of {item.short_title}", article, [p.article for p in kb.provisions_of(item.id)])
    return kb.provisions[key]


def resolve_provision_id(provision_id: str) -> Provision:
    """A provision from its id ``instrument:article``."""
    instrument_id, sep, article = provision_id.partition(":")
    if not sep:
        raise UnknownIdError("provision id (expected INSTRUMENT:ARTICLE)", provision_id, load().provisions)
    return provision(instrument_id, article)


def rights() -> list[Right]:
    """The canonical rights taxonomy."""
    return list(load().rights.values())


def right(right_id: str) -> Right:
    """One right by slug id (``privacy``) or name (``Right to privacy``)."""
    kb = load()
    wanted = right_id.strip().lower().replace(" ", "-").replace("_", "-")
    if wanted in kb.rights:
        return kb.rights[wanted]
    by_name = {r.name.lower().replace(" ", "-"): r for r in kb.rights.values()}
    if wanted in by_name:
        return by_name[wanted]
    raise UnknownIdError("right", right_id, kb.rights)


def groups() -> list[Group]:
    """Groups in vulnerable situations that the law protects specifically."""
    return list(load().groups.values())


def group(group_id: str) -> Group:
    kb = load()
    if group_id.lower() not in kb.groups:
        raise UnknownIdError("group", group_id, kb.groups)
    return kb.groups[group_id.lower()]


def guidance(*, include_unverified: bool = False, tech: bool | None = None) -> list[Guidance]:
    """Interpretive guidance. Records not verified against the official document are left out unless asked for."""
    items = [g for g in load().guidance.values() if include_unverified or g.verified]
    if tech is not None:
        items = [g for g in items if g.tech == tech]
    return items


def guidance_document(guidance_id: str, *, include_unverified: bool = False) -> Guidance:
    kb = load()
    found = kb.guidance.get(guidance_id.lower())
    if found is None or not (found.verified or include_unverified):
        raise UnknownIdError("guidance", guidance_id, [g.id for g in guidance(include_unverified=include_unverified)])
    return found


def guidance_paragraphs(guidance_id: str) -> list[GuidanceParagraph]:
    """A document's paragraphs, where the non-commercial data set is installed; else an empty list."""
    return load().guidance_paragraphs.get(guidance_document(guidance_id).id, [])


def harm_patterns() -> list[HarmPattern]:
    """The technology-harm taxonomy."""
    return list(load().harm_patterns.values())


def harm_pattern(pattern_id: str) -> HarmPattern:
    kb = load()
    if pattern_id.lower() not in kb.harm_patterns:
        raise UnknownIdError("harm pattern", pattern_id, kb.harm_patterns)
    return kb.harm_patterns[pattern_id.lower()]
