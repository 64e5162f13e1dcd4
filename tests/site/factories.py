"""Rows many tests need, built the way the platform stores them (real database, no mocks)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from mixtape_site.achievements.models import Achievement
from mixtape_site.organizations.models import Organization

PYTHON_SKILL = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"


def published_achievement_create(*, organization: Organization, created_by: Any) -> Achievement:
    """A published, bilingual micro-credential with two ESCO skills."""
    return Achievement.objects.create(
        organization=organization,
        status=Achievement.Status.PUBLISHED,
        name={"en": "Data Analysis Fundamentals", "fr": "Fondements de l'analyse de données"},
        description={
            "en": "Clean, explore and chart data with spreadsheets and Python.",
            "fr": "Nettoyer, explorer et représenter des données avec des tableurs et Python.",
        },
        criteria={
            "en": "Complete four graded projects and a final assessment.",
            "fr": "Réussir quatre projets notés et une évaluation finale.",
        },
        learning_outcomes=[
            {"en": "Clean a messy data set", "fr": "Nettoyer un jeu de données"},
            {"en": "Build a clear chart", "fr": "Construire un graphique clair"},
        ],
        skills=[
            {
                "url": "http://data.europa.eu/esco/skill/8a5b5a3e-ccc4-4e1a-8b4a-4ad2d5f7d0ec",
                "name": {"en": "analyse big data", "fr": "analyser des mégadonnées"},
                "framework": "ESCO",
                "code": "S2.7.1",
            },
            {
                "url": PYTHON_SKILL,
                "name": {"en": "Python (computer programming)", "fr": "Python (programmation)"},
                "framework": "ESCO",
                "code": "S5.6.1",
            },
        ],
        hours=40,
        delivery_mode=Achievement.DeliveryMode.ONLINE,
        languages=["en", "fr"],
        assessment={"en": "A final project.", "fr": "Un projet final."},
        created_by=created_by,
        published_at=timezone.now(),
    )
