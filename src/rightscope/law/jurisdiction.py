"""Applicable law by country, and the levers for remedy.

``applicable(["KE", "DE"])`` answers, per country: which instruments bind it (universal, treaty-based,
regional) with their status and year, which bodies monitor them, and which complaint mechanisms
(levers) people there can use. Every status carries the source and date it rests on: the UN treaty
status is a snapshot of about mid-2022, the regional data was compiled by Rightscope with its
sources, and where nothing was compiled the answer says ``unknown`` rather than guess.

Examples:
    >>> from rightscope.law import jurisdiction
    >>> jurisdiction.country("Côte d'Ivoire").code
    'CI'
    >>> [law.country.code for law in jurisdiction.applicable(["Kenya"])]
    ['KE']
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from rightscope.errors import RightscopeError, UnknownIdError, closest
from rightscope.law._store import load

Basis = Literal["universal", "treaty", "regional"]
Availability = Literal["yes", "no", "unknown", "indirect"]

UN_TREATIES = (
    "iccpr", "iccpr-op1", "iccpr-op2", "icescr", "icescr-op", "icerd", "cedaw", "cedaw-op", "cat", "opcat",
    "crc", "crc-opac", "crc-opsc", "crc-opic", "cmw", "crpd", "crpd-op", "cped",
)  # fmt: skip
ECHR_PROTOCOLS = ("echr-p1", "echr-p4", "echr-p12", "echr-p13", "echr-p16")

# Individual complaints accepted by ratifying an optional protocol: (instrument, body, mechanism).
PROTOCOL_COMPLAINTS = (
    ("iccpr-op1", "Human Rights Committee", "Individual communications under the ICCPR (First Optional Protocol)"),
    ("icescr-op", "Committee on Economic, Social and Cultural Rights", "Individual communications (OP-ICESCR)"),
    (
        "cedaw-op",
        "Committee on the Elimination of Discrimination against Women",
        "Individual communications (OP-CEDAW)",
    ),
    ("crpd-op", "Committee on the Rights of Persons with Disabilities", "Individual communications (OP-CRPD)"),
    ("crc-opic", "Committee on the Rights of the Child", "Individual communications (OP-CRC-IC)"),
)
# Individual complaints accepted by a declaration under the treaty itself: (status key, treaty, body, mechanism).
DECLARATION_COMPLAINTS = (
    ("cat-art22", "cat", "Committee against Torture", "Individual communications (CAT art. 22 declaration)"),
    (
        "icerd-art14",
        "icerd",
        "Committee on the Elimination of Racial Discrimination",
        "Individual communications (ICERD art. 14 declaration)",
    ),
)


# Names that people commonly use for more than one state, although the country list gives them to one.
AMBIGUOUS_NAMES = {"congo": ("CG", "CD"), "the congo": ("CG", "CD"), "korea": ("KR", "KP")}


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Country(_Record):
    code: str
    alpha3: str
    name: str
    official_name: str
    aliases: list[str]
    un_member: bool
    un_regional_group: str | None = None
    region: str | None = None
    subregion: str | None = None
    provenance: dict[str, Any]


class Source(_Record):
    """Where a status table comes from, and the date it is valid for."""

    key: str
    title: str
    as_of: str | None = None
    as_of_note: str | None = None
    source: str | None = None
    primary_source: str | None = None
    method: str | None = None
    complete: bool = True
    complete_note: str | None = None
    provenance: dict[str, Any]


class Status(_Record):
    status: str
    year: int | None = None
    since: str | None = None
    until: str | None = None
    note: str | None = None
    special_case: str | None = None
    source: str | None = Field(default=None, description="Where the row is newer than its table's source.")
    as_of: str | None = None


class Binding(_Record):
    """An instrument and what it means for one country."""

    instrument: str
    title: str
    basis: Basis
    status: str
    year: int | None = None
    note: str | None = None
    source: str | None = None
    as_of: str | None = None


class Lever(_Record):
    """A mechanism people can use to seek remedy."""

    level: Literal["international", "regional", "domestic"]
    mechanism: str
    body: str
    available: Availability
    basis: str
    note: str | None = None
    source: str | None = None
    as_of: str | None = None


class CountryLaw(_Record):
    country: Country
    memberships: dict[str, Status]
    instruments: list[Binding]
    monitoring_bodies: list[str]
    levers: list[Lever]


class CountryError(RightscopeError, LookupError):
    """A country that could not be resolved, with suggestions.

    ``query`` is what was given; ``candidates`` the countries it could mean (``ambiguous``: a name shared
    by several, such as Congo) or the nearest names (a misspelling), so that an interface can offer them.
    """

    def __init__(
        self, message: str, *, query: str = "", candidates: tuple[Country, ...] = (), ambiguous: bool = False
    ) -> None:
        super().__init__(message)
        self.query = query
        self.candidates = candidates
        self.ambiguous = ambiguous


@cache
def _data() -> tuple[dict[str, Country], dict[str, Source], dict[str, tuple[str, dict[str, Status]]]]:
    package = resources.files("rightscope.law").joinpath("data")
    countries = {
        c["code"]: Country.model_validate(c) for c in json.loads(package.joinpath("countries.json").read_text("utf-8"))
    }
    raw = json.loads(package.joinpath("jurisdictions.json").read_text("utf-8"))
    sources = {k: Source.model_validate(v) for k, v in raw["sources"].items()}
    tables = {
        key: (table["source"], {code: Status.model_validate(s) for code, s in table["rows"].items()})
        for key, table in raw["status"].items()
    }
    return countries, sources, tables


def fold_name(text: str) -> str:
    """Lower case without accents, for matching country names typed in any form."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def countries() -> list[Country]:
    return list(_data()[0].values())


