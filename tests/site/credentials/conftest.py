"""Fixtures for the credentials tests: a verifier wired to the platform, another issuer."""

from __future__ import annotations

from typing import Any

import pytest
from tests.site.conftest import make_user

from mixtape import VerificationReport, verify
from mixtape_site.issuers.resolver import fetch_json, platform_resolver
from mixtape_site.organizations.models import Membership, Organization


def platform_verify(document: dict[str, Any]) -> VerificationReport:
    """Verify as the platform does: keys and status lists read from the database."""
    return verify(document, resolver=platform_resolver(), status_fetcher=fetch_json)


@pytest.fixture
def employer_staff(employer: Organization) -> Any:
    user = make_user("hr@maple.example")
    Membership.objects.create(organization=employer, user=user, role=Membership.Role.ISSUER)
    return user
