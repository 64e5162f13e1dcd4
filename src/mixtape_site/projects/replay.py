"""Replay a whole project at past dates (the demo): milestones, TRL steps, completion,
both confirmations, the partner's endorsement and the credentials, each step dated.

Every row, event, publication, endorsement and credential carries its replayed date;
only the proofs' ``created`` times are the real clock (a signature is made now).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from mixtape_site.projects import issuing, services
from mixtape_site.projects.issuing import IssueReport
from mixtape_site.projects.models import Project


@dataclass(frozen=True, kw_only=True)
class ProjectStory:
    """What happened, in order. ``contributions`` maps a student's e-mail to the text the
    institution confirmed; ``trl_steps`` are (when, level) during the project."""

    completed_at: datetime
    outcome: str
    final_trl: int
    contributions: Mapping[str, str]
    endorsement: Mapping[str, str]
    hours: int = services.HOURS_DEFAULT
    trl_steps: Sequence[tuple[datetime, int]] = ()
    confirm_after: timedelta = timedelta(days=3)
    issue_after: timedelta = timedelta(days=7)


def project_replay(
    *, project: Project, story: ProjectStory, institution_actor: Any, partner_actor: Any
) -> IssueReport:
    """Run ``project`` (started by the award) to issued credentials at ``story``'s dates.

    Milestones are marked done evenly between the start and the completion; both sides
    confirm ``confirm_after`` the completion, and the credentials are issued
    ``issue_after`` it (which must not be in the future).
    """
    milestones = list(project.milestones.all())
    span = story.completed_at - project.started_at
    for index, milestone in enumerate(milestones, start=1):
        when = project.started_at + span * index / (len(milestones) + 1)
        services.milestone_done(milestone=milestone, actor=institution_actor, now=when)
    for when, level in story.trl_steps:
        services.project_trl_set(project=project, trl=level, actor=institution_actor, now=when)
    project = services.project_complete(
        project=project, outcome=story.outcome, trl=story.final_trl, hours=story.hours,
        actor=institution_actor, now=story.completed_at,
    )  # fmt: skip
    confirmed = story.completed_at + story.confirm_after
    for member in project.members.filter(email__in=list(story.contributions)):
        issuing.contribution_confirm_institution(
            member=member, contribution=story.contributions[member.email],
            actor=institution_actor, now=confirmed,
        )  # fmt: skip
        issuing.contribution_confirm_partner(member=member, actor=partner_actor, now=confirmed)
    issuing.project_endorse(
        project=project, comment=story.endorsement, actor=partner_actor, now=confirmed
    )
    return issuing.project_credentials_issue(
        project=project, actor=institution_actor, now=story.completed_at + story.issue_after
    )
