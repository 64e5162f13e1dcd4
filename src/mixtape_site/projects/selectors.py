"""Reads for the project pages: an organization's projects, one project's page, the
public facts, and the projects of a challenge (for links from the challenge pages)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from mixtape_site.achievements.models import AchievementPartner
from mixtape_site.challenges.models import Challenge, TeamMember
from mixtape_site.organizations.models import Organization
from mixtape_site.projects.access import involving
from mixtape_site.projects.issuing import partnership, waiting_reasons
from mixtape_site.projects.models import Milestone, Project, ProjectEvent, ProjectMember

TRL_MAX = 9
_RELATED = ("proposal__organization", "proposal__challenge__organization", "achievement")


def organization_projects(*, organization: Organization) -> QuerySet[Project]:
    """Projects the organization runs (institution) or asked for (partner), newest first."""
    return (
        Project.objects.filter(involving(organization))
        .select_related(*_RELATED)
        .annotate(
            milestones_total=Count("milestones", distinct=True),
            milestones_done=Count(
                "milestones", filter=Q(milestones__done_at__isnull=False), distinct=True
            ),
        )
    )


def public_project(*, uuid: Any) -> Project:
    return get_object_or_404(Project.objects.select_related(*_RELATED), uuid=uuid)


def challenge_projects(*, challenge: Challenge) -> list[Project]:
    """The projects of a challenge's awarded proposals (usually one)."""
    return list(
        Project.objects.filter(proposal__challenge=challenge)
        .select_related("proposal__organization")
        .order_by("started_at", "id")
    )


@dataclass(frozen=True)
class StudentRow:
    member: ProjectMember
    reasons: list[Any]  # why the micro-credential cannot be issued yet (empty: ready)


@dataclass(frozen=True)
class ProjectPage:
    project: Project
    milestones: list[Milestone]
    members: list[ProjectMember]
    students: list[StudentRow]
    partnership: AchievementPartner | None
    events: list[ProjectEvent]

    @property
    def milestones_done(self) -> int:
        return sum(1 for milestone in self.milestones if milestone.done_at is not None)

    @property
    def endorsed(self) -> bool:
        return self.partnership is not None and self.partnership.endorsement_document is not None

    @property
    def ready(self) -> int:
        return sum(1 for row in self.students if not row.reasons and not row.member.credential_id)


def project_page(*, project: Project) -> ProjectPage:
    """Everything the management page shows, in a fixed number of queries."""
    members = list(
        project.members.select_related(
            "credential", "institution_confirmed_by", "partner_confirmed_by"
        )
    )
    row = partnership(project)
    endorsed = row is not None and row.endorsement_document is not None
    students = [
        StudentRow(member, waiting_reasons(member, endorsed=endorsed))
        for member in members
        if member.role == TeamMember.Role.STUDENT
    ]
    return ProjectPage(
        project=project,
        milestones=list(project.milestones.all()),
        members=members,
        students=students,
        partnership=row,
        events=list(project.events.select_related("member").order_by("-created_at", "-id")),
    )
