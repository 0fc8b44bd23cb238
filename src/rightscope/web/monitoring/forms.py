"""The deployment form and the form that starts a monitoring run.

An upload is checked before any run exists, with the monitor's own readers: the decision log is opened
as ``rightscope monitor run`` opens it and its columns are checked against the assessment's monitoring
plan (:func:`rightscope.monitor.metrics.check_columns`, which ``monitor run`` calls before it reads a
row); grievance and event logs are read in full by :mod:`rightscope.monitor.grievances` and
:mod:`rightscope.monitor.events`, which check their columns, statuses, types and dates. Whatever they
refuse becomes an error on the field, in their words.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightscope.assess import Assessment as AssessmentDocument
from rightscope.assess import AssessmentResult
from rightscope.monitor.sources import FILE_KINDS, MonitorInputError
from rightscope.web.monitoring.models import Deployment, MonitoringRun
from rightscope.web.orgs.models import Organisation

# Which plan setting a column option of the monitor stands for, so that its message reads in the web's terms.
_COLUMN_FIELDS = {
    "--pred": gettext_lazy("the decision column (monitoring.decision_log.pred)"),
    "--score": gettext_lazy("the score column (monitoring.decision_log.score)"),
    "--label": gettext_lazy("the true-outcome column (monitoring.decision_log.label)"),
    "--time": gettext_lazy("the date column (monitoring.decision_log.time)"),
    "--group": gettext_lazy("a group column of a KPI (group_columns)"),
    "--threshold": gettext_lazy("the score threshold (monitoring.decision_log.threshold)"),
}


class DeploymentForm(forms.ModelForm[Deployment]):
    class Meta:
        model = Deployment
        fields = ["name", "description", "assessment"]
        labels = {"assessment": gettext_lazy("assessment")}
        help_texts = {
            "assessment": gettext_lazy("Its monitoring plan says which KPIs each run computes, and their thresholds.")
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assessment"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisation.assessments.order_by("title")


def message(exc: MonitorInputError) -> str:
    """The monitor's error as a sentence for a form: the plan setting at fault, then the reason."""
    where = _COLUMN_FIELDS.get(exc.field)
    return f"{where}: {exc.reason}" if where else exc.reason


def file_kind(name: str) -> str | None:
    """The reader the monitor picks for a file of this name (``csv``, ``parquet``, ``jsonl``), if any."""
    lowered = name.lower()
    for extension in sorted(FILE_KINDS, key=len, reverse=True):
        if lowered.endswith(extension):
            return FILE_KINDS[extension]
    return None


def extension(name: str) -> str:
    lowered = name.lower()
    return next(e for e in sorted(FILE_KINDS, key=len, reverse=True) if lowered.endswith(e))


