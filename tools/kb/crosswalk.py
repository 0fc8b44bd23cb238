"""Build the crosswalk package data from ``tools/curated/frameworks.yaml``, ``crosswalk.yaml`` and ``mitigations.yaml``.

Checks, with every problem reported at once:

- each framework has a name, a source, a verification note and items with unique ids;
- EU AI Act and GDPR items are articles (or AI Act annexes) that exist in the local texts in
  ``ai_frameworks/``, with exactly the official ``article_name`` as title; OECD titles are the 2019
  headings of the local text; NIST AI RMF and AI 600-1 ids exist verbatim; ISO/IEC 42001, UNGP, G7,
  UNESCO and CETS 225 ids are well formed and in range;
- every relation comes from a known right, goes to a listed item, has one of the four relation types,
  is not a duplicate, and is not marked verified while its item is not;
- every mitigation's ``eu_ai_act``, ``gdpr`` and ``nist_ai_rmf`` reference exists; the items they name
  that ``frameworks.yaml`` does not list are added with their official title from the local text.

Unverified items and relations are kept, flagged ``verified: false``; the package never shows them
unless asked. Returns the content of ``src/rightscope/law/data/crosswalk.json``.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import yaml

from rightscope.law.crosswalk import RELATION_TYPES, CrosswalkData
from rightscope.law.models import Provenance

FRAMEWORKS_FILE = "frameworks.yaml"
CROSSWALK_FILE = "crosswalk.yaml"
MITIGATIONS_FILE = "mitigations.yaml"
RIGHTSCOPE_LICENCE = "Apache-2.0 (written by Rightscope)"
# Licences of the framework sources as stated in shared/data/SOURCES.md, section 5.
SOURCE_LICENCES = {
    "CloudSecurityAlliance-DataSets/dataset-public-laws-regulations-standards": (
        "CC0-1.0 (repository); EU texts reusable under Commission Decision 2011/833/EU with attribution; "
        "NIST works are US-government public domain"
    ),
    "JonathanBowker/NIST-AI-Risk-Management-Framework": ("No licence file; NIST works are US-government public domain"),
    "CommonAccord/Cmacc-Org": "MIT (CommonAccord markup); text © OECD, headings only are used",
}
# Frameworks whose curated titles are the official headings (checked below); other titles are Rightscope's.
OFFICIAL_TITLES = {"eu-ai-act", "gdpr", "oecd-ai-principles"}
ID_PATTERNS = {
    "iso-42001": (re.compile(r"^A\.\d+(\.\d+)+$"), None),
    "ungps": (re.compile(r"^gp-(\d+)$"), (1, 31)),
    "coe-cets-225": (re.compile(r"^art-(\d+)$"), (1, 36)),
    "g7-hiroshima-code": (re.compile(r"^action-(\d+)$"), (1, 11)),
    "unesco-recommendation": (re.compile(r"^policy-area-(\d+)$"), (1, 11)),
}
OECD_HEADING = re.compile(r"^(\d\.\d)\.Ti=(.*)$")


class CrosswalkError(ValueError):
    """The curated crosswalk refers to something that does not exist, or breaks a convention."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"crosswalk: {len(problems)} problem(s): " + "; ".join(problems))


