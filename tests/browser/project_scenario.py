"""An awarded challenge and its project, built with the real services (the steps up to the
award have their own browser journey in test_challenges_journey.py): the city of
Lakeview's challenge, Northern College's proposal awarded, the project started by the
award's signal; optionally carried to completion with credentials issued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from tests.browser.test_challenges_journey import (
    Cast,
    cast_create,
    named,
    pass_deadline,
)
from tests.site.conftest import make_user
from tests.site.factories import PYTHON_SKILL

from mixtape_site.accounts.models import User
from mixtape_site.challenges import proposals, review, services
from mixtape_site.challenges.models import Challenge, Proposal
from mixtape_site.organizations.models import Membership
from mixtape_site.projects import issuing
from mixtape_site.projects import services as project_services
from mixtape_site.projects.models import Project, ProjectMember

STUDENT_EMAIL = "sam@northern.example"
SECOND_STUDENT = {"name": "Mia Martin", "email": "mia@northern.example",
                  "program": "Urban Planning"}  # fmt: skip
PYTHON_SKILL_ROW = {
    "url": PYTHON_SKILL,
    "name": {"en": "Python (computer programming)", "fr": "Python (programmation)"},
    "framework": "ESCO",
    "code": "S5.6.1",
}
CHALLENGE_TITLE = {"en": "Cooler bus shelters", "fr": "Abribus plus frais"}
PROJECT_TITLE = "Shade sails and misting"
MILESTONES = ("Prototype", "Field test")
DESKTOP = {"width": 1280, "height": 800}  # English is checked at this width, French at PHONE


@dataclass
class ProjectWorld:
    cast: Cast
    challenge: Challenge
    proposal: Proposal
    project: Project
    student: User  # Sam Student, with the verified e-mail of the proposal's team
    funder_staff: User
    operator: User  # a platform operator (is_staff), member of no organization


def awarded_project_create() -> ProjectWorld:
    """The cast of the challenge journey, and the award that journey ends with."""
    c = cast_create()
    challenge = services.challenge_create(
        organization=c.city, created_by=c.city_staff,
        data={"title": CHALLENGE_TITLE,
              "problem": {"en": "Bus shelters overheat in heat waves.",
                          "fr": "Les abribus surchauffent pendant les canicules."},
              "outcomes": {"en": "A tested shelter prototype.",
                           "fr": "Un prototype d'abribus mis à l'essai."},
              "skills": [PYTHON_SKILL_ROW], "disciplines": ["urban"],
              "trl_min": 3, "trl_max": 6, "budget": Decimal("40000"),
              "deadline": timezone.now() + timedelta(days=14),
              "funding_programs": [c.grant]},
    )  # fmt: skip
    services.criterion_save(challenge=challenge, actor=c.city_staff,
                            data={"name": {"en": "Impact", "fr": "Impact"}, "description": {},
                                  "max_points": 10})  # fmt: skip
    services.challenge_open(challenge=challenge, actor=c.city_staff)
    data = proposals.ProposalData(
        title=PROJECT_TITLE, language="en",
        summary="Retrofit shelters with shade sails and misting.",
        approach="Prototype three shelters and measure the heat.",
        budget=Decimal("30000"), funding_program=c.grant,
        milestones=[proposals.Milestone(title=MILESTONES[0], due=date(2030, 1, 15),
                                        deliverable="Three shelters"),
                    proposals.Milestone(title=MILESTONES[1], due=date(2030, 6, 1),
                                        deliverable="Heat measurements")],
        team=[proposals.Member(name="Dr. Ada Lee", email=c.researcher.email, role="lead"),
              proposals.Member(name="Sam Student", email=STUDENT_EMAIL, role="student",
                               program="Civil Engineering Technology")],
    )  # fmt: skip
    proposal = proposals.proposal_create(
        challenge=challenge, organization=c.northern, created_by=c.researcher, data=data
    )
    proposals.proposal_submit(proposal=proposal, actor=c.researcher)
    pass_deadline(challenge)
    review.challenge_award(challenge=challenge, proposals=[proposal], actor=c.city_staff)
    funder_staff = named("programs@fund.example", "Frank Funder")
    Membership.objects.create(
        organization=c.grant.funder, user=funder_staff, role=Membership.Role.ADMIN
    )
    operator = named("ops@mixtape.example", "Olive Operator")
    operator.is_staff = True
    operator.save(update_fields=["is_staff"])
    return ProjectWorld(
        cast=c, challenge=challenge, proposal=proposal,
        project=Project.objects.get(proposal=proposal), student=make_user(STUDENT_EMAIL),
        funder_staff=funder_staff, operator=operator,
    )  # fmt: skip


def project_complete_and_issue(w: ProjectWorld, *, issue: bool = True) -> None:
    """The rest of the project journey through the services: a second student joins, the
    work is completed, both sides confirm, the city endorses and Northern issues."""
    c, project = w.cast, w.project
    project_services.project_member_add(project=project, role="student", actor=c.researcher,
                                        **SECOND_STUDENT)  # fmt: skip
    for milestone in project.milestones.all():
        project_services.milestone_done(milestone=milestone, actor=c.researcher)
    project_services.project_complete(project=project, outcome="Shelters 6 °C cooler.",
                                      trl=5, hours=60, actor=c.researcher)  # fmt: skip
    for member in students(project):
        issuing.contribution_confirm_institution(
            member=member, contribution=f"{member.name} built the sensors.", actor=c.researcher
        )
        if issue:
            issuing.contribution_confirm_partner(member=member, actor=c.city_staff)
    if issue:
        issuing.project_endorse(project=project, comment={"en": "Great work.", "fr": "Bravo."},
                                actor=c.city_staff)  # fmt: skip
        issuing.project_credentials_issue(project=project, actor=c.researcher)
    project.refresh_from_db()


def students(project: Project) -> list[ProjectMember]:
    return list(project.members.filter(role="student").order_by("id"))


def open_challenge_create(w: ProjectWorld) -> Challenge:
    """A second open challenge on the same skill: the city's page suggests the people
    who worked on the first one."""
    challenge = services.challenge_create(
        organization=w.cast.city, created_by=w.cast.city_staff,
        data={"title": {"en": "Heat maps of bus stops", "fr": "Cartes de chaleur des arrêts"},
              "problem": {"en": "Where is it hottest?", "fr": "Où fait-il le plus chaud ?"},
              "outcomes": {"en": "A map.", "fr": "Une carte."},
              "skills": [PYTHON_SKILL_ROW], "trl_min": 2, "trl_max": 5,
              "deadline": timezone.now() + timedelta(days=30),
              "funding_programs": [w.cast.grant]},
    )  # fmt: skip
    services.criterion_save(challenge=challenge, actor=w.cast.city_staff,
                            data={"name": {"en": "Reach", "fr": "Portée"}, "description": {},
                                  "max_points": 5})  # fmt: skip
    services.challenge_open(challenge=challenge, actor=w.cast.city_staff)
    return challenge
