"""Rows for the dashboard: micro-credentials, issued credentials and bulk uploads."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

import pytest
from django.utils import timezone

from mixtape_site.achievements.models import Achievement
from mixtape_site.bulk.models import BulkIssue
from mixtape_site.credentials.models import IssuedCredential, StatusList
from mixtape_site.issuers.services import active_signing_key
from mixtape_site.organizations.models import Organization


def _achievement(organization: Organization, name: str, status: str) -> Achievement:
    return Achievement.objects.create(
        organization=organization,
        status=status,
        name={"en": name, "fr": name},
        description={"en": f"About {name}"},
        criteria={"en": "Pass the assessment"},
        hours=20,
        delivery_mode=Achievement.DeliveryMode.ONLINE,
        languages=["en"],
    )


class CredentialRows:
    """Stored IssuedCredential rows (the counting does not need real documents)."""

    def __init__(self, organization: Organization) -> None:
        self.organization = organization
        self.key = active_signing_key(organization=organization)
        self.lists = {
            purpose: StatusList.objects.create(
                organization=organization, purpose=purpose, bits=b"\0" * 16
            )
            for purpose in StatusList.Purpose.values
        }
        self.index = 0

    def add(
        self, achievement: Achievement, *, issued_on: datetime | None = None, **fields: Any
    ) -> IssuedCredential:
        self.index += 1
        return IssuedCredential.objects.create(
            organization=self.organization,
            achievement=achievement,
            recipient_name=f"Learner {self.index}",
            recipient_email=f"learner{self.index}@example.org",
            identity_salt=secrets.token_hex(16),
            issued_on=issued_on or timezone.now(),
            dedupe_key=secrets.token_hex(32),
            document={"type": ["VerifiableCredential"]},
            signing_key=self.key,
            revocation_list=self.lists["revocation"],
            revocation_index=self.index,
            suspension_list=self.lists["suspension"],
            suspension_index=self.index,
            claim_token=secrets.token_hex(32),
            **fields,
        )


@pytest.fixture
def credential_rows(college: Organization) -> CredentialRows:
    return CredentialRows(college)


def _bulk_issue(achievement: Achievement, filename: str) -> BulkIssue:
    return BulkIssue.objects.create(
        organization=achievement.organization,
        achievement=achievement,
        filename=filename,
        content="name,email\n",
        sha256="0" * 64,
    )


@pytest.fixture
def make_achievement(db: None) -> Any:
    return _achievement


@pytest.fixture
def make_bulk_issue(db: None) -> Any:
    return _bulk_issue
