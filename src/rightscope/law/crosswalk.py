"""The crosswalk: typed relations from rights and mitigations to items of AI-governance frameworks.

Some audiences engage better when obligations are stated in non-human-rights terms. The crosswalk says,
for each right, which items of the EU AI Act, the GDPR, the NIST AI RMF (and its generative-AI profile),
the OECD AI Principles, the UN Guiding Principles, ISO/IEC 42001 Annex A, the G7 Hiroshima code, the
UNESCO Recommendation and the Council of Europe Framework Convention (CETS 225) deal with it, and how:

- ``superset``: the right's obligations are wider than the item, which deals only with this right;
- ``subset``: the item covers the right's AI dimension and more;
- ``intersects``: a partial overlap;
- ``equivalent``: the same scope (not used so far).

The labels compare scope, not legal force: soft law, standards and process controls never discharge a
legal obligation. Mitigations map to the EU AI Act, NIST AI RMF and GDPR items their library record
cites, always as ``intersects``, with the mitigation's rationale. Items and relations that were not
verified are left out unless asked for. See ``docs/crosswalk.md``.

Examples:
    >>> from rightscope.law.crosswalk import crosswalk
    >>> [r.target for r in crosswalk("right:privacy", to="gdpr")][:1]
    ['gdpr:art-35']
    >>> {r.relation for r in crosswalk("mitigation:human-review-of-adverse-decisions")}
    {'intersects'}
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rightscope.errors import UnknownIdError
from rightscope.law.models import Provenance

__all__ = [
    "RELATION_TYPES",
    "CrosswalkData",
    "Framework",
    "FrameworkItem",
    "Relation",
    "crosswalk",
    "framework",
    "frameworks",
    "item",
    "resolve_source",
]

RelationType = Literal["equivalent", "subset", "superset", "intersects"]
RELATION_TYPES: tuple[str, ...] = ("equivalent", "subset", "superset", "intersects")
SOURCE_KINDS = ("right", "mitigation")

# Short names people use for the frameworks.
ALIASES = {
    "ai-act": "eu-ai-act",
    "aia": "eu-ai-act",
    "nist": "nist-ai-rmf",
    "ai-rmf": "nist-ai-rmf",
    "nist-genai": "nist-ai-600-1",
    "oecd": "oecd-ai-principles",
    "iso": "iso-42001",
    "iso-iec-42001": "iso-42001",
    "42001": "iso-42001",
    "ungp": "ungps",
    "g7": "g7-hiroshima-code",
    "unesco": "unesco-recommendation",
    "cets-225": "coe-cets-225",
    "framework-convention": "coe-cets-225",
}


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Revision2024(_Record):
    """What the 2024 revision of the OECD Recommendation changed for an item, and whether that was confirmed."""

    note: str
    verified: bool


class FrameworkItem(_Record):
    """An article, subcategory, principle, control or action of a framework."""

    id: str = Field(description="Id within the framework, e.g. 'art-27', 'MEASURE 2.11', 'A.5.4'.")
    ref: str = Field(description="How the framework cites it, e.g. 'Art. 27', 'Annex A, A.5.4'.")
    title: str
    title_official: bool = Field(
        description="True when the title is the framework's own heading or text; false when it is a subject "
        "written by Rightscope, which must not be quoted as the framework's words."
    )
    kind: str | None = None
    verified: bool
    verification: str | None = None
    title_2024: str | None = None
    revision_2024: Revision2024 | None = None


class Framework(_Record):
    """An AI-governance framework and the items of it that the crosswalk uses."""

    id: str
    name: str
    source: str
    version_note: str | None = None
    verification: str
    copyright_note: str | None = None
    items: list[FrameworkItem]
    provenance: list[Provenance]

    def item(self, item_id: str) -> FrameworkItem:
        """One item by id (``art-27``) or citation (``Art. 27``)."""
        wanted = item_id.strip().lower()
        for it in self.items:
            if wanted in (it.id.lower(), it.ref.lower()):
                return it
        raise UnknownIdError(f"item of {self.id}", item_id, [it.id for it in self.items])


class Relation(_Record):
    """``source`` (``right:ID`` or ``mitigation:ID``) relates to ``target`` (``FRAMEWORK:ITEM``)."""

    source: str
    target: str
    relation: RelationType = Field(description="The right's obligations are <relation> the item's requirements.")
    rationale: str = Field(description="Rightscope's one-line summary, not the framework's wording.")
    verified: bool

    @property
    def framework(self) -> str:
        return self.target.split(":", 1)[0]

    @property
    def item_id(self) -> str:
        return self.target.split(":", 1)[1]


class MitigationName(_Record):
    id: str
    name: str


class CrosswalkData(_Record):
    """The packaged file ``rightscope/law/data/crosswalk.json``."""

    schema_: Literal["rightscope/crosswalk/v1"] = Field(default="rightscope/crosswalk/v1", alias="schema")
    frameworks: list[Framework]
    relations: list[Relation]
    mitigations: list[MitigationName] = Field(description="The library mitigations, for ids and names.")
    provenance: list[Provenance]


@cache
def load() -> CrosswalkData:
    """The packaged crosswalk, loaded once per process."""
    text = resources.files("rightscope.law").joinpath("data", "crosswalk.json").read_text(encoding="utf-8")
    return CrosswalkData.model_validate(json.loads(text))


@cache
def _frameworks_by_id() -> dict[str, Framework]:
    return {f.id: f for f in load().frameworks}


@cache
def _relations_by_source() -> dict[str, list[Relation]]:
    out: dict[str, list[Relation]] = {}
    for r in load().relations:
        out.setdefault(r.source, []).append(r)
    return out


def frameworks() -> list[Framework]:
    """The target frameworks, in the crosswalk's order."""
    return list(load().frameworks)


