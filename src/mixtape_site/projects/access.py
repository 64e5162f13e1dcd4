"""Who sees and who runs a project.

Members (any role) of the institution running it and of the partner that posted the
challenge see the management page; platform operators (``is_staff``) see it too, read-only
unless they are also members. Everyone else gets a 404, so another institution's project
leaks nothing. The institution runs the project (milestones, TRL, team, completion,
contributions, issuing); the partner confirms contributions and endorses.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from mixtape_site.organizations.access import ANY_ROLE, membership_for
from mixtape_site.organizations.models import Membership, Organization
from mixtape_site.projects.models import Project

View = TypeVar("View", bound=Callable[..., HttpResponse])


class Side(StrEnum):
    INSTITUTION = "institution"
    PARTNER = "partner"


def institution_of(project: Project) -> Organization:
    return project.proposal.organization


def partner_of(project: Project) -> Organization:
    return project.proposal.challenge.organization


def side_of(project: Project, organization: Organization) -> Side | None:
    """Which side ``organization`` is on in ``project`` (None: not involved)."""
    if project.proposal.organization_id == organization.pk:
        return Side.INSTITUTION
    if project.proposal.challenge.organization_id == organization.pk:
        return Side.PARTNER
    return None


def involving(organization: Organization) -> Q:
    """Projects ``organization`` runs (institution) or asked for (partner)."""
    as_partner = Q(proposal__challenge__organization=organization)
    return Q(proposal__organization=organization) | as_partner


def is_member(user: Any, organization: Organization) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user=user, organization=organization).exists()


def acts_for(user: Any, project: Project, side: Side) -> bool:
    """Whether ``user`` is a member of the organization on ``side`` of the project."""
    organization = institution_of(project) if side == Side.INSTITUTION else partner_of(project)
    return is_member(user, organization)


def require_side(request: HttpRequest, side: Side) -> None:
    """A POST action for the other side, or by a read-only operator, is forbidden."""
    if getattr(request, "project_side", None) != side or not getattr(request, "can_act", False):
        raise PermissionDenied


def project_viewer_required(view: View) -> View:
    """Decorate ``view(request, organization, **kwargs)`` (URL kwarg ``org``): members of
    the organization, or platform operators (read-only); anyone else gets a 404."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, org: str, **kwargs: Any) -> HttpResponse:
        try:
            membership = membership_for(user=request.user, organization_slug=org, roles=ANY_ROLE)
        except Http404:
            if not getattr(request.user, "is_staff", False):
                raise
            organization, can_act = get_object_or_404(Organization, slug=org), False
        else:
            organization, can_act = membership.organization, True
        request.can_act = can_act  # type: ignore[attr-defined]
        return view(request, organization, **kwargs)

    return wrapper  # type: ignore[return-value]


def project_of(organization: Organization, uuid: Any) -> Project:
    """The project ``uuid`` if ``organization`` is one of its two sides, else 404."""
    return get_object_or_404(
        Project.objects.filter(involving(organization)).select_related(
            "proposal__organization", "proposal__challenge__organization", "achievement"
        ),
        uuid=uuid,
    )
