"""Hashed recipient identifiers (OB 3.0 IdentityObject)."""

from __future__ import annotations

import hashlib

from mixtape.model import IdentityObject, hashed_identity


def test_hash_follows_the_spec_formula_sha256_of_identity_then_salt() -> None:
    identity = hashed_identity(value="learner@example.org", salt="c0ffee")
    # The formula from OB 3.0 (identityHash = "sha256$" + hex(sha256(identity + salt))),
    # computed with hashlib rather than copied from Mixtape.
    expected = hashlib.sha256(b"learner@example.orgc0ffee").hexdigest()
    assert identity.to_json() == {
        "type": "IdentityObject",
        "identityHash": f"sha256${expected}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": "c0ffee",
    }


def test_matching_identity_is_recognised() -> None:
    identity = hashed_identity(value="learner@example.org")
    assert identity.matches("learner@example.org")


def test_other_identity_does_not_match() -> None:
    identity = hashed_identity(value="learner@example.org")
    assert not identity.matches("someone@example.org")
    assert not identity.matches("learner@example.org ")


def test_each_hash_gets_a_fresh_random_salt() -> None:
    first = hashed_identity(value="learner@example.org")
    second = hashed_identity(value="learner@example.org")
    assert first.salt and second.salt and first.salt != second.salt
    assert first.identity_hash != second.identity_hash


def test_capitalised_email_matches_a_lowercased_hash() -> None:
    identity = hashed_identity(value="learner@example.org")
    assert identity.matches("Learner@Example.org")


def test_identity_from_another_issuer_with_uppercase_hex_and_md5_matches() -> None:
    digest = hashlib.md5(b"learner@example.orgpepper", usedforsecurity=False).hexdigest()
    identity = IdentityObject.from_json(
        {
            "type": "IdentityObject",
            "identityHash": f"md5${digest.upper()}",
            "identityType": "emailAddress",
            "hashed": True,
            "salt": "pepper",
        }
    )
    assert identity.matches("learner@example.org")


def test_plaintext_identity_and_unknown_algorithm() -> None:
    plain = IdentityObject(identity_hash="12345", identity_type="studentId", hashed=False)
    assert plain.matches("12345") and not plain.matches("54321")
    unknown = IdentityObject(identity_hash="sha1$abcdef", hashed=True, salt="")
    assert not unknown.matches("learner@example.org")
