"""Data the pathway journeys start from: two colleges, their micro-credentials, a goal
certificate each, a learner; pathways defined and credentials held through the services.

Plain functions like ``scenario.py``'s; every credential is really signed and claimed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import override
from tests.browser.scenario import college_create, member_create
from tests.site.conftest import make_user
from tests.site.factories import published_achievement_create

from mixtape_site.accounts.models import User
from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.services import Recipient, credential_claim, credential_issue
from mixtape_site.organizations.models import Membership, Organization
from mixtape_site.pathways.models import Pathway
from mixtape_site.pathways.services import group_save, pathway_create, pathway_publish
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.services import wallet_add_claimed

LEARNER_EMAIL = "jean@example.org"
LEARNER_NAME = "Jean-Philippe Roy"

# slug -> (college, English name, French name, hours)
MICRO_CREDENTIALS = {
    "python": ("northern", "Python for Data Analysis", "Python pour l'analyse de données", 40),
    "sql": ("northern", "SQL and Relational Databases", "SQL et bases de données relationnelles",
            30),
    "visualisation": ("lumiere", "Data Visualization", "Visualisation des données", 25),
    "communication": ("lumiere", "Workplace Communication in French",
                      "Communication professionnelle en français", 45),
    "reporting": ("lumiere", "Business Reporting", "Rapports d'affaires", 20),
}  # fmt: skip
GOALS = {
    "northern": ("Certificate in Data Analytics", "Certificat en analyse de données"),
    "lumiere": ("Business Analytics Certificate", "Certificat en analytique d'affaires"),
}


@dataclass
class Stacking:
    """Northern College and Collège Lumière, their staff, micro-credentials and goals."""

    northern: Organization
    lumiere: Organization
    staff: User  # Northern's issuer
    lumiere_admin: User
    learner: User
    micro: dict[str, Achievement]
    goals: dict[str, Achievement]  # by college: "northern", "lumiere"

    def name(self, slug: str, language: str) -> str:
        return str(self.micro[slug].name[language])


def stacking_create() -> Stacking:
    northern = college_create()
    lumiere = Organization.objects.create(
        slug="college-lumiere",
        name={"en": "Collège Lumière", "fr": "Collège Lumière"},
        kind=Organization.Kind.INSTITUTION,
        primary_language="fr",
    )
    colleges = {"northern": northern, "lumiere": lumiere}
    staff = member_create(northern, "staff@northern.example", Membership.Role.ISSUER)
    lumiere_admin = member_create(lumiere, "admin@lumiere.example", Membership.Role.ADMIN)
    creators = {"northern": staff, "lumiere": lumiere_admin}
    micro = {
        slug: _achievement(colleges[college], creators[college], (en, fr), hours)
        for slug, (college, en, fr, hours) in MICRO_CREDENTIALS.items()
    }
    goals = {
        college: _achievement(colleges[college], creators[college], names, 100)
        for college, names in GOALS.items()
    }
    learner = make_user(LEARNER_EMAIL)
    learner.display_name = LEARNER_NAME
    learner.save(update_fields=["display_name"])
    return Stacking(northern, lumiere, staff, lumiere_admin, learner, micro, goals)


def _achievement(
    organization: Organization, created_by: User, names: tuple[str, str], hours: int
) -> Achievement:
    achievement = published_achievement_create(organization=organization, created_by=created_by)
    achievement.name = {"en": names[0], "fr": names[1]}
    achievement.hours = hours
    achievement.save(update_fields=["name", "hours"])
    return achievement


def data_analytics_create(
    stacking: Stacking, *, approval: str = Pathway.Approval.AUTOMATIC
) -> Pathway:
    """Northern's published pathway (with Lumière): all of Python and SQL, then any one
    of Lumière's Data Visualization or Workplace Communication."""
    pathway = pathway_create(
        organization=stacking.northern,
        data={
            "name": {"en": "Data Analytics", "fr": "Analyse de données"},
            "description": {
                "en": "Python, SQL and one way to present results.",
                "fr": "Python, SQL et une façon de présenter les résultats.",
            },
            "goal": stacking.goals["northern"],
            "approval": approval,
            "partners": [stacking.lumiere],
        },
        created_by=stacking.staff,
    )
    micro = stacking.micro
    core, presenting = (
        [micro["python"], micro["sql"]],
        [micro["visualisation"], micro["communication"]],
    )
    group_save(pathway=pathway, name={"en": "Core", "fr": "Tronc commun"}, rule="all",
               count=None, achievements=core)  # fmt: skip
    group_save(pathway=pathway, name={"en": "Presenting", "fr": "Présentation"}, rule="any",
               count=None, achievements=presenting)  # fmt: skip
    return pathway_publish(pathway=pathway)


def business_analytics_create(stacking: Stacking) -> Pathway:
    """Lumière's published pathway, reviewed: all of its visualization and communication."""
    pathway = pathway_create(
        organization=stacking.lumiere,
        data={
            "name": {"en": "Business Analytics", "fr": "Analytique d'affaires"},
            "goal": stacking.goals["lumiere"],
            "approval": Pathway.Approval.REVIEW,
        },
        created_by=stacking.lumiere_admin,
    )
    micro = stacking.micro
    group_save(pathway=pathway, name={}, rule="all", count=None,
               achievements=[micro["visualisation"], micro["communication"]])  # fmt: skip
    return pathway_publish(pathway=pathway)


def award(stacking: Stacking, slug: str) -> IssuedCredential:
    """``slug``'s credential awarded to the learner by its college (not claimed yet)."""
    achievement = stacking.micro[slug]
    northern = achievement.organization_id == stacking.northern.pk
    recipient = Recipient(name=LEARNER_NAME, email=LEARNER_EMAIL, result="A",
                          issued_on=timezone.now())  # fmt: skip
    issuer = stacking.staff if northern else stacking.lumiere_admin
    return credential_issue(
        achievement=achievement, recipient=recipient, issued_by=issuer
    ).credential


def hold(stacking: Stacking, *slugs: str) -> list[WalletCredential]:
    """The learner claims each credential into their wallet, as from the award e-mail."""
    rows = []
    for slug in slugs:
        claimed = credential_claim(token=award(stacking, slug).claim_token, user=stacking.learner)
        rows.append(wallet_add_claimed(user=stacking.learner, issued_credential=claimed))
    return rows


def translated(message: Any, language: str, **params: Any) -> str:
    """A module constant (a lazy translation) as the page shows it in ``language``."""
    with override(language):
        return str(message % params if params else message)
