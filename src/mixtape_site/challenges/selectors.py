"""Reads for challenges: one organization's challenges, the public ones, a challenge page."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from mixtape_site.challenges.access import can_see_challenge, effective_status
from mixtape_site.challenges.disciplines import DISCIPLINES
from mixtape_site.challenges.models import Challenge, Proposal
from mixtape_site.organizations.models import Membership, Organization


def organization_challenges(*, organization: Organization) -> QuerySet[Challenge]:
    return Challenge.objects.filter(organization=organization).order_by("-created_at", "-id")


def challenge_of(*, organization: Organization, uuid: UUID) -> Challenge | None:
    """The organization's own challenge, or None (never another organization's)."""
    return Challenge.objects.filter(organization=organization, uuid=uuid).first()


def status_counts(challenges: QuerySet[Challenge], now: datetime | None = None) -> dict[str, int]:
    """Challenges per effective status (an open one past its deadline counts as closed)."""
    counts = Counter(effective_status(c, now) for c in challenges)
    return {status: counts.get(status, 0) for status in Challenge.Status.values}


def public_challenges() -> QuerySet[Challenge]:
    return Challenge.objects.exclude(status=Challenge.Status.DRAFT)


def challenge_visible(*, user: Any, uuid: UUID) -> Challenge | None:
    """The challenge if it is public or the user is of the posting organization."""
    challenge = (
        Challenge.objects.select_related("organization")
        .prefetch_related("criteria", "attachments", "funding_programs__funder")
        .filter(uuid=uuid)
        .first()
    )
    if challenge is None or not can_see_challenge(user, challenge):
        return None
    return challenge


def awarded_proposals(*, challenge: Challenge) -> QuerySet[Proposal]:
    """The public part of the result: once awarded, the winners' titles and institutions."""
    if challenge.status != Challenge.Status.AWARDED:
        return Proposal.objects.none()
    return challenge.proposals.filter(status=Proposal.Status.AWARDED).select_related("organization")


def answering_institutions(*, user: Any) -> list[Organization]:
    """The institutions the user may answer challenges for."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = Membership.objects.filter(
        user=user, organization__kind=Organization.Kind.INSTITUTION
    ).select_related("organization")
    return [m.organization for m in rows]


def discipline_labels(challenge: Challenge) -> list[Any]:
    return [DISCIPLINES[key] for key in challenge.disciplines or () if key in DISCIPLINES]