@contextmanager
def on_disk(upload: UploadedFile[bytes]) -> Iterator[str]:
    """The upload as a file with its extension (the monitor's readers go by it), removed afterwards."""
    folder = tempfile.mkdtemp(prefix="rightscope-upload-")
    path = os.path.join(folder, "upload" + extension(str(upload.name)))
    try:
        upload.seek(0)
        with open(path, "wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        upload.seek(0)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def plan_columns(document: AssessmentDocument, result: AssessmentResult) -> list[str]:
    """The columns a decision log needs for the plan: decision, score, label, date and the KPIs' groups."""
    from rightscope.assess.schema import DecisionLog
    from rightscope.monitor.run import GROUP_METRICS

    plan = document.monitoring.decision_log or DecisionLog()
    named = [plan.pred, plan.score, plan.label, plan.time]
    named += [c for kpi in result.monitoring if kpi.metric in GROUP_METRICS for c in kpi.group_columns]
    return list(dict.fromkeys(c for c in named if c))


def check_decisions(source: str, document: AssessmentDocument, result: AssessmentResult) -> None:
    """Open a decision log as ``monitor run`` does and check the plan's columns; :class:`MonitorInputError` if not."""
    from rightscope.assess.schema import DecisionLog
    from rightscope.monitor.metrics import Columns, check_columns
    from rightscope.monitor.run import GROUP_METRICS
    from rightscope.monitor.sources import open_source

    plan = document.monitoring.decision_log or DecisionLog()
    if plan.pred is None and plan.score is None:
        raise MonitorInputError("--pred", "the assessment's monitoring plan does not say which column is the decision")
    groups: list[str] = []
    for kpi in result.monitoring:
        if kpi.metric in GROUP_METRICS:
            groups.extend(c for c in kpi.group_columns if c not in groups)
    table, _described = open_source(source)
    check_columns(
        table,
        Columns(
            groups=tuple(groups),
            pred=plan.pred,
            score=plan.score,
            threshold=plan.threshold,
            label=plan.label,
            time=plan.time,
        ),
    )


class RunForm(forms.Form):
    """A decision log (a file or a database table), grievances and safeguard events; at least one of them."""

    decisions = forms.FileField(
        label=gettext_lazy("decision log (CSV or Parquet)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.gz,.parquet,.pq"}),
        help_text=gettext_lazy("One row per decision, with the columns the assessment's monitoring plan names."),
    )
    decisions_table = forms.CharField(
        label=gettext_lazy("or a database table"),
        required=False,
        max_length=500,
        help_text=gettext_lazy(
            "duckdb:///path/to/file.duckdb::table or postgresql://user@host/database::schema.table, read by the "
            "server, read-only. Give no password in the address: the server's PGPASSWORD or ~/.pgpass is used."
        ),
    )
    grievances = forms.FileField(
        label=gettext_lazy("grievances (CSV)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.gz"}),
        help_text=gettext_lazy("Columns received, status and text (or description); optional id, remedied_on."),
    )
    events = forms.FileField(
        label=gettext_lazy("safeguard events (CSV)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.gz"}),
        help_text=gettext_lazy(
            "Columns time and type (human_override, appeal, incident ...), optional response_hours."
        ),
    )

    def __init__(self, *args: Any, document: AssessmentDocument, result: AssessmentResult, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        self.result = result

    def _upload(
        self, name: str, kinds: tuple[str, ...], check: Callable[[str], object], described: str
    ) -> UploadedFile[bytes] | None:
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        assert isinstance(upload, UploadedFile)
        if upload.size is not None and upload.size > settings.MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is %(size)d bytes; the largest accepted is %(limit)d.")
                % {"size": upload.size, "limit": settings.MAX_UPLOAD_BYTES}
            )
        kind = file_kind(str(upload.name))
        if kind not in kinds:
            raise ValidationError(
                _("%(name)s is not %(what)s: give a file ending in %(ext)s.")
                % {
                    "name": upload.name,
                    "what": described,
                    "ext": ", ".join(e for e, k in FILE_KINDS.items() if k in kinds),
                }
            )
        with on_disk(upload) as path:
            try:
                check(path)
            except MonitorInputError as exc:  # named by the upload, not by where it was put to be read
                raise ValidationError(message(exc).replace(path, str(upload.name))) from None
            except Exception as exc:  # a reader's own failure on a file it cannot parse
                error = _first_line(exc).replace(path, str(upload.name))
                raise ValidationError(_("The file cannot be read: %(error)s") % {"error": error}) from None
        return upload

    def clean_decisions(self) -> UploadedFile[bytes] | None:
        return self._upload(
            "decisions",
            ("csv", "parquet"),
            lambda path: check_decisions(path, self.document, self.result),
            _("a CSV or Parquet file"),
        )

    def clean_grievances(self) -> UploadedFile[bytes] | None:
        from rightscope.monitor import grievances

        return self._upload("grievances", ("csv",), grievances.read, _("a CSV file"))

    def clean_events(self) -> UploadedFile[bytes] | None:
        from rightscope.monitor import events

        return self._upload("events", ("csv",), events.read, _("a CSV file"))

    def clean_decisions_table(self) -> str:
        from rightscope.monitor.sources import parse_source

        value = str(self.cleaned_data.get("decisions_table") or "").strip()
        if not value:
            return ""
        wrong = _("Give a database table (duckdb://PATH::TABLE or postgresql://...::TABLE); upload files above.")
        if "://" not in value:  # a path: files are uploaded, never read from the server's folders
            raise ValidationError(wrong)
        try:
            spec = parse_source(value)
        except MonitorInputError as exc:
            raise ValidationError(message(exc)) from None
        if spec.kind not in ("duckdb", "postgres"):
            raise ValidationError(wrong)
        if spec.kind == "postgres" and urlsplit(spec.location).password is not None:
            raise ValidationError(
                _("Remove the password from the address: it would be stored with the run and in the audit trail.")
            )
        try:
            check_decisions(value, self.document, self.result)
        except MonitorInputError as exc:
            raise ValidationError(message(exc)) from None
        except Exception as exc:
            raise ValidationError(_("The table cannot be read: %(error)s") % {"error": _first_line(exc)}) from None
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if data.get("decisions") and data.get("decisions_table"):
            self.add_error("decisions_table", _("Give the decision log as a file or as a table, not both."))
        elif not any(data.get(k) for k in ("decisions", "decisions_table", "grievances", "events")):
            raise ValidationError(_("Give at least one log: decisions (a file or a table), grievances or events."))
        return data

    def create_run(self, deployment: Deployment, started_by: Any) -> MonitoringRun:
        """The queued run with its files (call inside a transaction, after :meth:`is_valid`)."""
        data = self.cleaned_data
        run = MonitoringRun(
            deployment=deployment,
            version=deployment.assessment.current,
            decisions_table=data["decisions_table"],
            started_by=started_by,
        )
        for name in ("decisions", "grievances", "events"):
            upload = data.get(name)
            if upload:
                getattr(run, name).save(Path(str(upload.name)).name, upload, save=False)
        run.save()
        return run


def _first_line(exc: BaseException) -> str:
    from rightscope.monitor.sources import first_line

    return first_line(exc)