def country(query: str) -> Country:
    """Resolve an ISO 3166-1 alpha-2 or alpha-3 code or a name in any common spelling."""
    table = _data()[0]
    text = query.strip()
    if not text:
        raise CountryError("empty country; give an ISO code such as KE or a name such as Kenya")
    upper = text.upper()
    if upper in table:
        return table[upper]
    by_alpha3 = {c.alpha3: c for c in table.values()}
    if upper in by_alpha3:
        return by_alpha3[upper]
    folded = fold_name(text)
    if folded in AMBIGUOUS_NAMES:
        matches = [table[code] for code in AMBIGUOUS_NAMES[folded]]
    else:
        matches = [c for c in table.values() if folded == fold_name(c.name) or folded in c.aliases]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        options = ", ".join(f"{c.code} ({c.name})" for c in matches)
        raise CountryError(
            f"ambiguous country {query!r}: could be {options}; use the ISO code",
            query=text,
            candidates=tuple(matches),
            ambiguous=True,
        )
    names = {c.name: c for c in table.values()}
    contains = [c for c in table.values() if folded in fold_name(c.name)][:3]
    near = contains or [names[s] for s in closest(text, list(names))]
    hints = [f"{c.code} ({c.name})" for c in near]
    raise CountryError(
        f"unknown country {query!r}" + (f"; did you mean {', '.join(hints)}?" if hints else "; use an ISO 3166-1 code"),
        query=text,
        candidates=tuple(near),
    )


def _lookup(key: str, code: str) -> tuple[Status | None, Source]:
    _, sources, tables = _data()
    source_key, rows = tables[key]
    row = rows.get(code)
    # A row read from a newer source than its table's (the UN's own status page) cites that source.
    return row, sources[row.source if row is not None and row.source else source_key]


def _title(instrument_id: str) -> str:
    return load().instruments[instrument_id].title


def _un_binding(instrument_id: str, c: Country) -> Binding:
    status, source = _lookup(instrument_id, c.code)
    if status is None:
        return Binding(
            instrument=instrument_id,
            title=_title(instrument_id),
            basis="treaty",
            status="unknown",
            note="The ratification snapshot covers UN member states only.",
            source=source.key,
            as_of=source.as_of,
        )
    return Binding(
        instrument=instrument_id,
        title=_title(instrument_id),
        basis="treaty",
        status=status.status,
        year=status.year,
        note=status.note,
        source=source.key,
        as_of=source.as_of,
    )


def _regional(key: str, instrument_id: str, c: Country) -> Binding:
    status, source = _lookup(key, c.code)
    found = status or Status(status="none" if source.complete else "unknown")
    note = found.note
    if found.status == "former-party" and found.until:
        note = f"Ceased to be a party on {found.until}. " + (note or "")
    return Binding(
        instrument=instrument_id,
        title=_title(instrument_id),
        basis="regional",
        status=found.status,
        year=found.year,
        note=note,
        source=source.key,
        as_of=source.as_of,
    )


def _memberships(c: Country) -> dict[str, Status]:
    result = {"un": Status(status="member" if c.un_member else "none")}
    for org in ("coe", "eu", "au", "oas"):
        status, _ = _lookup(org, c.code)
        result[org] = status or Status(status="none")
    return result


