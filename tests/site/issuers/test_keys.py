"""Issuer keys: encrypted at rest, rotated without breaking old credentials."""

from __future__ import annotations

import pytest

from mixtape import verify
from mixtape_site.issuers.identity import organization_did
from mixtape_site.issuers.keystore import KeyStoreError, MasterKeyStore
from mixtape_site.issuers.models import SigningKey
from mixtape_site.issuers.resolver import platform_resolver
from mixtape_site.issuers.services import document_sign, signing_key_create

UNSIGNED = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "credentialSubject": {"id": "did:example:learner"},
}


def _signed(organization):
    document = {**UNSIGNED, "issuer": organization_did(organization)}
    return document_sign(organization=organization, document=document)[0]


def test_private_key_is_stored_encrypted_only(college):
    row = signing_key_create(organization=college)
    key = MasterKeyStore("test-only-master-key-" + "y" * 40).unseal(
        row.encrypted_private_key, public_multibase=row.public_multibase
    )
    assert key.private is not None
    assert key.private not in bytes(row.encrypted_private_key)


def test_another_master_key_cannot_decrypt(college):
    row = signing_key_create(organization=college)
    with pytest.raises(KeyStoreError):
        MasterKeyStore("some other master key").unseal(
            row.encrypted_private_key, public_multibase=row.public_multibase
        )


def test_signed_document_verifies_through_the_platform_did_web(college):
    report = verify(_signed(college), resolver=platform_resolver())
    assert report.verified, report.to_json() if hasattr(report, "to_json") else report


def test_rotation_keeps_old_credentials_valid_and_signs_new_ones_with_the_new_key(college):
    before = _signed(college)
    first = SigningKey.objects.get(organization=college)
    new = signing_key_create(organization=college)
    after = _signed(college)
    assert new.public_multibase in after["proof"]["verificationMethod"]
    assert first.public_multibase in before["proof"]["verificationMethod"]
    first.refresh_from_db()
    assert first.retired_at is not None
    for document in (before, after):
        assert verify(document, resolver=platform_resolver()).verified
