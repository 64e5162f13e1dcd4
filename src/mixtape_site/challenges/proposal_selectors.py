"""Reads for proposals and reviews: an institution's proposals, a reviewer's assignments,
and the partner's score table (each reviewer's points per criterion, the average total)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet

from mixtape_site.challenges.access import proposals_visible_to
from mixtape_site.challenges.models import Assignment, Challenge, Criterion, Proposal
from mixtape_site.organizations.models import Organization

# What the partner works with: withdrawn answers and drafts are not theirs to read.
PARTNER_STATUSES = (
    Proposal.Status.SUBMITTED,
    Proposal.Status.AWARDED,
    Proposal.Status.NOT_SELECTED,
)


def institution_proposals(*, organization: Organization) -> QuerySet[Proposal]:
    """All of an institution's proposals (drafts, submitted, decided), newest first."""
    return Proposal.objects.filter(organization=organization).select_related(
        "challenge", "challenge__organization"
    )


def received_count(*, challenge: Challenge) -> int:
    """How many proposals were submitted (a number the partner may see before the deadline)."""
    return challenge.proposals.filter(status__in=PARTNER_STATUSES).count()


def partner_proposals(*, user: Any, challenge: Challenge) -> QuerySet[Proposal]:
    """The proposals the partner's staff member may read now (none before the deadline
    when the challenge hides them until then)."""
    return (
        proposals_visible_to(user, challenge)
        .filter(status__in=PARTNER_STATUSES)
        .select_related("organization", "funding_program")
        .order_by("submitted_at", "id")
    )


def reviewer_assignments(*, reviewer: Any) -> QuerySet[Assignment]:
    """A reviewer's assignments across challenges, the open ones first."""
    return (
        Assignment.objects.filter(reviewer=reviewer)
        .select_related("proposal", "proposal__challenge", "proposal__challenge__organization")
        .order_by("submitted_at", "proposal__challenge__deadline", "id")
    )


@dataclass(frozen=True)
class ReviewRow:
    assignment: Assignment
    points: list[int | None]  # one per criterion, in the criteria order
    total: int | None  # only for a submitted review


@dataclass(frozen=True)
class ScoreTable:
    proposal: Proposal
    reviews: list[ReviewRow]
    average: Decimal | None  # the average total of the submitted reviews


def _review_row(assignment: Assignment, criteria: list[Criterion]) -> ReviewRow:
    by_criterion = {s.criterion_id: s.points for s in assignment.scores.all()}
    points = [by_criterion.get(c.pk) for c in criteria]
    done = assignment.submitted_at is not None
    return ReviewRow(assignment, points, sum(p or 0 for p in points) if done else None)


def score_tables(*, proposals: QuerySet[Proposal], criteria: list[Criterion]) -> list[ScoreTable]:
    """Each proposal's reviews (drafted scores stay hidden until submitted) and average."""
    rows = proposals.prefetch_related("assignments__scores", "assignments__reviewer")
    tables = []
    for proposal in rows:
        reviews = [_review_row(a, criteria) for a in proposal.assignments.order_by("id")]
        hidden = [
            ReviewRow(r.assignment, [None] * len(criteria), None) if r.total is None else r
            for r in reviews
        ]
        totals = [r.total for r in reviews if r.total is not None]
        average = (
            (Decimal(sum(totals)) / len(totals)).quantize(Decimal("0.1"), ROUND_HALF_UP)
            if totals
            else None
        )
        tables.append(ScoreTable(proposal, hidden, average))
    return tables