class _Sources:
    """The local framework texts and their provenance."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        frameworks = data_dir / "ai_frameworks"
        self.ai_act = self._articles(frameworks / "eu-ai-act" / "ai-act-articles.json")
        self.ai_act_annexes = {
            str(a["annex"]): a
            for a in json.loads((frameworks / "eu-ai-act" / "ai-act-annexes.json").read_text("utf-8"))
        }
        self.gdpr = self._articles(frameworks / "eu-gdpr" / "gdpr-articles.json")
        rows = json.loads((frameworks / "nist-ai-rmf" / "ai-rmf-1.0-subcategories.json").read_text("utf-8"))
        self.nist = {r["subcategory_id"]: r for r in rows}
        playbook = json.loads(
            (frameworks / "nist-ai-rmf-playbook" / "nist_ai_rmf_playbook.json").read_text(encoding="utf-8")
        )
        self.playbook = {r["title"]: r for r in playbook}
        actions = json.loads((frameworks / "nist-ai-600-1" / "ai-600-1-1.0-actions.json").read_text("utf-8"))
        self.nist_600_1 = {r["action_id"] for r in actions}
        oecd = frameworks / "oecd-ai-recommendation" / "Recommendations-of-Council-On-AI.commonaccord.md"
        self.oecd = {
            m.group(1): m.group(2).strip()
            for line in oecd.read_text(encoding="utf-8").splitlines()
            if (m := OECD_HEADING.match(line.strip()))
        }
        with (data_dir / "MANIFEST.tsv").open(encoding="utf-8") as fh:
            self.manifest = {row["local_path"]: row for row in csv.DictReader(fh, delimiter="\t")}

    @staticmethod
    def _articles(path: Path) -> dict[str, dict[str, Any]]:
        return {str(a["article"]): a for a in json.loads(path.read_text(encoding="utf-8"))}

    def provenance(self, local_path: str, note: str | None = None) -> Provenance | None:
        row = self.manifest.get(local_path)
        if row is None:
            return None
        repo = row["source_repo"]
        return Provenance(
            source_file=local_path,
            repository=repo,
            commit=row["source_commit"],
            licence=SOURCE_LICENCES.get(repo, "see shared/data/SOURCES.md"),
            note=note,
        )

    def nist_text(self, subcategory: str) -> tuple[str, str]:
        """The subcategory's official wording and where it was read (the playbook where the RMF file is empty)."""
        text = str(self.nist[subcategory]["description"]).strip()
        if text:
            return text, "ai_frameworks/nist-ai-rmf/ai-rmf-1.0-subcategories.json"
        return (
            str(self.playbook[subcategory]["description"]).strip(),
            "ai_frameworks/nist-ai-rmf-playbook/nist_ai_rmf_playbook.json",
        )


def _curated(name: str, note: str | None = None) -> Provenance:
    return Provenance(
        source_file=f"tools/curated/{name}", repository="rightscope", licence=RIGHTSCOPE_LICENCE, note=note
    )


def _check_item(framework_id: str, item: dict[str, Any], sources: _Sources) -> list[str]:
    """Problems with one curated item, checked against the local text where there is one."""
    where = f"{framework_id}:{item.get('id')}"
    problems = [f"{where}: missing {k}" for k in ("id", "ref", "title", "verified") if k not in item]
    if problems:
        return problems
    item_id, title = str(item["id"]), str(item["title"])
    if framework_id in {"eu-ai-act", "gdpr"}:
        if item.get("kind") == "annex" and framework_id == "eu-ai-act":
            annex = sources.ai_act_annexes.get(item_id.removeprefix("annex-").upper())
            if annex is None:
                problems.append(f"{where}: no such annex in ai-act-annexes.json")
            elif not str(annex["content"]).removeprefix(f"ANNEX {annex['annex']} ").startswith(title):
                problems.append(f"{where}: title {title!r} is not the annex heading")
        else:
            articles = sources.ai_act if framework_id == "eu-ai-act" else sources.gdpr
            number = item_id.removeprefix("art-")
            if number not in articles:
                problems.append(f"{where}: no such article in the local text")
            elif str(articles[number]["article_name"]).strip() != title:
                problems.append(f"{where}: title {title!r} is not the official {articles[number]['article_name']!r}")
    elif framework_id == "nist-ai-rmf" and item_id not in sources.nist:
        problems.append(f"{where}: no such subcategory in ai-rmf-1.0-subcategories.json")
    elif framework_id == "nist-ai-600-1" and item_id not in sources.nist_600_1:
        problems.append(f"{where}: no such action in ai-600-1-1.0-actions.json")
    elif framework_id == "oecd-ai-principles" and sources.oecd.get(item_id) != title:
        problems.append(f"{where}: title {title!r} is not the 2019 heading {sources.oecd.get(item_id)!r}")
    elif framework_id in ID_PATTERNS:
        pattern, bounds = ID_PATTERNS[framework_id]
        match = pattern.match(item_id)
        if match is None or (bounds and not bounds[0] <= int(match.group(1)) <= bounds[1]):
            problems.append(f"{where}: malformed or out-of-range id")
    return problems


