"""Open a decision log as an Ibis table: a file, a database table, or a table you already have.

Accepted sources (the ``--decisions`` argument of ``rightscope monitor metrics``):

- a file by its extension: ``.csv`` / ``.tsv`` (optionally ``.gz``), ``.parquet`` / ``.pq``,
  ``.jsonl`` / ``.ndjson`` / ``.json`` (one JSON object per line). Globs such as
  ``logs/2024-*.parquet`` read several files as one table.
- a directory: every file under it (at any depth) with the extension of the first data file found,
  as one table. Hive partitions (``logs/decision_month=2026-01/part-0.parquet``) become columns.
- a DuckDB table: ``duckdb://PATH::TABLE``. Everything between ``duckdb://`` and ``::`` is the file
  path, so ``duckdb:///srv/logs.duckdb::decisions`` is absolute and ``duckdb://logs.duckdb::decisions``
  is relative to the working directory. ``TABLE`` may be ``schema.table``. The file is opened read-only.
- a PostgreSQL table: ``postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE[?OPTIONS]::[SCHEMA.]TABLE``
  (``postgres://`` works too). Prefer ``PGPASSWORD`` or ``~/.pgpass`` to a password in the URL; a
  password in the URL is never echoed. Needs ``pip install 'ibis-framework[postgres]'``.

From Python, an Ibis table on any backend (DuckDB, PySpark, PostgreSQL, ...), a pandas DataFrame or
a pyarrow Table can be passed directly.

Errors are :class:`MonitorInputError` (a :class:`~rightscope.errors.RightscopeError`) naming the
option or field at fault and the reason.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit, urlunsplit

from rightscope.errors import RightscopeError, closest

if TYPE_CHECKING:  # DuckDB and Ibis are imported when a log is opened, not when this module is
    import duckdb

SourceKind = Literal["csv", "parquet", "jsonl", "duckdb", "postgres", "table"]

#: File extensions and the reader they select (checked longest first).
FILE_KINDS: dict[str, SourceKind] = {
    ".csv": "csv",
    ".csv.gz": "csv",
    ".tsv": "csv",
    ".tsv.gz": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}
DB_SCHEMES: dict[str, SourceKind] = {"duckdb": "duckdb", "postgresql": "postgres", "postgres": "postgres"}
TABLE_SEPARATOR = "::"


class MonitorInputError(RightscopeError, ValueError):
    """Input to the monitoring metrics that cannot be used: ``field`` is the option or column, ``reason`` why."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


class UnknownColumnError(MonitorInputError, LookupError):
    """A column that is not in the decision log, with the closest names and the full list."""

    def __init__(self, field: str, column: str, available: Sequence[str]) -> None:
        self.column = column
        self.available = list(available)
        self.suggestions = closest(column, self.available)
        log = {"--grievances": "grievance log", "--events": "event log"}.get(field, "decisions")
        reason = f"no column {column!r} in the {log}"
        if self.suggestions:
            reason += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        reason += " Available columns: " + (", ".join(self.available) or "(none)")
        super().__init__(field, reason)


@dataclass(frozen=True)
class SourceSpec:
    """A parsed ``--decisions`` argument."""

    kind: SourceKind
    location: str
    table: str | None = None

    def describe(self) -> str:
        """The source as shown in reports, with any password removed."""
        location = self.location
        if self.kind == "postgres":
            location = redact(location)
        elif self.kind == "duckdb":
            location = "duckdb://" + location
        return location + (TABLE_SEPARATOR + self.table if self.table else "")


