"""The aggregation's SQL, compiled by Ibis once per log schema and kept for the next run.

The one-pass aggregation (:func:`rightscope.monitor.metrics.aggregation`) is written once, in Ibis,
and runs unchanged on DuckDB, PostgreSQL and Spark. For a log in files, which DuckDB reads in
process, almost all of a short command's time used to go into importing Ibis and its SQL
compilers (about 0.6 s, more than the scan of 10M decisions). The SQL that Ibis compiles depends
only on the log's column names and types, the options and the versions of Ibis, sqlglot and this
code, so it is stored under a key made of exactly those, in ``$RIGHTSCOPE_CACHE_DIR`` (default
``$XDG_CACHE_HOME/rightscope`` or ``~/.cache/rightscope``). A run that finds it runs the SQL on
DuckDB directly and never imports Ibis. A cache that cannot be read or written is skipped.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.util
import json
import os
from pathlib import Path
from typing import Any

CACHE_ENV = "RIGHTSCOPE_CACHE_DIR"


def cache_dir() -> Path:
    """Where compiled queries are kept."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rightscope"


def _stamp(module: str) -> list[Any]:
    """Identifies an installed module's version without importing it: its file's path, size and mtime."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return [module, None]
    stat = os.stat(spec.origin)
    return [spec.origin, stat.st_size, stat.st_mtime_ns]


def query_key(dialect: str, schema: list[tuple[str, str]], columns: Any) -> str:
    """The cache key of the aggregation of ``columns`` over a table with ``schema`` (name, type) in ``dialect``."""
    here = Path(__file__).with_name("metrics.py")
    parts = [
        dialect,
        schema,
        dataclasses.asdict(columns),
        _stamp("ibis"),
        _stamp("sqlglot"),
        hashlib.sha256(here.read_bytes()).hexdigest(),
    ]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32]


def load(key: str) -> str | None:
    """The SQL stored under ``key``, if any."""
    try:
        return (cache_dir() / "queries" / f"{key}.sql").read_text(encoding="utf-8")
    except OSError:
        return None


def store(key: str, sql: str) -> None:
    """Keep ``sql`` under ``key``; written to a temporary file and renamed, so readers never see half of it."""
    folder = cache_dir() / "queries"
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{key}.{os.getpid()}.tmp"
        temporary.write_text(sql, encoding="utf-8")
        temporary.replace(folder / f"{key}.sql")
