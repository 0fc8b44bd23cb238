"""The UN status updates: applied on top of the snapshot, diffed, and refused when they do not fit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tools.kb.jurisdictions import apply_ratification_updates


def write(folder: Path, country: str, status: str, year: int | None = 2023) -> Path:
    year_line = f"\n        year: {year}" if year else ""
    (folder / "ratification_updates.yaml").write_text(
        f"""instruments:
  icescr-op:
    source: https://treaties.un.org/example
    title: Example page
    as_of: '2023-04-20'
    parties_stated: 2
    checked: the whole page
    updates:
      - country: {country}
        status: {status}{year_line}
        since: '2023-04-20'
""",
        encoding="utf-8",
    )
    return folder


def table() -> dict[str, dict[str, dict[str, Any]]]:
    return {"icescr-op": {"DE": {"status": "none"}, "FR": {"status": "party", "year": 2015}}}


def test_an_update_replaces_the_row_and_is_listed_in_the_diff(tmp_path: Path) -> None:
    rows = table()
    sources, changes = apply_ratification_updates(rows, write(tmp_path, "DE", "party"))
    assert rows["icescr-op"]["DE"] == {
        "status": "party",
        "year": 2023,
        "since": "2023-04-20",
        "source": "un-status-icescr-op",
        "as_of": "2023-04-20",
    }
    assert changes == [
        {
            "instrument": "icescr-op",
            "country": "DE",
            "before": "none",
            "before_year": None,
            "after": "party",
            "since": "2023-04-20",
            "source": "un-status-icescr-op",
        }
    ]
    assert sources["un-status-icescr-op"]["complete"]


def test_an_update_that_repeats_the_snapshot_or_names_an_unknown_state_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="repeats the snapshot"):
        apply_ratification_updates(table(), write(tmp_path, "FR", "party", 2015))
    with pytest.raises(ValueError, match="not a UN member"):
        apply_ratification_updates(table(), write(tmp_path, "XX", "party"))


def test_a_party_count_that_does_not_match_marks_the_source_incomplete(tmp_path: Path) -> None:
    rows = table()
    rows["icescr-op"]["FR"] = {"status": "none"}
    sources, _ = apply_ratification_updates(rows, write(tmp_path, "DE", "party"))
    assert not sources["un-status-icescr-op"]["complete"]
    assert "counts 2 parties" in sources["un-status-icescr-op"]["complete_note"]
