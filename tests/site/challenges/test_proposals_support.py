"""Shared builders for the proposal, review, award and visibility tests (no tests here)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from tests.site.conftest import make_user

from mixtape_site.challenges import proposals as services
from mixtape_site.challenges import review
from mixtape_site.challenges.models import Challenge, Proposal, Reviewer
from mixtape_site.organizations.models import Organization


def proposal_data(**overrides: Any) -> services.ProposalData:
    values: dict[str, Any] = {
        "title": "Shade sails and misting",
        "language": "en",
        "summary": "Retrofit shelters with shade sails.",
        "approach": "Prototype three shelters and measure heat.",
        "budget": Decimal("30000.00"),
        "milestones": [services.Milestone(title="Prototype", due=date(2030, 1, 15))],
        "team": [
            services.Member(name="Dr. Ada Lee", email="ada@northern.example", role="lead"),
            services.Member(name="Sam Student", email="sam@northern.example", role="student"),
        ],
    }
    return services.ProposalData(**{**values, **overrides})


def draft(challenge: Challenge, organization: Organization, user: Any, **data: Any) -> Proposal:
    return services.proposal_create(
        challenge=challenge,
        organization=organization,
        created_by=user,
        data=proposal_data(**data),
    )


def submitted(challenge: Challenge, organization: Organization, user: Any, **data: Any):
    proposal = draft(challenge, organization, user, **data)
    return services.proposal_submit(proposal=proposal, actor=user)


def pass_deadline(challenge: Challenge) -> Challenge:
    """The deadline passed an hour ago (the challenge is lazily closed)."""
    Challenge.objects.filter(pk=challenge.pk).update(deadline=timezone.now() - timedelta(hours=1))
    challenge.refresh_from_db()
    return challenge


def invite(challenge: Challenge, user: Any, by: Any) -> Reviewer:
    return review.reviewer_invite(challenge=challenge, email=user.email, invited_by=by)


def form_post(action: str = "draft", *, milestones=None, team=None, **fields: Any) -> dict:
    """The POST body of the proposal page, rows included."""
    milestones = (
        milestones
        if milestones is not None
        else [{"title": "Prototype", "due": "2030-01-15", "deliverable": "Three shelters"}]
    )
    team = (
        team
        if team is not None
        else [{"name": "Dr. Ada Lee", "email": "ada@northern.example", "role": "lead"}]
    )
    body = {
        "action": action,
        "title": "Shade sails and misting",
        "language": "en",
        "summary": "Retrofit shelters with shade sails.",
        "approach": "Prototype three shelters and measure heat.",
        "budget": "30000",
        "funding_program": "",
        **fields,
    }
    for prefix, rows in (("milestones", milestones), ("team", team)):
        body[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        body[f"{prefix}-INITIAL_FORMS"] = "0"
        for i, row in enumerate(rows):
            body.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return body


@pytest.fixture
def reviewer(db: None) -> Any:
    return make_user("reviewer@expert.example")


@pytest.fixture
def other_reviewer(db: None) -> Any:
    return make_user("second-reviewer@expert.example")


@pytest.fixture
def ours(open_challenge: Challenge, college: Organization, proposer: Any) -> Proposal:
    """The college's submitted proposal."""
    return submitted(open_challenge, college, proposer, title="Northern shade sails")


@pytest.fixture
def theirs(open_challenge: Challenge, second_institution: Organization, rival: Any) -> Proposal:
    """A competitor's submitted proposal."""
    return submitted(
        open_challenge,
        second_institution,
        rival,
        title="Southern green roofs",
        summary="Green roofs with sedum trays.",
        team=[services.Member(name="Prof. Roy", email="roy@southern.example", role="lead")],
    )
