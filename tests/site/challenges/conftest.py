"""Fixtures for the innovation space: a city partner, a funder, two institutions and an
open challenge, all real rows."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from tests.site.conftest import make_user
from tests.site.factories import PYTHON_SKILL

from mixtape_site.challenges.models import Challenge, Criterion, FundingProgram
from mixtape_site.organizations.models import Membership, Organization

PYTHON_SKILL_ROW = {
    "url": PYTHON_SKILL,
    "name": {"en": "Python (computer programming)", "fr": "Python (programmation)"},
    "framework": "ESCO",
    "code": "S5.6.1",
}


@pytest.fixture
def city(db: None) -> Organization:
    return Organization.objects.create(
        slug="city-of-lakeview",
        name={"en": "City of Lakeview", "fr": "Ville de Lakeview"},
        kind=Organization.Kind.PARTNER,
        email="innovation@lakeview.example",
    )


@pytest.fixture
def city_staff(city: Organization) -> Any:
    user = make_user("staff@lakeview.example")
    Membership.objects.create(organization=city, user=user, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def funder(db: None) -> Organization:
    return Organization.objects.create(
        slug="research-fund",
        name={"en": "Applied Research Fund", "fr": "Fonds de recherche appliquée"},
        kind=Organization.Kind.FUNDER,
    )


@pytest.fixture
def grant(funder: Organization) -> FundingProgram:
    return FundingProgram.objects.create(
        slug="partnership-grant",
        funder=funder,
        name={"en": "Partnership grant", "fr": "Subvention de partenariat"},
        max_amount=Decimal("50000.00"),
    )


@pytest.fixture
def open_challenge(city: Organization, city_staff: Any, grant: FundingProgram) -> Challenge:
    now = timezone.now()
    challenge = Challenge.objects.create(
        organization=city,
        status=Challenge.Status.OPEN,
        title={"en": "Cooler bus shelters", "fr": "Abribus plus frais"},
        problem={
            "en": "Bus shelters overheat in summer heat waves.",
            "fr": "Les abribus surchauffent pendant les canicules estivales.",
        },
        outcomes={"en": "A tested shelter prototype.", "fr": "Un prototype d'abribus testé."},
        skills=[PYTHON_SKILL_ROW],
        disciplines=["engineering", "urban"],
        trl_min=3,
        trl_max=6,
        budget=Decimal("40000.00"),
        deadline=now + timedelta(days=14),
        created_by=city_staff,
        opened_at=now,
    )
    challenge.funding_programs.add(grant)
    Criterion.objects.create(
        challenge=challenge, position=0, name={"en": "Impact", "fr": "Impact"}, max_points=10
    )
    Criterion.objects.create(
        challenge=challenge,
        position=1,
        name={"en": "Feasibility", "fr": "Faisabilité"},
        max_points=5,
    )
    return challenge


@pytest.fixture
def institution(college: Organization) -> Organization:
    return college


@pytest.fixture
def second_institution(db: None) -> Organization:
    return Organization.objects.create(
        slug="southern-university",
        name={"en": "Southern University", "fr": "Université du Sud"},
        kind=Organization.Kind.INSTITUTION,
    )


@pytest.fixture
def proposer(college: Organization) -> Any:
    user = make_user("research@northern.example")
    Membership.objects.create(organization=college, user=user, role=Membership.Role.ISSUER)
    return user


@pytest.fixture
def rival(second_institution: Organization) -> Any:
    user = make_user("research@southern.example")
    Membership.objects.create(
        organization=second_institution, user=user, role=Membership.Role.ISSUER
    )
    return user
