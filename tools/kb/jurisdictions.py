"""Build the jurisdiction data: countries, memberships, treaty status and declarations.

Inputs: the country list (mledoze/countries, ODbL), the UN ratification snapshot (one CSV per
instrument, about mid-2022, UN members only) and Rightscope's curated files for regional
organisations, regional treaties and complaint declarations. Output: one normalised table of
*status* records, ``status[key][country]``, whatever the source, so that the runtime code asks one
question ("what is KE's status for achpr?") and always gets the source and its date with the answer.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import yaml

from rightscope.law.jurisdiction import fold_name

# Ratification CSV name -> instrument id.
RATIFICATION_FILES = {
    "iccpr": "iccpr",
    "iccpr_op1": "iccpr-op1",
    "iccpr_op2": "iccpr-op2",
    "icescr": "icescr",
    "icescr_op": "icescr-op",
    "icerd": "icerd",
    "cedaw": "cedaw",
    "op_cedaw": "cedaw-op",
    "cat": "cat",
    "opcat": "opcat",
    "crc": "crc",
    "op_crc_ac": "crc-opac",
    "op_crc_sc": "crc-opsc",
    "op_crc_ic": "crc-opic",
    "icmw": "cmw",
    "cped": "cped",
    "crpd": "crpd",
    "op_crpd": "crpd-op",
}
RATIFICATION_AS_OF = "2022-08-25"
RATIFICATION_AS_OF_NOTE = (
    "UN Treaty Collection status as collected by world-politics-datalab around mid-2022 (repository commit "
    "of 2022-08-25); UN member states only; year of ratification or accession only. Later ratifications are "
    "missing."
)


# Corrections to the inputs, each checked against the UN's own list of member states.
# The ratification CSVs still use ISO's withdrawn code TP for Timor-Leste (now TL).
RETIRED_CODES = {"TP": "TL"}
# The country list marks Vatican City as a UN member; the Holy See is a non-member observer State.
NOT_UN_MEMBERS = {"VA"}


def countries(path: Path, provenance: dict[str, Any]) -> list[dict[str, Any]]:
    records = []
    for entry in json.loads(path.read_text(encoding="utf-8")):
        names = {entry["name"]["common"], entry["name"]["official"], *entry.get("altSpellings", [])}
        for native in entry["name"].get("native", {}).values():
            names.update({native["common"], native["official"]})
        for translation in entry.get("translations", {}).values():
            names.update({translation["common"], translation["official"]})
        aliases = sorted({fold_name(n) for n in names if n and len(n) > 2} - {entry["cca2"].lower()})
        records.append(
            {
                "code": entry["cca2"],
                "alpha3": entry["cca3"],
                "name": entry["name"]["common"],
                "official_name": entry["name"]["official"],
                "aliases": aliases,
                "un_member": bool(entry.get("unMember")) and entry["cca2"] not in NOT_UN_MEMBERS,
                "un_regional_group": entry.get("unRegionalGroup") or None,
                "region": entry.get("region") or None,
                "subregion": entry.get("subregion") or None,
                "provenance": provenance,
            }
        )
    return sorted(records, key=lambda r: r["code"])


def _status(status: str, **extra: Any) -> dict[str, Any]:
    return {"status": status, **{k: v for k, v in extra.items() if v is not None}}


def ratification(folder: Path) -> dict[str, dict[str, dict[str, Any]]]:
    table: dict[str, dict[str, dict[str, Any]]] = {}
    for stem, instrument_id in RATIFICATION_FILES.items():
        rows: dict[str, dict[str, Any]] = {}
        with (folder / f"hr_status_{stem}.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                year = row["year ratification or accession"].strip()
                if row["state party"].strip() == "1":
                    status = _status("party", year=int(year) if year else None)
                elif row["signatory"].strip() == "1":
                    status = _status("signatory")
                else:
                    status = _status("none")
                if row.get("note"):
                    status["note"] = row["note"].strip()
                code = row["iso2"].strip()
                rows[RETIRED_CODES.get(code, code)] = status
        table[instrument_id] = rows
    return table


def apply_ratification_updates(
    table: dict[str, dict[str, dict[str, Any]]], curated: Path
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Apply the status changes read from the UN's own pages; return their sources and the diff.

    Each changed row names its source and date, so that a user sees which statuses are newer than
    the 2022 snapshot and which are not.
    """
    raw = yaml.safe_load((curated / "ratification_updates.yaml").read_text(encoding="utf-8"))
    sources: dict[str, dict[str, Any]] = {}
    changes: list[dict[str, Any]] = []
    for instrument_id, block in raw["instruments"].items():
        if instrument_id not in table:
            raise ValueError(f"ratification_updates.yaml: {instrument_id} is not in the UN snapshot")
        key = f"un-status-{instrument_id}"
        rows = table[instrument_id]
        for update in block["updates"]:
            code = update["country"]
            if code not in rows:
                raise ValueError(
                    f"ratification_updates.yaml: {instrument_id} {code} is not a UN member in the snapshot"
                )
            before = rows[code]
            after = _status(
                update["status"], year=update.get("year"), since=update.get("since"), note=update.get("note")
            )
            after.update(source=key, as_of=block["as_of"])
            if before.get("status") == after["status"] and before.get("year") == after.get("year"):
                raise ValueError(f"ratification_updates.yaml: {instrument_id} {code} repeats the snapshot")
            rows[code] = after
            changes.append(
                {
                    "instrument": instrument_id,
                    "country": code,
                    "before": before.get("status"),
                    "before_year": before.get("year"),
                    "after": after["status"],
                    "since": after.get("since"),
                    "source": key,
                }
            )
        parties = sum(1 for r in rows.values() if r["status"] == "party")
        stated = block.get("parties_stated")
        gap = f" The UN page counts {stated} parties; Rightscope's table has {parties}." if stated else ""
        sources[key] = {
            "key": key,
            "title": block["title"],
            "as_of": str(block["as_of"]),
            "as_of_note": "Latest action recorded on the stored copy of the UN page; the page was taken on or "
            "after that date.",
            "source": block["source"],
            "method": "Read from the UN Treaty Collection status page; " + block["checked"],
            "complete": not gap or stated == parties,
            "complete_note": (
                gap + " States not on the stored part of the page keep the 2022 snapshot's status."
            ).strip(),
        }
    return sources, changes


