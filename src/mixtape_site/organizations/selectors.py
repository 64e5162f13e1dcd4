"""Reads for the management pages: an organization's members and its dashboard figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from mixtape_site.achievements.models import Achievement
from mixtape_site.bulk.models import BulkIssue
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.organizations.models import Membership, Organization

RECENT_WINDOW = timedelta(days=30)


@dataclass(frozen=True, kw_only=True)
class DashboardCounts:
    drafts: int
    published: int
    retired: int
    issued: int
    issued_recently: int  # issue date within RECENT_WINDOW
    revoked: int
    suspended: int
    claimed: int


def user_memberships(*, user: Any) -> QuerySet[Membership]:
    """The user's memberships with their organizations, by organization slug."""
    return (
        Membership.objects.filter(user=user)
        .select_related("organization")
        .order_by("organization__slug")
    )


def organization_members(*, organization: Organization) -> QuerySet[Membership]:
    """Members of ``organization``: admins first, then by e-mail address."""
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("role", "user__email")
    )


def dashboard_counts(*, organization: Organization, now: datetime | None = None) -> DashboardCounts:
    """Every figure of the dashboard, in two aggregate queries."""
    since = (now or timezone.now()) - RECENT_WINDOW
    status = Achievement.Status
    achievements = Achievement.objects.filter(organization=organization).aggregate(
        drafts=Count("id", filter=Q(status=status.DRAFT)),
        published=Count("id", filter=Q(status=status.PUBLISHED)),
        retired=Count("id", filter=Q(status=status.RETIRED)),
    )
    state = IssuedCredential.State
    credentials = IssuedCredential.objects.filter(organization=organization).aggregate(
        issued=Count("id"),
        issued_recently=Count("id", filter=Q(issued_on__gte=since)),
        revoked=Count("id", filter=Q(state=state.REVOKED)),
        suspended=Count("id", filter=Q(state=state.SUSPENDED)),
        claimed=Count("id", filter=Q(claimed_at__isnull=False)),
    )
    return DashboardCounts(**achievements, **credentials)


def recent_credentials(*, organization: Organization, limit: int = 5) -> QuerySet[IssuedCredential]:
    return (
        IssuedCredential.objects.filter(organization=organization)
        .select_related("achievement")
        .defer("document")
        .order_by("-created_at", "-id")[:limit]
    )


def recent_bulk_issues(*, organization: Organization, limit: int = 5) -> QuerySet[BulkIssue]:
    return (
        BulkIssue.objects.filter(organization=organization)
        .select_related("achievement")
        .defer("content")
        .order_by("-created_at", "-id")[:limit]
    )


def published_achievements(*, organization: Organization) -> QuerySet[Achievement]:
    """What an issuer's public page lists: only published micro-credentials."""
    return Achievement.objects.filter(
        organization=organization, status=Achievement.Status.PUBLISHED
    ).order_by("-published_at", "-id")
