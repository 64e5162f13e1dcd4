"""Fixtures for the micro-credential tests: a complete form, images, partners."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image

from mixtape_site.achievements.models import Achievement, AchievementPartner
from mixtape_site.organizations.models import Membership, Organization

ESCO_SKILL = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"


def form_data(**changes: Any) -> dict[str, Any]:
    """A complete, valid micro-credential form; ``changes`` override fields."""
    data: dict[str, Any] = {
        "name_en": "Cloud Support Essentials",
        "name_fr": "Soutien infonuagique essentiel",
        "description_en": "Support users of cloud services.",
        "description_fr": "Soutenir les utilisateurs de services infonuagiques.",
        "criteria_en": "Pass three labs and a final practical exam.",
        "criteria_fr": "Réussir trois laboratoires et un examen pratique final.",
        "outcomes_en": "Diagnose a failed deployment\nExplain shared responsibility",
        "outcomes_fr": "Diagnostiquer un déploiement raté\nExpliquer la responsabilité partagée",
        "assessment_en": "A timed practical exam.",
        "assessment_fr": "Un examen pratique chronométré.",
        "assessment_evidence_en": "A working, documented deployment.",
        "assessment_evidence_fr": "Un déploiement fonctionnel et documenté.",
        "skills": [ESCO_SKILL],  # ticked in the skill picker
        "hours": "45",
        "duration_weeks": "6",
        "delivery_mode": "hybrid",
        "languages": ["en", "fr"],
        "cost": "350.00",
        "cip_code": "11.0701",
        "noc_codes": "22220, 21232",
        "credit_value": "0.5",
        "validity_months": "36",
    }
    data.update(changes)
    return data


def png_bytes(width: int = 64, height: int = 64) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (29, 78, 216)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def draft(college: Organization, issuer_staff: Any) -> Achievement:
    return Achievement.objects.create(
        organization=college,
        name={"en": "Network Basics", "fr": "Bases des réseaux"},
        description={"en": "Set up a small network.", "fr": "Installer un petit réseau."},
        criteria={"en": "Pass the lab.", "fr": "Réussir le laboratoire."},
        learning_outcomes=[{"en": "Wire a LAN", "fr": "Câbler un réseau local"}],
        hours=20,
        delivery_mode=Achievement.DeliveryMode.IN_PERSON,
        languages=["en"],
        created_by=issuer_staff,
    )


@pytest.fixture
def employer_member(employer: Organization) -> Any:
    from tests.site.conftest import make_user  # noqa: PLC0415

    user = make_user("hr@maple-tech.example")
    Membership.objects.create(organization=employer, user=user, role=Membership.Role.ISSUER)
    return user


@pytest.fixture
def partnership(published_achievement: Achievement, employer: Organization) -> AchievementPartner:
    return AchievementPartner.objects.create(
        achievement=published_achievement, organization=employer
    )