def _entries(items: list[Any] | None) -> list[dict[str, Any]]:
    """Curated lists hold either bare codes or records with a ``country`` key."""
    out = []
    for item in items or []:
        out.append({"country": item} if isinstance(item, str) else dict(item))
    return out


def _source(block: dict[str, Any], key: str, title: str) -> dict[str, Any]:
    return {
        "key": key,
        "title": title,
        "as_of": str(block.get("as_of")) if block.get("as_of") else None,
        "as_of_note": block.get("as_of_note"),
        "source": block.get("source"),
        "primary_source": block.get("primary_source") or block.get("primary_source_to_use"),
        "method": block.get("method"),
        "complete": block.get("complete", True),
        "complete_note": block.get("complete_note") or block.get("why_incomplete") or block.get("years_note"),
    }


def curated_status(curated: Path) -> tuple[dict[str, dict[str, dict[str, Any]]], dict[str, dict[str, Any]]]:
    """Organisation membership, regional treaties and declarations from the curated files."""
    status: dict[str, dict[str, dict[str, Any]]] = {}
    sources: dict[str, dict[str, Any]] = {}
    memberships = yaml.safe_load((curated / "memberships.yaml").read_text(encoding="utf-8"))
    for org, block in memberships["organisations"].items():
        sources[org] = _source(block, org, block["name"])
        rows = {e["country"]: _status("member", note=e.get("note")) for e in _entries(block["members"])}
        for e in _entries(block.get("former_members")):
            rows[e["country"]] = _status("former-member", until=e.get("until"), note=e.get("note"))
        for e in _entries(block.get("suspended")):
            rows[e["country"]] = _status("suspended", since=e.get("since"), note=e.get("note"))
        for code, special in (block.get("special_cases") or {}).items():
            rows[code] = _status("member" if code in rows else "contested", note=special.get("note"))
            rows[code]["special_case"] = special.get("status")
        for code, note in (block.get("member_notes") or {}).items():
            if code in rows and isinstance(note, str):
                rows[code]["note"] = note
        status[org] = rows
    treaties = yaml.safe_load((curated / "regional_treaties.yaml").read_text(encoding="utf-8"))["treaties"]
    for key, block in treaties.items():
        treaty_id = key.replace("_", "-")
        sources[treaty_id] = _source(block, treaty_id, block["name"])
        rows = {}
        for e in _entries(block.get("parties")):
            rows[e["country"]] = _status("party", year=e.get("year"), note=e.get("note"))
        for code, note in (block.get("party_notes") or {}).items():
            rows.setdefault(code, _status("party"))["note"] = note
        for e in _entries(block.get("former_parties")):
            rows[e["country"]] = _status("former-party", until=e.get("until") or e.get("effective"), note=e.get("note"))
        for e in _entries(block.get("denunciations")):
            rows[e["country"]] = _status("former-party", until=e.get("effective"), note=e.get("note"))
        for e in _entries(block.get("non_parties")):
            rows[e["country"]] = _status("none", note=e.get("note"))
        status[treaty_id] = rows
        declarations = block.get("art_34_6_declarations")
        if declarations:
            sources["african-court-34-6"] = _source(
                declarations, "african-court-34-6", "African Court Protocol, Art. 34(6) declarations"
            )
            decl = {
                e["country"]: _status("declared", since=e.get("date"), note=e.get("note"))
                for e in _entries(declarations.get("active"))
            }
            for e in _entries(declarations.get("withdrawn")):
                decl[e["country"]] = _status("withdrawn", until=e.get("withdrawal_effective"), note=e.get("note"))
            status["african-court-34-6"] = decl
        jurisdiction = block.get("court_jurisdiction_art62")
        if jurisdiction:
            sources["iacthr-art62"] = _source(
                jurisdiction, "iacthr-art62", "American Convention, Art. 62 acceptance of the Court's jurisdiction"
            )
            accepted = {
                e["country"]: _status("accepted", since=e.get("date"), note=e.get("note"))
                for e in _entries(jurisdiction.get("accepted"))
            }
            for e in _entries(jurisdiction.get("ended")):
                accepted[e["country"]] = _status("ended", until=e.get("ended"), note=e.get("note"))
            status["iacthr-art62"] = accepted
    complaints = yaml.safe_load((curated / "complaint_declarations.yaml").read_text(encoding="utf-8"))["procedures"]
    for key, block in complaints.items():
        proc_id = key.replace("_", "-")
        sources[proc_id] = _source(block, proc_id, f"{block['treaty']}, art. {block['article']} declarations")
        status[proc_id] = {
            e["country"]: _status("declared", year=e.get("year"), note=e.get("note")) for e in _entries(block["states"])
        }
    return status, sources