def _item_record(framework_id: str, item: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "ref", "title", "kind", "verified", "verification", "title_2024")
    record: dict[str, Any] = {k: item[k] for k in keys if k in item}
    record["id"] = str(record["id"])
    record["title_official"] = framework_id in OFFICIAL_TITLES
    if "revision_2024" in item:
        record["revision_2024"] = item["revision_2024"]
    return record


def _source_item(framework_id: str, item_id: str, sources: _Sources) -> dict[str, Any] | None:
    """An item a mitigation cites but frameworks.yaml does not list, with its official title; None if unknown."""
    if framework_id in {"eu-ai-act", "gdpr"}:
        articles = sources.ai_act if framework_id == "eu-ai-act" else sources.gdpr
        number = item_id.removeprefix("art-")
        if number not in articles:
            return None
        file = "ai-act-articles.json" if framework_id == "eu-ai-act" else "gdpr-articles.json"
        # The AI Act source has a stray backtick after one article name ("Subject matter`").
        title = str(articles[number]["article_name"]).strip().rstrip("`").strip()
        read_in = file
    else:
        if item_id not in sources.nist:
            return None
        title, path = sources.nist_text(item_id)
        read_in = Path(path).name
    return {
        "id": item_id,
        "ref": f"Art. {item_id.removeprefix('art-')}" if framework_id in {"eu-ai-act", "gdpr"} else item_id,
        "title": title,
        "title_official": True,
        "verified": True,
        "verification": f"Cited by a mitigation in tools/curated/mitigations.yaml; id and title read in {read_in}.",
    }


def _source_order(framework_id: str, sources: _Sources) -> list[str]:
    """Item ids in the order of the framework's own text."""
    if framework_id == "eu-ai-act":
        return [f"art-{a}" for a in sources.ai_act] + [f"annex-{a.lower()}" for a in sources.ai_act_annexes]
    if framework_id == "gdpr":
        return [f"art-{a}" for a in sources.gdpr]
    return list(sources.nist)


# Which framework each mitigation field points to, and how its values become item ids.
MITIGATION_FIELDS = (
    ("eu_ai_act", "eu-ai-act", "art-{}"),
    ("nist_ai_rmf", "nist-ai-rmf", "{}"),
    ("gdpr", "gdpr", "art-{}"),
)


