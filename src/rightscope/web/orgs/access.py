"""Who may do what, and the scoping every view goes through.

Every organisation page lives under ``/o/<slug>/``. :func:`org_view` resolves the slug against the
signed-in user's memberships: a user who is not a member gets 404, exactly as for an organisation that
does not exist, so that addresses never reveal what other tenants have. A member whose role lacks the
capability gets 403. Objects are then fetched through :func:`scoped`, which filters by organisation, so
an id from another organisation is a 404 too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from rightscope.web.orgs.models import Membership, Organisation, Role

M = TypeVar("M", bound=Model)

# Capability -> roles that have it. The permission matrix test reads this table and checks every view.
CAPABILITIES: dict[str, frozenset[str]] = {
    "member": frozenset(Role.values),
    "view_assessments": frozenset({Role.OWNER, Role.ASSESSOR, Role.REVIEWER, Role.VIEWER}),
    "edit_assessments": frozenset({Role.OWNER, Role.ASSESSOR}),
    "sign_off": frozenset({Role.OWNER, Role.REVIEWER}),
    "manage_consultations": frozenset({Role.OWNER, Role.ASSESSOR}),
    # Submission text can hold personal data: assessors and reviewers read it; viewers see counts,
    # classifications and the assessor's summary, and text only where the stakeholder consented.
    "read_submissions": frozenset({Role.OWNER, Role.ASSESSOR, Role.REVIEWER}),
    "view_consultations": frozenset({Role.OWNER, Role.ASSESSOR, Role.REVIEWER, Role.VIEWER}),
    "take_part": frozenset({Role.STAKEHOLDER}),
    "view_monitoring": frozenset({Role.OWNER, Role.ASSESSOR, Role.REVIEWER, Role.VIEWER}),
    "run_monitoring": frozenset({Role.OWNER, Role.ASSESSOR}),
    "download_reports": frozenset({Role.OWNER, Role.ASSESSOR, Role.REVIEWER, Role.VIEWER}),
    "view_audit": frozenset({Role.OWNER}),
    "manage_members": frozenset({Role.OWNER}),
    "manage_tokens": frozenset({Role.OWNER, Role.ASSESSOR}),
}


def can(membership: Membership | None, capability: str) -> bool:
    if membership is None:
        return False
    return membership.role in CAPABILITIES[capability]


def membership_for(user: Any, org_slug: str) -> Membership:
    """The user's membership of the organisation, or 404 (never 403: existence is not revealed)."""
    if not user.is_authenticated:
        raise Http404
    found = Membership.objects.select_related("organisation").filter(user=user, organisation__slug=org_slug).first()
    if found is None:
        raise Http404
    return found


def org_view(capability: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view taking ``(request, org, ...)``: sign-in, membership (404) and capability (403)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, org: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = membership_for(request.user, org)
            if not can(membership, capability):
                raise PermissionDenied
            request.membership = membership  # type: ignore[attr-defined]
            request.org = membership.organisation  # type: ignore[attr-defined]
            return view(request, membership.organisation, *args, **kwargs)

        wrapper.capability = capability  # type: ignore[attr-defined]
        return wrapper

    return decorate


def scoped(queryset: QuerySet[M], org: Organisation, **lookup: Any) -> M:
    """One object of the organisation, or 404 (the same answer for another tenant's object)."""
    field = getattr(queryset.model, "ORG_PATH", "organisation")
    try:
        return queryset.get(**{field: org}, **lookup)
    except (queryset.model.DoesNotExist, ValueError):  # type: ignore[attr-defined]
        raise Http404 from None
