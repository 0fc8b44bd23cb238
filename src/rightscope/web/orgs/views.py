"""The start page, an organisation's dashboard, its members and projects."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rightscope.web.orgs.access import org_view, scoped
from rightscope.web.orgs.forms import AddMemberForm, ChangeRoleForm, ProjectForm
from rightscope.web.orgs.models import Membership, Organisation, Role


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """One organisation: go there. Several: choose. A stakeholder goes to their consultations."""
    mine = list(request.user.memberships.select_related("organisation"))  # type: ignore[union-attr]
    if len(mine) == 1:
        return redirect("org-home", org=mine[0].organisation.slug)
    return render(request, "orgs/home.html", {"memberships": mine})


@org_view("member")
def dashboard(request: HttpRequest, org: Organisation) -> HttpResponse:
    """The organisation's start page; a stakeholder sees only the consultations they are invited to."""
    if request.membership.role == Role.STAKEHOLDER:  # type: ignore[attr-defined]
        consultations = request.user.consultations.filter(assessment__organisation=org)  # type: ignore[union-attr]
        return render(request, "orgs/stakeholder_home.html", {"consultations": consultations})
    from rightscope.web.monitoring.models import Deployment

    context = {
        "assessments": org.assessments.all()[:10],
        "deployments": Deployment.objects.filter(assessment__organisation=org).select_related("assessment")[:10],
        "projects": org.projects.all(),
    }
    return render(request, "orgs/dashboard.html", context)


@org_view("manage_members")
def members(request: HttpRequest, org: Organisation) -> HttpResponse:
    add = AddMemberForm(prefix="add")
    if request.method == "POST" and "add-username" in request.POST:
        add = AddMemberForm(request.POST, prefix="add")
        if add.is_valid():
            try:
                Membership.objects.create(
                    user=add.cleaned_data["username"], organisation=org, role=add.cleaned_data["role"]
                )
            except IntegrityError:
                add.add_error("username", _("This user is already a member; change their role below."))
            else:
                messages.success(request, _("Member added."))
                return redirect("org-members", org=org.slug)
    elif request.method == "POST":
        change = ChangeRoleForm(request.POST)
        if change.is_valid():
            target = scoped(Membership.objects.all(), org, pk=change.cleaned_data["membership"])
            owners = org.memberships.filter(role=Role.OWNER).count()
            if target.role == Role.OWNER and change.cleaned_data["role"] != Role.OWNER and owners == 1:
                messages.error(request, _("An organisation keeps at least one owner."))
            else:
                target.role = change.cleaned_data["role"]
                target.save()
                messages.success(request, _("Role changed."))
            return redirect("org-members", org=org.slug)
    people = org.memberships.select_related("user")
    return render(request, "orgs/members.html", {"add": add, "people": people, "roles": Role.choices})


@org_view("manage_members")
def projects(request: HttpRequest, org: Organisation) -> HttpResponse:
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = form.save(commit=False)
        project.organisation = org
        try:
            project.save()
        except IntegrityError:
            form.add_error("name", _("A project of this name exists."))
        else:
            messages.success(request, _("Project created."))
            return redirect("org-projects", org=org.slug)
    return render(request, "orgs/projects.html", {"form": form, "projects": org.projects.all()})
