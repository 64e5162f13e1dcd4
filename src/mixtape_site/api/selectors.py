"""Reads for the API: tokens, public achievements, an organization's awards."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q, QuerySet

from mixtape_site.achievements.models import Achievement
from mixtape_site.api.models import ApiToken
from mixtape_site.api.services import TOKEN_PREFIX, token_hash
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.organizations.models import Organization


def token_for_plaintext(plaintext: str) -> ApiToken | None:
    """The live token with this plaintext, or None (unknown or revoked)."""
    if not plaintext.startswith(TOKEN_PREFIX):
        return None
    return (
        ApiToken.objects.select_related("organization", "created_by")
        .filter(token_hash=token_hash(plaintext), revoked_at__isnull=True)
        .first()
    )


def tokens_of(*, organization: Organization) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(organization=organization).select_related("created_by")


def published_achievements(
    *, organization_slug: str | None = None, q: str | None = None
) -> QuerySet[Achievement]:
    achievements = Achievement.objects.filter(status=Achievement.Status.PUBLISHED).select_related(
        "organization"
    )
    if organization_slug:
        achievements = achievements.filter(organization__slug=organization_slug)
    if q:
        achievements = achievements.filter(Q(name__en__icontains=q) | Q(name__fr__icontains=q))
    return achievements.order_by("-published_at", "-id")


def awards_of(
    *,
    organization: Organization,
    state: str | None = None,
    achievement: UUID | None = None,
    q: str | None = None,
) -> QuerySet[IssuedCredential]:
    awards = IssuedCredential.objects.filter(organization=organization).select_related(
        "achievement"
    )
    if state:
        awards = awards.filter(state=state)
    if achievement:
        awards = awards.filter(achievement__uuid=achievement)
    if q:
        awards = awards.filter(
            Q(recipient_name__icontains=q)
            | Q(recipient_email__icontains=q)
            | Q(external_id__iexact=q)
        )
    return awards


def achievement_of(*, organization: Organization, uuid: UUID) -> Achievement | None:
    return Achievement.objects.filter(uuid=uuid, organization=organization).first()


def award_of(*, organization: Organization, uuid: UUID) -> IssuedCredential | None:
    return (
        IssuedCredential.objects.select_related("achievement")
        .filter(uuid=uuid, organization=organization)
        .first()
    )
