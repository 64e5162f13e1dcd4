"""The demo's organizations, people and micro-credentials (fictional, bilingual).

Skills are concepts of the bundled ESCO v1.1.1, with its English and French labels
(tests/site/skills/test_demo_skills.py checks them against the framework).
"""

from __future__ import annotations

from typing import Any, Final

DEMO_PASSWORD: Final = "mixtape-demo"  # noqa: S105 - published demo accounts, debug only

ESCO: Final = "http://data.europa.eu/esco/skill/"


def skill(uuid: str, en: str, fr: str) -> dict[str, Any]:
    return {"url": f"{ESCO}{uuid}", "name": {"en": en, "fr": fr}, "framework": "ESCO", "code": ""}


PYTHON = skill(
    "ccd0a1d9-afda-43d9-b901-96344886e14d",
    "Python (computer programming)",
    "Python (programmation informatique)",
)
SQL = skill("598de5b0-5b58-4ea7-8058-a4bc4d18c742", "SQL", "SQL")
POSTGRESQL = skill("a8d07b5a-c1a1-42c6-9d53-db9c7a2ca996", "PostgreSQL", "PostgreSQL")
MACHINE_LEARNING = skill(
    "3a2d5b45-56e4-4f5a-a55a-4a4a65afdc43", "machine learning", "apprentissage automatique"
)
DATA_ANALYSIS = skill(
    "97bd1c21-66b2-4b7e-ad0f-e3cda590e378", "data analytics", "analyse de données"
)
STATISTICS = skill("7ee4c2ea-b349-4bd2-81a3-ec31475d4833", "statistics", "statistiques")
VISUALISATION = skill(
    "c3e36d05-8ae8-447f-bb2b-6f9409f85389",
    "deliver visual presentation of data",
    "fournir une présentation visuelle des données",
)
SPREADSHEETS = skill(
    "1973c966-f236-40c9-b2d4-5d71a89019be",
    "use spreadsheets software",
    "utiliser un logiciel de tableur",
)
COMMUNICATION = skill("15d76317-c71a-4fa2-aadc-2ecc34e627b7", "communication", "communication")
FRENCH = skill("e747e77e-0ea1-4001-8b07-1d11946b5f1b", "French", "Français")
DATA_MINING = skill("25f0ea33-b4a2-4f31-b7b4-7d20e827b180", "data mining", "exploration de données")

ORGANIZATIONS: Final = [
    {
        "slug": "northern-college",
        "kind": "institution",
        "primary_language": "en",
        "name": {
            "en": "Northern College of Applied Arts and Technology",
            "fr": "Collège Northern des arts appliqués et de technologie",
        },
        "description": {
            "en": "A public college in Northern Ontario.",
            "fr": "Un collège public du Nord de l'Ontario.",
        },
        "url": "https://northern.example",
        "email": "registrar@northern.example",
    },
    {
        "slug": "college-lumiere",
        "kind": "institution",
        "primary_language": "fr",
        "name": {"en": "Collège Lumière", "fr": "Collège Lumière"},
        "description": {
            "en": "A French-language college in Eastern Ontario.",
            "fr": "Un collège de langue française de l'Est ontarien.",
        },
        "url": "https://lumiere.example",
        "email": "registraire@lumiere.example",
    },
    {
        "slug": "maple-analytics",
        "kind": "employer",
        "primary_language": "en",
        "name": {"en": "Maple Analytics Inc.", "fr": "Analytique Maple inc."},
        "description": {
            "en": "A data consultancy hiring analysts across Ontario.",
            "fr": "Une firme-conseil en données qui recrute partout en Ontario.",
        },
        "url": "https://maple-analytics.example",
        "email": "talent@maple-analytics.example",
    },
    {
        "slug": "city-of-lakeshore",
        "kind": "partner",
        "primary_language": "en",
        "name": {"en": "City of Lakeshore", "fr": "Ville de Lakeshore"},
        "description": {
            "en": "A lakeside city that brings its research needs to colleges and universities.",
            "fr": "Une ville riveraine qui confie ses besoins de recherche aux collèges et aux "
            "universités.",
        },
        "url": "https://lakeshore.example",
        "email": "innovation@lakeshore.example",
    },
    {
        "slug": "ontario-innovation-fund",
        "kind": "funder",
        "primary_language": "en",
        "name": {"en": "Ontario Innovation Fund", "fr": "Fonds d'innovation de l'Ontario"},
        "description": {
            "en": "Fast-tracks applied research between public partners and institutions.",
            "fr": "Accélère la recherche appliquée entre les partenaires publics et les "
            "établissements.",
        },
        "url": "https://innovation-fund.example",
        "email": "programs@innovation-fund.example",
    },
]

# (e-mail, display name, organization slug or None, role, staff/operator)
PEOPLE: Final = [
    ("operator@mixtape.example", "Platform Operator", None, None, True),
    ("admin@northern.example", "Priya Natarajan", "northern-college", "admin", False),
    ("issuer@northern.example", "Tom Whitehorse", "northern-college", "issuer", False),
    ("admin@lumiere.example", "Geneviève Tremblay", "college-lumiere", "admin", False),
    ("partner@maple-analytics.example", "Marc Dubois", "maple-analytics", "admin", False),
    ("partner@lakeshore.example", "Nadia Kowalski", "city-of-lakeshore", "admin", False),
    ("programs@innovation-fund.example", "Luc Bélanger", "ontario-innovation-fund", "admin", False),
    ("amira@learner.example", "Amira Haddad", None, None, False),
    ("jean@learner.example", "Jean-Philippe Roy", None, None, False),
    ("sam@learner.example", "Sam Okafor", None, None, False),
]


def text(en: str, fr: str) -> dict[str, str]:
    return {"en": en, "fr": fr}
