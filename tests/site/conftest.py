"""Fixtures for the platform tests: real database rows, real keys, real signatures."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from tests.site.factories import published_achievement_create

from mixtape_site.accounts.models import User
from mixtape_site.organizations.models import Membership, Organization


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _language_reset() -> Any:
    """Signing in a French-speaking user activates French for the thread, as a request
    would (accounts/language.py); the next test starts in the default language again."""
    yield
    translation.deactivate()


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
    return published_achievement_create(organization=college, created_by=issuer_staff)


@pytest.fixture
def issued_credential(published_achievement: Any, issuer_staff: User) -> Any:
    from mixtape_site.credentials.services import Recipient, credential_issue  # noqa: PLC0415

    outcome = credential_issue(
        achievement=published_achievement,
        recipient=Recipient(name="Léa Tremblay", email="learner@example.org"),
        issued_by=issuer_staff,
    )
    return outcome.credential
