"""Build Rightscope's legal knowledge base from the source snapshots in ../shared/data.

    python tools/build_kb.py [--data ../shared/data]

Writes the package data in ``src/rightscope/law/data`` (licences that allow any use) and the
non-commercial data set in ``packages/rightscope-data-nc`` (CC BY-NC-SA 4.0 texts). Every record
carries its provenance: source file, repository, commit and licence, from the sources' MANIFEST.tsv;
records written by Rightscope (``tools/curated/*.yaml``) say so and name what they were checked
against. The build fails on any dangling reference, so a broken citation cannot ship.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from rightscope.law.citation import document_citation, guidance_citation, provision_citation  # noqa: E402
from rightscope.law.models import (  # noqa: E402
    Group,
    Guidance,
    GuidanceParagraph,
    HarmPattern,
    Instrument,
    Provenance,
    Provision,
    Right,
)
from tools.kb import jurisdictions  # noqa: E402
from tools.kb.common import Article, ParsedInstrument  # noqa: E402
from tools.kb.crosswalk import CrosswalkError, build_crosswalk  # noqa: E402
from tools.kb.eu_charter import parse_eu_charter  # noqa: E402
from tools.kb.nl_markdown import parse_nl_markdown  # noqa: E402
from tools.kb.open_treaties import parse_open_treaty  # noqa: E402
from tools.kb.udhr import UDHR_LANGUAGES, parse_udhr  # noqa: E402
from tools.kb.unhrd import parse_general_comments, parse_unhrd_treaty  # noqa: E402

CURATED = REPO / "tools" / "curated"
CORE_OUT = REPO / "src" / "rightscope" / "law" / "data"
SCHEMA_OUT = CORE_OUT.parent / "schemas"
ASSESS_OUT = REPO / "src" / "rightscope" / "assess" / "data"
NC_OUT = REPO / "packages" / "rightscope-data-nc" / "src" / "rightscope_data_nc" / "data"

# What each source repository states as its licence (SOURCES.md), and what we take from it.
LICENCES = {
    "eric-muller/udhr": "No licence file; the UDHR and its translations are presented as part of the commons",
    "lawchat-oss/open-treaties": "CC0-1.0",
    "statengeneraal/laws-markdown": (
        "No licence file; Dutch treaty texts are not protected by copyright (Auteurswet art. 11)"
    ),
    "pantrypoints/sp": (
        "No licence file; EU official text reusable under Commission Decision 2011/833/EU with attribution"
    ),
    "lszoszk/generalcomments": "CC-BY-NC-SA-4.0 (curation); underlying UN texts under United Nations terms",
    "mledoze/countries": "ODbL-1.0 (attribution: mledoze/countries contributors)",
    "world-politics-datalab/humanrights-treaties-ratification-status": (
        "None stated; facts compiled from the UN Treaty Collection"
    ),
    "rightscope": "Apache-2.0 (written by Rightscope)",
}
NONCOMMERCIAL_REPOS = {"lszoszk/generalcomments"}

# Where each instrument's English text comes from. Choices follow SOURCES.md's quality notes:
# open-treaties (CC0) for the ICCPR, the one file a word-by-word comparison found clean; the Dutch
# treaty database's authentic English text elsewhere (open-treaties runs words together in the
# protocols and CAT, and loses CRPD's paragraph numbers); the non-commercial OHCHR-derived JSON only
# where nothing else exists.
TEXT_SOURCES: dict[str, tuple[str, str, str | None]] = {
    "iccpr": ("open-treaties", "treaties/open-treaties/iccpr.json", None),
    "iccpr-op1": ("nl", "treaties/nl-wetten-markdown/iccpr_BWBV0001017.md", "iccpr-op1"),
    "iccpr-op2": ("nl", "treaties/nl-wetten-markdown/iccpr-op2_BWBV0001043.md", None),
    "icescr": ("nl", "treaties/nl-wetten-markdown/icescr_BWBV0001016.md", None),
    "icescr-op": ("nl", "treaties/nl-wetten-markdown/op-icescr_BWBV0004027.md", None),
    "icerd": ("nl", "treaties/nl-wetten-markdown/icerd_BWBV0002911.md", None),
    "cedaw": ("nl", "treaties/nl-wetten-markdown/cedaw_BWBV0002909.md", None),
    "cedaw-op": ("unhrd", "treaties/unhrd-ohchr/cedaw-op.json", None),
    "cat": ("nl", "treaties/nl-wetten-markdown/cat_BWBV0002507.md", None),
    "opcat": ("nl", "treaties/nl-wetten-markdown/opcat_BWBV0004712.md", None),
    "crc": ("nl", "treaties/nl-wetten-markdown/crc_BWBV0002508.md", None),
    "crc-opac": ("nl", "treaties/nl-wetten-markdown/op-crc-ac_BWBV0004034.md", None),
    "crc-opsc": ("nl", "treaties/nl-wetten-markdown/op-crc-sc_BWBV0001752.md", None),
    "crc-opic": ("unhrd", "treaties/unhrd-ohchr/crc-opic.json", None),
    "cmw": ("unhrd", "treaties/unhrd-ohchr/cmw.json", None),
    "crpd": ("nl", "treaties/nl-wetten-markdown/crpd_BWBV0004045.md", None),
    "crpd-op": ("nl", "treaties/nl-wetten-markdown/op-crpd_BWBV0003559.md", None),
    "cped": ("nl", "treaties/nl-wetten-markdown/cped_BWBV0003065.md", None),
    "echr": ("nl", "treaties/nl-wetten-markdown/echr_BWBV0001000.md", None),
    "echr-p1": ("nl", "treaties/nl-wetten-markdown/echr-p1_BWBV0001001.md", None),
    "echr-p4": ("nl", "treaties/nl-wetten-markdown/echr-p4_BWBV0001029.md", None),
    "echr-p12": ("nl", "treaties/nl-wetten-markdown/echr-p12_BWBV0001676.md", None),
    "echr-p13": ("nl", "treaties/nl-wetten-markdown/echr-p13_BWBV0001788.md", None),
    "echr-p16": ("nl", "treaties/nl-wetten-markdown/echr-p16_BWBV0006299.md", None),
    "esc": ("nl", "treaties/nl-wetten-markdown/esc-revised_BWBV0001800.md", None),
    "coe108": ("nl", "treaties/nl-wetten-markdown/coe-conv108_BWBV0002783.md", None),
    "eucfr": ("eu-charter", "treaties/eu-charter", None),
}

# Protocol No. 15 (in force 1 August 2021) amended these ECHR provisions; the Dutch database's
# English text predates it. We say so on each record rather than silently serve an old text.
ECHR_PROTOCOL_15 = {
    "21": "Protocol No. 15 added an age limit for judges (new paragraph 2).",
    "23": "Protocol No. 15 deleted paragraph 2 (expiry of judges' terms at age 70).",
    "30": "Protocol No. 15 removed the parties' right to object to relinquishment to the Grand Chamber.",
    "35": "Protocol No. 15 shortened the time limit in paragraph 1 from six to four months and amended paragraph 3(b).",
}
PROTOCOL_15_NOTE = "Text as before Protocol No. 15 (in force 1 August 2021). "

# Defects in the source texts, repaired against the official text. The build fails if a defect is no
# longer found, so that a fixed upstream cannot leave a stale correction behind.
CORRECTIONS: dict[str, list[tuple[str, str]]] = {
    "cat:17": [("The experts . shall", "The experts shall")],
    "cmw:14": [("privacy, family, , correspondence", "privacy, family, home, correspondence")],
    "cmw:63": [("the pre sent Convention ,", "the present Convention,")],
    "cmw:65": [("inter alia :", "inter alia:")],
}

COMMITTEES = {
    "CCPR": "Human Rights Committee",
    "CESCR": "Committee on Economic, Social and Cultural Rights",
    "CERD": "Committee on the Elimination of Racial Discrimination",
    "CEDAW": "Committee on the Elimination of Discrimination against Women",
    "CAT": "Committee against Torture",
    "CRC": "Committee on the Rights of the Child",
    "CMW": "Committee on Migrant Workers",
    "CRPD": "Committee on the Rights of Persons with Disabilities",
    "CED": "Committee on Enforced Disappearances",
}


class BuildError(Exception):
    pass


class Manifest:
    """The sources' MANIFEST.tsv: provenance for every input file."""

    def __init__(self, data: Path) -> None:
        self.data = data
        with (data / "MANIFEST.tsv").open(encoding="utf-8") as fh:
            self.rows = {row["local_path"]: row for row in csv.DictReader(fh, delimiter="\t")}

    def provenance(self, local_path: str, note: str | None = None) -> Provenance:
        row = self.rows.get(local_path)
        if row is None:
            raise BuildError(f"{local_path} is not in MANIFEST.tsv")
        repo = row["source_repo"]
        return Provenance(
            source_file=local_path,
            repository=repo,
            commit=row["source_commit"],
            licence=LICENCES[repo],
            note=note,
        )

    def inputs(self) -> list[dict[str, str]]:
        return [
            {k: row[k] for k in ("local_path", "sha256", "source_repo", "source_commit")} for row in self.rows.values()
        ]


