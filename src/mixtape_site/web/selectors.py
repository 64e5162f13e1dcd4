"""What the home page shows: the latest micro-credentials and a few platform figures."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.organizations.models import Organization


@dataclass(frozen=True)
class PlatformFigures:
    micro_credentials: int
    institutions: int
    credentials: int


def latest_micro_credentials(*, limit: int = 6) -> QuerySet[Achievement]:
    return (
        Achievement.objects.filter(status=Achievement.Status.PUBLISHED)
        .select_related("organization")
        .order_by("-published_at", "-id")[:limit]
    )


def platform_figures() -> PlatformFigures:
    return PlatformFigures(
        micro_credentials=Achievement.objects.filter(status=Achievement.Status.PUBLISHED).count(),
        institutions=Organization.objects.filter(kind=Organization.Kind.INSTITUTION).count(),
        credentials=IssuedCredential.objects.count(),
    )
