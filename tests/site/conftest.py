"""Fixtures for the platform tests: real database rows, real keys, real signatures."""

from __future__ import annotations

from typing import Any

import pytest

from mixtape_site.accounts.models import User
from mixtape_site.organizations.models import Membership, Organization


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def college(db: None) -> Organization:
    return Organization.objects.create(
        slug="northern-college",
        name={"en": "Northern College", "fr": "Collège du Nord"},
        kind=Organization.Kind.INSTITUTION,
        url="https://northern.example",
        email="registrar@northern.example",
    )


@pytest.fixture
def employer(db: None) -> Organization:
    return Organization.objects.create(
        slug="maple-tech",
        name={"en": "Maple Tech", "fr": "Maple Tech"},
        kind=Organization.Kind.EMPLOYER,
    )


def make_user(email: str, *, verified: bool = True) -> User:
    from allauth.account.models import EmailAddress  # noqa: PLC0415 - needs the app registry

    user = User.objects.create_user(email, password="a-long-test-password-1")
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


@pytest.fixture
def issuer_staff(college: Organization) -> User:
    user = make_user("staff@northern.example")
    Membership.objects.create(organization=college, user=user, role=Membership.Role.ISSUER)
    return user


@pytest.fixture
def college_admin(college: Organization) -> User:
    user = make_user("admin@northern.example")
    Membership.objects.create(organization=college, user=user, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def outsider(db: None) -> User:
    return make_user("someone@elsewhere.example")


# --- credentials helper: shared fixtures (a published micro-credential, an issued credential)


@pytest.fixture
def published_achievement(college: Organization, issuer_staff: User) -> Any:
    from django.utils import timezone  # noqa: PLC0415

    from mixtape_site.achievements.models import Achievement  # noqa: PLC0415

    return Achievement.objects.create(
        organization=college,
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
                "url": "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d",
                "name": {"en": "Python (computer programming)", "fr": "Python (programmation)"},
                "framework": "ESCO",
                "code": "S5.6.1",
            },
        ],
        hours=40,
        delivery_mode=Achievement.DeliveryMode.ONLINE,
        languages=["en", "fr"],
        created_by=issuer_staff,
        published_at=timezone.now(),
    )


@pytest.fixture
def issued_credential(published_achievement: Any, issuer_staff: User) -> Any:
    from mixtape_site.credentials.services import Recipient, credential_issue  # noqa: PLC0415

    outcome = credential_issue(
        achievement=published_achievement,
        recipient=Recipient(name="Léa Tremblay", email="learner@example.org"),
        issued_by=issuer_staff,
    )
    return outcome.credential