def framework(framework_id: str) -> Framework:
    """One framework by id (``eu-ai-act``) or a common short name (``nist``, ``iso``, ``oecd``)."""
    known = _frameworks_by_id()
    wanted = framework_id.strip().lower().replace(" ", "-").replace("_", "-")
    wanted = ALIASES.get(wanted, wanted)
    if wanted not in known:
        raise UnknownIdError("framework", framework_id, [*known, *ALIASES])
    return known[wanted]


def item(target: str) -> FrameworkItem:
    """A framework item from its crosswalk target ``FRAMEWORK:ITEM``, e.g. ``eu-ai-act:art-27``."""
    framework_id, sep, item_id = target.partition(":")
    if not sep:
        raise UnknownIdError("crosswalk target (expected FRAMEWORK:ITEM)", target, [f.id for f in frameworks()])
    return framework(framework_id).item(item_id)


def resolve_source(source: str) -> str:
    """The canonical ``right:ID`` or ``mitigation:ID`` for ``source``; a bare right or mitigation id is accepted."""
    from rightscope import law

    mitigations = [m.id for m in load().mitigations]
    kind, sep, value = source.strip().partition(":")
    if not sep:
        value = kind
        if value.lower() in {m.lower() for m in mitigations} and value.lower() not in law.load().rights:
            kind = "mitigation"
        else:
            kind = "right"
    kind = kind.lower()
    if kind not in SOURCE_KINDS:
        raise UnknownIdError("crosswalk source kind (expected right:ID or mitigation:ID)", kind, SOURCE_KINDS)
    if kind == "right":
        return f"right:{law.right(value).id}"
    wanted = value.strip().lower()
    if wanted not in mitigations:
        raise UnknownIdError("mitigation", value, mitigations)
    return f"mitigation:{wanted}"


def is_shown(relation: Relation, include_unverified: bool = False) -> bool:
    """Whether a relation may be shown: verified, with a verified target, unless unverified items are asked for."""
    if include_unverified:
        return True
    return relation.verified and item(relation.target).verified


def crosswalk(source: str, to: str | None = None, *, include_unverified: bool = False) -> list[Relation]:
    """Relations from ``source`` (``right:privacy``, ``mitigation:human-review-of-adverse-decisions``).

    ``to`` keeps one framework (``eu-ai-act``, ``nist``, ...). Unverified relations and items are left out
    unless ``include_unverified``. Unknown ids raise :class:`~rightscope.errors.UnknownIdError`.
    """
    key = resolve_source(source)
    wanted = framework(to).id if to is not None else None
    return [
        r
        for r in _relations_by_source().get(key, [])
        if (wanted is None or r.framework == wanted) and is_shown(r, include_unverified)
    ]
