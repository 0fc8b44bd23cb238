"""Applicable law by country: known facts, name resolution, levers and the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rightscope.cli import app
from rightscope.law import jurisdiction as j


def status(code: str, instrument: str) -> str:
    law = j.applicable([code])[0]
    return next((b.status for b in law.instruments if b.instrument == instrument), "absent")


def lever(code: str, fragment: str) -> j.Lever:
    law = j.applicable([code])[0]
    return next(lv for lv in law.levers if fragment in lv.mechanism)


def test_iccpr_has_173_or_174_parties_in_the_snapshot() -> None:
    parties = [c for c in j.countries() if c.un_member and status(c.code, "iccpr") == "party"]
    assert 173 <= len(parties) <= 174


def test_crc_binds_every_un_member_except_the_united_states() -> None:
    non_parties = [c.code for c in j.countries() if c.un_member and status(c.code, "crc") != "party"]
    assert non_parties == ["US"]


def test_germany_is_an_echr_party_and_bound_by_the_eu_charter_when_implementing_eu_law() -> None:
    law = j.applicable(["Germany"])[0]
    bindings = {b.instrument: b for b in law.instruments}
    assert bindings["echr"].status == "party"
    assert bindings["eucfr"].status == "member-state"
    assert "implementing Union law" in (bindings["eucfr"].note or "")
    assert lever("DE", "ECHR Art. 34").available == "yes"


def test_kenya_is_an_african_charter_party_and_not_an_echr_party() -> None:
    assert status("KE", "achpr") == "party"
    assert status("KE", "echr") == "absent"
    assert lever("KE", "African Commission").available == "yes"


def test_united_states_is_not_a_party_to_the_icescr() -> None:
    assert status("US", "icescr") == "signatory"
    assert lever("US", "Inter-American Commission").available == "yes"


def test_russia_ceased_to_be_an_echr_party() -> None:
    law = j.applicable(["RU"])[0]
    assert law.memberships["coe"].status == "former-member"
    assert status("RU", "echr") == "former-party"
    assert lever("RU", "ECHR Art. 34").available == "no"


def test_udhr_is_universal_for_every_country() -> None:
    law = j.applicable(["Niue" if any(c.code == "NU" for c in j.countries()) else "KE"])[0]
    assert law.instruments[0].instrument == "udhr"
    assert law.instruments[0].basis == "universal"


def test_non_un_members_get_unknown_not_none_for_un_treaties() -> None:
    law = j.applicable(["XK"])[0] if any(c.code == "XK" for c in j.countries()) else None
    if law is None:
        pytest.skip("no non-UN entity in the country list")
    assert status("XK", "iccpr") == "unknown"


def test_every_status_carries_its_source_and_date() -> None:
    for law in j.applicable(["KE", "DE", "BR", "US"]):
        for b in law.instruments:
            if b.basis == "treaty":
                assert b.source == "un-ratification" or (b.source or "").startswith("un-status-")
                assert b.as_of


def test_curated_sources_have_a_source_and_date() -> None:
    for source in j.sources():
        assert source.as_of, source.key
        assert source.source or source.primary_source, source.key
        assert source.provenance


def test_domestic_remedies_are_not_guessed() -> None:
    domestic = lever("KE", "Domestic")
    assert domestic.available == "unknown"
    assert "no data" in (domestic.note or "")


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("KE", "KE"),
        ("ken", "KE"),
        ("Germany", "DE"),
        ("deutschland", "DE"),
        ("Côte d'Ivoire", "CI"),
        ("cote d'ivoire", "CI"),
    ],
)
def test_country_resolution(query: str, code: str) -> None:
    assert j.country(query).code == code


def test_unknown_and_ambiguous_countries_give_suggestions() -> None:
    with pytest.raises(j.CountryError, match=r"did you mean.*DE"):
        j.country("Germny")
    with pytest.raises(j.CountryError, match=r"ambiguous.*CD"):
        j.country("Congo")


def test_binding_instruments_for_assessments() -> None:
    binding = j.binding_instruments(["KE", "DE"])
    assert {"udhr", "iccpr", "achpr", "echr", "eucfr"} <= binding
    assert "achr" not in binding


def test_cli_applicable_json_and_errors() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["law", "applicable", "--country", "KE", "--country", "Germany", "--format", "json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert [c["country"]["code"] for c in payload["countries"]] == ["KE", "DE"]
    assert any(s["key"] == "un-ratification" for s in payload["sources"])
    result = runner.invoke(app, ["law", "applicable", "--country", "Atlantis"])
    assert result.exit_code == 2
    assert "unknown country" in result.stderr
    result = runner.invoke(app, ["law", "applicable", "--country", "KE"])
    assert result.exit_code == 0
    assert "African Commission" in result.stdout


def test_germany_acceded_to_the_op_icescr_in_2023_with_the_un_page_as_source() -> None:
    binding = next(b for b in j.applicable(["DE"])[0].instruments if b.instrument == "icescr-op")
    assert (binding.status, binding.year, binding.as_of) == ("party", 2023, "2023-04-20")
    assert binding.source == "un-status-icescr-op"
    assert "20 July 2023" in (binding.note or "")
    complaint = lever("DE", "(OP-ICESCR)")
    assert (complaint.available, complaint.as_of) == ("yes", "2023-04-20")


def test_statuses_not_updated_keep_the_snapshot_date_and_say_the_data_is_not_current() -> None:
    binding = next(b for b in j.applicable(["FR"])[0].instruments if b.instrument == "icescr-op")
    assert (binding.status, binding.as_of, binding.source) == ("party", "2022-08-25", "un-ratification")
    sources = {s.key: s for s in j.sources()}
    assert "No current, complete status source" in (sources["un-ratification"].complete_note or "")
    partial = sources["un-status-icescr-op"]
    assert not partial.complete and "29 parties" in (partial.complete_note or "")


def test_the_diff_against_the_snapshot_is_recorded() -> None:
    from importlib import resources

    data = json.loads(resources.files("rightscope.law").joinpath("data", "jurisdictions.json").read_text("utf-8"))
    changes = {(c["instrument"], c["country"]): c for c in data["changes"]}
    assert changes[("icescr-op", "DE")]["before"] == "none"
    assert changes[("icescr-op", "DE")]["after"] == "party"
    assert all(c["source"] in data["sources"] for c in data["changes"])
