"""Ex-post monitoring: group metrics and disparities on a log of automated decisions.

:func:`group_metrics` reads a decision log (a file, a database table or an Ibis table on any
backend), computes per group, per intersection of groups and per time window the count and selection
rate and, with ground-truth labels, the true and false positive rates, false negative rate and
precision, each with a Wilson 95 % interval, and compares every group with a reference group. It
flags selection-rate ratios below four fifths (US Uniform Guidelines, 1978, §4D) and any ratio outside
Aequitas' tolerance of 0.8 to 1.25. Groups smaller than ``min_group_size`` are suppressed. See
``docs/monitoring-metrics.md``.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from rightscope.errors import closest
from rightscope.monitor.backends import Backend, open_on_spark, parse_backend
from rightscope.monitor.metrics import (
    LABEL_METRICS,
    RATES,
    Cells,
    Columns,
    Grain,
    Level,
    Window,
    aggregation,
    coarsen,
    execute,
    finer,
    invalid_examples,
    rates,
    rollup,
    scan_files,
)
from rightscope.monitor.sources import (
    FILE_KIND_NAMES,
    MonitorInputError,
    UnknownColumnError,
    backend_name,
    is_ibis_table,
    open_source,
    source_spec,
)

__all__ = [
    "REPORT_KIND",
    "Backend",
    "Estimate",
    "Exclusion",
    "GroupRow",
    "MetricsReport",
    "MonitorInputError",
    "Reference",
    "Scan",
    "Thresholds",
    "UnknownColumnError",
    "Window",
    "group_metrics",
    "scan_decisions",
]

REPORT_KIND: Literal["rightscope/monitor-metrics/v1"] = "rightscope/monitor-metrics/v1"
GroupValue = str | int | float | bool
ExclusionReason = Literal["missing_group", "missing_time", "missing_prediction", "missing_score", "missing_label"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Estimate(_Model):
    """A rate for one group, its Wilson interval, and how it compares with the reference group."""

    value: float | None = Field(description="The rate; null where its denominator is 0 or the group is suppressed.")
    ci_low: float | None = None
    ci_high: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    ratio: float | None = Field(default=None, description="value / the reference group's value.")
    difference: float | None = Field(default=None, description="value - the reference group's value.")


class GroupRow(_Model):
    """The metrics of one group (or intersection of groups) in one window, or over the whole period."""

    level: list[str] = Field(description="The group columns of this row, e.g. ['race', 'sex'] for an intersection.")
    groups: dict[str, GroupValue] = Field(description="The value of each column in level.")
    window: dt.date | None = Field(default=None, description="First day of the window; null for the whole period.")
    n: int | None = Field(description="Decisions used; null when suppressed.")
    suppressed: bool = False
    reference: bool = Field(default=False, description="Whether this is the reference group of its level.")
    selection_rate: Estimate
    tpr: Estimate | None = None
    fpr: Estimate | None = None
    fnr: Estimate | None = None
    precision: Estimate | None = None
    flags: list[str] = Field(default_factory=list)


class Reference(_Model):
    """The group every other group of a level is compared with."""

    level: list[str]
    groups: dict[str, GroupValue]
    n: int | None = Field(description="Its size over the whole period; null when suppressed.")
    chosen: Literal["largest", "given"]
    suppressed: bool = False


class Exclusion(_Model):
    """Rows left out of the metrics, and why. Each row is counted under its first missing column."""

    reason: ExclusionReason
    column: str
    rows: int


class Thresholds(_Model):
    """The thresholds the report used."""

    min_group_size: int = Field(description="Groups with fewer decisions are suppressed.")
    four_fifths: float = Field(description="Selection-rate ratios below this are flagged (US Uniform Guidelines §4D).")
    tolerance_low: float = Field(description="Aequitas' disparity tolerance: ratios below are flagged.")
    tolerance_high: float = Field(description="Aequitas' disparity tolerance: ratios above are flagged.")
    confidence: float = Field(description="Confidence level of the Wilson intervals.")
    score_threshold: float | None = Field(default=None, description="pred = score >= this, when a score was given.")


class MetricsReport(_Model):
    """Group metrics and disparities of a decision log."""

    kind: Literal["rightscope/monitor-metrics/v1"] = REPORT_KIND
    source: str
    backend: str
    group_columns: list[str]
    pred: str | None = None
    score: str | None = None
    label: str | None = None
    time: str | None = None
    window: Window | None = None
    metrics: list[str]
    rows_read: int
    rows_used: int
    rows_excluded: int
    exclusions: list[Exclusion] = Field(default_factory=list)
    thresholds: Thresholds
    references: list[Reference] = Field(default_factory=list)
    rows: list[GroupRow] = Field(default_factory=list)

    def level(self, *columns: str, window: dt.date | None = None) -> list[GroupRow]:
        """The rows of one level (e.g. ``report.level("race", "sex")``) in one window (default: whole period)."""
        return [r for r in self.rows if r.level == list(columns) and r.window == window]

    @property
    def flagged(self) -> list[GroupRow]:
        """Rows with at least one flag."""
        return [r for r in self.rows if r.flags]


@dataclass(frozen=True)
class Scan:
    """A decision log aggregated once, at a grain from which several reports can be summed.

    Made by :func:`scan_decisions`; pass it to :func:`group_metrics` in place of the log.
    """

    cells: Cells
    columns: Columns
    table: Callable[[], Any]
    source: str
    backend: str

    def window_counts(self, window: Window) -> dict[dt.date, int]:
        """Decisions (rows with a time) per window of ``window``, by its first day."""
        if self.columns.window is None or not finer(self.columns.window, window):
            raise ValueError(f"a scan by {self.columns.window} cannot be summed to windows of a {window}")
        summed = coarsen(self.cells, (), window)
        return {w: n for w, n in zip(summed.windows, summed.counts["rows"], strict=True) if w is not None}


def scan_decisions(
    decisions: Any,
    *,
    group: Sequence[str],
    pred: str | None = None,
    label: str | None = None,
    score: str | None = None,
    threshold: float | None = None,
    time: str | None = None,
    grain: Grain = "day",
    backend: Backend | str | None = None,
) -> Scan:
    """Aggregate ``decisions`` once by every column of ``group`` (and by ``grain`` of ``time``).

    :func:`group_metrics` on the result, for any subset of ``group`` and any window that ``grain``
    divides, gives the same report as on the log, without reading the log again: a monitoring plan
    with several KPIs reads a log of a billion decisions once.
    """
    columns = Columns(
        groups=tuple(group),
        pred=pred,
        score=score,
        threshold=threshold,
        label=label,
        time=time,
        window=grain if time is not None else None,
    )
    chosen = backend if isinstance(backend, Backend) else parse_backend(backend)
    cells, table, described, backend_used = _scan(decisions, columns, chosen)
    return Scan(cells=cells, columns=columns, table=table, source=described, backend=backend_used)


def group_metrics(
    decisions: Any,
    *,
    group: str | Sequence[str],
    pred: str | None = None,
    label: str | None = None,
    score: str | None = None,
    threshold: float | None = None,
    reference: Any = None,
    time: str | None = None,
    window: Window | None = None,
    min_group_size: int = 10,
    confidence: float = 0.95,
    four_fifths: float = 0.8,
    tolerance: tuple[float, float] = (0.8, 1.25),
    backend: Backend | str | None = None,
) -> MetricsReport:
    """Group metrics and disparities of a decision log, in one scan.

    ``decisions`` is a path or source string (CSV, Parquet, JSONL, ``duckdb://PATH::TABLE``,
    ``postgresql://...::TABLE``), an Ibis table on any backend, a pandas DataFrame or a pyarrow Table.
    Give the decision as ``pred`` (0/1 or boolean) or as ``score`` with ``threshold`` (pred = score >=
    threshold). ``reference`` is a value of the single group column, or a mapping ``{column: value}``;
    by default each level's largest group. With ``time``, metrics are also given per ``window``
    (``week``, ``month`` or ``quarter``; default ``month``). ``backend`` runs a source given as a path
    elsewhere: ``"spark"``, a Spark master or Connect URL, or a :class:`Backend` (see
    :mod:`rightscope.monitor.backends`); by default files are scanned by DuckDB in process.
    ``decisions`` may also be a :class:`Scan` of the log (see :func:`scan_decisions`).

    >>> import pandas as pd
    >>> log = pd.DataFrame({"sex": ["f"] * 20 + ["m"] * 30, "hired": [1] * 6 + [0] * 14 + [1] * 15 + [0] * 15})
    >>> report = group_metrics(log, group="sex", pred="hired")
    >>> f = report.level("sex")[0]
    >>> f.groups, f.n, f.selection_rate.value, round(f.selection_rate.ratio, 2), f.flags
    ({'sex': 'f'}, 20, 0.3, 0.6, ['selection_rate_ratio_below_0.8', 'selection_rate_ratio_outside_0.8_1.25'])
    >>> report.references[0].groups, report.rows_excluded
    ({'sex': 'm'}, 0)
    """
    groups = [group] if isinstance(group, str) else list(group)
    _check_options(groups, pred, score, threshold, time, window, min_group_size, confidence, tolerance)
    if time is not None and window is None:
        window = "month"
    columns = Columns(
        groups=tuple(groups), pred=pred, score=score, threshold=threshold, label=label, time=time, window=window
    )
    if isinstance(decisions, Scan):
        cells, table, described, backend_used = _from_scan(decisions, columns)
    else:
        chosen = backend if isinstance(backend, Backend) else parse_backend(backend)
        cells, table, described, backend_used = _scan(decisions, columns, chosen)
    _check_values(table, cells, columns)
    exclusions = _exclusions(cells, columns)
    valid = _complete(cells, with_time=time is not None)
    rows_read = sum(cells.counts["rows"])
    rows_used = sum(valid.counts["n"])

    thresholds = Thresholds(
        min_group_size=min_group_size,
        four_fifths=four_fifths,
        tolerance_low=tolerance[0],
        tolerance_high=tolerance[1],
        confidence=confidence,
        score_threshold=threshold,
    )
    wanted = _reference_values(reference, groups)
    metric_names = [m for m in RATES if label is not None or m not in LABEL_METRICS]
    levels: list[tuple[int, ...]] = [(i,) for i in range(len(groups))]
    if len(groups) > 1:
        levels.append(tuple(range(len(groups))))
    rows: list[GroupRow] = []
    references: list[Reference] = []
    for level in levels:
        level_columns = [groups[i] for i in level]
        counts = rollup(valid, level, with_windows=time is not None)
        if not len(counts):
            continue
        ref_key = _choose_reference(counts, level_columns, wanted)
        ref_n = int(counts.counts["n"][counts.keys.index(ref_key)])  # the whole-period entries come first
        ref_suppressed = ref_n < min_group_size
        references.append(
            Reference(
                level=level_columns,
                groups=dict(zip(level_columns, (_value(v) for v in ref_key), strict=True)),
                n=None if ref_suppressed else ref_n,
                chosen="given" if all(c in wanted for c in level_columns) else "largest",
                suppressed=ref_suppressed,
            )
        )
        estimates = rates(counts.counts, label is not None, confidence)
        rows.extend(_rows(counts, estimates, level_columns, ref_key, metric_names, thresholds))
    return MetricsReport(
        source=described,
        backend=backend_used,
        group_columns=groups,
        pred=pred,
        score=score,
        label=label,
        time=time,
        window=window,
        metrics=metric_names,
        rows_read=rows_read,
        rows_used=rows_used,
        rows_excluded=rows_read - rows_used,
        exclusions=exclusions,
        thresholds=thresholds,
        references=references,
        rows=rows,
    )


def _check_options(
    groups: list[str],
    pred: str | None,
    score: str | None,
    threshold: float | None,
    time: str | None,
    window: str | None,
    min_group_size: int,
    confidence: float,
    tolerance: tuple[float, float],
) -> None:
    if not groups:
        raise MonitorInputError("--group", "give at least one group column")
    if len(set(groups)) != len(groups):
        raise MonitorInputError("--group", "a group column is given twice")
    if (pred is None) == (score is None):
        raise MonitorInputError("--pred", "give either --pred COL or --score COL --threshold X")
    if score is not None and threshold is None:
        raise MonitorInputError("--threshold", "--score needs --threshold X (pred = score >= X)")
    if threshold is not None and score is None:
        raise MonitorInputError("--threshold", "--threshold goes with --score COL")
    if threshold is not None and not math.isfinite(threshold):
        raise MonitorInputError("--threshold", "must be a finite number")
    if window is not None and time is None:
        raise MonitorInputError("--window", "--window needs --time COL")
    if window is not None and window not in ("week", "month", "quarter"):
        raise MonitorInputError("--window", f"{window!r} is not one of week, month, quarter")
    if min_group_size < 0:
        raise MonitorInputError("--min-group-size", "must be 0 or more")
    if not 0 < confidence < 1:
        raise MonitorInputError("confidence", "must be between 0 and 1")
    if not 0 < tolerance[0] <= 1 <= tolerance[1]:
        raise MonitorInputError("tolerance", "must be (low, high) with 0 < low <= 1 <= high")


def _scan(decisions: Any, columns: Columns, backend: Backend) -> tuple[Cells, Callable[[], Any], str, str]:
    """The aggregated cells, a function that opens the log as an Ibis table, its description and backend."""
    path = not is_ibis_table(decisions) and isinstance(decisions, str | os.PathLike)
    if backend.kind == "spark":
        if not path:
            raise MonitorInputError("--backend", "give the decision log as a path or source string to run it on Spark")
        opened, described = open_on_spark(os.fspath(decisions), backend)
    else:
        spec = source_spec(decisions) if path else None
        if spec is not None and spec.kind in FILE_KIND_NAMES:
            cells, table = scan_files(spec, columns)
            return cells, table, spec.describe(), "duckdb"
        opened, described = open_source(decisions)
    return execute(aggregation(opened, columns), columns), lambda: opened, described, backend_name(opened)


def _from_scan(scan: Scan, columns: Columns) -> tuple[Cells, Callable[[], Any], str, str]:
    """The cells for ``columns``, summed from a scan that covers them."""
    scanned = scan.columns
    same = (scanned.pred, scanned.score, scanned.threshold, scanned.label, scanned.time)
    if same != (columns.pred, columns.score, columns.threshold, columns.label, columns.time):
        raise MonitorInputError("decisions", "the scan was made with another decision, label, score or time column")
    missing = [g for g in columns.groups if g not in scanned.groups]
    if missing:
        raise MonitorInputError("--group", f"the scan has no group column {', '.join(map(repr, missing))}")
    if columns.window is not None and not (scanned.window and finer(scanned.window, columns.window)):
        raise MonitorInputError("--window", f"a scan by {scanned.window} cannot be summed to {columns.window}s")
    positions = [scanned.groups.index(g) for g in columns.groups]
    return coarsen(scan.cells, positions, columns.window), scan.table, scan.source, scan.backend


def _check_values(table: Callable[[], Any], cells: Cells, columns: Columns) -> None:
    for field, column in (("--pred", columns.pred), ("--label", columns.label)):
        if column is None or field[2:] not in cells.invalid:
            continue
        count, examples = invalid_examples(table(), column)
        raise MonitorInputError(
            field,
            f"column {column!r} must hold 0/1 or true/false; {count} rows hold other values, e.g. "
            + ", ".join(repr(v) for v in examples)
            + (" (for scores use --score COL --threshold X)" if field == "--pred" else ""),
        )


def _complete(cells: Cells, with_time: bool) -> Cells:
    """The cells with every group value (and the window) present."""
    keep = [
        i
        for i, (key, window) in enumerate(zip(cells.keys, cells.windows, strict=True))
        if all(v is not None for v in key) and (window is not None or not with_time)
    ]
    return Cells(
        keys=[cells.keys[i] for i in keep],
        windows=[cells.windows[i] for i in keep],
        counts={name: [values[i] for i in keep] for name, values in cells.counts.items()},
    )


def _exclusions(cells: Cells, columns: Columns) -> list[Exclusion]:
    """Rows left out, each under its first reason: a missing group value, time, prediction, then label."""
    out: dict[tuple[ExclusionReason, str], int] = {}
    prediction: ExclusionReason = "missing_score" if columns.score is not None else "missing_prediction"
    for i, (key, window) in enumerate(zip(cells.keys, cells.windows, strict=True)):
        rows = int(cells.counts["rows"][i])
        missing = next((c for c, v in zip(columns.groups, key, strict=True) if v is None), None)
        if missing is not None:
            reasons: list[tuple[ExclusionReason, str, int]] = [("missing_group", missing, rows)]
        elif columns.time is not None and window is None:
            reasons = [("missing_time", columns.time, rows)]
        else:
            reasons = [(prediction, columns.prediction, int(cells.counts["miss_pred"][i]))]
            if columns.label is not None:
                reasons.append(("missing_label", columns.label, int(cells.counts["miss_label"][i])))
        for reason, column, count in reasons:
            out[(reason, column)] = out.get((reason, column), 0) + count
    order: list[tuple[ExclusionReason, str]] = [("missing_group", c) for c in columns.groups]
    if columns.time is not None:
        order.append(("missing_time", columns.time))
    order.append((prediction, columns.prediction))
    if columns.label is not None:
        order.append(("missing_label", columns.label))
    return [Exclusion(reason=r, column=c, rows=out[(r, c)]) for r, c in order if out.get((r, c))]


def _key(value: Any) -> str:
    """A value as a user would type it, for matching ``--reference``."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _value(value: Any) -> GroupValue:
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _reference_values(reference: Any, groups: list[str]) -> dict[str, str]:
    if reference is None:
        return {}
    if isinstance(reference, Mapping):
        for column in reference:
            if column not in groups:
                raise MonitorInputError(
                    "--reference", f"{column!r} is not a group column; the group columns are {', '.join(groups)}"
                )
        return {str(c): _key(v) for c, v in reference.items()}
    if len(groups) > 1:
        raise MonitorInputError(
            "--reference", "with several group columns give the reference as COLUMN=VALUE (repeat for each column)"
        )
    return {groups[0]: _key(reference)}


def _choose_reference(level: Level, columns: list[str], wanted: dict[str, str]) -> tuple[Any, ...]:
    """The given reference group, or the largest (ties: the first by value) among those matching what is given."""
    overall = [i for i, w in enumerate(level.windows) if w is None]
    candidates = overall
    for position, column in enumerate(columns):
        if column not in wanted:
            continue
        chosen = [i for i in candidates if _key(level.keys[i][position]) == wanted[column]]
        if not chosen and len(columns) == 1:
            values = sorted({_key(level.keys[i][position]) for i in overall})
            suggestions = closest(wanted[column], values)
            reason = f"no group {wanted[column]!r} in column {column!r}"
            if suggestions:
                reason += "; did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
            reason += " Groups: " + ", ".join(values[:30]) + (" ..." if len(values) > 30 else "")
            raise MonitorInputError("--reference", reason)
        candidates = chosen
    if not candidates:
        candidates = overall
    n = level.counts["n"]
    best = min(candidates, key=lambda i: (-int(n[i]), [str(v) for v in level.keys[i]]))
    return level.keys[best]


def _number(value: Any) -> float | None:
    number = float(value)
    return None if math.isnan(number) else number


def _rows(
    level: Level,
    estimates: dict[str, dict[str, Any]],
    columns: list[str],
    ref_key: tuple[Any, ...],
    metrics: list[str],
    thresholds: Thresholds,
) -> list[GroupRow]:
    n = level.counts["n"]
    reference_at = {w: i for i, (k, w) in enumerate(zip(level.keys, level.windows, strict=True)) if k == ref_key}
    order = sorted(
        range(len(level)),
        key=lambda i: (level.windows[i] or dt.date.min, [str(v) for v in level.keys[i]]),
    )
    below = f"selection_rate_ratio_below_{thresholds.four_fifths:g}"
    outside = f"_ratio_outside_{thresholds.tolerance_low:g}_{thresholds.tolerance_high:g}"
    out: list[GroupRow] = []
    for i in order:
        window = level.windows[i]
        suppressed = int(n[i]) < thresholds.min_group_size
        is_reference = level.keys[i] == ref_key
        ref = reference_at.get(window)
        ref_hidden = ref is None or int(n[ref]) < thresholds.min_group_size
        row_estimates: dict[str, Estimate] = {}
        flags: list[str] = []
        for metric in metrics:
            if suppressed:
                row_estimates[metric] = Estimate(value=None)
                continue
            arrays = estimates[metric]
            value = _number(arrays["value"][i])
            ratio = difference = None
            if value is not None and ref is not None and not ref_hidden:
                ref_value = _number(arrays["value"][ref])
                if ref_value is not None:
                    difference = value - ref_value
                    ratio = value / ref_value if ref_value > 0 else None
            row_estimates[metric] = Estimate(
                value=value,
                ci_low=_number(arrays["low"][i]),
                ci_high=_number(arrays["high"][i]),
                numerator=int(arrays["num"][i]),
                denominator=int(arrays["den"][i]),
                ratio=ratio,
                difference=difference,
            )
            if ratio is not None:
                if metric == "selection_rate" and ratio < thresholds.four_fifths:
                    flags.append(below)
                if not thresholds.tolerance_low <= ratio <= thresholds.tolerance_high:
                    flags.append(metric + outside)
        if not suppressed and ref_hidden and not is_reference:
            flags.append("reference_suppressed" if ref is not None else "reference_absent")
        out.append(
            GroupRow(
                level=columns,
                groups=dict(zip(columns, (_value(v) for v in level.keys[i]), strict=True)),
                window=window,
                n=None if suppressed else int(n[i]),
                suppressed=suppressed,
                reference=is_reference,
                flags=flags,
                **row_estimates,
            )
        )
    return out