def build_crosswalk(curated_dir: Path, data_dir: Path, right_ids: set[str]) -> dict[str, Any]:
    """Validate the curated frameworks and crosswalk; return the package data (``crosswalk.json``).

    ``curated_dir`` is ``tools/curated``, ``data_dir`` the source snapshots (``shared/data``) and
    ``right_ids`` the ids of the rights in the knowledge base. Raises :class:`CrosswalkError` listing
    every problem.
    """
    sources = _Sources(data_dir)
    raw_frameworks = yaml.safe_load((curated_dir / FRAMEWORKS_FILE).read_text(encoding="utf-8"))
    raw_relations = yaml.safe_load((curated_dir / CROSSWALK_FILE).read_text(encoding="utf-8"))
    raw_mitigations = yaml.safe_load((curated_dir / MITIGATIONS_FILE).read_text(encoding="utf-8"))
    problems: list[str] = []

    frameworks: dict[str, dict[str, Any]] = {}
    for framework_id, block in raw_frameworks.items():
        problems += [
            f"{framework_id}: missing {k}" for k in ("name", "source", "verification", "items") if k not in block
        ]
        items: dict[str, dict[str, Any]] = {}
        for item in block.get("items") or []:
            item_problems = _check_item(framework_id, item, sources)
            problems += item_problems
            if item_problems:
                continue
            if str(item["id"]) in items:
                problems.append(f"{framework_id}:{item['id']}: listed twice")
            items[str(item["id"])] = _item_record(framework_id, item)
        provenance = [_curated(FRAMEWORKS_FILE, block.get("verification"))]
        for key in ("source", "source_annexes"):
            local = str(block.get(key, ""))
            found = sources.provenance(local, note="Ids and official titles checked against this file")
            if found is not None:
                provenance.append(found)
        frameworks[framework_id] = {
            "id": framework_id,
            **{k: block[k] for k in ("name", "source", "version_note", "verification", "copyright_note") if k in block},
            "items": items,
            "provenance": provenance,
        }

    relations: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for index, raw in enumerate(raw_relations):
        where = f"crosswalk.yaml[{index}] {raw.get('from')} -> {raw.get('to')}"
        missing = [k for k in ("from", "to", "relation", "rationale", "verified") if k not in raw]
        if missing:
            problems.append(f"{where}: missing {', '.join(missing)}")
            continue
        kind, _, right_id = str(raw["from"]).partition(":")
        framework_id, _, item_id = str(raw["to"]).partition(":")
        if kind != "right" or right_id not in right_ids:
            problems.append(f"{where}: source is not a known right (expected right:ID)")
        target = frameworks.get(framework_id, {}).get("items", {}).get(item_id)
        if target is None:
            problems.append(f"{where}: target is not an item of frameworks.yaml")
        elif raw["verified"] and not target["verified"]:
            problems.append(f"{where}: marked verified although its target item is not")
        if raw["relation"] not in RELATION_TYPES:
            problems.append(f"{where}: relation {raw['relation']!r} is not one of {', '.join(RELATION_TYPES)}")
        if (raw["from"], raw["to"]) in seen:
            problems.append(f"{where}: duplicate relation")
        seen.add((raw["from"], raw["to"]))
        relations.append(
            {
                "source": raw["from"],
                "target": raw["to"],
                "relation": raw["relation"],
                "rationale": str(raw["rationale"]).strip(),
                "verified": bool(raw["verified"]),
            }
        )

    added: set[str] = set()
    for m in raw_mitigations:
        for field, framework_id, pattern in MITIGATION_FIELDS:
            for value in m.get(field) or []:
                item_id = pattern.format(value)
                items = frameworks[framework_id]["items"]
                if item_id not in items:
                    record = _source_item(framework_id, item_id, sources)
                    if record is None:
                        problems.append(f"mitigation {m['id']}: {field} {value!r} does not exist in the local text")
                        continue
                    items[item_id] = record
                    added.add(framework_id)
                relations.append(
                    {
                        "source": f"mitigation:{m['id']}",
                        "target": f"{framework_id}:{item_id}",
                        "relation": "intersects",
                        "rationale": str(m.get("rationale") or m["description"]).strip(),
                        "verified": True,
                    }
                )
    if problems:
        raise CrosswalkError(problems)

    for framework_id in added:
        order = {item_id: i for i, item_id in enumerate(_source_order(framework_id, sources))}
        items = frameworks[framework_id]["items"]
        frameworks[framework_id]["items"] = dict(sorted(items.items(), key=lambda kv: order.get(kv[0], len(order))))
        frameworks[framework_id]["provenance"].append(_curated(MITIGATIONS_FILE, "Items cited by mitigations"))
    payload = {
        "schema": "rightscope/crosswalk/v1",
        "frameworks": [{**f, "items": list(f["items"].values())} for f in frameworks.values()],
        "relations": relations,
        "mitigations": [{"id": m["id"], "name": m["name"]} for m in raw_mitigations],
        "provenance": [
            _curated(FRAMEWORKS_FILE),
            _curated(CROSSWALK_FILE),
            _curated(MITIGATIONS_FILE, "eu_ai_act, nist_ai_rmf and gdpr references of each mitigation"),
        ],
    }
    return CrosswalkData.model_validate(payload).model_dump(mode="json", by_alias=True, exclude_none=True)
