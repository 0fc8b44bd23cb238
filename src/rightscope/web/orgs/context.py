"""Template context: the signed-in user's memberships and, inside an organisation, what they may do."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from rightscope.web.orgs.access import CAPABILITIES


def memberships(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    current = getattr(request, "membership", None)
    allowed = {name: current is not None and current.role in roles for name, roles in CAPABILITIES.items()}
    return {
        "my_memberships": list(user.memberships.select_related("organisation")),
        "membership": current,
        "current_org": getattr(request, "org", None),
        "may": allowed,
    }