def _instruments(c: Country, memberships: dict[str, Status]) -> list[Binding]:
    bindings = [
        Binding(
            instrument="udhr",
            title=_title("udhr"),
            basis="universal",
            status="universal",
            note="Proclaimed by the UN General Assembly for all peoples and nations; not a treaty, but many of its "
            "provisions are widely regarded as reflecting customary international law.",
        )
    ]
    bindings += [_un_binding(i, c) for i in UN_TREATIES if i in _data()[2]]
    echr = _regional("echr", "echr", c)
    if memberships["coe"].status != "none" or echr.status != "none":
        bindings.append(echr)
    if echr.status == "party":
        for protocol in ECHR_PROTOCOLS:
            bindings.append(
                Binding(
                    instrument=protocol,
                    title=_title(protocol),
                    basis="regional",
                    status="unknown",
                    note=PROTOCOL_STATUS_NOTE,
                )
            )
    if memberships["coe"].status == "member":
        for instrument_id in ("esc", "coe108"):
            bindings.append(
                Binding(
                    instrument=instrument_id,
                    title=_title(instrument_id),
                    basis="regional",
                    status="unknown",
                    note="Party status is not compiled yet; check the Council of Europe treaty office.",
                )
            )
    if memberships["eu"].status == "member":
        _, source = _lookup("eu", c.code)
        bindings.append(
            Binding(
                instrument="eucfr",
                title=_title("eucfr"),
                basis="regional",
                status="member-state",
                note="Binds the EU institutions, and the member states only when they are implementing Union law "
                "(Charter Art. 51(1)).",
                source=source.key,
                as_of=source.as_of,
            )
        )
    if memberships["au"].status != "none" or c.code in _data()[2]["achpr"][1]:
        bindings.append(_regional("achpr", "achpr", c))
    if memberships["oas"].status != "none" or c.code in _data()[2]["achr"][1]:
        bindings.append(_regional("achr", "achr", c))
    return bindings


def _levers(c: Country, memberships: dict[str, Status], bindings: dict[str, Binding]) -> list[Lever]:
    levers: list[Lever] = []
    for instrument_id, body, mechanism in PROTOCOL_COMPLAINTS:
        b = bindings[instrument_id]
        levers.append(
            Lever(
                level="international",
                mechanism=mechanism,
                body=body,
                available="yes" if b.status == "party" else ("unknown" if b.status == "unknown" else "no"),
                basis=f"{load().instruments[instrument_id].short_title}: {b.status}"
                + (f" ({b.year})" if b.year else ""),
                source=b.source,
                as_of=b.as_of,
            )
        )
    for key, treaty, body, mechanism in DECLARATION_COMPLAINTS:
        status, source = _lookup(key, c.code)
        treaty_status = bindings[treaty].status
        if status is not None:
            available: Availability = "yes"
            note = status.note
        elif treaty_status != "party":
            available, note = "no", f"Not a party to {load().instruments[treaty].short_title}."
        else:
            available = "unknown" if not source.complete else "no"
            note = "The list of declarations Rightscope holds is incomplete; check the UN Treaty Collection."
        levers.append(
            Lever(
                level="international",
                mechanism=mechanism,
                body=body,
                available=available,
                basis=f"declaration under {load().instruments[treaty].short_title}",
                note=note,
                source=source.key,
                as_of=source.as_of,
            )
        )
    levers.append(
        Lever(
            level="international",
            mechanism="Communications to the Special Procedures of the Human Rights Council",
            body="UN Special Rapporteurs and Working Groups",
            available="yes",
            basis="open in respect of every state; no ratification needed",
        )
    )
    levers.append(
        Lever(
            level="international",
            mechanism="Universal Periodic Review (submissions by civil society and NHRIs)",
            body="Human Rights Council",
            available="yes" if c.un_member else "no",
            basis="every UN member state is reviewed" if c.un_member else "not a UN member state",
        )
    )
    levers += _regional_levers(c, memberships, bindings)
    levers.append(
        Lever(
            level="domestic",
            mechanism="Domestic remedies",
            body="national courts, national human rights institution, data protection and equality bodies",
            available="unknown",
            basis="not compiled",
            note=f"Rightscope holds no data on domestic remedies in {c.name}; identify them locally. Regional and UN "
            "mechanisms usually require domestic remedies to be exhausted first.",
        )
    )
    return levers


