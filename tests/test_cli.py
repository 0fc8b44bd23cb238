"""The command line: formats, errors with suggestions and exit code 2, provenance in JSON."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rightscope.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_law_list_table_and_json() -> None:
    code, out, _ = run("law", "list")
    assert code == 0
    assert "ICCPR" in out or "iccpr" in out
    code, out, _ = run("law", "list", "--format", "json")
    payload = json.loads(out)
    assert {"iccpr", "echr", "achpr"} <= {i["id"] for i in payload["instruments"]}


def test_law_show_json_has_text_and_provenance() -> None:
    code, out, _ = run("law", "show", "echr", "8", "--format", "json")
    assert code == 0
    record = json.loads(out)
    assert record["id"] == "echr:8"
    assert "private and family life" in record["text"]
    assert record["provenance"]["repository"] == "statengeneraal/laws-markdown"
    assert record["provenance"]["commit"]
    assert "privacy" in record["rights"]


def test_law_show_other_language() -> None:
    code, out, _ = run("law", "show", "udhr", "12", "--lang", "es", "--format", "json")
    assert code == 0
    assert "vida privada" in json.loads(out)["text"]


def test_law_show_language_not_available_is_a_usage_error() -> None:
    code, _, err = run("law", "show", "iccpr", "17", "--lang", "fr")
    assert code == 2
    assert "no 'fr' text" in err
    code, _, err = run("law", "show", "iccpr", "17", "--lang", "de")
    assert code == 2
    assert "--lang" in err


def test_unknown_instrument_gets_closest_matches_and_exit_2() -> None:
    code, out, err = run("law", "show", "iccpt", "17")
    assert code == 2
    assert "unknown instrument 'iccpt'" in err
    assert "iccpr" in err
    assert "Traceback" not in out + err


def test_unknown_article_and_right() -> None:
    code, _, err = run("law", "show", "echr", "60")
    assert code == 2
    assert "unknown article" in err
    code, _, err = run("rights", "show", "privasy")
    assert code == 2
    assert "'privacy'" in err


def test_instrument_overview() -> None:
    code, out, _ = run("law", "show", "achpr", "--format", "json")
    assert code == 0
    record = json.loads(out)
    assert record["text_available"] is False
    assert len(record["articles"]) == 68


def test_rights_list_and_show() -> None:
    code, out, _ = run("rights", "list", "--format", "json")
    assert code == 0
    assert len(json.loads(out)["rights"]) >= 45
    code, out, _ = run("rights", "show", "privacy", "--format", "json")
    record = json.loads(out)
    assert record["udhr"] == ["12"]
    assert any(p["id"] == "iccpr:17" for p in record["provision_details"])
    assert record["provenance"]["repository"] == "rightscope"
    code, out, _ = run("rights", "show", "privacy")
    assert code == 0
    assert "Provisions" in out


def test_search_ranks_relevant_provisions() -> None:
    code, out, _ = run(
        "law", "search", "arbitrary interference with privacy family home correspondence", "--format", "json"
    )
    assert code == 0
    refs = [r["ref"] for r in json.loads(out)["results"]]
    assert {"udhr:12", "iccpr:17"} & set(refs[:5])


def test_search_rejects_empty_query_and_bad_kind() -> None:
    code, _, err = run("law", "search", "   ")
    assert code == 2
    code, _, err = run("law", "search", "privacy", "--kind", "article")
    assert code == 2
    assert "--kind" in err


def test_guidance_list_and_show() -> None:
    code, out, _ = run("law", "guidance", "--tech", "--format", "json")
    assert code == 0
    docs = json.loads(out)["guidance"]
    assert docs and all(d["tech"] and d["verified"] for d in docs)
    code, out, _ = run("law", "guidance", "crc-gc-25", "--format", "json")
    assert code == 0
    assert json.loads(out)["symbol"] == "CRC/C/GC/25"


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out.startswith("rightscope ")


def _main_in_a_fresh_process(*argv: str) -> tuple[list[str], str]:
    """What ``rightscope ARGV`` prints through ``main()``, and the ``rightscope.cli.*`` modules it imported."""
    import subprocess
    import sys

    code = (
        f"import sys; sys.argv = ['rightscope', *{list(argv)!r}]\n"
        "from rightscope.cli import main\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert exit.code in (0, None), exit.code\n"
        "print(sorted(m for m in sys.modules if m.startswith('rightscope.cli.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = done.stdout.strip().splitlines()
    return lines[:-1], lines[-1]


def test_main_imports_only_the_requested_command_group() -> None:
    """`rightscope monitor ...` starts without importing the law, identify or report commands."""
    _, loaded = _main_in_a_fresh_process("monitor", "--help")
    assert "rightscope.cli.monitor'" in loaded
    assert "rightscope.cli.law'" not in loaded
    assert "rightscope.cli.report'" not in loaded


def test_version_builds_no_command_group() -> None:
    printed, loaded = _main_in_a_fresh_process("--version")
    assert printed[0].startswith("rightscope ")
    assert not [m for m in ("law", "monitor", "report", "identify", "assess") if f"rightscope.cli.{m}'" in loaded]


def test_requested_command_skips_options_and_ignores_unknown_names() -> None:
    from rightscope.cli import _requested_command

    assert _requested_command(["--version"]) is None
    assert _requested_command(["monitor", "run", "x.yaml"]) == "monitor"
    assert _requested_command(["lw", "show"]) is None
    assert _requested_command([]) is None
