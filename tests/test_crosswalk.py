"""The crosswalk: every relation points somewhere real, the build checks the curated files, unverified is hidden."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from rightscope import law
from rightscope.assess.library import load_library
from rightscope.cli import app
from rightscope.errors import UnknownIdError
from rightscope.law import crosswalk as cw
from tools.kb.crosswalk import CrosswalkError, build_crosswalk

from .conftest import REPO, SHARED_DATA

CURATED = REPO / "tools" / "curated"
needs_sources = pytest.mark.skipif(not (SHARED_DATA / "MANIFEST.tsv").exists(), reason="source snapshots not present")
runner = CliRunner()


def test_every_relation_has_a_real_source_and_target() -> None:
    rights = set(law.load().rights)
    mitigations = set(load_library().mitigations)
    data = cw.load()
    assert len(data.frameworks) == 10
    for relation in data.relations:
        kind, _, value = relation.source.partition(":")
        assert value in (rights if kind == "right" else mitigations), relation.source
        item = cw.item(relation.target)  # raises if the target does not exist
        assert relation.relation in cw.RELATION_TYPES
        assert not (relation.verified and not item.verified), relation.target
    pairs = [(r.source, r.target) for r in data.relations]
    assert len(pairs) == len(set(pairs))


def test_the_library_and_the_crosswalk_know_the_same_mitigations() -> None:
    assert {m.id for m in cw.load().mitigations} == set(load_library().mitigations)


def test_right_to_a_framework() -> None:
    relations = cw.crosswalk("right:privacy", to="eu-ai-act")
    assert relations
    assert all(r.framework == "eu-ai-act" and r.source == "right:privacy" for r in relations)
    assert {r.target for r in cw.crosswalk("privacy", to="gdpr")} >= {"gdpr:art-35"}
    assert cw.crosswalk("right:privacy", to="nist") == cw.crosswalk("right:privacy", to="nist-ai-rmf")


def test_mitigation_maps_through_its_library_references() -> None:
    mitigation = load_library().mitigation("human-review-of-adverse-decisions")
    relations = cw.crosswalk("mitigation:human-review-of-adverse-decisions")
    expected = (
        {f"eu-ai-act:art-{a}" for a in mitigation.eu_ai_act}
        | {f"nist-ai-rmf:{n}" for n in mitigation.nist_ai_rmf}
        | {f"gdpr:art-{g}" for g in mitigation.gdpr}
    )
    assert {r.target for r in relations} == expected
    assert {r.relation for r in relations} == {"intersects"}
    assert {r.rationale for r in relations} == {mitigation.rationale}
    art_3 = cw.item("eu-ai-act:art-3")  # not listed in frameworks.yaml: added with its official title
    assert art_3.title == "Definitions" and art_3.title_official


def test_unverified_items_and_relations_are_hidden_unless_asked() -> None:
    assert not cw.item("coe-cets-225:art-18").verified
    shown = {r.target for r in cw.crosswalk("right:rights-of-the-child")}
    everything = {r.target for r in cw.crosswalk("right:rights-of-the-child", include_unverified=True)}
    assert "coe-cets-225:art-18" in everything - shown


@pytest.mark.parametrize(
    ("source", "to", "suggestion"),
    [
        ("right:privcy", None, "privacy"),
        ("mitigation:human-review", None, "human-review-of-adverse-decisions"),
        ("rigth:privacy", None, "right"),
        ("right:privacy", "eu-ai-akt", "eu-ai-act"),
    ],
)
def test_unknown_ids_raise_with_suggestions(source: str, to: str | None, suggestion: str) -> None:
    with pytest.raises(UnknownIdError) as info:
        cw.crosswalk(source, to)
    assert suggestion in info.value.suggestions


def test_cli_table_json_and_errors() -> None:
    result = runner.invoke(app, ["crosswalk", "right:privacy", "--to", "eu-ai-act", "--format", "json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["source"] == "right:privacy" and payload["to"] == "eu-ai-act"
    assert payload["relations"] and all(r["framework"] == "eu-ai-act" for r in payload["relations"])
    assert {"ref", "title", "relation", "rationale", "verified"} <= set(payload["relations"][0])
    result = runner.invoke(app, ["crosswalk", "mitigation:human-review-of-adverse-decisions"])
    assert result.exit_code == 0 and "Human oversight" in result.stdout
    result = runner.invoke(app, ["crosswalk", "right:rights-of-the-child", "--format", "json"])
    assert "coe-cets-225:art-18" not in result.stdout
    result = runner.invoke(app, ["crosswalk", "right:rights-of-the-child", "--include-unverified", "--format", "json"])
    assert "coe-cets-225:art-18" in result.stdout
    for args, expected in (
        (["crosswalk", "right:privcy"], "did you mean 'privacy'"),
        (["crosswalk", "right:privacy", "--to", "nist-rmf"], "did you mean 'nist-ai-rmf'"),
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2
        assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1


@needs_sources
def test_build_reproduces_the_packaged_crosswalk() -> None:
    built = build_crosswalk(CURATED, SHARED_DATA, set(law.load().rights))
    packaged = json.loads((REPO / "src" / "rightscope" / "law" / "data" / "crosswalk.json").read_text("utf-8"))
    assert built == packaged


@needs_sources
def test_build_reports_every_problem(tmp_path: Path) -> None:
    for name in ("frameworks.yaml", "crosswalk.yaml", "mitigations.yaml"):
        shutil.copy(CURATED / name, tmp_path / name)
    frameworks = yaml.safe_load((tmp_path / "frameworks.yaml").read_text("utf-8"))
    frameworks["eu-ai-act"]["items"].append({"id": "art-999", "ref": "Art. 999", "title": "Nothing", "verified": True})
    frameworks["gdpr"]["items"][0]["title"] = "Not the official title"
    (tmp_path / "frameworks.yaml").write_text(yaml.safe_dump(frameworks), encoding="utf-8")
    relations = yaml.safe_load((tmp_path / "crosswalk.yaml").read_text("utf-8"))
    relations += [
        {"from": source, "to": target, "relation": kind, "rationale": "x", "verified": True}
        for source, target, kind in (
            ("right:privacy", "iso-42001:A.99.1", "intersects"),
            ("right:privacy", "gdpr:art-35", "overlaps"),
            ("right:nothing", "eu-ai-act:art-5", "subset"),
            ("right:privacy", "coe-cets-225:art-18", "subset"),
        )
    ]
    (tmp_path / "crosswalk.yaml").write_text(yaml.safe_dump(relations), encoding="utf-8")
    with pytest.raises(CrosswalkError) as info:
        build_crosswalk(tmp_path, SHARED_DATA, set(law.load().rights))
    problems = "\n".join(info.value.problems)
    assert "eu-ai-act:art-999: no such article" in problems
    assert "is not the official 'Principles relating to processing of personal data'" in problems
    assert "iso-42001:A.99.1: target is not an item" in problems
    assert "relation 'overlaps' is not one of" in problems
    assert "duplicate relation" in problems
    assert "right:nothing -> eu-ai-act:art-5: source is not a known right" in problems
    assert "marked verified although its target item is not" in problems
