"""Running a project: only the institution marks milestones, steps the TRL, adds members,
completes or cancels; bad input changes nothing; a finished project is frozen; completion
publishes the project micro-credential with the partner and the challenge's skills."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from tests.site.challenges.conftest import PYTHON_SKILL_ROW

from mixtape_site.achievements.models import Achievement, AchievementPartner
from mixtape_site.projects import services
from mixtape_site.projects.models import Project, ProjectEvent

pytestmark = pytest.mark.django_db


def _messages(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


def test_the_institution_marks_a_milestone_done_and_reopens_it(project, proposer):
    milestone = project.milestones.first()
    services.milestone_done(milestone=milestone, actor=proposer)
    milestone.refresh_from_db()
    assert milestone.done_at is not None
    services.milestone_reopen(milestone=milestone, actor=proposer)
    milestone.refresh_from_db()
    assert milestone.done_at is None
    actions = list(project.events.values_list("action", flat=True))
    assert actions[-2:] == [
        ProjectEvent.Action.MILESTONE_DONE,
        ProjectEvent.Action.MILESTONE_REOPENED,
    ]


def test_the_partner_cannot_mark_milestones(project, city_staff):
    milestone = project.milestones.first()
    with pytest.raises(ValidationError) as error:
        services.milestone_done(milestone=milestone, actor=city_staff)
    assert error.value.messages == [str(services.INSTITUTION_ONLY)]
    milestone.refresh_from_db()
    assert milestone.done_at is None


def test_a_trl_step_is_recorded_with_from_and_to(project, proposer):
    services.project_trl_set(project=project, trl=4, actor=proposer)
    project.refresh_from_db()
    assert project.trl_current == 4 and project.trl_start == 3
    event = project.events.get(action=ProjectEvent.Action.TRL_CHANGED)
    assert event.detail == {"from": 3, "to": 4}


@pytest.mark.parametrize("level", [0, 10, "x", None])
def test_a_trl_outside_1_to_9_is_refused_and_changes_nothing(project, proposer, level):
    with pytest.raises(ValidationError) as error:
        services.project_trl_set(project=project, trl=level, actor=proposer)
    assert _messages(error) == {"trl": [str(services.TRL_RANGE)]}
    project.refresh_from_db()
    assert project.trl_current == 3
    assert not project.events.filter(action=ProjectEvent.Action.TRL_CHANGED).exists()


def test_the_institution_adds_a_team_member(project, proposer):
    member = services.project_member_add(
        project=project, name=" Noor Haddad ", email="Noor@Northern.example", role="student",
        program="Design", actor=proposer,
    )  # fmt: skip
    assert (member.name, member.email, member.program) == (
        "Noor Haddad",
        "noor@northern.example",
        "Design",
    )
    assert project.events.filter(action=ProjectEvent.Action.MEMBER_ADDED, member=member).exists()


def test_a_member_with_bad_details_is_refused(project, proposer):
    with pytest.raises(ValidationError) as error:
        services.project_member_add(
            project=project, name="", email="SAM@northern.example", role="boss", actor=proposer
        )
    assert _messages(error) == {
        "name": [str(services.NAME_REQUIRED)],
        "email": [str(services.EMAIL_TAKEN)],
        "role": [str(services.ROLE_INVALID)],
    }
    assert project.members.count() == 3


def test_completion_publishes_the_project_micro_credential(completed, college, city, proposer):
    assert completed.status == Project.Status.COMPLETED and completed.completed_at
    assert completed.trl_current == 5 and completed.outcome.startswith("Two shelters")
    achievement = completed.achievement
    assert achievement.status == Achievement.Status.PUBLISHED
    assert achievement.organization == college and achievement.created_by == proposer
    assert achievement.name == {
        "en": "Applied project: Cooler bus shelters",
        "fr": "Projet appliqué: Abribus plus frais",
    }
    assert achievement.description == completed.proposal.challenge.problem
    assert "confirmed by the partner and by the institution" in achievement.criteria["en"]
    assert achievement.skills == [PYTHON_SKILL_ROW]
    assert achievement.hours == 60
    assert achievement.delivery_mode == Achievement.DeliveryMode.WORK_INTEGRATED
    assert achievement.languages == ["en", "fr"]
    assert list(AchievementPartner.objects.filter(achievement=achievement).values_list(
        "organization", flat=True)) == [city.pk]  # fmt: skip
    assert completed.events.filter(action=ProjectEvent.Action.TRL_CHANGED).get().detail == {
        "from": 3, "to": 5,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("outcome", "trl", "hours", "field", "message"),
    [
        ("  ", 5, 40, "outcome", services.OUTCOME_REQUIRED),
        ("Done", 0, 40, "trl", services.TRL_RANGE),
        ("Done", 10, 40, "trl", services.TRL_RANGE),
        ("Done", 5, 4, "hours", services.HOURS_RANGE),
        ("Done", 5, 301, "hours", services.HOURS_RANGE),
    ],
)
def test_bad_completion_input_is_refused_and_changes_nothing(
    project, proposer, outcome, trl, hours, field, message
):
    with pytest.raises(ValidationError) as error:
        services.project_complete(
            project=project, outcome=outcome, trl=trl, hours=hours, actor=proposer
        )
    assert _messages(error) == {field: [str(message)]}
    project.refresh_from_db()
    assert project.status == Project.Status.ACTIVE and project.achievement is None
    assert not Achievement.objects.exists()


def test_the_partner_cannot_complete_the_project(project, city_staff):
    with pytest.raises(ValidationError) as error:
        services.project_complete(project=project, outcome="Done", trl=5, actor=city_staff)
    assert error.value.messages == [str(services.INSTITUTION_ONLY)]
    assert not Achievement.objects.exists()


def test_a_completed_project_is_frozen(completed, proposer):
    milestone = completed.milestones.first()
    attempts = [
        lambda: services.milestone_done(milestone=milestone, actor=proposer),
        lambda: services.project_trl_set(project=completed, trl=6, actor=proposer),
        lambda: services.project_member_add(
            project=completed, name="Late", email="late@northern.example", role="student",
            actor=proposer,
        ),
        lambda: services.project_cancel(project=completed, reason="Too late", actor=proposer),
        lambda: services.project_complete(project=completed, outcome="Again", trl=6,
                                          actor=proposer),
    ]  # fmt: skip
    for attempt in attempts:
        with pytest.raises(ValidationError) as error:
            attempt()
        assert error.value.messages == [str(services.PROJECT_FROZEN)]
    completed.refresh_from_db()
    assert completed.trl_current == 5 and completed.members.count() == 3
    assert Achievement.objects.count() == 1


def test_cancelling_needs_a_reason_then_freezes_the_project(project, proposer):
    with pytest.raises(ValidationError) as error:
        services.project_cancel(project=project, reason=" ", actor=proposer)
    assert _messages(error) == {"reason": [str(services.REASON_REQUIRED)]}
    services.project_cancel(project=project, reason="The site was sold.", actor=proposer)
    project.refresh_from_db()
    assert project.status == Project.Status.CANCELLED
    assert project.events.get(action=ProjectEvent.Action.CANCELLED).detail == {
        "reason": "The site was sold."
    }
    with pytest.raises(ValidationError):
        services.project_trl_set(project=project, trl=4, actor=proposer)
