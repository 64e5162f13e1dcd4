"""Legacy Ed25519Signature2020 against the W3C vc-di-eddsa vector and the 1EdTech VC 1.1 samples."""

from __future__ import annotations

import copy
import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

import base58
import pytest
from tests.support import CONFORMANCE, load_json

from mixtape.errors import ProofError
from mixtape.jsonld import bundled_loader
from mixtape.keys import Ed25519Key, decode_multikey
from mixtape.proofs import (
    DATA_INTEGRITY_PROOF,
    Ed25519Signature2020,
    EddsaRdfc2022,
    ProofResult,
    add_proof,
    verify_proofs,
)
from mixtape.resolve import Resolver

W3C = CONFORMANCE / "test-vectors/vc-di-eddsa"
VECTOR = W3C / "Ed25519Signature2020"
SAMPLES = CONFORMANCE / "examples"
OB_SIMPLE_V1 = SAMPLES / "ob-v3p0/1edtech-validator/simple_v1.json"
OB_COMPLETE_V1 = SAMPLES / "ob-v3p0/1edtech-validator/complete_v1.json"
CLR_SIMPLE_V1 = SAMPLES / "clr-v2p0/1edtech-validator/simple_v1.json"
SUITE = Ed25519Signature2020()
SUITE_CONTEXT = "https://w3id.org/security/suites/ed25519-2020/v1"
LEGACY_WARNING = (
    "Ed25519Signature2020 is a legacy proof type; Open Badges 3.0 now uses eddsa-rdfc-2022"
)


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def w3c_key() -> Ed25519Key:
    pair = load_json(W3C / "keyPair.json")
    return Ed25519Key.from_multibase(pair["publicKeyMultibase"], pair["privateKeyMultibase"])


def signed_vector() -> dict[str, Any]:
    document: dict[str, Any] = load_json(VECTOR / "signedEdSig.json")
    return document


def unsecured(document: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in document.items() if name != "proof"}


def canonical(document: dict[str, Any]) -> bytes:
    return SUITE.canonicalize(document, loader=bundled_loader)


def only(document: dict[str, Any], **options: Any) -> ProofResult:
    options.setdefault("suites", [SUITE])
    [result] = verify_proofs(document, resolver=Resolver(), **options)
    return result


def test_w3c_canonical_document_and_proof_options() -> None:
    assert canonical(unsecured(signed_vector())).decode() == text(VECTOR / "canonDocEdSig.txt")
    assert canonical(load_json(VECTOR / "proofConfigEdSig.json")).decode() == text(
        VECTOR / "proofCanonEdSig.txt"
    )


def test_w3c_hashes_and_signature() -> None:
    document, config = unsecured(signed_vector()), load_json(VECTOR / "proofConfigEdSig.json")

    data = SUITE.hash_data(document, proof_config=config, loader=bundled_loader)
    signature = w3c_key().sign(data)

    assert hashlib.sha256(canonical(document)).hexdigest() == text(VECTOR / "docHashEdSig.txt")
    assert hashlib.sha256(canonical(config)).hexdigest() == text(VECTOR / "proofHashEdSig.txt")
    assert data.hex() == text(VECTOR / "combinedHashEdSig.txt")
    assert signature.hex() == text(VECTOR / "sigHexEdSig.txt")
    assert "z" + base58.b58encode(signature).decode() == text(VECTOR / "sigBTC58EdSig.txt")


def test_signing_the_w3c_unsigned_credential_reproduces_the_signed_vector() -> None:
    unsigned = load_json(W3C / "unsigned.json")
    # The vector's document lists the suite context, which the proof's terms need.
    unsigned["@context"] = [*unsigned["@context"], SUITE_CONTEXT]
    config = load_json(VECTOR / "proofConfigEdSig.json")

    signed = add_proof(
        unsigned,
        suite=SUITE,
        key=w3c_key(),
        verification_method=config["verificationMethod"],
        created=datetime.fromisoformat(config["created"]),
    )

    assert signed == signed_vector()


