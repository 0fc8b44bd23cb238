"""PDF rendering in the background (WeasyPrint takes seconds): the page polls until the file is ready."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django_tasks import task

from rightscope.errors import RightscopeError
from rightscope.web.reports.models import RenderedReport
from rightscope.web.reports.render import ReportUnavailable, render


@task()
def render_pdf(report_id: int) -> None:
    item = RenderedReport.objects.select_related("version").get(pk=report_id)
    item.state = RenderedReport.State.RUNNING
    item.save(update_fields=["state"])
    monitoring = None
    if item.run_id is not None:
        from rightscope.web.monitoring.models import MonitoringRun

        monitoring = MonitoringRun.objects.get(pk=item.run_id).result
    try:
        rendered = render(item.version, "report", item.fmt, item.lens, item.lang, monitoring)
    except (RightscopeError, ReportUnavailable, OSError) as exc:
        item.state = RenderedReport.State.FAILED
        item.error = str(exc)
        item.save(update_fields=["state", "error"])
        return
    item.file.save(rendered.filename, ContentFile(rendered.content), save=False)
    item.state = RenderedReport.State.DONE
    item.save(update_fields=["state", "file"])
