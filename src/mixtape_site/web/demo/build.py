"""Create the demo's rows through the same services the pages use."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from mixtape_site.accounts.models import User
from mixtape_site.achievements.models import Achievement, AchievementPartner
from mixtape_site.achievements.services import (
    achievement_create,
    achievement_publish,
    partner_endorse,
)
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.services import (
    Recipient,
    credential_claim,
    credential_issue,
    credential_revoke,
)
from mixtape_site.issuers.services import active_signing_key
from mixtape_site.organizations.models import Membership, Organization
from mixtape_site.web.demo.achievements import ACHIEVEMENTS, AWARDS, REVOKED
from mixtape_site.web.demo.content import DEMO_PASSWORD, ORGANIZATIONS, PEOPLE, text

ENDORSEMENT = text(
    "Maple Analytics hires graduates of this micro-credential: it teaches what our analysts use.",
    "Analytique Maple embauche les diplômés de cette microcertification : elle enseigne ce "
    "que nos analystes utilisent.",
)


def demo_build() -> dict[str, int]:
    """Create every demo row; returns how many of each were made."""
    with transaction.atomic():
        organizations = {data["slug"]: _organization(data) for data in ORGANIZATIONS}
        password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
        people = {
            email: _person(email, name, staff, password) for email, name, _, _, staff in PEOPLE
        }
        for email, _, slug, role, _ in PEOPLE:
            if slug:
                Membership.objects.create(
                    organization=organizations[slug], user=people[email], role=role
                )
        for organization in organizations.values():
            active_signing_key(organization=organization)
        achievements = {
            data["slug"]: _achievement(data, organizations, people) for data in ACHIEVEMENTS
        }
    credentials = _award_all(achievements, people)
    return {
        "organizations": len(organizations),
        "people": len(people),
        "micro-credentials": len(achievements),
        "credentials": credentials,
    }


def _organization(data: dict[str, Any]) -> Organization:
    organization = Organization(**data)
    organization.full_clean()
    organization.save()
    return organization


def _person(email: str, name: str, staff: bool, password: str) -> User:
    user = User.objects.create(
        email=email, password=password, display_name=name, is_staff=staff, is_superuser=staff
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _issuer_of(organization: Organization, people: dict[str, User]) -> User:
    membership = Membership.objects.filter(organization=organization).order_by("role").first()
    return people[membership.user.email] if membership else next(iter(people.values()))


def _achievement(
    data: dict[str, Any], organizations: dict[str, Organization], people: dict[str, User]
) -> Achievement:
    fields = {k: v for k, v in data.items() if k not in {"slug", "organization", "status"}}
    partner_slug = fields.pop("partner", None)
    organization = organizations[data["organization"]]
    if partner_slug:
        fields["partners"] = [organizations[partner_slug]]
    achievement = achievement_create(
        organization=organization, data=fields, image=None,
        created_by=_issuer_of(organization, people),
    )  # fmt: skip
    if data["status"] == Achievement.Status.PUBLISHED:
        achievement = achievement_publish(achievement=achievement)
    if partner_slug:
        partner = AchievementPartner.objects.get(
            achievement=achievement, organization=organizations[partner_slug]
        )
        partner_endorse(
            partner=partner, comment=ENDORSEMENT,
            endorsed_by=_issuer_of(organizations[partner_slug], people),
        )  # fmt: skip
    return achievement


def _award_all(achievements: dict[str, Achievement], people: dict[str, User]) -> int:
    issued: dict[tuple[str, str], IssuedCredential] = {}
    for number, (slug, email, result, claimed) in enumerate(AWARDS):
        achievement = achievements[slug]
        recipient = Recipient(
            name=people[email].display_name, email=email, result=result,
            issued_on=timezone.now() - timedelta(days=40 - 5 * number),
        )  # fmt: skip
        staff = _issuer_of(achievement.organization, people)
        credential = credential_issue(
            achievement=achievement, recipient=recipient, issued_by=staff
        ).credential
        if claimed:
            credential_claim(token=credential.claim_token, user=people[email])
        issued[slug, email] = credential
    slug, email, reason = REVOKED
    credential = issued[slug, email]
    credential_revoke(
        credential=credential, reason=reason,
        actor=_issuer_of(credential.achievement.organization, people),
    )  # fmt: skip
    return len(issued)
