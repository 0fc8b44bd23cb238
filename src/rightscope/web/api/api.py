"""The JSON API (django-ninja): ``/api/v1/``, OpenAPI document at ``/api/v1/openapi.json``."""

from __future__ import annotations

from ninja import NinjaAPI

import rightscope

api = NinjaAPI(
    title="Rightscope API",
    version="1",
    description="Assessments, risks, consultations and monitoring runs of a Rightscope organisation.",
    urls_namespace="api",
)


@api.get("/version", auth=None, tags=["meta"])
def version(request: object) -> dict[str, str]:
    """The Rightscope version serving this API."""
    return {"rightscope": rightscope.__version__}
