"""identify: the contract, evidence, modes, filters and bad input (in reduced mode, so no model is needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rightscope import law
from rightscope.cli import app
from rightscope.identify import EmptyTextError, Identification, Identifier, embeddings_available

runner = CliRunner()
FACIAL = (
    "Police ran live facial recognition on CCTV cameras at a protest, matched faces to a watchlist and kept the images."
)
WELFARE = "A council uses an algorithm to flag welfare recipients as fraud risks; benefits are suspended automatically."
HIRING = (
    "An employer screens CVs with a model trained on past hires; women and older applicants are rejected more often."
)


@pytest.fixture(scope="module")
def reduced() -> Identifier:
    return Identifier(embeddings=False)


def ids(result: Identification) -> list[str]:
    return [r.id for r in result.rights]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FACIAL, {"privacy", "freedom-of-assembly-and-association"}),
        (WELFARE, {"social-security"}),
        (HIRING, {"non-discrimination"}),
    ],
)
def test_ranks_the_rights_a_situation_engages(reduced: Identifier, text: str, expected: set[str]) -> None:
    result = reduced.identify(text)
    assert expected <= set(ids(result))
    assert result.mode == "reduced"
    assert any("reduced mode" in w for w in result.warnings)


def test_findings_follow_the_contract(reduced: Identifier) -> None:
    result = reduced.identify(FACIAL, top=3)
    assert 1 <= len(result.rights) <= 3
    scores = [r.score for r in result.rights]
    assert scores == sorted(scores, reverse=True)
    kb = law.load()
    for finding in result.rights:
        right = kb.rights[finding.id]
        assert finding.udhr == right.udhr
        assert all(f"{p.instrument}:{p.article}" in kb.provisions for p in finding.provisions)
        kinds = {e.kind for e in finding.evidence}
        assert "pattern" in kinds
        for item in finding.evidence:
            if item.kind == "provision":
                assert item.ref in kb.provisions
            if item.kind == "pattern":
                assert item.ref in kb.harm_patterns
            if item.kind == "guidance":
                assert item.ref.split("#")[0] in kb.guidance


def test_instrument_mode_ranks_articles(reduced: Identifier) -> None:
    result = reduced.identify(FACIAL, instrument="echr")
    assert result.instrument == "echr"
    assert "echr:8" in ids(result)
    assert all(r.id.startswith("echr") for r in result.rights)


def test_country_filter_cites_only_binding_law(reduced: Identifier) -> None:
    kenya = reduced.identify(FACIAL, countries=["KE"])
    instruments = {p.instrument for r in kenya.rights for p in r.provisions}
    assert "echr" not in instruments and "eucfr" not in instruments
    assert "achpr" in instruments or "iccpr" in instruments
    germany = reduced.identify(FACIAL, countries=["Germany"])
    assert "echr" in {p.instrument for r in germany.rights for p in r.provisions}


@pytest.mark.parametrize("text", ["", "   ", "!!! ... ???", "12345"])
def test_empty_text_is_a_clear_error(reduced: Identifier, text: str) -> None:
    with pytest.raises(EmptyTextError, match="empty text"):
        reduced.identify(text)


def test_huge_and_non_english_text_get_warnings(reduced: Identifier) -> None:
    huge = reduced.identify(FACIAL * 1000)
    assert any("only the first" in w for w in huge.warnings)
    french = reduced.identify(
        "La police utilise la reconnaissance faciale dans les manifestations et garde les images des personnes."
    )
    assert any("English" in w for w in french.warnings)
    assert french.rights  # still an answer, with its warning


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_an_answer_or_a_clear_error(text: str) -> None:
    identifier = _shared()
    try:
        result = identifier.identify(text)
    except EmptyTextError:
        return
    assert 1 <= len(result.rights) <= 5
    assert all(0 <= r.score <= 1 for r in result.rights)


_IDENTIFIER: list[Identifier] = []


def _shared() -> Identifier:
    if not _IDENTIFIER:
        _IDENTIFIER.append(Identifier(embeddings=False))
    return _IDENTIFIER[0]


def test_top_must_be_positive(reduced: Identifier) -> None:
    with pytest.raises(Exception, match="--top"):
        reduced.identify(FACIAL, top=0)


def test_cli_json_contract_and_stdin() -> None:
    result = runner.invoke(app, ["identify", FACIAL, "--format", "json", "--no-embeddings"])
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    first = payload["rights"][0]
    assert set(first) == {"id", "name", "score", "udhr", "provisions", "evidence"}
    assert {"instrument", "article", "citation"} == set(first["provisions"][0])
    cited = [e for e in first["evidence"] if e["kind"] != "pattern"]
    assert cited and all(e["citation"] for e in cited)
    result = runner.invoke(app, ["identify", "-", "--no-embeddings", "--format", "json"], input=WELFARE)
    assert result.exit_code == 0
    assert "social-security" in [r["id"] for r in json.loads(result.stdout)["rights"]]


def test_cli_table_and_errors() -> None:
    result = runner.invoke(app, ["identify", FACIAL, "--no-embeddings"])
    assert result.exit_code == 0
    assert "privacy" in result.stdout
    for args, message in [
        (["identify", "", "--no-embeddings"], "empty text"),
        (["identify", "--no-embeddings"], "TEXT"),
        (["identify", FACIAL, "--instrument", "echt", "--no-embeddings"], "did you mean"),
        (["identify", FACIAL, "--country", "Atlantis", "--no-embeddings"], "unknown country"),
    ]:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert message in result.stderr
        assert "Traceback" not in result.stdout + result.stderr


def test_batch_mode_keeps_every_row(tmp_path: Path) -> None:
    source = tmp_path / "grievances.csv"
    source.write_text(f'id,complaint\n1,"{FACIAL}"\n2,""\n3,"{WELFARE}"\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["identify", "--batch", str(source), "--text-column", "complaint", "--out", str(out), "--no-embeddings"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["row"] for line in lines] == [1, 2, 3]
    assert lines[1]["error"] == "empty text"
    assert "privacy" in [r["id"] for r in lines[0]["rights"]]


def test_batch_mode_jsonl_and_wrong_column(tmp_path: Path) -> None:
    source = tmp_path / "incidents.jsonl"
    source.write_text(json.dumps({"text": HIRING}) + "\nnot json\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["identify", "--batch", str(source), "--out", str(out), "--no-embeddings"])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert "rights" in lines[0] and "not valid JSON" in lines[1]["error"]
    result = runner.invoke(app, ["identify", "--batch", str(source), "--text-column", "txt", "--out", str(out)])
    assert result.exit_code == 2
    assert "did you mean 'text'" in result.stderr


@pytest.mark.skipif(not embeddings_available(), reason="the embeddings extra is not installed")
def test_full_mode_with_embeddings() -> None:
    result = Identifier(embeddings=True).identify(FACIAL)
    assert result.mode == "full"
    assert "privacy" in ids(result)
    assert not any("reduced mode" in w for w in result.warnings)


def test_batch_mode_keeps_the_id_and_keep_columns(tmp_path: Path) -> None:
    source, out = tmp_path / "in.csv", tmp_path / "out.jsonl"
    source.write_text(f"id,region,text\nc-1,north,{FACIAL}\nc-2,south,\n", encoding="utf-8")
    args = ["identify", "--batch", str(source), "--out", str(out), "--no-embeddings", "--keep", "region"]
    assert runner.invoke(app, args).exit_code == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["region"]) for r in lines] == [("c-1", "north"), ("c-2", "south")]
    assert "rights" in lines[0] and lines[1]["error"] == "empty text"
    result = runner.invoke(app, [*args[:-1], "regoin"])
    assert result.exit_code == 2
    assert "--keep: no column 'regoin'" in result.stderr and "did you mean 'region'" in result.stderr


@settings(max_examples=25, deadline=None)
@given(ids=st.lists(st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8), min_size=1, max_size=4))
def test_batch_jsonl_keeps_any_id(tmp_path_factory: pytest.TempPathFactory, ids: list[str]) -> None:
    folder = tmp_path_factory.mktemp("keep")
    source, out = folder / "in.jsonl", folder / "out.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": WELFARE}) + "\n" for i in ids), encoding="utf-8")
    assert runner.invoke(app, ["identify", "--batch", str(source), "--out", str(out), "--no-embeddings"]).exit_code == 0
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ids
