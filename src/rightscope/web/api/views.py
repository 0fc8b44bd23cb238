"""The page where members make and revoke their API tokens.

A token's secret is shown once, in the answer to the form that made it; only its hash is stored.
Assessors see and revoke their own tokens; owners see and may revoke every token of the organisation
(a member who leaves, a leaked secret). Making and revoking are in the audit trail (django-auditlog).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rightscope.web.api.models import ApiToken
from rightscope.web.orgs.access import can, org_view, scoped
from rightscope.web.orgs.models import Organisation


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What uses it, e.g. 'CI pipeline'."),
    )


def _visible(request: HttpRequest, org: Organisation) -> QuerySet[ApiToken]:
    tokens = ApiToken.objects.filter(membership__organisation=org).select_related("membership__user")
    if can(request.membership, "manage_members"):  # type: ignore[attr-defined]
        return tokens
    return tokens.filter(membership=request.membership)  # type: ignore[attr-defined]


@org_view("manage_tokens")
def tokens(request: HttpRequest, org: Organisation) -> HttpResponse:
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = ApiToken.issue(
            request.membership,  # type: ignore[attr-defined]
            form.cleaned_data["name"],
            request.user,
        )
        form = TokenForm()
    context = {
        "tokens": _visible(request, org),
        "form": form,
        "secret": secret,
        "all_members": can(request.membership, "manage_members"),  # type: ignore[attr-defined]
        "api_root": request.build_absolute_uri("/api/v1/"),
    }
    return render(request, "api/tokens.html", context)


@org_view("manage_tokens")
@require_POST
def revoke(request: HttpRequest, org: Organisation, pk: int) -> HttpResponse:
    token: ApiToken = scoped(_visible(request, org), org, pk=pk)
    if not token.revoked:
        token.revoked = True
        token.save(update_fields=["revoked"])
        messages.success(request, _("Token %(name)s revoked: it no longer works.") % {"name": token.name})
    return redirect("api-tokens", org=org.slug)
