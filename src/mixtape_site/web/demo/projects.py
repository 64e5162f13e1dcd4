"""The demo's completed project (issue 7): the wayfinding call's winner, carried out.

Collège Lumière's team ran the project the City of Lakeshore awarded 33 weeks ago: the
design workshops and the prototype milestones were met, the technology readiness level
rose from 3 to 6, and the project was completed four weeks ago. A second student joined
at the start. Both sides confirmed each student's contribution, the city endorsed the
project micro-credential, and the college issued it: Jean-Philippe Roy has claimed his
into his wallet, while Léa Gagnon (no account yet) can claim hers from the e-mail.

Everything goes through the project services, replayed at past dates
(``projects.replay``), as the pages would have done it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Final

from django.utils import timezone

from mixtape_site.accounts.models import User
from mixtape_site.challenges.models import Challenge, Proposal
from mixtape_site.credentials.services import credential_claim
from mixtape_site.projects import services
from mixtape_site.projects.models import Project
from mixtape_site.projects.replay import ProjectStory, project_replay
from mixtape_site.wallet.services import wallet_add_claimed
from mixtape_site.web.demo.challenges import CITY_STAFF
from mixtape_site.web.demo.content import text

LEAD: Final = "admin@lumiere.example"
STUDENT: Final = "jean@learner.example"
SECOND_STUDENT: Final = ("Léa Gagnon", "lea@learner.example", "Design graphique")

OUTCOME: Final = (
    "Une signalétique à pictogrammes en langage clair et des balises sonores bilingues "
    "installées au pôle Union: 24 usagers aveugles, malvoyants ou nouvellement arrivés "
    "ont mis en moyenne 38 % moins de temps à trouver leur quai. Recommandations remises "
    "pour les deux autres pôles."
)
CONTRIBUTIONS: Final = {
    STUDENT: "A programmé les balises sonores bilingues et leur application de test, puis "
    "a analysé les temps de parcours des six semaines d'essais.",
    SECOND_STUDENT[1]: "A conçu les pictogrammes en langage clair avec les usagers et "
    "réalisé les maquettes imprimées de la signalétique.",
}
ENDORSEMENT: Final = text(
    "The students' work is in service at our busiest hub; we recognize it gladly.",
    "Le travail des étudiants est en service dans notre pôle le plus achalandé; nous le "
    "reconnaissons avec plaisir.",
)


def demo_project(*, awarded: Challenge, people: dict[str, User]) -> Project:
    """Carry the awarded call's project to issued, partly claimed credentials."""
    proposal = awarded.proposals.get(status=Proposal.Status.AWARDED)
    project = Project.objects.get(proposal=proposal)
    lead, staff = people[LEAD], people[CITY_STAFF]
    name, email, program = SECOND_STUDENT
    services.project_member_add(
        project=project, name=name, email=email, role="student", program=program,
        actor=lead, now=project.started_at + timedelta(days=2),
    )  # fmt: skip
    completed = timezone.now() - timedelta(weeks=4)
    story = ProjectStory(
        completed_at=completed,
        outcome=OUTCOME,
        final_trl=6,
        contributions=CONTRIBUTIONS,
        endorsement=ENDORSEMENT,
        hours=60,
        trl_steps=[
            (project.started_at + timedelta(weeks=weeks), level)
            for weeks, level in ((10, 4), (20, 5))
        ],
    )
    report = project_replay(
        project=project, story=story, institution_actor=lead, partner_actor=staff
    )
    for member in report.issued:
        if member.email == STUDENT and member.credential is not None:
            claimed = credential_claim(token=member.credential.claim_token, user=people[STUDENT])
            wallet_add_claimed(user=people[STUDENT], issued_credential=claimed)
    return project
