"""Create the demo's rows through the same services the pages use."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from mixtape import Ed25519Key, EddsaRdfc2022, add_proof
from mixtape import model as ob
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
from mixtape_site.pathways.models import PathwayAward
from mixtape_site.projects.models import Project
from mixtape_site.wallet.keys import learner_did
from mixtape_site.wallet.services import wallet_add_claimed, wallet_import_text
from mixtape_site.web.demo.achievements import ACHIEVEMENTS, AWARDS, CERTIFICATES, REVOKED
from mixtape_site.web.demo.challenges import demo_challenges
from mixtape_site.web.demo.content import (
    DEMO_PASSWORD,
    ORGANIZATIONS,
    PEOPLE,
    STATISTICS,
    text,
)
from mixtape_site.web.demo.pathways import award_checks_run, demo_pathways
from mixtape_site.web.demo.projects import demo_project

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
            data["slug"]: _achievement(data, organizations, people)
            for data in [*ACHIEVEMENTS, *CERTIFICATES]
        }
        creators = {slug: _issuer_of(o, people) for slug, o in organizations.items()}
        pathways = demo_pathways(
            organizations=organizations, achievements=achievements, creators=creators
        )
        innovation = demo_challenges(organizations=organizations, people=people)
        demo_project(awarded=innovation.awarded, people=people)
    _award_all(achievements, people)
    _import_external(people[EXTERNAL_HOLDER])
    award_checks_run()  # issue the certificates the learners earned (else the worker's job)
    awards = PathwayAward.objects.all()
    return {
        "organizations": len(organizations),
        "people": len(people),
        "micro-credentials": len(ACHIEVEMENTS),
        "certificates": len(CERTIFICATES),
        "pathways": len(pathways),
        "credentials": IssuedCredential.objects.count(),
        "issued through pathways": awards.filter(state=PathwayAward.State.ISSUED).count(),
        "awaiting approval": awards.filter(state=PathwayAward.State.PENDING).count(),
        "challenges": 2,
        "projects completed": Project.objects.filter(status=Project.Status.COMPLETED).count(),
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


def _award_all(achievements: dict[str, Achievement], people: dict[str, User]) -> None:
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
            credential = credential_claim(token=credential.claim_token, user=people[email])
            wallet_add_claimed(user=people[email], issued_credential=credential)
        issued[slug, email] = credential
    slug, email, reason = REVOKED
    credential = issued[slug, email]
    credential_revoke(
        credential=credential, reason=reason,
        actor=_issuer_of(credential.achievement.organization, people),
    )  # fmt: skip


# One credential from outside the platform, so a learner's wallet shows both kinds:
# a fictional academy signing with a did:key (a fixed seed: the same key every build).
EXTERNAL_HOLDER = "amira@learner.example"
EXTERNAL_ISSUER_KEY = Ed25519Key.from_private_bytes(b"mixtape-demo-outside-issuer-key!")


def _import_external(learner: User) -> None:
    key = EXTERNAL_ISSUER_KEY
    achievement = ob.Achievement(
        id="https://open-stats-academy.example/courses/statistics-101",
        achievement_type="Course",
        name={"en": "Statistics 101", "fr": "Statistique 101"},
        description="Descriptive statistics, probability and hypothesis tests.",
        criteria=ob.Criteria(narrative="Pass the final online examination."),
        alignment=[
            ob.Alignment(
                target_name=STATISTICS["name"]["en"],
                target_url=STATISTICS["url"],
                target_framework=STATISTICS["framework"],
            )
        ],
    )
    credential = ob.AchievementCredential(
        id="urn:uuid:0b8f7c2e-5d1a-4e8b-9c3f-6a2d1e4b7c90",
        name={"en": "Statistics 101", "fr": "Statistique 101"},
        issuer=ob.Profile(id=key.did_key, name="Open Stats Academy"),
        valid_from=(timezone.now() - timedelta(days=400)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        credential_subject=ob.AchievementSubject(
            id=learner_did(user=learner), achievement=achievement
        ),
    ).to_json()
    signed = add_proof(
        credential,
        suite=EddsaRdfc2022(),
        key=key,
        verification_method=key.did_key_verification_method,
    )
    wallet_import_text(user=learner, text=json.dumps(signed))
