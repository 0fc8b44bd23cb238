"""The monitoring run in the background: the task runner calls :func:`evaluate_run` with the run's id.

The work is the core's: :func:`rightscope.monitor.run.evaluate` on the assessment version the run was
started with, then :func:`rightscope.monitor.run.write` after the deployment's previous result, which
is how ``rightscope monitor run --out`` says what changed since the last run. The core reports no
progress of its own, so the run's progress is by stage. Whatever goes wrong ends the run as *failed*
with a message a user can act on; nothing is left *running*.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django_tasks import task

from rightscope.errors import RightscopeError
from rightscope.monitor.sources import MonitorInputError, first_line
from rightscope.web.monitoring.models import MonitoringRun

if TYPE_CHECKING:
    from rightscope.monitor.run import MonitoringResult

logger = logging.getLogger(__name__)


def _stage(run: MonitoringRun, progress: int, stage: str, state: str = MonitoringRun.State.RUNNING) -> None:
    run.progress, run.stage, run.state = progress, stage[:200], state
    run.save(update_fields=["progress", "stage", "state"])


def _path(field: FieldFile) -> str | None:
    return field.path if field else None


def stored_name(field: FieldFile) -> str | None:
    """The name an uploaded file was stored under, without its folder; None where none was uploaded."""
    return Path(field.name).name if field and field.name else None


def _shown(run: MonitoringRun) -> dict[str, str | None]:
    """The inputs as a reader of the result should see them: file names and the table, never server paths."""
    from rightscope.monitor.sources import parse_source

    table = parse_source(run.decisions_table).describe() if run.decisions_table else None
    return {
        "decisions": stored_name(run.decisions) or table,
        "grievances": stored_name(run.grievances),
        "events": stored_name(run.events),
    }


def compute(run: MonitoringRun, previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The run's ``rightscope/monitoring-result/v1`` document; stages are saved on the run as they pass."""
    from rightscope.monitor.run import evaluate, write
    from rightscope.web.assessments import document as docs

    version = run.version
    _stage(run, 5, f"assessing version {version.number} of {version.assessment.slug}")
    evaluation = docs.evaluate(version)
    if evaluation.result is None:
        raise RightscopeError("the assessment cannot be assessed: " + "; ".join(evaluation.problems))
    _stage(run, 20, "evaluating the monitoring plan on the logs")
    result = evaluate(
        evaluation.document,
        evaluation.result,
        decisions=_path(run.decisions) or run.decisions_table or None,
        grievances=_path(run.grievances),
        events=_path(run.events),
    )
    _stage(run, 85, "comparing with the previous run")
    result = result.model_copy(update={"inputs": {**result.inputs, **_shown(run)}})
    with tempfile.TemporaryDirectory(prefix="rightscope-monitoring-") as folder:
        earlier = _readable_result(previous, run)
        if earlier is not None:
            write(earlier, Path(folder))
        result, _written = write(result, Path(folder))
    document: dict[str, Any] = result.model_dump(mode="json", by_alias=True)
    return document


def _readable_result(previous: dict[str, Any] | None, run: MonitoringRun) -> MonitoringResult | None:
    """The previous run's result as a document to compare with, or ``None`` when it cannot be read.

    A result stored by an older version of the schema must not make every later run of the deployment
    fail: the run is then computed without the comparison, and the reason is logged.
    """
    if previous is None:
        return None
    from pydantic import ValidationError

    from rightscope.monitor.run import MonitoringResult

    try:
        return MonitoringResult.model_validate(previous)
    except ValidationError as exc:
        logger.warning("monitoring run %s: the previous result cannot be read, not compared (%s)", run.pk, exc.title)
        return None


def previous_result(run: MonitoringRun) -> dict[str, Any] | None:
    """The result of the deployment's last finished run before this one."""
    earlier = (
        MonitoringRun.objects.filter(deployment_id=run.deployment_id, state=MonitoringRun.State.DONE, pk__lt=run.pk)
        .exclude(result=None)
        .order_by("-pk")
        .values_list("result", flat=True)
        .first()
    )
    return earlier


def _readable(exc: RightscopeError) -> str:
    """The monitor's error with the command-line option it names put as the log it is about."""
    from rightscope.web.monitoring.forms import message

    if isinstance(exc, MonitorInputError):
        where = {"--decisions": "decision log", "--grievances": "grievances", "--events": "safeguard events"}
        field = where.get(exc.field)
        return f"{field}: {message(exc)}" if field else message(exc)
    return str(exc)


def execute(run_id: int) -> None:
    """Run the monitoring run ``run_id`` to *done* or *failed*."""
    run = MonitoringRun.objects.select_related("version__assessment", "deployment").get(pk=run_id)
    if run.state not in (MonitoringRun.State.QUEUED, MonitoringRun.State.RUNNING):
        return  # already finished (a task delivered twice)
    try:
        run.result = compute(run, previous_result(run))
    except RightscopeError as exc:  # the monitor's input errors name the field and the reason
        run.state, run.error = MonitoringRun.State.FAILED, _readable(exc)
    except Exception as exc:
        logger.exception("monitoring run %s failed", run_id)
        run.state = MonitoringRun.State.FAILED
        run.error = f"The run stopped on an unexpected error: {first_line(exc)}. The server log has the details."
    else:
        run.state, run.progress, run.stage = MonitoringRun.State.DONE, 100, "done"
    run.finished = timezone.now()
    run.save(update_fields=["result", "state", "progress", "stage", "error", "finished"])


@task()
def evaluate_run(run_id: int) -> None:
    """The task: :func:`execute` in the worker (inline where ``RIGHTSCOPE_TASKS=immediate``)."""
    execute(run_id)
