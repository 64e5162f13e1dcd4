"""Issuer keys: creation, rotation, and signing with the organization's current key."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from mixtape import Ed25519Key, EddsaJcs2022, EddsaRdfc2022, Suite, add_proof
from mixtape_site.issuers.identity import verification_method_id
from mixtape_site.issuers.keystore import default_keystore
from mixtape_site.issuers.models import SigningKey
from mixtape_site.organizations.models import Organization

SUITES: dict[str, Suite] = {"eddsa-rdfc-2022": EddsaRdfc2022(), "eddsa-jcs-2022": EddsaJcs2022()}
DEFAULT_SUITE = "eddsa-rdfc-2022"


def signing_key_create(*, organization: Organization) -> SigningKey:
    """A new Ed25519 key for ``organization``; it becomes the key new credentials use.

    Earlier keys are retired from signing but stay in the DID document, so
    credentials they signed keep verifying.
    """
    key = Ed25519Key.generate()
    with transaction.atomic():
        SigningKey.objects.filter(organization=organization, retired_at__isnull=True).update(
            retired_at=timezone.now()
        )
        return SigningKey.objects.create(
            organization=organization,
            public_multibase=key.public_multibase,
            encrypted_private_key=default_keystore().seal(key),
        )


def active_signing_key(*, organization: Organization) -> SigningKey:
    """The key new credentials are signed with (made on first use)."""
    current = SigningKey.objects.filter(organization=organization, retired_at__isnull=True).first()
    return current or signing_key_create(organization=organization)


def published_keys(*, organization: Organization) -> list[Ed25519Key]:
    """Every public key of the organization, newest first (for its DID document)."""
    rows = SigningKey.objects.filter(organization=organization).order_by("-created_at", "-id")
    return [Ed25519Key.from_multibase(row.public_multibase) for row in rows]


def document_sign(
    *,
    organization: Organization,
    document: Mapping[str, Any],
    suite: str = DEFAULT_SUITE,
    signing_key: SigningKey | None = None,
) -> tuple[dict[str, Any], SigningKey]:
    """Sign ``document`` as ``organization`` (assertionMethod) with its current key.

    Returns the signed document and the key row used, so callers can record it.
    """
    row = signing_key or active_signing_key(organization=organization)
    key = default_keystore().unseal(
        row.encrypted_private_key, public_multibase=row.public_multibase
    )
    signed = add_proof(
        document,
        suite=SUITES[suite],
        key=key,
        verification_method=verification_method_id(organization, row.public_multibase),
        created=timezone.now(),
    )
    return signed, row


class DocumentSigner:
    """Signs many documents with one key unsealed once (bulk issuance).

    The private key stays inside this object. Signing worker processes get it by
    ``fork`` (copied memory), never through a pipe: pickling is refused.
    """

    def __init__(self, *, organization: Organization, suite: str = DEFAULT_SUITE) -> None:
        self.key_row = active_signing_key(organization=organization)
        self._suite = SUITES[suite]
        self._key = default_keystore().unseal(
            self.key_row.encrypted_private_key, public_multibase=self.key_row.public_multibase
        )
        self._method = verification_method_id(organization, self.key_row.public_multibase)

    def proof(self, document: Mapping[str, Any], *, created: Any) -> dict[str, Any]:
        """The ``proof`` that ``document_sign`` would add to ``document``."""
        signed = add_proof(
            document,
            suite=self._suite,
            key=self._key,
            verification_method=self._method,
            created=created,
        )
        proof: dict[str, Any] = signed["proof"]
        return proof

    def __reduce__(self) -> Any:
        raise TypeError("a DocumentSigner holds a private key and is never pickled")