def curated(name: str, checked_against: str | None = None) -> Provenance:
    return Provenance(
        source_file=f"tools/curated/{name}",
        repository="rightscope",
        licence=LICENCES["rightscope"],
        note=checked_against,
    )


def load_yaml(name: str) -> Any:
    return yaml.safe_load((CURATED / name).read_text(encoding="utf-8"))


def parse_source(data: Path, kind: str, path: str, part: str | None) -> ParsedInstrument:
    full = data / path
    if kind == "open-treaties":
        return parse_open_treaty(full)
    if kind == "nl":
        return parse_nl_markdown(full, part=part)
    if kind == "eu-charter":
        return parse_eu_charter(full)
    if kind == "unhrd":
        return parse_unhrd_treaty(full)
    raise BuildError(f"unknown source kind {kind}")


def provision_record(instrument_id: str, article: Article, provenance: Provenance, notes: list[str]) -> dict[str, Any]:
    return {
        "id": f"{instrument_id}:{article.number}",
        "instrument": instrument_id,
        "article": article.number,
        "title": article.title,
        "text_available": True,
        "paragraphs": [{"num": p.num, "text": p.text} for p in article.paragraphs],
        "notes": notes,
        "provenance": provenance.model_dump(mode="json"),
    }


def apply_corrections(record: dict[str, Any]) -> dict[str, Any]:
    """Repair the known defects of one provision's text and say so on the record."""
    for old, new in CORRECTIONS.get(record["id"], []):
        hits = [p for p in record["paragraphs"] if old in p["text"]]
        if not hits:
            raise BuildError(f"correction for {record['id']} no longer matches the source: {old!r}")
        for p in hits:
            p["text"] = p["text"].replace(old, new)
        record["notes"] = [*record["notes"], f"Source defect corrected by Rightscope: {old!r} -> {new!r}."]
    return record


