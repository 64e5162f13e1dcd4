"""Pathway fixtures shared by the services, selectors and views tests.

``pathway``: Northern College's published "Certificate in Data Analytics", reached by
group "Core" (all of "Data Cleaning" and "Data Visualisation", both Northern's) and group
"Electives" (at least 1 of "Statistics with R", a micro-credential of the second college).
``hold(user, achievement)`` issues a real signed credential to the user's e-mail, claims
it and puts it in their wallet, as a learner would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tests.site.conftest import make_user
from tests.site.factories import published_achievement_create

from mixtape_site.accounts.models import User
from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.services import Recipient, credential_claim, credential_issue
from mixtape_site.organizations.models import Membership, Organization
from mixtape_site.pathways.models import Pathway, PathwayGroup, PathwayStep
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.services import wallet_add_claimed

LEARNER_EMAIL = "lea@example.org"


@pytest.fixture(autouse=True)
def _offline(settings: Any) -> None:
    settings.MIXTAPE_VERIFY_FETCH_REMOTE = False


def achievement_make(
    *,
    organization: Organization,
    name: str,
    created_by: Any = None,
    hours: int = 40,
    credits: Any = None,
    skills: list[dict[str, Any]] | None = None,
    status: str = Achievement.Status.PUBLISHED,
) -> Achievement:
    """A bilingual micro-credential named ``name`` (French: ``name`` + " (fr)")."""
    achievement = published_achievement_create(organization=organization, created_by=created_by)
    achievement.name = {"en": name, "fr": f"{name} (fr)"}
    achievement.hours = hours
    achievement.credit_value = credits
    achievement.status = status
    if skills is not None:
        achievement.skills = skills
    achievement.save()
    return achievement


@pytest.fixture
def second_college(db: None) -> Organization:
    return Organization.objects.create(
        slug="southern-college",
        name={"en": "Southern College", "fr": "Collège du Sud"},
        kind=Organization.Kind.INSTITUTION,
        url="https://southern.example",
        email="registrar@southern.example",
    )


@pytest.fixture
def second_staff(second_college: Organization) -> User:
    user = make_user("staff@southern.example")
    Membership.objects.create(organization=second_college, user=user, role=Membership.Role.ISSUER)
    return user


@pytest.fixture
def goal(college: Organization, issuer_staff: User) -> Achievement:
    return achievement_make(
        organization=college, name="Certificate in Data Analytics", created_by=issuer_staff
    )


@pytest.fixture
def cleaning(college: Organization, issuer_staff: User) -> Achievement:
    return achievement_make(organization=college, name="Data Cleaning", created_by=issuer_staff)


@pytest.fixture
def visualisation(college: Organization, issuer_staff: User) -> Achievement:
    return achievement_make(
        organization=college, name="Data Visualisation", created_by=issuer_staff
    )


@pytest.fixture
def statistics(second_college: Organization, second_staff: User) -> Achievement:
    return achievement_make(
        organization=second_college, name="Statistics with R", created_by=second_staff
    )


def pathway_make(
    *,
    organization: Organization,
    goal: Achievement,
    groups: list[tuple[str, str, int | None, list[Achievement]]],
    name: str = "Data Analytics",
    status: str = Pathway.Status.PUBLISHED,
    **fields: Any,
) -> Pathway:
    """A pathway stored row by row: ``groups`` = [(name, rule, count, achievements)]."""
    pathway = Pathway.objects.create(
        organization=organization,
        goal=goal,
        name={"en": name, "fr": f"{name} (fr)"},
        description={"en": f"Become certified in {name}.", "fr": ""},
        status=status,
        **fields,
    )
    for position, (group_name, rule, count, achievements) in enumerate(groups):
        group = PathwayGroup.objects.create(
            pathway=pathway,
            position=position,
            name={"en": group_name, "fr": f"{group_name} (fr)"} if group_name else {},
            rule=rule,
            count=count,
        )
        for index, achievement in enumerate(achievements):
            PathwayStep.objects.create(group=group, achievement=achievement, position=index)
    return pathway


@pytest.fixture
def pathway(
    college: Organization,
    goal: Achievement,
    cleaning: Achievement,
    visualisation: Achievement,
    statistics: Achievement,
) -> Pathway:
    return pathway_make(
        organization=college,
        goal=goal,
        groups=[
            ("Core", PathwayGroup.Rule.ALL, None, [cleaning, visualisation]),
            ("Electives", PathwayGroup.Rule.AT_LEAST, 1, [statistics]),
        ],
    )


@pytest.fixture
def learner(db: None) -> User:
    user = make_user(LEARNER_EMAIL)
    user.display_name = "Léa Tremblay"
    user.save(update_fields=["display_name"])
    return user


def hold_credential(user: Any, achievement: Achievement, **recipient: Any) -> WalletCredential:
    """Issue ``achievement`` to the user's e-mail, claim it and add it to their wallet."""
    outcome = credential_issue(
        achievement=achievement,
        recipient=Recipient(name=user.display_name or user.email, email=user.email, **recipient),
        issued_by=achievement.created_by,
    )
    claimed = credential_claim(token=outcome.credential.claim_token, user=user)
    return wallet_add_claimed(user=user, issued_credential=claimed)


@pytest.fixture
def hold(db: None) -> Callable[..., WalletCredential]:
    """``hold(user, achievement, **recipient_fields) -> WalletCredential``."""
    return hold_credential
