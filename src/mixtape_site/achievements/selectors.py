"""Reads: the public catalogue, an organization's micro-credentials, its partnerships."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from mixtape_site.achievements.models import Achievement, AchievementPartner
from mixtape_site.organizations.models import Organization

SEARCHED_TEXT = ("name", "description")


def published_achievements(
    *, organization: Organization | None = None, query: str | None = None
) -> QuerySet[Achievement]:
    """Published micro-credentials, newest first; ``query`` searches names and descriptions."""
    achievements = Achievement.objects.filter(status=Achievement.Status.PUBLISHED)
    if organization is not None:
        achievements = achievements.filter(organization=organization)
    if query and query.strip():
        achievements = achievements.filter(_text_search(query.strip()))
    return achievements.select_related("organization").order_by("-published_at", "-id")


def organization_achievements(
    *, organization: Organization, status: str | None = None
) -> QuerySet[Achievement]:
    """The organization's own micro-credentials, optionally of one status."""
    achievements = Achievement.objects.filter(organization=organization)
    if status:
        achievements = achievements.filter(status=status)
    return achievements.select_related("organization")


def partnerships(*, partner: Organization) -> QuerySet[AchievementPartner]:
    """Where ``partner`` is a partner employer (drafts excluded: not shared yet)."""
    return (
        AchievementPartner.objects.filter(organization=partner)
        .exclude(achievement__status=Achievement.Status.DRAFT)
        .select_related("achievement", "achievement__organization")
        .order_by("-achievement__published_at", "-id")
    )


def _text_search(query: str) -> Q:
    # Key lookups on the JSON text work alike on SQLite and PostgreSQL.
    condition = Q()
    for field in SEARCHED_TEXT:
        for tag in ("en", "fr"):
            condition |= Q(**{f"{field}__{tag}__icontains": query})
    return condition
