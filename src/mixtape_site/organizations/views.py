"""Organization management: the list of one's organizations, the dashboard, the members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from mixtape_site.organizations import selectors, services
from mixtape_site.organizations.access import ADMIN_ONLY, member_required
from mixtape_site.organizations.forms import MemberAddForm, MemberRoleForm
from mixtape_site.organizations.models import Membership, Organization

MEMBER_ADDED = _("%(email)s is now a member.")
MEMBER_INVITED = _("%(email)s is now a member; an invitation to choose a password was sent.")
ROLE_CHANGED = _("The role of %(email)s is now “%(role)s”.")
MEMBER_REMOVED = _("%(email)s is no longer a member.")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    memberships = selectors.user_memberships(user=request.user)
    return render(request, "organizations/home.html", {"memberships": memberships})


@member_required()
def dashboard(request: HttpRequest, organization: Organization) -> HttpResponse:
    context = {
        "organization": organization,
        "membership": request.membership,  # type: ignore[attr-defined]
        "counts": selectors.dashboard_counts(organization=organization),
        "recent_credentials": selectors.recent_credentials(organization=organization),
        "recent_bulk_issues": selectors.recent_bulk_issues(organization=organization),
    }
    return render(request, "organizations/dashboard.html", context)


@member_required(roles=ADMIN_ONLY)
def members(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.member_add(
                organization=organization, added_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            invited = not membership.user.has_usable_password()
            message = MEMBER_INVITED if invited else MEMBER_ADDED
            messages.success(request, message % {"email": membership.user.email})
            return redirect("organizations:members", org=organization.slug)
    return _members_page(request, organization, form)


def _members_page(
    request: HttpRequest, organization: Organization, form: MemberAddForm
) -> HttpResponse:
    context = {
        "organization": organization,
        "members": selectors.organization_members(organization=organization),
        "form": form,
        "roles": Membership.Role.choices,
    }
    return render(request, "organizations/members.html", context)


@require_POST
@member_required(roles=ADMIN_ONLY)
def member_role(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=pk, organization=organization)
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        try:
            membership = services.member_set_role(
                membership=membership, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            values = {"email": membership.user.email, "role": membership.get_role_display()}
            messages.success(request, ROLE_CHANGED % values)
            if membership.user_id == request.user.pk and membership.role != Membership.Role.ADMIN:
                # No longer an admin: the members page would now be a 404.
                return redirect("organizations:dashboard", org=organization.slug)
    else:
        messages.error(request, " ".join(form.errors.get("role", [])))
    return redirect("organizations:members", org=organization.slug)


@require_POST
@member_required(roles=ADMIN_ONLY)
def member_remove(request: HttpRequest, organization: Organization, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=pk, organization=organization)
    try:
        services.member_remove(membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, MEMBER_REMOVED % {"email": membership.user.email})
        if membership.user_id == request.user.pk:
            return redirect("organizations:home")
    return redirect("organizations:members", org=organization.slug)
