"""Where the aggregation runs: DuckDB in process (the default) or a Spark cluster.

The ``--backend`` option of ``rightscope monitor metrics`` and ``monitor run``:

- ``duckdb`` (default): files and DuckDB tables are scanned in process; PostgreSQL tables in the database.
- ``spark``: a Spark session, local with every core (``local[*]``) unless ``spark.master`` is set by
  ``--spark-conf`` or by ``spark-submit``; ``SPARK_REMOTE`` in the environment selects Spark Connect.
- a Spark master URL: ``local[4]``, ``spark://HOST:7077`` (standalone), ``yarn``, ``k8s://https://HOST:443``.
- a Spark Connect URL: ``sc://HOST:15002`` (needs ``pip install 'pyspark[connect]'``).

``--spark-conf KEY=VALUE`` (repeatable) sets any Spark property (``spark.executor.memory=8g``, ...).
On Spark the decision log is read by Spark itself: a Parquet, CSV or JSON Lines file, glob or
directory (Hive partitions become columns), on any file system Spark can read (``hdfs://``,
``s3a://``, ``gs://``, ``abfss://`` ...), or a table of the session's catalog as ``spark:DB.TABLE``.
The same Ibis expressions run there; only the aggregated cells come back.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from typing import Any, Literal

from rightscope.monitor.sources import FILE_KINDS, MonitorInputError, SourceKind, SourceSpec, first_line

BackendKind = Literal["duckdb", "spark"]
MASTER_PREFIXES = ("local", "spark://", "yarn", "k8s://")
#: File systems that Spark reads paths from; a path with one of these schemes is passed to Spark as is.
SPARK_FILESYSTEMS = ("file", "hdfs", "s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "viewfs")
CATALOG_PREFIX = "spark:"
VIEW = "rightscope_decisions"


@dataclass(frozen=True)
class Backend:
    """A parsed ``--backend`` and ``--spark-conf``."""

    kind: BackendKind = "duckdb"
    master: str | None = None
    remote: str | None = None
    conf: dict[str, str] = field(default_factory=dict)


def parse_backend(value: str | None, spark_conf: list[str] | None = None) -> Backend:
    """Parse ``--backend`` and ``--spark-conf`` values.

    >>> parse_backend("spark://cluster:7077", ["spark.executor.memory=8g"])
    Backend(kind='spark', master='spark://cluster:7077', remote=None, conf={'spark.executor.memory': '8g'})
    >>> parse_backend("sc://connect.internal:15002").remote
    'sc://connect.internal:15002'
    """
    conf: dict[str, str] = {}
    for item in spark_conf or []:
        key, sep, setting = item.partition("=")
        if not sep or not key.strip():
            raise MonitorInputError("--spark-conf", f"{item!r} is not KEY=VALUE, e.g. spark.executor.memory=8g")
        conf[key.strip()] = setting.strip()
    chosen = (value or "duckdb").strip()
    if chosen.lower() == "duckdb":
        if conf:
            raise MonitorInputError("--spark-conf", "goes with --backend spark (or a Spark master or Connect URL)")
        return Backend()
    if chosen.lower() == "spark":
        return Backend("spark", master=conf.pop("spark.master", None), conf=conf)
    if chosen.startswith("sc://"):
        return Backend("spark", remote=chosen, conf=conf)
    if chosen.startswith(MASTER_PREFIXES):
        return Backend("spark", master=chosen, conf=conf)
    raise MonitorInputError(
        "--backend",
        f"{chosen!r} is not a backend; use duckdb, spark, a Spark master URL (local[4], spark://HOST:7077, yarn, "
        "k8s://...) or a Spark Connect URL (sc://HOST:15002)",
    )


def spark_session(backend: Backend) -> Any:
    """The Spark session for ``backend``: an active one is reused, otherwise one is started."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise MonitorInputError("--backend", "Spark needs PySpark: pip install pyspark (and Java 17 or later)") from exc
    builder = SparkSession.builder.appName("rightscope monitor")
    if backend.remote is not None:
        builder = builder.remote(backend.remote)
    elif not os.environ.get("SPARK_REMOTE"):
        builder = builder.master(backend.master or "local[*]")
        # Windows are cut on UTC days, as DuckDB does, and Spark's console progress bar stays off stdout.
        builder = builder.config("spark.sql.session.timeZone", "UTC").config("spark.ui.showConsoleProgress", "false")
    for key, value in backend.conf.items():
        builder = builder.config(key, value)
    try:
        with warnings.catch_warnings():  # PySpark warns about the pandas version on import; Ibis needs no pandas here
            warnings.simplefilter("ignore", FutureWarning)
            session = builder.getOrCreate()
    except Exception as exc:  # no Java, an unreachable master ...: one line, no JVM stack trace
        where = backend.remote or backend.master or "local[*]"
        raise MonitorInputError("--backend", f"cannot start Spark ({where}): {first_line(exc)}") from exc
    if backend.remote is None and not os.environ.get("SPARK_REMOTE"):
        session.sparkContext.setLogLevel("ERROR")
    return session


def open_on_spark(source: str, backend: Backend, field: str = "--decisions") -> tuple[Any, str]:
    """The decision log as an Ibis table on Spark, and its description for the report."""
    import ibis

    session = spark_session(backend)
    source = source.strip()
    try:
        if source.startswith(CATALOG_PREFIX):
            name = source[len(CATALOG_PREFIX) :]
            frame = session.table(name)
        else:
            frame = _read(session, _spark_path(source, field))
        frame.createOrReplaceTempView(VIEW)
    except MonitorInputError:
        raise
    except Exception as exc:  # AnalysisException: path or table not found, unreadable file
        raise MonitorInputError(field, f"Spark cannot read {source}: {first_line(exc)}") from exc
    return ibis.pyspark.connect(session).table(VIEW), source


def _spark_path(source: str, field: str) -> SourceSpec:
    """A source for Spark's readers: a local file, glob or directory, or a URL of a file system Spark reads."""
    from rightscope.monitor.sources import parse_source

    scheme, sep, _ = source.partition("://")
    if not (sep and scheme.lower() in SPARK_FILESYSTEMS):
        spec = parse_source(source, field)
        if spec.kind not in ("csv", "parquet", "jsonl"):
            raise MonitorInputError(
                field, "on Spark give files or spark:DB.TABLE; a database table is read with --backend duckdb"
            )
        if os.path.isdir(source):  # Spark reads a directory itself, discovering its Hive partitions
            return SourceSpec(spec.kind, os.path.abspath(source))
        return SourceSpec(spec.kind, os.path.abspath(source) if os.path.exists(source) else source)
    lowered = source.lower().rstrip("/")
    kind: SourceKind = next(
        (FILE_KINDS[e] for e in sorted(FILE_KINDS, key=len, reverse=True) if lowered.endswith(e)), "parquet"
    )
    return SourceSpec(kind, source)


def _read(session: Any, spec: SourceSpec) -> Any:
    reader = session.read
    if spec.kind == "parquet":
        return reader.parquet(spec.location)
    if spec.kind == "csv":
        separator = "\t" if ".tsv" in spec.location.lower() else ","
        return reader.csv(spec.location, header=True, inferSchema=True, sep=separator)
    return reader.json(spec.location)