def redact(url: str) -> str:
    """``url`` without its password.

    >>> redact("postgresql://ana:s3cret@db.example.org:5432/hr")
    'postgresql://ana:***@db.example.org:5432/hr'
    """
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def parse_source(spec: str, field: str = "--decisions") -> SourceSpec:
    """Parse a source string into its kind, location and table.

    >>> parse_source("logs/decisions.parquet")
    SourceSpec(kind='parquet', location='logs/decisions.parquet', table=None)
    >>> parse_source("duckdb:///srv/audit.duckdb::main.decisions")
    SourceSpec(kind='duckdb', location='/srv/audit.duckdb', table='main.decisions')
    >>> parse_source("postgresql://ana@db/hr::public.decisions").kind
    'postgres'
    """
    spec = spec.strip()
    if not spec:
        raise MonitorInputError(field, "empty source; give a file path or DATABASE_URL::TABLE")
    scheme, sep, rest = spec.partition("://")
    if sep and scheme.lower() in DB_SCHEMES:
        kind = DB_SCHEMES[scheme.lower()]
        location, tsep, table = rest.rpartition(TABLE_SEPARATOR)
        if not tsep or not table.strip() or not location.strip():
            example = (
                "duckdb:///path/to/file.duckdb::decisions"
                if kind == "duckdb"
                else "postgresql://user@host/db::decisions"
            )
            raise MonitorInputError(field, f"a database source needs '::TABLE' after the connection, e.g. {example}")
        if kind == "duckdb":
            return SourceSpec(kind, location, table.strip())
        return SourceSpec(kind, f"{scheme}://{location}", table.strip())
    if sep:
        raise MonitorInputError(
            field, f"unsupported scheme {scheme!r}; use a file path, duckdb://PATH::TABLE or postgresql://...::TABLE"
        )
    if os.path.isdir(spec):
        return _directory(spec, field)
    file_kind = _file_kind(spec)
    if file_kind is not None:
        return SourceSpec(file_kind, spec)
    raise MonitorInputError(
        field,
        f"cannot tell the format of {spec!r} from its name; use .csv, .parquet or .jsonl, "
        "or duckdb://PATH::TABLE / postgresql://...::TABLE",
    )


def _file_kind(name: str) -> SourceKind | None:
    lowered = name.lower()
    for extension in sorted(FILE_KINDS, key=len, reverse=True):
        if lowered.endswith(extension):
            return FILE_KINDS[extension]
    return None


def _directory(folder: str, field: str) -> SourceSpec:
    """A directory as a glob over its data files: the extension of the first one found, at any depth.

    Hidden files and Spark's and Hadoop's markers (``_SUCCESS``, ``.crc``) are skipped.
    """
    for _root, dirs, files in os.walk(folder):
        dirs.sort()
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        for name in sorted(files):
            if name.startswith((".", "_")):
                continue
            kind = _file_kind(name)
            if kind is not None:
                extension = next(e for e in sorted(FILE_KINDS, key=len, reverse=True) if name.lower().endswith(e))
                return SourceSpec(kind, os.path.join(folder, "**", "*" + name[len(name) - len(extension) :]))
    raise MonitorInputError(
        field, f"no .parquet, .csv or .jsonl file in the directory {folder}; give a file, a glob or a directory of them"
    )


def open_source(source: Any, field: str = "--decisions") -> tuple[Any, str]:
    """Open ``source`` as an Ibis table; returns the table and a description for the report.

    ``source`` is a source string (see the module documentation), a path, an Ibis table, a pandas
    DataFrame or a pyarrow Table. Files and in-memory frames are read with an in-process DuckDB.

    >>> import pandas as pd
    >>> table, described = open_source(pd.DataFrame({"x": [1, 2]}))
    >>> table.columns, described
    (('x',), 'pandas DataFrame')
    """
    if is_ibis_table(source):
        return source, f"ibis table ({_backend_name(source)})"
    type_name = f"{type(source).__module__}.{type(source).__qualname__}"
    for prefix, name in (("pandas.", "pandas DataFrame"), ("pyarrow.", "pyarrow Table")):
        if type_name.startswith(prefix) and type_name.endswith(name.split()[1]):
            return _in_memory(source), name
    spec = source_spec(source, field)
    return open_spec(spec, field), spec.describe()


def is_ibis_table(value: Any) -> bool:
    """Whether ``value`` is an Ibis table, without importing Ibis where it is not loaded."""
    import sys

    ibis = sys.modules.get("ibis")
    return ibis is not None and isinstance(value, ibis.Table)


def source_spec(source: Any, field: str = "--decisions") -> SourceSpec:
    """A path or source string, parsed; a :class:`MonitorInputError` for anything else."""
    if isinstance(source, os.PathLike):
        source = os.fspath(source)
    if not isinstance(source, str):
        raise MonitorInputError(field, f"cannot read decisions from a {type(source).__name__}")
    return parse_source(source, field)


def _in_memory(frame: Any) -> Any:
    """A pandas DataFrame or pyarrow Table as a table of a fresh in-process DuckDB, without a copy.

    DuckDB scans a registered frame in place, in parallel; this is faster than ``ibis.memtable``,
    which goes through a pyarrow dataset.
    """
    import ibis

    con = ibis.duckdb.connect()
    con.con.register("decisions", frame)
    return con.table("decisions")


