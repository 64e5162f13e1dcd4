"""A small catalogue of real-looking micro-credentials aligned to real ESCO skills.

Shared by the catalogue and goal-plan tests (imported, not a conftest, so both use it).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.services import Recipient, credential_issue
from mixtape_site.organizations.models import Organization
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.reading import content_hash, vc_summary

ESCO = "http://data.europa.eu/esco/skill/"
DATA_ANALYSIS = ESCO + "2b92a5b2-6758-4ee3-9fb4-b6387a55cc8f"  # perform data analysis
PYTHON = ESCO + "ccd0a1d9-afda-43d9-b901-96344886e14d"
STATISTICS = ESCO + "7ee4c2ea-b349-4bd2-81a3-ec31475d4833"  # essential: data analyst
SQL = ESCO + "598de5b0-5b58-4ea7-8058-a4bc4d18c742"
PROJECT_MANAGEMENT = ESCO + "7111b95d-0ce3-441a-9d92-4c75d05c4388"
CUSTOMER_SERVICE = ESCO + "15a33d76-4640-438d-ae64-fdc0c1d3eebc"
MACHINE_LEARNING = ESCO + "3a2d5b45-56e4-4f5a-a55a-4a4a65afdc43"
DATA_MINING = ESCO + "25f0ea33-b4a2-4f31-b7b4-7d20e827b180"  # essential: data analyst
SPREADSHEETS = ESCO + "1973c966-f236-40c9-b2d4-5d71a89019be"  # optional: data analyst
BIG_DATA = ESCO + "47a49cd6-097d-457a-9f7b-c290c14930d5"  # essential: data analyst
DATA_ANALYST = "http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2"
UNKNOWN_SKILL = "https://skills.example.org/welding-safety"
LEARNER_EMAIL = "learner@example.org"

SKILL_NAMES = {
    DATA_ANALYSIS: ("perform data analysis", "effectuer une analyse de données"),
    PYTHON: ("Python (computer programming)", "Python (programmation informatique)"),
    STATISTICS: ("statistics", "statistiques"),
    SQL: ("SQL", "SQL"),
    PROJECT_MANAGEMENT: ("project management", "gestion de projets"),
    CUSTOMER_SERVICE: ("customer service", "service clients"),
    MACHINE_LEARNING: ("machine learning", "apprentissage automatique"),
    DATA_MINING: ("data mining", "exploration de données"),
    SPREADSHEETS: ("use spreadsheets software", "utiliser un logiciel de tableur"),
    BIG_DATA: ("analyse big data", "analyser des mégadonnées"),
    UNKNOWN_SKILL: ("welding safety", "sécurité en soudage"),
}


def skill(uri: str) -> dict[str, Any]:
    en, fr = SKILL_NAMES[uri]
    return {"url": uri, "name": {"en": en, "fr": fr}, "framework": "ESCO"}


def make_achievement(
    organization: Organization,
    *,
    name: tuple[str, str],
    description: tuple[str, str] = ("A micro-credential.", "Un microtitre."),
    skills: tuple[str, ...] = (),
    hours: int = 40,
    cost: str = "0",
    mode: str = Achievement.DeliveryMode.ONLINE,
    languages: tuple[str, ...] = ("en", "fr"),
    noc: tuple[str, ...] = (),
    status: str = Achievement.Status.PUBLISHED,
    age_days: int = 0,
) -> Achievement:
    return Achievement.objects.create(
        organization=organization,
        status=status,
        name={"en": name[0], "fr": name[1]},
        description={"en": description[0], "fr": description[1]},
        criteria={"en": "Pass the final assessment.", "fr": "Réussir l'évaluation finale."},
        learning_outcomes=[],
        skills=[skill(uri) for uri in skills],
        hours=hours,
        cost=Decimal(cost),
        delivery_mode=mode,
        languages=list(languages),
        noc_codes=list(noc),
        published_at=timezone.now() - timedelta(days=age_days),
    )


def lakeshore() -> Organization:
    return Organization.objects.create(
        slug="lakeshore",
        name={"en": "Lakeshore Polytechnic", "fr": "Polytechnique Lakeshore"},
        kind=Organization.Kind.INSTITUTION,
        primary_language="fr",
    )


def build_catalogue(college: Organization) -> dict[str, Achievement]:
    """Five published micro-credentials from two institutions, and one draft."""
    other = lakeshore()
    return {
        "analysis": make_achievement(
            college,
            name=("Data Analysis with Python", "Analyse de données avec Python"),
            description=(
                "Clean and analyse data sets with Python and statistics.",
                "Nettoyer et analyser des jeux de données avec Python et les statistiques.",
            ),
            skills=(DATA_ANALYSIS, PYTHON, STATISTICS, BIG_DATA),
            hours=40,
            noc=("21223",),
            age_days=5,
        ),
        "sql": make_achievement(
            college,
            name=("Databases and SQL", "Bases de données et SQL"),
            description=("Query relational databases.", "Interroger des bases relationnelles."),
            skills=(SQL, DATA_MINING),
            hours=30,
            cost="350",
            mode=Achievement.DeliveryMode.HYBRID,
            languages=("en",),
            noc=("21223",),
            age_days=4,
        ),
        "projects": make_achievement(
            other,
            name=("Project Management Essentials", "L'essentiel de la gestion de projets"),
            description=("Plan and lead projects.", "Planifier et diriger des projets."),
            skills=(PROJECT_MANAGEMENT,),
            hours=60,
            cost="900",
            mode=Achievement.DeliveryMode.IN_PERSON,
            noc=("10010",),
            age_days=3,
        ),
        "service": make_achievement(
            other,
            name=("Customer Service Excellence", "Excellence du service à la clientèle"),
            description=("Serve customers well.", "Bien servir la clientèle."),
            skills=(CUSTOMER_SERVICE,),
            hours=12,
            languages=("fr",),
            age_days=2,
        ),
        "ml": make_achievement(
            college,
            name=("Machine Learning in Practice", "Apprentissage automatique en pratique"),
            description=(
                "Train models on data with Python and spreadsheets.",
                "Entraîner des modèles sur des données avec Python et des tableurs.",
            ),
            skills=(MACHINE_LEARNING, PYTHON, SPREADSHEETS),
            hours=120,
            cost="1200",
            age_days=1,
        ),
        "draft": make_achievement(
            college,
            name=("Secret Draft on Data", "Brouillon secret sur les données"),
            status=Achievement.Status.DRAFT,
        ),
    }


def hold(owner: Any, achievement: Achievement, issued_by: Any) -> WalletCredential:
    """Award ``achievement`` to the learner and keep it in their wallet, as a claim does."""
    issued = credential_issue(
        achievement=achievement,
        recipient=Recipient(name="Léa Tremblay", email=LEARNER_EMAIL),
        issued_by=issued_by,
    ).credential
    summary = vc_summary(issued.document, language="en")
    return WalletCredential.objects.create(
        owner=owner,
        source=WalletCredential.Source.CLAIMED,
        format=WalletCredential.Format.OB3_JSON,
        issued_credential=issued,
        document=issued.document,
        content_hash=content_hash(issued.document),
        name=summary.name,
        issuer_id=summary.issuer_id,
        issuer_name=summary.issuer_name,
        issued_on=summary.issued_on,
        skills=summary.skills,
    )
