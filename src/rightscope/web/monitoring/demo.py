"""The demo deployment: the welfare fraud risk model with one finished run on synthetic logs.

The logs are those of ``make demo`` (:func:`rightscope.monitor.synthetic.write_welfare_logs`: six
months in which a disparity emerges in April, and grievances with unforeseen impacts), stored as the
run's files, so that the run can be read again and its inputs downloaded. The result is computed by the
same code as a run in the background; it is kept for the life of the process, keyed by the assessment
version's content, since the logs never change (loading the demo in every test stays fast).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from django.core.files import File
from django.utils import timezone

from rightscope.web.monitoring.models import Deployment, MonitoringRun
from rightscope.web.orgs.models import Organisation

DEMO_ASSESSMENT = "westerhaven-welfare-fraud-risk"
DEMO_DEPLOYMENT = "Westerhaven welfare fraud risk model (live)"

_results: dict[str, dict[str, Any]] = {}


@cache
def _logs() -> dict[str, Path]:
    from rightscope.monitor.synthetic import write_welfare_logs

    return write_welfare_logs(Path(tempfile.mkdtemp(prefix="rightscope-demo-logs-")))


def load_monitoring_demo(organisation: Organisation, author: Any) -> Deployment | None:
    """Create the demo deployment and its finished run, once; None where the welfare example is absent."""
    from rightscope.web.monitoring.tasks import compute

    assessment = organisation.assessments.filter(slug=DEMO_ASSESSMENT).first()
    if assessment is None or assessment.deployments.filter(name=DEMO_DEPLOYMENT).exists():
        return None
    deployment = Deployment.objects.create(
        assessment=assessment,
        name=DEMO_DEPLOYMENT,
        description="Risk scores for welfare fraud investigations at the municipality of Westerhaven "
        "(synthetic logs, January to June 2026: no real person is represented).",
    )
    version = assessment.current
    run = MonitoringRun(deployment=deployment, version=version, started_by=author)
    for name, path in _logs().items():
        with path.open("rb") as fh:
            getattr(run, name).save(path.name, File(fh), save=False)
    run.save()
    key = hashlib.sha256(json.dumps(version.document, sort_keys=True).encode()).hexdigest()
    if key not in _results:
        _results[key] = compute(run)
    run.result = _results[key]
    run.state, run.progress, run.stage, run.finished = MonitoringRun.State.DONE, 100, "done", timezone.now()
    run.save()
    return deployment