def article_notes(instrument_id: str, number: str) -> list[str]:
    if instrument_id == "echr" and number in ECHR_PROTOCOL_15:
        return [PROTOCOL_15_NOTE + ECHR_PROTOCOL_15[number]]
    return []


def add_citations(provisions: list[dict[str, Any]]) -> None:
    """Give every provision the citation a lawyer pastes ("ICCPR art. 17"), from instruments.yaml's names."""
    names = {e["id"]: e.get("cite_as", e["short_title"]) for e in load_yaml("instruments.yaml")}
    for record in provisions:
        if record["instrument"] not in names:
            raise BuildError(f"provision {record['id']} belongs to an instrument without metadata")
        record["citation"] = provision_citation(names[record["instrument"]], record["article"])


def build_udhr(data: Path, manifest: Manifest) -> list[dict[str, Any]]:
    """UDHR articles in English with the other five UN languages as translations."""
    parsed = {lang: parse_udhr(data / f"udhr/udhr_{key}.xml") for lang, key in UDHR_LANGUAGES.items()}
    records = []
    english = parsed["en"]
    for index, article in enumerate(english.articles):
        record = provision_record("udhr", article, manifest.provenance("udhr/udhr_eng.xml"), [])
        record["title"] = None  # the source's "Article N" headings are not titles
        record["translations"] = {
            lang: [{"num": p.num, "text": p.text} for p in parsed[lang].articles[index].paragraphs]
            for lang in UDHR_LANGUAGES
            if lang != "en"
        }
        for lang in UDHR_LANGUAGES:
            if parsed[lang].articles[index].number != article.number:
                raise BuildError(f"UDHR {lang} article order differs at {article.number}")
        records.append(record)
    return records


