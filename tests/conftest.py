"""Shared fixtures. Tests make their own small data; the knowledge base is the packaged one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# The search index cache goes to a throwaway folder, not the user's cache directory.
os.environ.setdefault("RIGHTSCOPE_CACHE_DIR", tempfile.mkdtemp(prefix="rightscope-test-cache-"))

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture
def core_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as a deployment without the non-commercial data set would (loading is cached per choice)."""
    monkeypatch.setenv("RIGHTSCOPE_NONCOMMERCIAL", "0")
