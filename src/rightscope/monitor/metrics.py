"""Group metrics as Ibis expressions: one aggregation pass, then arithmetic on the small result.

The decision log is scanned once. A ``GROUP BY`` over every group column (and the time window) and
the decision ``p`` and label ``l`` themselves counts the rows of each combination; a second
aggregation, over that small table, folds ``p`` and ``l`` into additive counts per cell:

==============  ==================================  ==========================================
``rows``        ``sum(c)``                          every row of the cell
``n_pred``      ``sum(c) where p is not null``      rows with a decision
``n``           ``sum(c) where p, l not null``      rows used (decision and label present)
``tp``          ``sum(c) where p = 1, l = 1``       true positives
``fp``          ``sum(c) where p = 1, l = 0``       false positives
``fn``          ``sum(c) where p = 0, l = 1``       false negatives
``pred_bad``    ``sum(c) where p = 2``              decisions that are not 0/1 (also ``label_bad``)
==============  ==================================  ==========================================

Without labels ``n = n_pred`` and ``sel = sum(c) where p = 1``. Before the first ``GROUP BY`` a
numeric ``p`` or ``l`` is mapped to 0, 1, null, or 2 for any other value (NaN included), so that a
column that is not binary cannot multiply the number of groups and is still caught in the same pass.
Grouping by two small columns and counting costs the scan less than summing products row by row
(measured in bench/monitor: about 0.12 s against 0.23 s on 10M rows). Marginals per group column,
per window and overall, rates, intervals and ratios are then derived in Python from the result,
whose size is the number of groups times windows, not the number of decisions. The expressions use
only portable Ibis operations, so they run unchanged on DuckDB, PySpark, PostgreSQL and the other
SQL backends.

For logs in files, :func:`scan_files` runs the SQL that Ibis compiled for the same schema on an
earlier run (:mod:`rightscope.monitor.compiled`) straight on DuckDB, so that a short command does
not spend most of its time importing Ibis.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rightscope.monitor import compiled
from rightscope.monitor.sources import (
    FILE_VIEW,
    MonitorInputError,
    SourceSpec,
    UnknownColumnError,
    file_view,
    first_line,
)
from rightscope.monitor.stats import wilson, z_value

Window = Literal["week", "month", "quarter"]
#: The time grain of an aggregation: a report's window, or days, from which every window can be summed.
Grain = Literal["day", "week", "month", "quarter"]
WINDOW_UNITS: dict[str, str] = {"day": "D", "week": "W", "month": "M", "quarter": "Q"}
WINDOW_KEY = "__window"
#: Counts per cell, in cell order. Plain lists: the cells are groups x windows, not decisions.
Counts = list[int]

#: Each metric as (numerator, denominator) of the counts, in report order.
RATES: dict[str, tuple[str, str]] = {
    "selection_rate": ("sel", "n"),
    "tpr": ("tp", "pos"),
    "fpr": ("fp", "neg"),
    "fnr": ("fn", "pos"),
    "precision": ("tp", "sel"),
}
LABEL_METRICS = ("tpr", "fpr", "fnr", "precision")
#: The additive counts of a cell, after :func:`execute`.
COUNTS = ("n", "sel", "pos", "tp")


@dataclass(frozen=True)
class Columns:
    """Which columns of the decision log play which part."""

    groups: tuple[str, ...]
    pred: str | None = None
    score: str | None = None
    threshold: float | None = None
    label: str | None = None
    time: str | None = None
    window: Grain | None = None

    @property
    def keys(self) -> list[str]:
        """Names of the group keys in the aggregated table (safe from clashes with the counts)."""
        return [f"__g{i}" for i in range(len(self.groups))]

    @property
    def prediction(self) -> str:
        """The column holding the decision or score."""
        column = self.pred if self.pred is not None else self.score
        assert column is not None
        return column


def check_columns(table: Any, columns: Columns) -> None:
    """Check that every named column exists and has a usable type; raise a :class:`MonitorInputError` if not."""
    schema = table.schema()
    available = list(schema.names)
    named: list[tuple[str, str]] = [("--group", g) for g in columns.groups]
    for field_name, column in (
        ("--pred", columns.pred),
        ("--score", columns.score),
        ("--label", columns.label),
        ("--time", columns.time),
    ):
        if column is not None:
            named.append((field_name, column))
    for field_name, column in named:
        if column not in available:
            raise UnknownColumnError(field_name, column, available)
    for column in columns.groups:
        if schema[column].is_nested():
            raise MonitorInputError("--group", f"column {column!r} holds {schema[column]} values; use a plain column")
    for field_name, binary in (("--pred", columns.pred), ("--label", columns.label)):
        if binary is None:
            continue
        dtype = schema[binary]
        if not (dtype.is_boolean() or dtype.is_numeric()):
            raise MonitorInputError(
                field_name,
                f"column {binary!r} is {dtype}; it must hold 0/1 or true/false"
                + (" (or use --score COL --threshold X)" if field_name == "--pred" else ""),
            )
    if columns.score is not None and not schema[columns.score].is_numeric():
        raise MonitorInputError("--score", f"column {columns.score!r} is {schema[columns.score]}; it must be numeric")
    if columns.time is not None:
        dtype = schema[columns.time]
        if not (dtype.is_timestamp() or dtype.is_date() or dtype.is_string()):
            raise MonitorInputError("--time", f"column {columns.time!r} is {dtype}; it must be a date or timestamp")


#: Names of the decision and label in the first aggregation, and of its count.
PRED_KEY, LABEL_KEY, COUNT_KEY = "__p", "__l", "__c"
#: What a decision or label that is neither 0/1 nor true/false nor null is mapped to.
NOT_BINARY = 2


def _binary(column: Any) -> Any:
    """The column as 0, 1 or null (booleans cast), and :data:`NOT_BINARY` for any other value, NaN included."""
    import ibis

    if column.type().is_boolean():
        return column.cast("int32")  # PostgreSQL casts a boolean to an integer, not to a smallint
    # 0 and 1 first: most rows stop at the first or second test (15 ms less on 10M rows in DuckDB).
    return ibis.cases(
        (column == 0, ibis.literal(0, "int8")),
        (column == 1, ibis.literal(1, "int8")),
        (column.isnull(), ibis.null("int8")),
        else_=ibis.literal(NOT_BINARY, "int8"),
    )


def aggregation(table: Any, columns: Columns) -> Any:
    """The one-pass Ibis aggregation: additive counts per group cell (and window).

    >>> import ibis, pandas as pd
    >>> t = ibis.memtable(pd.DataFrame({"sex": ["f", "f", "m"], "hired": [1, 0, 1]}))
    >>> agg = aggregation(t, Columns(groups=("sex",), pred="hired"))
    >>> agg.order_by("__g0").select("__g0", "n_pred", "sel").to_pyarrow().to_pylist()
    [{'__g0': 'f', 'n_pred': 2, 'sel': 1}, {'__g0': 'm', 'n_pred': 1, 'sel': 1}]
    """
    import ibis

    check_columns(table, columns)
    if columns.score is not None:
        if columns.threshold is None:
            raise MonitorInputError("--threshold", "--score needs --threshold")
        score = table[columns.score]
        pred = (score >= columns.threshold).cast("int32")
        if score.type().is_floating():  # NaN compares as the largest number on some backends
            pred = ibis.ifelse(score.isnan(), ibis.null("int32"), pred)
    else:
        pred = _binary(table[columns.prediction])
    keys = [table[g].name(k) for g, k in zip(columns.groups, columns.keys, strict=True)]
    if columns.time is not None:
        assert columns.window is not None
        time = table[columns.time]
        if time.type().is_string():
            time = time.cast("timestamp")
        keys.append(time.truncate(WINDOW_UNITS[columns.window]).name(WINDOW_KEY))
    outcome = [pred.name(PRED_KEY)]
    if columns.label is not None:
        outcome.append(_binary(table[columns.label]).name(LABEL_KEY))
    combinations = table.group_by([*keys, *outcome]).aggregate(**{COUNT_KEY: ibis._.count()})

    c, p = combinations[COUNT_KEY], combinations[PRED_KEY]
    metrics: dict[str, Any] = {"rows": c.sum(), "n_pred": c.sum(where=p.notnull())}
    if columns.score is None:
        metrics["pred_bad"] = c.sum(where=p == NOT_BINARY)
    if columns.label is None:
        metrics["sel"] = c.sum(where=p == 1)
    else:
        lab = combinations[LABEL_KEY]
        metrics["n"] = c.sum(where=p.notnull() & lab.notnull())
        metrics["tp"] = c.sum(where=(p == 1) & (lab == 1))
        metrics["fp"] = c.sum(where=(p == 1) & (lab == 0))
        metrics["fn"] = c.sum(where=(p == 0) & (lab == 1))
        metrics["label_bad"] = c.sum(where=lab == NOT_BINARY)
    return combinations.group_by([combinations[k.get_name()] for k in keys]).aggregate(**metrics)


@dataclass
class Cells:
    """The aggregated table: one entry per group cell (and window)."""

    keys: list[tuple[Any, ...]]
    windows: list[dt.date | None]
    counts: dict[str, Counts]
    invalid: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.keys)


def execute(expr: Any, columns: Columns) -> Cells:
    """Run the aggregation; return its cells with counts ``rows``, ``n``, ``sel``, ``pos``, ``tp``,
    ``miss_pred`` and ``miss_label``, and the names of the columns that are not 0/1 (``pred``, ``label``)."""
    try:
        result = expr.to_pyarrow()
    except Exception as exc:
        raise MonitorInputError("--decisions", f"the query failed: {first_line(exc)}") from exc
    return _cells({name: result[name].to_pylist() for name in result.column_names}, result.num_rows, columns)


def scan_files(spec: SourceSpec, columns: Columns, field: str = "--decisions") -> tuple[Cells, Callable[[], Any]]:
    """The aggregation of a log in files, on DuckDB; returns its cells and a function that opens the log in Ibis.

    The SQL comes from the cache of compiled queries when an earlier run compiled it for the same
    schema and options; otherwise Ibis compiles it here (checking the columns) and it is stored.
    The result, a few rows, is fetched as Python values: no Arrow or pandas conversion.
    """
    con = file_view(spec, field)
    schema = [(str(row[0]), str(row[1])) for row in con.execute(f"DESCRIBE {FILE_VIEW}").fetchall()]
    key = compiled.query_key("duckdb", schema, columns)
    sql = compiled.load(key)
    opened: list[Any] = []

    def ibis_table() -> Any:
        if not opened:
            import ibis

            opened.append(ibis.duckdb.from_connection(con).table(FILE_VIEW))
        return opened[0]

    fresh = sql is None
    if sql is None:
        expr = aggregation(ibis_table(), columns)
        sql = str(ibis_table().get_backend().compile(expr))
    try:
        cursor = con.execute(sql)
        names = [str(d[0]) for d in cursor.description or []]
        rows = cursor.fetchall()
    except Exception as exc:
        raise MonitorInputError(field, f"the query failed: {first_line(exc)}") from exc
    if fresh:
        compiled.store(key, sql)
    data = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    return _cells(data, len(rows), columns), ibis_table


def _cells(data: dict[str, list[Any]], size: int, columns: Columns) -> Cells:
    key_columns = [data[k] for k in columns.keys]
    keys = list(zip(*key_columns, strict=True)) if key_columns else [() for _ in range(size)]
    windows: list[dt.date | None] = [as_date(v) for v in data[WINDOW_KEY]] if WINDOW_KEY in data else [None] * size

    def ints(name: str) -> Counts:  # sums of floating-point 0/1 columns come back as floats
        return [0 if v is None else round(float(v)) for v in data[name]]

    rows, n_pred = ints("rows"), ints("n_pred")
    counts: dict[str, Counts] = {"rows": rows, "miss_pred": _minus(rows, n_pred)}
    if columns.label is None:
        counts.update(n=n_pred, sel=ints("sel"), pos=[0] * size, tp=[0] * size, miss_label=[0] * size)
    else:
        n, tp, fp, fn = ints("n"), ints("tp"), ints("fp"), ints("fn")
        counts.update(n=n, sel=_plus(tp, fp), pos=_plus(tp, fn), tp=tp, miss_label=_minus(n_pred, n))
    invalid = [prefix for prefix in ("pred", "label") if _not_binary(data, prefix)]
    return Cells(keys=keys, windows=windows, counts=counts, invalid=invalid)


def _plus(a: Counts, b: Counts) -> Counts:
    return [x + y for x, y in zip(a, b, strict=True)]


def _minus(a: Counts, b: Counts) -> Counts:
    return [x - y for x, y in zip(a, b, strict=True)]


def _not_binary(data: dict[str, list[Any]], prefix: str) -> bool:
    """Whether any cell counted a value of the decision (``pred``) or label that is not 0/1."""
    return any(data.get(f"{prefix}_bad") or ())


def as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def invalid_examples(table: Any, column: str, limit: int = 5) -> tuple[int, list[Any]]:
    """How many values of ``column`` are neither 0/1 nor true/false, and a few of them (for the error message)."""
    expr = table[column]
    bad = expr.notnull() & ~expr.isin([0, 1])
    if expr.type().is_floating():
        bad = bad | expr.isnan()
    rows = table.filter(bad)
    count = int(rows.count().to_pyarrow().as_py())
    values = rows.select(expr.name("v")).distinct().limit(limit).to_pyarrow()["v"].to_pylist()
    return count, sorted(values, key=str)


def window_start(day: dt.date, grain: Grain) -> dt.date:
    """The first day of the window of ``grain`` that holds ``day`` (weeks start on Monday, as in SQL).

    >>> window_start(dt.date(2026, 5, 14), "quarter"), window_start(dt.date(2026, 5, 14), "week")
    (datetime.date(2026, 4, 1), datetime.date(2026, 5, 11))
    """
    if grain == "week":
        return day - dt.timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return day


def finer(grain: Grain, window: Grain) -> bool:
    """Whether windows of ``window`` are unions of windows of ``grain``."""
    return grain == window or grain == "day" or (grain, window) == ("month", "quarter")


def coarsen(cells: Cells, groups: Sequence[int], grain: Grain | None) -> Cells:
    """Sum ``cells`` to the group columns at positions ``groups`` and to windows of ``grain`` (None: keep none).

    Every count is additive, so this gives exactly what aggregating the log at that grain gives; rows
    with a missing value in a column left out are kept, as they would be.
    """
    index: dict[tuple[tuple[Any, ...], dt.date | None], int] = {}
    targets = []
    for key, window in zip(cells.keys, cells.windows, strict=True):
        start = window_start(window, grain) if window is not None and grain is not None else None
        targets.append(index.setdefault((tuple(key[i] for i in groups), start), len(index)))
    counts: dict[str, Counts] = {}
    for name, values in cells.counts.items():
        summed = [0] * len(index)
        for target, value in zip(targets, values, strict=True):
            summed[target] += value
        counts[name] = summed
    return Cells(keys=[k for k, _ in index], windows=[w for _, w in index], counts=counts, invalid=list(cells.invalid))


@dataclass
class Level:
    """The counts of one level (one group column, or the intersection), per window and overall.

    ``windows`` holds ``None`` for the whole period.
    """

    keys: list[tuple[Any, ...]]
    windows: list[dt.date | None]
    counts: dict[str, Counts]

    def __len__(self) -> int:
        return len(self.keys)


def rollup(cells: Cells, level: Sequence[int], with_windows: bool) -> Level:
    """Sum the counts of ``cells`` over the group columns at positions ``level``, overall and per window."""
    index: dict[tuple[tuple[Any, ...], dt.date | None], int] = {}
    targets: list[int] = []
    for windowed in (False, True) if with_windows else (False,):
        for key, window in zip(cells.keys, cells.windows, strict=True):
            slot = (tuple(key[i] for i in level), window if windowed else None)
            targets.append(index.setdefault(slot, len(index)))
    repeat = 2 if with_windows else 1
    counts: dict[str, Counts] = {}
    for name in COUNTS:
        summed = [0] * len(index)
        for target, value in zip(targets, cells.counts[name] * repeat, strict=True):
            summed[target] += value
        counts[name] = summed
    return Level(keys=[k for k, _ in index], windows=[w for _, w in index], counts=counts)


def rates(counts: dict[str, Counts], with_labels: bool, confidence: float) -> dict[str, dict[str, Any]]:
    """Each rate with its Wilson interval, numerator and denominator, per cell.

    Returns ``{metric: {"value", "low", "high", "num", "den"}}``, each a list in cell order; a rate whose
    denominator is 0 is NaN.
    """
    derived = dict(counts)
    derived["fp"] = _minus(counts["sel"], counts["tp"])
    derived["fn"] = _minus(counts["pos"], counts["tp"])
    derived["neg"] = _minus(counts["n"], counts["pos"])
    z = z_value(confidence)
    out: dict[str, dict[str, Any]] = {}
    for metric, (numerator, denominator) in RATES.items():
        if metric in LABEL_METRICS and not with_labels:
            continue
        k, n = derived[numerator], derived[denominator]
        intervals = [wilson(a, b, z) for a, b in zip(k, n, strict=True)]
        out[metric] = {
            "value": [a / b if b > 0 else math.nan for a, b in zip(k, n, strict=True)],
            "low": [low for low, _ in intervals],
            "high": [high for _, high in intervals],
            "num": k,
            "den": n,
        }
    return out
