"""Who may see what in the innovation space.

The rules (issue 7): the partner's staff see submitted proposals only after the deadline,
or as soon as submitted when the challenge says so; a proposer sees only their own
institution's proposals, never a competitor's; a reviewer sees only the proposals
assigned to them; outsiders see no proposal at all. A challenge whose deadline passed is
closed for every rule, whatever its stored status (``challenges_close_due`` persists it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from mixtape_site.challenges.models import Assignment, Challenge, Proposal
from mixtape_site.organizations.models import Membership, Organization

POSTING_KINDS = (
    Organization.Kind.PARTNER,
    Organization.Kind.EMPLOYER,
    Organization.Kind.FUNDER,
)
ANSWERING_KINDS = (Organization.Kind.INSTITUTION,)
# Proposals nobody but their own institution may ever see.
PRIVATE_STATUSES = (Proposal.Status.DRAFT,)


def can_post(organization: Organization) -> bool:
    """Partners, employers and funders post challenges; institutions answer them."""
    return organization.kind in POSTING_KINDS


def can_answer(organization: Organization) -> bool:
    return organization.kind in ANSWERING_KINDS


def challenge_is_open(challenge: Challenge, now: datetime | None = None) -> bool:
    """Open means status open AND the deadline still ahead (the lazy closing rule)."""
    now = now or timezone.now()
    return challenge.status == Challenge.Status.OPEN and challenge.deadline > now


def effective_status(challenge: Challenge, now: datetime | None = None) -> str:
    """The status every page and rule uses: an open challenge past its deadline is closed."""
    if challenge.status == Challenge.Status.OPEN and not challenge_is_open(challenge, now):
        return Challenge.Status.CLOSED
    return str(challenge.status)


def deadline_passed(challenge: Challenge, now: datetime | None = None) -> bool:
    return challenge.deadline <= (now or timezone.now())


def is_public(challenge: Challenge) -> bool:
    """Anyone may see a challenge once it has been opened (open, closed or awarded)."""
    return challenge.status != Challenge.Status.DRAFT


def _member_org_ids(user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Membership.objects.filter(user=user).values_list("organization_id", flat=True))


def is_partner_staff(user: Any, challenge: Challenge) -> bool:
    """A member (any role) of the organization that posted the challenge."""
    return challenge.organization_id in _member_org_ids(user)


def can_see_challenge(user: Any, challenge: Challenge) -> bool:
    return is_public(challenge) or is_partner_staff(user, challenge)


def partner_sees_proposals_now(challenge: Challenge, now: datetime | None = None) -> bool:
    """The partner's staff (and reviewers) see submitted proposals after the deadline,
    or at once when the challenge says so."""
    if challenge.proposals_visible == Challenge.Visibility.ON_SUBMISSION:
        return True
    return deadline_passed(challenge, now) or challenge.status in (
        Challenge.Status.CLOSED,
        Challenge.Status.AWARDED,
    )


def proposals_visible_to(
    user: Any, challenge: Challenge, now: datetime | None = None
) -> QuerySet[Proposal]:
    """Every proposal of the challenge this user may see (possibly none)."""
    proposals = Proposal.objects.filter(challenge=challenge)
    if not getattr(user, "is_authenticated", False):
        return proposals.none()
    org_ids = _member_org_ids(user)
    visible = Q(organization_id__in=org_ids)
    if partner_sees_proposals_now(challenge, now):
        shared = ~Q(status__in=PRIVATE_STATUSES)
        if challenge.organization_id in org_ids:
            visible |= shared
        else:
            assigned = Assignment.objects.filter(reviewer=user).values("proposal_id")
            visible |= shared & Q(id__in=assigned)
    return proposals.filter(visible)


def can_see_proposal(user: Any, proposal: Proposal, now: datetime | None = None) -> bool:
    return proposals_visible_to(user, proposal.challenge, now).filter(pk=proposal.pk).exists()
