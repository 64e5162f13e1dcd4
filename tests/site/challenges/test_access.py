"""Who sees which proposals: a proposer never sees a competitor's, the partner only after
the deadline (or at once when configured), a reviewer only what is assigned to them."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from mixtape_site.challenges.access import (
    can_see_proposal,
    challenge_is_open,
    is_partner_staff,
    proposals_visible_to,
)
from mixtape_site.challenges.models import Assignment, Challenge, Proposal


def _proposal(challenge: Challenge, organization: Any, status: str, title: str) -> Proposal:
    return Proposal.objects.create(
        challenge=challenge, organization=organization, status=status, title=title,
        language="en", summary="…", approach="…", budget=Decimal("1000"),
    )  # fmt: skip


@pytest.fixture
def proposals(open_challenge: Challenge, college: Any, second_institution: Any) -> dict[str, Any]:
    return {
        "ours": _proposal(open_challenge, college, Proposal.Status.SUBMITTED, "Ours"),
        "our_draft": _proposal(open_challenge, college, Proposal.Status.DRAFT, "Our draft"),
        "theirs": _proposal(open_challenge, second_institution, Proposal.Status.SUBMITTED, "T"),
    }


def _seen(user: Any, challenge: Challenge, **kwargs: Any) -> set[str]:
    return {p.title for p in proposals_visible_to(user, challenge, **kwargs)}


def test_proposers_see_only_their_institution(
    open_challenge: Challenge, proposals: Any, proposer: Any, rival: Any
) -> None:
    later = open_challenge.deadline + timedelta(days=1)
    assert _seen(proposer, open_challenge) == {"Ours", "Our draft"}
    assert _seen(proposer, open_challenge, now=later) == {"Ours", "Our draft"}
    assert _seen(rival, open_challenge, now=later) == {"T"}
    assert not can_see_proposal(rival, proposals["ours"], now=later)


def test_partner_sees_submitted_proposals_after_the_deadline(
    open_challenge: Challenge, proposals: Any, city_staff: Any
) -> None:
    assert is_partner_staff(city_staff, open_challenge)
    assert _seen(city_staff, open_challenge) == set()
    later = open_challenge.deadline + timedelta(seconds=1)
    assert _seen(city_staff, open_challenge, now=later) == {"Ours", "T"}  # never drafts


def test_partner_sees_them_at_once_when_configured(
    open_challenge: Challenge, proposals: Any, city_staff: Any
) -> None:
    open_challenge.proposals_visible = Challenge.Visibility.ON_SUBMISSION
    assert _seen(city_staff, open_challenge) == {"Ours", "T"}


def test_reviewers_see_only_their_assignments(
    open_challenge: Challenge, proposals: Any, outsider: Any
) -> None:
    Assignment.objects.create(proposal=proposals["theirs"], reviewer=outsider)
    later = open_challenge.deadline + timedelta(days=1)
    assert _seen(outsider, open_challenge) == set()  # before the deadline
    assert _seen(outsider, open_challenge, now=later) == {"T"}


def test_outsiders_and_the_public_see_nothing(
    open_challenge: Challenge, proposals: Any, outsider: Any
) -> None:
    later = open_challenge.deadline + timedelta(days=1)
    assert _seen(outsider, open_challenge, now=later) == set()
    assert _seen(AnonymousUser(), open_challenge, now=later) == set()


def test_challenge_is_open_until_its_deadline(open_challenge: Challenge) -> None:
    assert challenge_is_open(open_challenge)
    assert not challenge_is_open(open_challenge, now=open_challenge.deadline)