def _regional_levers(c: Country, memberships: dict[str, Status], bindings: dict[str, Binding]) -> list[Lever]:
    levers: list[Lever] = []
    if "echr" in bindings and bindings["echr"].status in {"party", "former-party"}:
        echr = bindings["echr"]
        levers.append(
            Lever(
                level="regional",
                mechanism="Individual application (ECHR Art. 34)",
                body="European Court of Human Rights",
                available="yes" if echr.status == "party" else "no",
                basis=f"ECHR: {echr.status}",
                note=echr.note,
                source=echr.source,
                as_of=echr.as_of,
            )
        )
    if "eucfr" in bindings:
        levers.append(
            Lever(
                level="regional",
                mechanism="EU Charter rights before national courts, with preliminary references to the CJEU",
                body="Court of Justice of the European Union",
                available="indirect",
                basis="EU member state; the Charter applies when Union law is implemented",
                source=bindings["eucfr"].source,
                as_of=bindings["eucfr"].as_of,
            )
        )
    if "achpr" in bindings and bindings["achpr"].status == "party":
        achpr = bindings["achpr"]
        levers.append(
            Lever(
                level="regional",
                mechanism="Communications to the African Commission",
                body="African Commission on Human and Peoples' Rights",
                available="yes",
                basis="African Charter: party",
                source=achpr.source,
                as_of=achpr.as_of,
            )
        )
        protocol, protocol_source = _lookup("african-court-protocol", c.code)
        declaration, declaration_source = _lookup("african-court-34-6", c.code)
        if declaration is not None and declaration.status == "declared":
            available: Availability = "yes"
            basis, note = "Protocol party with an Art. 34(6) declaration", declaration.note
        elif declaration is not None:
            available, basis = "indirect", "Art. 34(6) declaration withdrawn"
            note = f"Withdrawal effective {declaration.until}; cases can reach the Court through the Commission."
        elif protocol is not None:
            available, basis = "indirect", "Protocol party without an Art. 34(6) declaration"
            note = "Individuals cannot seize the Court directly; the Commission can refer cases."
        else:
            available = "unknown" if not protocol_source.complete else "no"
            basis, note = "not a party to the Court Protocol in the data", protocol_source.complete_note
        levers.append(
            Lever(
                level="regional",
                mechanism="Application to the African Court",
                body="African Court on Human and Peoples' Rights",
                available=available,
                basis=basis,
                note=note,
                source=declaration_source.key,
                as_of=declaration_source.as_of,
            )
        )
    oas_member = memberships["oas"].status in {"member", "contested"}
    achr = bindings.get("achr")
    if oas_member or (achr is not None and achr.status == "party"):
        party = achr is not None and achr.status == "party"
        levers.append(
            Lever(
                level="regional",
                mechanism="Petition to the Inter-American Commission",
                body="Inter-American Commission on Human Rights",
                available="yes",
                basis="American Convention: party"
                if party
                else "OAS member not party to the American Convention: petitions under the American Declaration",
                note=achr.note if achr else None,
                source=achr.source if achr else None,
                as_of=achr.as_of if achr else None,
            )
        )
        accepted, source = _lookup("iacthr-art62", c.code)
        levers.append(
            Lever(
                level="regional",
                mechanism="Inter-American Court (cases referred by the Commission)",
                body="Inter-American Court of Human Rights",
                available="indirect" if accepted is not None and accepted.status == "accepted" else "no",
                basis="accepted the Court's contentious jurisdiction (Art. 62)"
                if accepted is not None and accepted.status == "accepted"
                else "has not accepted the Court's jurisdiction (Art. 62), per the data",
                note=accepted.note if accepted else None,
                source=source.key,
                as_of=source.as_of,
            )
        )
    return levers


def applicable_to(c: Country) -> CountryLaw:
    memberships = _memberships(c)
    bindings = _instruments(c, memberships)
    by_id = {b.instrument: b for b in bindings}
    kb = load()
    bodies = [
        kb.instruments[b.instrument].monitoring_body
        for b in bindings
        if b.status in {"party", "member-state"} and kb.instruments[b.instrument].monitoring_body
    ]
    return CountryLaw(
        country=c,
        memberships=memberships,
        instruments=bindings,
        monitoring_bodies=[b for b in dict.fromkeys(bodies) if b],
        levers=_levers(c, memberships, by_id),
    )


def applicable(countries: list[str]) -> list[CountryLaw]:
    """The applicable law and levers for each country (codes or names), in the order given."""
    if not countries:
        raise RightscopeError("no country given; pass at least one ISO code or name")
    resolved = {c.code: c for c in (country(q) for q in countries)}
    return [applicable_to(c) for c in resolved.values()]


PROTOCOL_STATUS_NOTE = "Party status for the Protocols is not compiled yet; check the Council of Europe treaty office."
BINDING_STATUSES = frozenset({"universal", "party", "member-state"})


def binding_instruments(countries: list[str]) -> set[str]:
    """Instruments that bind at least one of the countries: what assessments cite first."""
    return {b.instrument for law in applicable(countries) for b in law.instruments if b.status in BINDING_STATUSES}


def sources() -> list[Source]:
    return list(_data()[1].values())


__all__ = [
    "Binding",
    "Country",
    "CountryError",
    "CountryLaw",
    "Lever",
    "Source",
    "Status",
    "UnknownIdError",
    "applicable",
    "applicable_to",
    "binding_instruments",
    "countries",
    "country",
    "sources",
]
