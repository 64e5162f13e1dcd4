"""An award starts the project: the team and milestones copied from the proposal, the
challenge's lowest TRL as the start, one STARTED event, once only."""

from __future__ import annotations

from datetime import date

import pytest
from tests.site.challenges.test_proposals_support import submitted
from tests.site.projects.conftest import SECOND_STUDENT_EMAIL, STUDENT_EMAIL, award

from mixtape_site.challenges.models import Proposal
from mixtape_site.projects import services
from mixtape_site.projects.models import Project, ProjectEvent

pytestmark = pytest.mark.django_db


def test_the_award_creates_the_project_with_team_and_milestones(
    project, open_challenge, city_staff
):
    assert project.status == Project.Status.ACTIVE
    assert project.trl_start == project.trl_current == open_challenge.trl_min == 3
    open_challenge.refresh_from_db()
    assert project.started_at == open_challenge.awarded_at
    team = [(m.name, m.email, m.role, m.program) for m in project.members.all()]
    assert team == [
        ("Dr. Ada Lee", "ada@northern.example", "lead", ""),
        ("Sam Student", STUDENT_EMAIL, "student", "Civil engineering"),
        ("Mia Martin", SECOND_STUDENT_EMAIL, "student", ""),
    ]
    milestones = [(m.position, m.title, m.due, m.deliverable) for m in project.milestones.all()]
    assert milestones == [
        (0, "Prototype", date(2030, 1, 15), "Three shelters"),
        (1, "Field test", None, "Heat measurements"),
    ]
    [event] = project.events.all()
    assert (event.action, event.actor, event.actor_label) == (
        ProjectEvent.Action.STARTED, city_staff, city_staff.email,
    )  # fmt: skip


def test_starting_again_returns_the_same_project(project, city_staff):
    again = services.project_start(proposal=project.proposal, actor=city_staff)
    assert again.pk == project.pk
    assert Project.objects.count() == 1 and project.events.count() == 1


def test_a_proposal_not_selected_gets_no_project(
    open_challenge, college, proposer, second_institution, rival, city_staff
):
    loser = submitted(open_challenge, second_institution, rival, title="Green roofs")
    project = award(open_challenge, college, proposer, city_staff)
    loser.refresh_from_db()
    assert loser.status == Proposal.Status.NOT_SELECTED
    assert list(Project.objects.all()) == [project]
