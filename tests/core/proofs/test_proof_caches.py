"""The caches and copies behind fast issuing and verifying change no result."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from mixtape.errors import InvalidInputError
from mixtape.keys import ED25519, Ed25519Key, decode_public_multikey
from mixtape.proofs import EddsaJcs2022, add_proof


def test_decode_public_multikey_refuses_unhashable_values_like_other_non_strings() -> None:
    with pytest.raises(InvalidInputError, match="base58btc multibase"):
        decode_public_multikey(["z6Mk"])  # type: ignore[arg-type]


def test_decode_public_multikey_gives_the_same_answer_twice() -> None:
    key = Ed25519Key.generate()

    first = decode_public_multikey(key.public_multibase)

    assert decode_public_multikey(key.public_multibase) == first == (ED25519, key.public)


def test_a_key_signs_the_same_way_each_time() -> None:
    key = Ed25519Key.generate()
    twin = Ed25519Key.from_private_bytes(key.private or b"")

    assert key.sign(b"data") == twin.sign(b"data") == key.sign(b"data")
    assert Ed25519Key(public=key.public).verify(key.sign(b"data"), b"data")


def test_add_proof_returns_a_copy_independent_of_its_input() -> None:
    key = Ed25519Key.generate()
    shared = {"name": "shared"}
    document: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "items": [shared, shared, (1, 2)],
        "proof": {"type": "DataIntegrityProof", "id": "urn:uuid:1"},
    }
    before = copy.deepcopy(document)

    signed = add_proof(
        document,
        suite=EddsaJcs2022(),
        key=key,
        verification_method=key.did_key_verification_method,
        created=datetime(2025, 1, 1, tzinfo=UTC),
    )
    signed["items"][0]["name"] = "changed"
    signed["proof"][0]["id"] = "changed"

    assert document == before
    assert signed["items"][2] == (1, 2)
