"""Every packaged data file validates against its published JSON Schema, and the build is reproducible."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from rightscope.law.models import Group, Guidance, HarmPattern, Instrument, Provision, Right

from .conftest import REPO, SHARED_DATA

DATA_FILES = {
    "instruments": Instrument,
    "provisions": Provision,
    "rights": Right,
    "groups": Group,
    "guidance": Guidance,
    "harm_patterns": HarmPattern,
}


def _package_json(folder: str, name: str) -> object:
    return json.loads(resources.files("rightscope.law").joinpath(folder, name).read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_data_file_validates_against_published_schema(name: str) -> None:
    schema = _package_json("schemas", f"{name}.schema.json")
    data = _package_json("data", f"{name}.json")
    jsonschema.Draft202012Validator.check_schema(schema)  # type: ignore[arg-type]
    jsonschema.validate(data, schema)  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "model"), sorted(DATA_FILES.items()))
def test_published_schema_matches_the_model(name: str, model: type) -> None:
    from pydantic import TypeAdapter

    published = _package_json("schemas", f"{name}.schema.json")
    generated = TypeAdapter(list[model]).json_schema()  # type: ignore[valid-type]
    assert isinstance(published, dict)
    assert published["items"] == generated["items"]
    assert published.get("$defs") == generated.get("$defs")


def test_noncommercial_files_validate() -> None:
    nc = resources.files("rightscope_data_nc").joinpath("data")
    provisions = json.loads(nc.joinpath("provisions.json").read_text("utf-8"))
    for record in provisions:
        Provision.model_validate(record)
    paragraphs = json.loads(nc.joinpath("guidance_paragraphs.json").read_text("utf-8"))
    assert isinstance(paragraphs, dict) and paragraphs


def test_manifest_records_every_input_and_output_digest() -> None:
    manifest = _package_json("data", "manifest.json")
    assert isinstance(manifest, dict)
    assert manifest["schema"] == "rightscope/kb-manifest/v1"
    assert all(row["sha256"] and row["source_commit"] for row in manifest["inputs"])
    assert set(manifest["outputs_sha256"]) == {f"{n}.json" for n in DATA_FILES}


@pytest.mark.parametrize("name", ["rights.yaml", "groups.yaml", "instruments.yaml", "guidance.yaml"])
def test_curated_files_are_lists_of_records_with_ids(name: str) -> None:
    records = yaml.safe_load((REPO / "tools" / "curated" / name).read_text("utf-8"))
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))


@pytest.mark.skipif(not (SHARED_DATA / "MANIFEST.tsv").exists(), reason="source snapshots not present")
def test_build_reproduces_the_committed_knowledge_base() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_kb.py"), "--data", str(SHARED_DATA), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@given(st.lists(st.fixed_dictionaries({"num": st.none() | st.text(max_size=5), "text": st.text()}), max_size=5))
def test_provision_model_round_trips_through_json(paragraphs: list[dict[str, object]]) -> None:
    record = {
        "id": "x:1",
        "instrument": "x",
        "article": "1",
        "citation": "X art. 1",
        "text_available": True,
        "paragraphs": paragraphs,
        "provenance": {"source_file": "f", "repository": "r", "licence": "l"},
    }
    provision = Provision.model_validate(record)
    assert Provision.model_validate_json(provision.model_dump_json()) == provision


@given(st.dictionaries(st.sampled_from(["id", "name", "udhr", "provisions", "extra"]), st.text(), max_size=5))
def test_malformed_right_records_are_rejected_not_crashing(record: dict[str, object]) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Right.model_validate(record)