def build_provisions(data: Path, manifest: Manifest) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Core provisions and the non-commercial ones (texts under CC BY-NC-SA)."""
    core = build_udhr(data, manifest)
    noncommercial: list[dict[str, Any]] = []
    for instrument_id, (kind, path, part) in TEXT_SOURCES.items():
        parsed = parse_source(data, kind, path, part)
        if kind == "eu-charter":
            files = sorted(p for p in manifest.rows if p.startswith("treaties/eu-charter/"))
            provenance = manifest.provenance(files[0], note="Parsed from " + ", ".join(Path(f).name for f in files))
        else:
            provenance = manifest.provenance(path)
        records = [
            apply_corrections(provision_record(instrument_id, a, provenance, article_notes(instrument_id, a.number)))
            for a in parsed.articles
        ]
        if provenance.repository in NONCOMMERCIAL_REPOS:
            noncommercial.extend(records)
            # The core keeps every article (numbers are facts) without the text.
            for record in records:
                core.append(
                    {
                        **record,
                        "paragraphs": [],
                        "title": None,
                        "text_available": False,
                        "notes": ["Text in the optional non-commercial data set (rightscope-data-nc)."],
                    }
                )
        else:
            core.extend(records)
    regional = load_yaml("regional_articles.yaml")
    for instrument_id in ("achpr", "achr"):
        block = regional[instrument_id]
        for article in block["articles"]:
            # An unverified subject line is not shown to users.
            subject = None if article.get("verified", True) is False else article["subject"]
            core.append(
                {
                    "id": f"{instrument_id}:{article['number']}",
                    "instrument": instrument_id,
                    "article": str(article["number"]),
                    "subject": subject,
                    "part": article.get("part"),
                    "text_available": False,
                    "notes": ["No machine-readable text source was found; see the official URL."],
                    "provenance": curated(
                        "regional_articles.yaml", "Article subjects written by Rightscope"
                    ).model_dump(mode="json"),
                }
            )
    return core, noncommercial


def build_instruments(
    provisions: list[dict[str, Any]], noncommercial: list[dict[str, Any]], manifest: Manifest
) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    text: dict[str, bool] = {}
    sources: dict[str, list[Provenance]] = {}
    for record in provisions:
        if record["article"] == "part-i":
            continue
        counts[record["instrument"]] = counts.get(record["instrument"], 0) + 1
        text[record["instrument"]] = record["text_available"]
        prov = Provenance.model_validate(record["provenance"])
        sources.setdefault(record["instrument"], [])
        if prov not in sources[record["instrument"]]:
            sources[record["instrument"]].append(prov)
    for record in noncommercial:
        prov = Provenance.model_validate(record["provenance"])
        if prov not in sources[record["instrument"]]:
            sources[record["instrument"]].append(prov)
    records = []
    for entry in load_yaml("instruments.yaml"):
        instrument_id = entry["id"]
        if instrument_id not in counts:
            raise BuildError(f"instrument {instrument_id} has no provisions")
        fields = {k: v for k, v in entry.items() if k in Instrument.model_fields}
        fields.setdefault("cite_as", entry["short_title"])
        notes = list(entry.get("notes", []))
        if instrument_id == "echr":
            notes.append(
                "English text from the Dutch treaty database as amended up to Protocol No. 14; the amendments of "
                "Protocol No. 15 (in force 1 August 2021) are flagged on the articles they changed."
            )
        if instrument_id == "coe108":
            notes.append("Original 1981 text; the modernised Convention 108+ (CETS No. 223) is not included.")
        verification = entry.get("verification")
        instrument = {
            **fields,
            "text_available": text[instrument_id],
            "languages": (sorted(UDHR_LANGUAGES) if instrument_id == "udhr" else ["en"]) if text[instrument_id] else [],
            "article_count": counts[instrument_id],
            "notes": notes,
            "provenance": [p.model_dump(mode="json") for p in sources[instrument_id]]
            + [curated("instruments.yaml", verification).model_dump(mode="json")],
        }
        records.append(Instrument.model_validate(instrument).model_dump(mode="json"))
    missing = set(counts) - {r["id"] for r in records}
    if missing:
        raise BuildError(f"instruments without metadata: {sorted(missing)}")
    return records


def check_refs(owner: str, refs: Iterable[str], known: set[str]) -> None:
    dangling = [r for r in refs if r not in known]
    if dangling:
        raise BuildError(f"{owner} points to provisions that do not exist: {dangling}")


def build_rights(provision_ids: set[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rights = []
    for entry in load_yaml("rights.yaml"):
        refs = list(entry["provisions"]) + [p for g in entry.get("groups", []) for p in g["provisions"]]
        refs += [f"udhr:{a}" for a in entry["udhr"]]
        check_refs(f"right {entry['id']}", refs, provision_ids)
        record = {**entry, "udhr": [str(a) for a in entry["udhr"]], "provenance": curated("rights.yaml")}
        rights.append(Right.model_validate(record).model_dump(mode="json"))
    known_rights = {r["id"] for r in rights}
    for r in rights:
        unknown = [x for x in r["related"] if x not in known_rights]
        if unknown:
            raise BuildError(f"right {r['id']} relates to unknown rights {unknown}")
    groups = []
    for entry in load_yaml("groups.yaml"):
        check_refs(f"group {entry['id']}", entry.get("provisions", []), provision_ids)
        groups.append(Group.model_validate({**entry, "provenance": curated("groups.yaml")}).model_dump(mode="json"))
    known_groups = {g["id"] for g in groups}
    for r in rights:
        for g in r["groups"]:
            if g["group"] not in known_groups:
                raise BuildError(f"right {r['id']} names unknown group {g['group']}")
    return rights, groups


def build_guidance(
    data: Path, manifest: Manifest, provision_ids: set[str], right_ids: set[str]
) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    folder = data / "guidance" / "treaty-body-general-comments"
    comments = parse_general_comments(folder)
    mapping = load_yaml("guidance_rights.yaml")
    curated_docs = load_yaml("guidance.yaml")
    by_file = {d["gc_file"]: d for d in curated_docs if d.get("gc_file")}
    records: list[dict[str, Any]] = []
    paragraphs: dict[str, list[dict[str, Any]]] = {}
    info_prov = manifest.provenance(
        "guidance/treaty-body-general-comments/GC-info.json", note="Bibliographic metadata (symbol, title, date, link)"
    )
    base_ids = {gc.id for gc in comments}
    for gc in comments:
        if gc.id.endswith("-rev") and gc.id.removesuffix("-rev") not in base_ids:
            # Only the revised version is in the data: cite it by its plain number.
            gc.id = gc.id.removesuffix("-rev")
        curated_rights = mapping.get(gc.file)
        if curated_rights is None:
            raise BuildError(f"guidance_rights.yaml has no entry for {gc.file}")
        tech_doc = by_file.get(gc.file, {})
        record: dict[str, Any] = {
            "id": gc.id,
            "symbol": gc.symbol,
            "citation": document_citation(gc.id, gc.symbol, gc.title),
            "title": gc.title,
            "short_title": None,  # the upstream short titles are part of its CC BY-NC-SA curation
            "body": " and ".join(COMMITTEES[c.upper()] for c in gc.committees),
            "doc_type": "general-recommendation" if "-gr-" in gc.id else "general-comment",
            # GC-info's "Adoption Date" is sometimes the issue date; the verified records say which.
            "date": tech_doc.get("date", gc.adopted),
            "date_kind": tech_doc.get("date_kind", "adopted-or-issued"),
            "url": tech_doc.get("url") or gc.url,
            "tech": bool(curated_rights.get("tech")) or bool(tech_doc),
            "procedural": bool(curated_rights.get("procedural")),
            "rights": sorted(set(curated_rights.get("rights") or []) | set(tech_doc.get("rights") or [])),
            "articles": curated_rights.get("articles") or [],
            "key_paragraphs": tech_doc.get("key_paragraphs") or [],
            "tech_paragraphs": [str(p) for p in curated_rights.get("tech_paragraphs") or []],
            "verified": True,
            "verification": tech_doc.get("verification")
            or "Bibliographic metadata from the treaty-body general comments dataset (GC-info.json).",
            "provenance": [info_prov, curated("guidance_rights.yaml")]
            + ([curated("guidance.yaml", tech_doc.get("verification"))] if tech_doc else []),
        }
        issue = curated_rights.get("data_issue")
        if issue:
            # The source file holds another document's text: cite the document, serve none of that text.
            record.update(
                rights=[], articles=[], tech=bool(tech_doc), tech_paragraphs=[], notes=[f"Source defect: {issue}"]
            )
        else:
            paragraphs[gc.id] = [
                {"num": num, "citation": guidance_citation(record["citation"], num), "text": text, "labels": labels}
                for num, text, labels in gc.paragraphs
            ]
        records.append(record)
    for doc in curated_docs:
        if doc.get("gc_file"):
            if doc["gc_file"] not in {gc.file for gc in comments}:
                raise BuildError(f"guidance.yaml names unknown file {doc['gc_file']}")
            continue
        fields = {k: v for k, v in doc.items() if k in Guidance.model_fields}
        fields["citation"] = doc.get("symbol") or doc.get("short_title") or doc["title"]
        records.append({**fields, "provenance": [curated("guidance.yaml", doc.get("verification"))]})
    for record in records:
        # Unverified paragraph summaries stay in tools/curated until checked; they are never shipped.
        record["key_paragraphs"] = [k for k in record.get("key_paragraphs") or [] if k.get("verified", True)]
    validated = []
    for record in records:
        item = Guidance.model_validate(record)
        check_refs(f"guidance {item.id}", item.articles, provision_ids)
        unknown = [r for r in item.rights if r not in right_ids]
        if unknown:
            raise BuildError(f"guidance {item.id} names unknown rights {unknown}")
        known_paragraphs = {p["num"] for p in paragraphs.get(item.id, [])}
        if known_paragraphs:
            missing = [p for p in item.tech_paragraphs if p not in known_paragraphs]
            if missing:
                raise BuildError(f"guidance {item.id} points to missing paragraphs {missing}")
        validated.append(item.model_dump(mode="json"))
    for items in paragraphs.values():
        for p in items:
            GuidanceParagraph.model_validate(p)
    ids = [r["id"] for r in validated]
    if len(ids) != len(set(ids)):
        raise BuildError("duplicate guidance ids")
    return validated, paragraphs


def build_harm_patterns(
    right_ids: set[str], guidance: list[dict[str, Any]], paragraphs: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """The technology-harm taxonomy, with every right, guidance document and paragraph checked."""
    guidance_ids = {g["id"] for g in guidance}
    records = []
    for entry in load_yaml("harm_patterns.yaml"):
        pattern = HarmPattern.model_validate({**entry, "provenance": curated("harm_patterns.yaml")})
        unknown = [r.right for r in pattern.rights if r.right not in right_ids]
        if unknown:
            raise BuildError(f"harm pattern {pattern.id} names unknown rights {unknown}")
        for ref in pattern.guidance:
            if ref.id not in guidance_ids:
                raise BuildError(f"harm pattern {pattern.id} cites unknown guidance {ref.id}")
            known = {p["num"] for p in paragraphs.get(ref.id, [])}
            missing = [n for n in ref.paragraphs if n not in known]
            if missing:
                raise BuildError(f"harm pattern {pattern.id} cites missing paragraphs {ref.id} {missing}")
        records.append(pattern.model_dump(mode="json"))
    if len({r["id"] for r in records}) != len(records):
        raise BuildError("duplicate harm pattern ids")
    return records


def article_numbers(path: Path) -> set[str]:
    return {str(a["article"]) for a in json.loads(path.read_text(encoding="utf-8"))}


def build_assessment_library(
    data: Path, right_ids: set[str], group_ids: set[str], pattern_ids: set[str]
) -> dict[str, Any]:
    """Mitigations, KPIs and sector templates, with every reference checked against its source."""
    from rightscope.assess.library import Kpi, Mitigation, Sector

    frameworks = data / "ai_frameworks"
    ai_act = article_numbers(frameworks / "eu-ai-act/ai-act-articles.json")
    gdpr = article_numbers(frameworks / "eu-gdpr/gdpr-articles.json")
    nist_rows = json.loads((frameworks / "nist-ai-rmf/ai-rmf-1.0-subcategories.json").read_text("utf-8"))
    nist = {row["subcategory_id"] for row in nist_rows}
    kpis = [Kpi.model_validate(k) for k in load_yaml("kpis.yaml")]
    kpi_ids = {k.id for k in kpis}
    mitigations = [Mitigation.model_validate(m) for m in load_yaml("mitigations.yaml")]
    for m in mitigations:
        problems = [f"right {r}" for r in m.rights if r not in right_ids]
        problems += [f"AI Act art. {a}" for a in m.eu_ai_act if a not in ai_act]
        problems += [f"GDPR art. {a}" for a in m.gdpr if a not in gdpr]
        problems += [f"NIST {n}" for n in m.nist_ai_rmf if n not in nist]
        problems += [f"KPI {k}" for k in m.kpis if k not in kpi_ids]
        if problems:
            raise BuildError(f"mitigation {m.id} refers to unknown {', '.join(problems)}")
    for k in kpis:
        if unknown := [r for r in k.rights if r not in right_ids]:
            raise BuildError(f"KPI {k.id} names unknown rights {unknown}")
    mitigation_ids = {m.id for m in mitigations}
    sectors = []
    for path in sorted((CURATED / "sectors").glob("*.yaml")):
        sector = Sector.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        problems = [f"group {g}" for g in sector.vulnerable_groups if g not in group_ids]
        problems += [f"KPI {k}" for k in sector.kpis if k not in kpi_ids]
        for risk in sector.risks:
            problems += [f"right {risk.right}"] if risk.right not in right_ids else []
            problems += (
                [f"pattern {risk.harm_pattern}"] if risk.harm_pattern and risk.harm_pattern not in pattern_ids else []
            )
            problems += [f"mitigation {m}" for m in risk.mitigations if m not in mitigation_ids]
            problems += [f"group {g}" for g in risk.affected_groups if g not in group_ids]
        if problems:
            raise BuildError(f"sector {sector.id} refers to unknown {', '.join(problems)}")
        sectors.append(sector)
    for name, items in (("mitigations", mitigations), ("KPIs", kpis), ("sectors", sectors)):
        if len({i.id for i in items}) != len(items):
            raise BuildError(f"duplicate ids among {name}")
    return {
        "schema": "rightscope/assessment-library/v1",
        "provenance": curated("mitigations.yaml, kpis.yaml, sectors/").model_dump(mode="json"),
        "mitigations": [m.model_dump(mode="json") for m in mitigations],
        "kpis": [k.model_dump(mode="json") for k in kpis],
        "sectors": [s.model_dump(mode="json") for s in sectors],
    }


def link_rights(provisions: list[dict[str, Any]], rights: list[dict[str, Any]], guidance: list[dict[str, Any]]) -> None:
    """Reverse indexes: the rights each provision protects, the guidance addressing each right."""
    by_provision: dict[str, list[str]] = {}
    for r in rights:
        for ref in r["provisions"] + [f"udhr:{a}" for a in r["udhr"]]:
            by_provision.setdefault(ref, [])
            if r["id"] not in by_provision[ref]:
                by_provision[ref].append(r["id"])
    for p in provisions:
        p["rights"] = by_provision.get(p["id"], [])
    for r in rights:
        r["guidance"] = [g["id"] for g in guidance if r["id"] in g["rights"] and g["verified"]]


def core_ids(records: list[dict[str, Any]]) -> list[str]:
    return [r["id"] for r in records]


def build_jurisdictions(data: Path, manifest: Manifest, instrument_ids: set[str]) -> dict[str, Any]:
    """Treaty status and memberships per country, each table with its source and date."""
    folder = data / "ratification" / "world-politics-datalab"
    status = jurisdictions.ratification(folder)
    unknown = set(status) - instrument_ids
    if unknown:
        raise BuildError(f"ratification data for unknown instruments {sorted(unknown)}")
    un_source = {
        "key": "un-ratification",
        "title": "UN Treaty Collection status of the core human rights treaties",
        "as_of": jurisdictions.RATIFICATION_AS_OF,
        "as_of_note": jurisdictions.RATIFICATION_AS_OF_NOTE,
        "source": "https://treaties.un.org",
        "method": "Copied from the world-politics-datalab CSV snapshot (party, signatory or no action; year).",
        "complete": True,
        "provenance": manifest.provenance("ratification/world-politics-datalab/README.md").model_dump(mode="json"),
    }
    update_sources, changes = jurisdictions.apply_ratification_updates(status, CURATED)
    for source in update_sources.values():
        source["provenance"] = curated("ratification_updates.yaml", source["source"]).model_dump(mode="json")
    un_source["complete_note"] = (
        "No current, complete status source could be obtained: statuses are the mid-2022 snapshot except "
        f"{len(changes)} read from the UN Treaty Collection's own pages, each dated (see 'changes')."
    )
    curated_status, sources = jurisdictions.curated_status(CURATED)
    for key, source in sources.items():
        source["provenance"] = curated(
            {
                "coe": "memberships.yaml",
                "eu": "memberships.yaml",
                "au": "memberships.yaml",
                "oas": "memberships.yaml",
                "cat-art22": "complaint_declarations.yaml",
                "icerd-art14": "complaint_declarations.yaml",
            }.get(key, "regional_treaties.yaml")
        ).model_dump(mode="json")
    sources = {"un-ratification": un_source, **update_sources, **sources}
    tables = {key: {"source": "un-ratification", "rows": rows} for key, rows in status.items()}
    tables.update(
        {key: {"source": key if key in sources else "", "rows": rows} for key, rows in curated_status.items()}
    )
    for key, table in tables.items():
        if not table["source"]:
            raise BuildError(f"status table {key} has no source")
    return {"schema": "rightscope/jurisdictions/v1", "sources": sources, "status": tables, "changes": changes}


def dumps(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def json_schemas() -> dict[str, Any]:
    """The published JSON Schema of each data file, generated from the pydantic models."""
    models: dict[str, type[BaseModel]] = {
        "instruments": Instrument,
        "provisions": Provision,
        "rights": Right,
        "groups": Group,
        "guidance": Guidance,
        "harm_patterns": HarmPattern,
    }
    schemas = {}
    for name, model in models.items():
        schema = TypeAdapter(list[model]).json_schema()  # type: ignore[valid-type]
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://rightscope.invalid/schemas/{name}.schema.json"
        schema["title"] = f"Rightscope knowledge base: {name}.json"
        schemas[f"{name}.schema.json"] = schema
    return schemas


def assessment_json_schema() -> dict[str, Any]:
    """The published JSON Schema of assessment files, for editors to validate and autocomplete."""
    from rightscope.assess.schema import Assessment

    schema = Assessment.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://rightscope.invalid/schemas/assessment-v1.schema.json"
    return schema


def build(data: Path) -> dict[Path, str]:
    """Every output file and its content."""
    manifest = Manifest(data)
    provisions, noncommercial = build_provisions(data, manifest)
    add_citations(provisions + noncommercial)
    provision_records = [Provision.model_validate(p).model_dump(mode="json") for p in provisions]
    nc_records = [Provision.model_validate(p).model_dump(mode="json") for p in noncommercial]
    ids = [p["id"] for p in provision_records]
    if len(ids) != len(set(ids)):
        raise BuildError("duplicate provision ids: " + str(sorted({i for i in ids if ids.count(i) > 1})))
    provision_ids = set(ids)
    instruments = build_instruments(provision_records, nc_records, manifest)
    rights, groups = build_rights(provision_ids)
    guidance, paragraphs = build_guidance(data, manifest, provision_ids, {r["id"] for r in rights})
    link_rights(provision_records, rights, guidance)
    patterns = build_harm_patterns({r["id"] for r in rights}, guidance, paragraphs)
    core = {
        "instruments.json": instruments,
        "provisions.json": provision_records,
        "rights.json": rights,
        "groups.json": groups,
        "guidance.json": guidance,
        "harm_patterns.json": patterns,
    }
    outputs = {CORE_OUT / name: dumps(payload) for name, payload in core.items()}
    outputs[CORE_OUT / "manifest.json"] = dumps(
        {
            "schema": "rightscope/kb-manifest/v1",
            "built_by": "tools/build_kb.py",
            "counts": {name: len(payload) for name, payload in core.items()},
            "noncommercial_counts": {"provisions.json": len(nc_records), "guidance_paragraphs.json": len(paragraphs)},
            "outputs_sha256": {
                name: hashlib.sha256(outputs[CORE_OUT / name].encode("utf-8")).hexdigest() for name in core
            },
            "inputs": manifest.inputs(),
        }
    )
    outputs[CORE_OUT / "countries.json"] = dumps(
        jurisdictions.countries(
            data / "countries/mledoze-countries/countries.json",
            manifest.provenance("countries/mledoze-countries/countries.json").model_dump(mode="json"),
        )
    )
    outputs[ASSESS_OUT / "library.json"] = dumps(
        build_assessment_library(
            data, {r["id"] for r in rights}, {g["id"] for g in groups}, {p["id"] for p in patterns}
        )
    )
    outputs[CORE_OUT / "crosswalk.json"] = dumps(build_crosswalk(CURATED, data, {r["id"] for r in rights}))
    outputs[CORE_OUT / "jurisdictions.json"] = dumps(build_jurisdictions(data, manifest, set(core_ids(instruments))))
    for name, schema in json_schemas().items():
        outputs[SCHEMA_OUT / name] = dumps(schema)
    assessment_schema = dumps(assessment_json_schema())
    outputs[REPO / "src" / "rightscope" / "assess" / "assessment.schema.json"] = assessment_schema
    outputs[REPO / "docs" / "assessment.schema.json"] = assessment_schema
    outputs[NC_OUT / "provisions.json"] = dumps(nc_records)
    outputs[NC_OUT / "guidance_paragraphs.json"] = dumps(paragraphs)
    return outputs


def print_status_changes(jurisdiction_data: dict[str, Any]) -> None:
    """The build log's diff of treaty status against the 2022 UN snapshot, and what stays dated 2022."""
    changes = jurisdiction_data["changes"]
    sources = jurisdiction_data["sources"]
    print(f"treaty status: {len(changes)} change(s) against the UN snapshot of {sources['un-ratification']['as_of']}:")
    for c in changes:
        before = c["before"] + (f" ({c['before_year']})" if c.get("before_year") else "")
        source = sources[c["source"]]
        print(f"  {c['instrument']} {c['country']}: {before} -> {c['after']} since {c['since']} ({source['source']})")
    for source in sources.values():
        if source["key"].startswith("un-status-") and not source["complete"]:
            print(f"  note: {source['key']}: {source['complete_note']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[1])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data", help="the source snapshots")
    parser.add_argument("--check", action="store_true", help="compare with the committed output; write nothing")
    args = parser.parse_args(argv)
    data: Path = args.data.resolve()
    if not (data / "MANIFEST.tsv").exists():
        print(f"error: no MANIFEST.tsv in {data}; pass --data PATH to the source snapshots", file=sys.stderr)
        return 2
    try:
        outputs = build(data)
    except (BuildError, CrosswalkError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.check:
        stale = [
            str(p.relative_to(REPO)) for p, text in outputs.items() if not p.exists() or p.read_text("utf-8") != text
        ]
        if stale:
            print("out of date (run make kb): " + ", ".join(stale), file=sys.stderr)
            return 1
        print("knowledge base is up to date")
        return 0
    for path, text in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    counts = json.loads(outputs[CORE_OUT / "manifest.json"])
    print(f"knowledge base written: {counts['counts']}; non-commercial set: {counts['noncommercial_counts']}")
    print_status_changes(json.loads(outputs[CORE_OUT / "jurisdictions.json"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
