"""Loading the packaged knowledge base, with the optional non-commercial data set merged in.

The core data in ``rightscope/law/data`` is under licences that allow any use. Texts whose only
machine-readable source is under CC BY-NC-SA (three UN instruments and the treaty-body general
comments paragraph by paragraph) live in the separate distribution ``rightscope-data-nc``. When it
is installed its records are merged in; without it every record still exists, with its metadata,
and says its text is not available. Set ``RIGHTSCOPE_NONCOMMERCIAL=0`` to run without it although it
is installed (for example to check what a commercial deployment sees).
"""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

from rightscope.law.models import Group, Guidance, GuidanceParagraph, HarmPattern, Instrument, Provision, Right

NONCOMMERCIAL_PACKAGE = "rightscope_data_nc"


@dataclass
class KnowledgeBase:
    """All records, indexed by id. Build it with :func:`load`; treat it as read-only."""

    instruments: dict[str, Instrument]
    provisions: dict[str, Provision]
    rights: dict[str, Right]
    groups: dict[str, Group]
    guidance: dict[str, Guidance]
    harm_patterns: dict[str, HarmPattern]
    guidance_paragraphs: dict[str, list[GuidanceParagraph]] = field(default_factory=dict)
    noncommercial: bool = False
    manifest: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def instrument_aliases(self) -> dict[str, str]:
        """Lower-cased ids, short titles and titles -> instrument id, for lookups by any common name."""
        aliases: dict[str, str] = {}
        for item in self.instruments.values():
            for name in (item.id, item.short_title, item.title):
                aliases[name.lower()] = item.id
        return aliases

    def provisions_of(self, instrument_id: str) -> list[Provision]:
        return [p for p in self.provisions.values() if p.instrument == instrument_id]


def _read_json(package: str, name: str) -> Any:
    return json.loads(resources.files(package).joinpath("data", name).read_text(encoding="utf-8"))


def noncommercial_available() -> bool:
    """Whether the non-commercial data set is installed and not switched off."""
    if os.environ.get("RIGHTSCOPE_NONCOMMERCIAL", "1").strip().lower() in {"0", "false", "no", "off"}:
        return False
    return importlib.util.find_spec(NONCOMMERCIAL_PACKAGE) is not None


@cache
def _load(include_noncommercial: bool) -> KnowledgeBase:
    core = "rightscope.law"
    instruments = {r["id"]: Instrument.model_validate(r) for r in _read_json(core, "instruments.json")}
    provisions = {r["id"]: Provision.model_validate(r) for r in _read_json(core, "provisions.json")}
    rights = {r["id"]: Right.model_validate(r) for r in _read_json(core, "rights.json")}
    groups = {r["id"]: Group.model_validate(r) for r in _read_json(core, "groups.json")}
    guidance = {r["id"]: Guidance.model_validate(r) for r in _read_json(core, "guidance.json")}
    patterns = {r["id"]: HarmPattern.model_validate(r) for r in _read_json(core, "harm_patterns.json")}
    manifest = _read_json(core, "manifest.json")
    paragraphs: dict[str, list[GuidanceParagraph]] = {}
    if include_noncommercial:
        # Texts from the non-commercial set replace the core's text-less placeholders.
        nc_provisions = _read_json(NONCOMMERCIAL_PACKAGE, "provisions.json")
        for record in nc_provisions:
            old = provisions[record["id"]]
            provisions[record["id"]] = Provision.model_validate({**record, "rights": old.rights})
        for instrument_id in {r["instrument"] for r in nc_provisions}:
            instruments[instrument_id] = instruments[instrument_id].model_copy(
                update={"text_available": True, "languages": ["en"]}
            )
        for doc_id, items in _read_json(NONCOMMERCIAL_PACKAGE, "guidance_paragraphs.json").items():
            paragraphs[doc_id] = [GuidanceParagraph.model_validate(p) for p in items]
            guidance[doc_id] = guidance[doc_id].model_copy(update={"paragraphs_available": True})
    return KnowledgeBase(
        instruments, provisions, rights, groups, guidance, patterns, paragraphs, include_noncommercial, manifest
    )


def load(include_noncommercial: bool | None = None) -> KnowledgeBase:
    """The knowledge base, loaded once per process (and per choice of data sets)."""
    if include_noncommercial is None:
        include_noncommercial = noncommercial_available()
    return _load(include_noncommercial)
