"""Reads for the credentials pages: searches, counts, the audit trail, claim lookups."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.models import IssuedCredential, StatusChange
from mixtape_site.organizations.models import Organization


def credential_list(
    *,
    organization: Organization,
    query: str = "",
    achievement: Achievement | None = None,
    state: str = "",
) -> QuerySet[IssuedCredential]:
    """The organization's credentials, newest first, filtered as the issuer asked."""
    credentials = IssuedCredential.objects.filter(organization=organization).select_related(
        "achievement"
    )
    query = query.strip()
    if query:
        credentials = credentials.filter(
            Q(recipient_name__icontains=query)
            | Q(recipient_email__icontains=query)
            | Q(external_id__icontains=query)
        )
    if achievement is not None:
        credentials = credentials.filter(achievement=achievement)
    if state:
        credentials = credentials.filter(state=state)
    return credentials


def credential_counts(*, organization: Organization) -> dict[str, int]:
    """How many credentials the organization has in each state, and in all."""
    rows = (
        IssuedCredential.objects.filter(organization=organization)
        .values("state")
        .annotate(total=Count("id"))
        .order_by()
    )
    counts = {state: 0 for state in IssuedCredential.State.values}
    counts.update({row["state"]: row["total"] for row in rows})
    counts["all"] = sum(counts.values())
    return counts


def credential_of(*, organization: Organization, uuid: Any) -> IssuedCredential | None:
    return (
        IssuedCredential.objects.select_related("achievement", "issued_by", "claimed_by")
        .filter(organization=organization, uuid=uuid)
        .first()
    )


def status_history(*, credential: IssuedCredential) -> QuerySet[StatusChange]:
    return credential.status_changes.select_related("actor")


def status_changes_of(*, organization: Organization) -> QuerySet[StatusChange]:
    """The organization's audit trail, newest first."""
    return StatusChange.objects.filter(credential__organization=organization).select_related(
        "credential", "credential__achievement", "actor"
    )


def achievements_of(*, organization: Organization) -> QuerySet[Achievement]:
    return Achievement.objects.filter(organization=organization).order_by("id")


def credential_by_claim_token(*, token: str) -> IssuedCredential | None:
    return (
        IssuedCredential.objects.select_related("organization", "achievement", "claimed_by")
        .filter(claim_token=token)
        .first()
    )
