# ruff: noqa: F401, F811 - fixtures imported from the challenges tests are used by name
"""Fixtures for the projects tests: a challenge awarded through the real ``challenge_award``
(so the project starts through the signal), then completed by the institution."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.site.challenges.conftest import (
    city,
    city_staff,
    funder,
    grant,
    institution,
    open_challenge,
    proposer,
    rival,
    second_institution,
)
from tests.site.challenges.test_proposals_support import pass_deadline, submitted
from tests.site.conftest import make_user

from mixtape_site.challenges import review
from mixtape_site.challenges.models import Challenge
from mixtape_site.challenges.proposals import Member, Milestone
from mixtape_site.organizations.models import Organization
from mixtape_site.projects import services
from mixtape_site.projects.models import Project

STUDENT_EMAIL = "sam@northern.example"
SECOND_STUDENT_EMAIL = "mia@northern.example"
TEAM = [
    Member(name="Dr. Ada Lee", email="ada@northern.example", role="lead"),
    Member(name="Sam Student", email=STUDENT_EMAIL, role="student", program="Civil engineering"),
    Member(name="Mia Martin", email=SECOND_STUDENT_EMAIL, role="student"),
]
MILESTONES = [
    Milestone(title="Prototype", due=date(2030, 1, 15), deliverable="Three shelters"),
    Milestone(title="Field test", due=None, deliverable="Heat measurements"),
]


def award(challenge: Challenge, institution: Organization, user: Any, by: Any) -> Project:
    proposal = submitted(
        challenge, institution, user, title="Northern shade sails", team=TEAM,
        milestones=MILESTONES,
    )  # fmt: skip
    pass_deadline(challenge)
    review.challenge_award(challenge=challenge, proposals=[proposal], actor=by)
    return Project.objects.get(proposal=proposal)


@pytest.fixture
def project(open_challenge: Challenge, college: Organization, proposer: Any, city_staff: Any):
    return award(open_challenge, college, proposer, city_staff)


@pytest.fixture
def completed(project: Project, proposer: Any) -> Project:
    return services.project_complete(
        project=project, outcome="Two shelters now stay 6 °C cooler.", trl=5, hours=60,
        actor=proposer,
    )  # fmt: skip


@pytest.fixture
def student(db: None) -> Any:
    return make_user(STUDENT_EMAIL)


@pytest.fixture
def operator(db: None) -> Any:
    user = make_user("ops@mixtape.example")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user
