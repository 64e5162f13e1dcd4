"""Data the learner-side browser tests start from: a learner, credentials from this
platform and from an outside issuer, a wallet, a mixtape and its share links.

Plain functions like ``scenario.py``'s; every row is made through the services the
pages use, with real keys and signatures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone
from tests.browser.scenario import achievement_create, college_create, member_create
from tests.site.conftest import make_user

from mixtape import Ed25519Key, EddsaRdfc2022, add_proof
from mixtape import model as ob
from mixtape.model.identity import hashed_identity
from mixtape_site.accounts.models import User
from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.services import (
    Recipient,
    credential_claim,
    credential_issue,
    credential_revoke,
)
from mixtape_site.mixtapes.models import Mixtape, ShareLink
from mixtape_site.mixtapes.presentation import mixtape_presentation
from mixtape_site.mixtapes.services import (
    mixtape_create,
    share_link_create,
    share_link_revoke,
    track_add,
)
from mixtape_site.organizations.models import Membership, Organization
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.services import (
    wallet_add_claimed,
    wallet_import_text,
    wallet_set_tags,
)
from mixtape_site.web.demo.build import EXTERNAL_ISSUER_KEY
from mixtape_site.web.demo.content import STATISTICS

LEARNER_EMAIL = "amelie@example.org"
OUTSIDE_ISSUER = "Open Stats Academy"
OUTSIDE_NAME = "Statistics 101"
PLATFORM_NAME = "Data Analysis Fundamentals"  # tests.site.factories' achievement


def outside_credential(email: str, *, key: Ed25519Key = EXTERNAL_ISSUER_KEY) -> dict[str, Any]:
    """An OB 3.0 credential issued to ``email`` by an academy outside the platform.

    Built like the demo's imported credential (web/demo/build.py), but naming the
    learner by a hashed e-mail address, as most issuers do, instead of their DID.
    """
    achievement = ob.Achievement(
        id="https://open-stats-academy.example/courses/statistics-101",
        achievement_type="Course",
        name={"en": OUTSIDE_NAME, "fr": "Statistique 101"},
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
        id="urn:uuid:3c5e8a0e-2f4b-4c6d-9a1e-7b8c9d0e1f2a",
        name={"en": OUTSIDE_NAME, "fr": "Statistique 101"},
        issuer=ob.Profile(id=key.did_key, name=OUTSIDE_ISSUER),
        valid_from=(timezone.now() - timedelta(days=200)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        credential_subject=ob.AchievementSubject(
            identifier=[hashed_identity(value=email)], achievement=achievement
        ),
    ).to_json()
    return add_proof(
        credential,
        suite=EddsaRdfc2022(),
        key=key,
        verification_method=key.did_key_verification_method,
    )


def issue(
    achievement: Achievement, by: User, name: str, email: str, ref: str = ""
) -> IssuedCredential:
    """An award; ``ref`` (the external id) tells apart awards of one day to one person."""
    recipient = Recipient(name=name, email=email, result="A", external_id=ref)
    return credential_issue(achievement=achievement, recipient=recipient, issued_by=by).credential


def claim_into_wallet(credential: IssuedCredential, user: User) -> WalletCredential:
    claimed = credential_claim(token=credential.claim_token, user=user)
    return wallet_add_claimed(user=user, issued_credential=claimed)


@dataclass
class Issuing:
    """The college that awards the learner's platform credential."""

    college: Organization
    staff: User
    achievement: Achievement
    learner: User


def issuing_create(email: str = LEARNER_EMAIL) -> Issuing:
    college = college_create()
    staff = member_create(college, "staff@northern.example", Membership.Role.ISSUER)
    return Issuing(
        college=college,
        staff=staff,
        achievement=achievement_create(college, staff),
        learner=make_user(email),
    )


@dataclass
class Shelf:
    """A learner with a full wallet, a mixtape with a note and links, and every claim state."""

    issuing: Issuing
    platform: WalletCredential  # claimed, tagged
    outside: WalletCredential  # imported from an outside did:key issuer
    waiting: IssuedCredential  # awarded to the learner, not claimed yet
    mixtape: Mixtape
    link: ShareLink  # plays
    withdrawn: ShareLink  # 410
    expired: ShareLink  # 410
    presentation: dict[str, Any]  # the mixtape as a signed Verifiable Presentation
    claims: dict[str, IssuedCredential]  # claim-page situation -> credential

    @property
    def learner(self) -> User:
        return self.issuing.learner


def shelf_create() -> Shelf:
    issuing = issuing_create()
    learner, achievement, staff = issuing.learner, issuing.achievement, issuing.staff
    platform = claim_into_wallet(
        issue(achievement, staff, "Amélie Tremblay", LEARNER_EMAIL, "A-1"), learner
    )
    wallet_set_tags(user=learner, credential=platform, tags="data, college")
    outside = wallet_import_text(user=learner, text=json.dumps(outside_credential(LEARNER_EMAIL)))
    mixtape = mixtape_create(
        owner=learner,
        title="Junior data analyst",
        description="What I can do with data, checked by the people who taught me.",
    )
    track_add(mixtape=mixtape, credential=platform, note="My capstone: a city budget dashboard.")
    track_add(mixtape=mixtape, credential=outside)
    link = share_link_create(mixtape=mixtape, label="Maple Tech")
    withdrawn = share_link_revoke(link=share_link_create(mixtape=mixtape, label="Old job fair"))
    expired = share_link_create(
        mixtape=mixtape, label="Last spring", expires_at=timezone.now() + timedelta(days=1)
    )
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    signed = mixtape_presentation(mixtape=mixtape, challenge="c-1234", domain="jobs.example")
    return Shelf(
        issuing=issuing,
        platform=platform,
        outside=outside,
        waiting=issue(achievement, staff, "Amélie Tremblay", LEARNER_EMAIL, "A-2"),
        mixtape=mixtape,
        link=link,
        withdrawn=withdrawn,
        expired=expired,
        presentation=signed.document,
        claims=_claim_states(issuing),
    )


def _claim_states(issuing: Issuing) -> dict[str, IssuedCredential]:
    """One credential for each situation the claim page explains to a signed-in learner."""
    achievement, staff, learner = issuing.achievement, issuing.staff, issuing.learner
    removed = issue(achievement, staff, "Amélie Tremblay", LEARNER_EMAIL, "A-3")
    claim_into_wallet(removed, learner).delete()  # claimed, then taken out of the wallet
    taken = issue(achievement, staff, "Omar Haddad", "omar@example.org")
    credential_claim(token=taken.claim_token, user=make_user("omar@example.org"))
    revoked = issue(achievement, staff, "Amélie Tremblay", LEARNER_EMAIL, "A-4")
    credential_revoke(credential=revoked, reason="Issued twice by mistake.", actor=staff)
    return {
        "can-claim": issue(achievement, staff, "Amélie Tremblay", LEARNER_EMAIL, "A-5"),
        "yours": issuing_held(learner),
        "yours-removed": removed,
        "taken": taken,
        "revoked": revoked,
        "mismatch": issue(achievement, staff, "Chloé Martin", "chloe@example.org"),
    }


def issuing_held(learner: User) -> IssuedCredential:
    held = WalletCredential.objects.filter(owner=learner, issued_credential__isnull=False).first()
    assert held is not None and held.issued_credential is not None
    return held.issued_credential
