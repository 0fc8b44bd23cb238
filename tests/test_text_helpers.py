"""Property tests for the small parsers every lookup relies on."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from rightscope.errors import UnknownIdError, closest

from .conftest import REPO

sys.path.insert(0, str(REPO))
from tools.kb.common import clean_text


@given(st.text())
def test_clean_text_is_idempotent_and_trimmed(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert once == once.strip()
    assert "  " not in once


def test_clean_text_strips_markdown_links_and_typographic_hyphens() -> None:
    assert clean_text("the [Declaration](../x/README.md) of co\u2010operation") == "the Declaration of co-operation"


@given(st.text(min_size=1), st.lists(st.text(min_size=1), max_size=20))
def test_closest_returns_only_candidates(value: str, candidates: list[str]) -> None:
    result = closest(value, candidates)
    assert len(result) <= 3
    assert set(result) <= set(candidates)


def test_unknown_id_error_suggests_near_matches() -> None:
    error = UnknownIdError("right", "privasy", ["privacy", "property", "life"])
    assert error.suggestions[0] == "privacy"
    assert "did you mean 'privacy'" in str(error)
