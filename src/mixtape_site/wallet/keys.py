"""The learner's own did:key, made on first use and stored only encrypted.

Learners sign Verifiable Presentations of their mixtapes with it, and issuers
may issue credentials to it (``credentialSubject.id``).
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from mixtape import Ed25519Key
from mixtape_site.issuers.keystore import default_keystore
from mixtape_site.wallet.models import LearnerKey


def learner_key_row(*, user: Any) -> LearnerKey:
    """The learner's key row, created on first use (safe if two requests race)."""
    existing = LearnerKey.objects.filter(owner=user).first()
    if existing:
        return existing
    key = Ed25519Key.generate()
    try:
        with transaction.atomic():
            return LearnerKey.objects.create(
                owner=user,
                public_multibase=key.public_multibase,
                encrypted_private_key=default_keystore().seal(key),
            )
    except IntegrityError:
        return LearnerKey.objects.get(owner=user)


def learner_did(*, user: Any) -> str:
    return f"did:key:{learner_key_row(user=user).public_multibase}"


def learner_signing_key(*, user: Any) -> tuple[Ed25519Key, str]:
    """The learner's private key and its verification method id, for signing."""
    row = learner_key_row(user=user)
    key = default_keystore().unseal(
        row.encrypted_private_key, public_multibase=row.public_multibase
    )
    return key, key.did_key_verification_method