def test_the_w3c_signed_vector_verifies_with_the_legacy_warning() -> None:
    result = only(signed_vector())

    assert result.verified, result.error
    assert result.cryptosuite == "Ed25519Signature2020"
    assert result.warnings == [LEGACY_WARNING]


@pytest.mark.parametrize("sample", [OB_SIMPLE_V1], ids=lambda path: path.name)
def test_1edtech_vc11_sample_verifies_with_an_unconfirmed_fragment_key(sample: Path) -> None:
    result = only(load_json(sample))

    assert result.verified, result.error
    assert result.method is not None and not result.method.confirmed
    assert result.warnings[0] == LEGACY_WARNING
    assert "not confirmed against" in result.warnings[1]


def test_1edtech_clr_vc11_sample_signature_holds_under_its_fragment_key() -> None:
    """The key is the Multikey in the ``urn:uuid:…#z6Mk…`` verification method's fragment."""
    clr = load_json(CLR_SIMPLE_V1)
    public_key = decode_multikey(clr["proof"]["verificationMethod"].split("#")[1])

    assert SUITE.verify_proof(
        unsecured(clr), proof=clr["proof"], public_key=public_key, loader=bundled_loader
    )


def test_1edtech_complete_v1_key_cannot_be_resolved_offline() -> None:
    """Its verificationMethod ``…#key-1`` names a key published nowhere in the sample."""
    result = only(load_json(OB_COMPLETE_V1))

    assert not result.verified
    assert "cannot resolve verification method" in str(result.error)
    assert LEGACY_WARNING in result.warnings


def test_one_changed_byte_in_the_credential_fails() -> None:
    document = load_json(OB_SIMPLE_V1)
    document["name"] = document["name"][:-1] + chr(ord(document["name"][-1]) ^ 1)

    result = only(document)

    assert not result.verified
    assert result.error == "signature does not match"
    assert LEGACY_WARNING in result.warnings


def test_one_changed_byte_in_the_proof_fails() -> None:
    document = signed_vector()
    document["proof"]["created"] = "2023-02-24T23:36:39Z"

    assert only(document).error == "signature does not match"


def test_a_suite_the_caller_did_not_allow_leaves_the_proof_type_unsupported() -> None:
    result = only(signed_vector(), suites=[EddsaRdfc2022()])

    assert not result.verified
    assert result.error == "unsupported proof type 'Ed25519Signature2020'"
    assert result.warnings == []


def test_a_data_integrity_proof_naming_the_legacy_type_as_cryptosuite_is_refused() -> None:
    document = signed_vector()
    document["proof"] = {
        **document["proof"],
        "type": DATA_INTEGRITY_PROOF,
        "cryptosuite": "Ed25519Signature2020",
    }

    result = only(document)

    assert not result.verified
    assert "not an Ed25519Signature2020 proof" in str(result.error)


def test_signing_refuses_a_document_without_the_suite_context() -> None:
    with pytest.raises(ProofError, match="ed25519-2020/v1"):
        add_proof(
            load_json(W3C / "unsigned.json"),
            suite=SUITE,
            key=w3c_key(),
            verification_method=w3c_key().did_key_verification_method,
        )


def test_verifying_without_the_suite_context_says_why() -> None:
    document = signed_vector()
    document["@context"] = [url for url in document["@context"] if url != SUITE_CONTEXT]

    result = only(document)

    assert not result.verified
    assert "ed25519-2020/v1 in the document's @context" in str(result.error)


def test_a_signed_proof_has_the_legacy_shape_and_round_trips() -> None:
    key = Ed25519Key.generate()
    document = copy.deepcopy(unsecured(load_json(OB_SIMPLE_V1)))

    signed = add_proof(
        document, suite=SUITE, key=key, verification_method=key.did_key_verification_method
    )

    assert signed["proof"]["type"] == "Ed25519Signature2020"
    assert "cryptosuite" not in signed["proof"]
    assert only(signed).verified
