"""Reading a monitoring result (``schema: rightscope/monitoring-result/v1``) for the monitoring report.

``rightscope monitor run`` writes a folder with ``monitoring-result.json``; the record is
:class:`rightscope.monitor.run.MonitoringResult`, which this module reads with errors a user can act on.
The monitor package (and with it Ibis) is imported only when a monitoring report is asked for.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from rightscope.errors import RightscopeError

if TYPE_CHECKING:
    from rightscope.monitor.run import MonitoringResult

RESULT_FILE = "monitoring-result.json"
MONITORING_SCHEMA = "rightscope/monitoring-result/v1"


class MonitoringFileError(RightscopeError):
    """A monitoring result that cannot be read or does not have the expected shape."""


def load_monitoring(path: str | Path) -> MonitoringResult:
    """Read a monitoring result from its folder (``monitoring-result.json`` inside) or from the file itself."""
    from rightscope.monitor.run import MonitoringResult

    given = Path(path)
    file = given / RESULT_FILE if given.is_dir() else given
    if not file.exists():
        where = f"no {RESULT_FILE} in {given}" if given.is_dir() else "not found"
        raise MonitoringFileError(f"--monitoring {path}: {where} (write one with rightscope monitor run --out DIR)")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MonitoringFileError(f"{file}: not a JSON file ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != MONITORING_SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else None
        raise MonitoringFileError(f"{file}: expected schema {MONITORING_SCHEMA!r}, found {found!r}")
    try:
        return MonitoringResult.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise MonitoringFileError(f"{file}: {where}: {first['msg']} ({exc.error_count()} problem(s))") from None
