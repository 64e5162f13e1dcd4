"""API test helpers: tokens, JSON posts, another organization's achievement."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from mixtape_site.achievements.documents import achievement_url
from mixtape_site.achievements.models import Achievement
from mixtape_site.api.services import token_create
from mixtape_site.organizations.models import Organization


@pytest.fixture
def college_token(college: Organization, college_admin: Any) -> str:
    return token_create(organization=college, name="SIS", created_by=college_admin)[1]


@pytest.fixture
def employer_token(employer: Organization) -> str:
    return token_create(organization=employer, name="HR", created_by=None)[1]


def post_json(client: Client, url: str, body: Any, *, token: str | None = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", headers=headers)


def get_json(client: Client, url: str, *, token: str | None = None, **params: Any) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(url, params, headers=headers)


def make_achievement(
    organization: Organization, *, status: str = Achievement.Status.PUBLISHED, name: str = "Welding"
) -> Achievement:
    return Achievement.objects.create(
        organization=organization,
        status=status,
        name={"en": name, "fr": name},
        description={"en": f"{name}, safely.", "fr": f"{name}, en sécurité."},
        criteria={"en": "Pass the practical test.", "fr": "Réussir l'épreuve pratique."},
        hours=20,
        delivery_mode=Achievement.DeliveryMode.IN_PERSON,
        languages=["en"],
        published_at=timezone.now() if status == Achievement.Status.PUBLISHED else None,
    )


def issue_body(award: Achievement, **options: Any) -> dict[str, Any]:
    return {
        "credential": {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "credentialSubject": {"achievement": {"id": achievement_url(award)}},
        },
        "options": {
            "recipient": {"name": "Amira Haddad", "email": "amira@example.org"},
            **options,
        },
    }