def open_spec(spec: SourceSpec, field: str = "--decisions") -> Any:
    """Open a parsed source as an Ibis table."""
    if spec.kind in ("csv", "parquet", "jsonl"):
        return _open_file(spec, field)
    if spec.kind == "duckdb":
        return _open_duckdb(spec, field)
    return _open_postgres(spec, field)


def _open_file(spec: SourceSpec, field: str) -> Any:
    import ibis

    return ibis.duckdb.from_connection(file_view(spec, field)).table(FILE_VIEW)


#: The view over a file source in its DuckDB connection, which the compiled queries read.
FILE_VIEW = "decisions"
FILE_KIND_NAMES = ("csv", "parquet", "jsonl")


def file_view(spec: SourceSpec, field: str = "--decisions") -> duckdb.DuckDBPyConnection:
    """A fresh in-process DuckDB connection with the view ``decisions`` over a file source.

    The files are not read here beyond their schema: DuckDB streams them through each query.
    Globs and directories read every file as one table; Hive partitions become columns.
    """
    import duckdb

    path = spec.location
    if glob.has_magic(path):
        if not glob.glob(path, recursive=True):
            raise MonitorInputError(field, f"no file matches {path!r}")
    elif not Path(path).is_file():
        raise MonitorInputError(field, f"file not found: {path}")
    quoted = "'" + path.replace("'", "''") + "'"
    if spec.kind == "csv":
        reader = f"read_csv({quoted}" + (", delim = '\t')" if ".tsv" in path.lower() else ")")
    elif spec.kind == "parquet":
        reader = f"read_parquet({quoted})"
    else:
        reader = f"read_json({quoted}, format = 'newline_delimited')"
    con = duckdb.connect()
    try:
        con.execute(f"CREATE VIEW {FILE_VIEW} AS SELECT * FROM {reader}")
    except Exception as exc:  # the reader's message says what is wrong with the file
        con.close()
        raise MonitorInputError(field, f"cannot read {path} as {spec.kind}: {first_line(exc)}") from exc
    return con


def _open_duckdb(spec: SourceSpec, field: str) -> Any:
    import ibis

    path = spec.location
    if path != ":memory:" and not Path(path).is_file():
        raise MonitorInputError(field, f"DuckDB file not found: {path}")
    try:
        con = ibis.duckdb.connect(path, read_only=True)
    except Exception as exc:
        raise MonitorInputError(field, f"cannot open DuckDB file {path}: {first_line(exc)}") from exc
    return _table(con, spec, field)


def _open_postgres(spec: SourceSpec, field: str) -> Any:
    import ibis

    try:
        con = ibis.connect(spec.location)
    except ImportError as exc:
        raise MonitorInputError(field, "PostgreSQL needs its driver: pip install 'ibis-framework[postgres]'") from exc
    except Exception as exc:
        raise MonitorInputError(field, f"cannot connect to {redact(spec.location)}: {first_line(exc)}") from exc
    return _table(con, spec, field)


def _table(con: Any, spec: SourceSpec, field: str) -> Any:
    assert spec.table is not None
    schema, _, name = spec.table.rpartition(".")
    try:
        available = list(con.list_tables(database=schema or None))
    except Exception as exc:
        raise MonitorInputError(field, f"cannot list the tables of {spec.describe()}: {first_line(exc)}") from exc
    if name not in available:
        suggestions = closest(name, available)
        reason = f"no table {spec.table!r}"
        if suggestions:
            reason += "; did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
        reason += " Tables: " + (", ".join(available) or "(none)")
        raise MonitorInputError(field, reason)
    return con.table(name, database=schema or None)


def _backend_name(table: Any) -> str:
    try:
        return str(table.get_backend().name)
    except Exception:
        return "unbound"


def backend_name(table: Any) -> str:
    """The name of the Ibis backend that runs ``table`` (``duckdb``, ``pyspark``, ``postgres``, ...)."""
    return _backend_name(table)


def first_line(exc: BaseException) -> str:
    """The first non-empty line of an exception's message, for one-line errors."""
    for line in str(exc).splitlines():
        if line.strip():
            return line.strip()
    return type(exc).__name__
