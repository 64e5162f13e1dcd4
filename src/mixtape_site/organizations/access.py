"""Who may act for an organization: every management view goes through here.

A view decorated with :func:`member_required` receives the organization named in
its URL only if the signed-in user is a member with one of the allowed roles;
anyone else gets a 404, so the existence of other organizations' objects leaks
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from mixtape_site.organizations.models import Membership, Organization

View = TypeVar("View", bound=Callable[..., HttpResponse])

ANY_ROLE = (Membership.Role.ADMIN, Membership.Role.ISSUER)
ADMIN_ONLY = (Membership.Role.ADMIN,)


def membership_for(*, user: Any, organization_slug: str, roles: tuple[str, ...]) -> Membership:
    """The user's membership of the organization, or Http404."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("organization")
        .filter(user=user, organization__slug=organization_slug, role__in=roles)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def member_required(*, roles: tuple[str, ...] = ANY_ROLE) -> Callable[[View], View]:
    """Decorate ``view(request, organization, **kwargs)``; the URL names ``org``."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, org: str, **kwargs: Any) -> HttpResponse:
            membership = membership_for(user=request.user, organization_slug=org, roles=roles)
            request.membership = membership  # type: ignore[attr-defined]
            return view(request, membership.organization, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def organizations_of(user: Any) -> list[Organization]:
    if not user.is_authenticated:
        return []
    return [
        m.organization for m in Membership.objects.filter(user=user).select_related("organization")
    ]
