"""ecdsa-sd-2023: derived (selective disclosure) proofs from 1EdTech and W3C verify."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any

import cbor2
import pytest
from tests.support import CONFORMANCE, load_json

from mixtape.errors import ProofError
from mixtape.keys import P256, Ed25519Key, decode_public_multikey
from mixtape.proofs import EcdsaSd2023, EddsaRdfc2022, ProofResult, add_proof, verify_proofs
from mixtape.resolve import Resolver

SAMPLE = CONFORMANCE / "examples" / "ob-v3p0" / "1edtech-validator" / "sd"
W3C_SD = CONFORMANCE / "test-vectors" / "vc-di-ecdsa-sd"
W3C_EDDSA = CONFORMANCE / "test-vectors" / "vc-di-eddsa"
ISSUER = "https://1edtech.edu/issuers/565049"


def onebadge() -> dict[str, Any]:
    document: dict[str, Any] = load_json(SAMPLE / "derivedcredential.json")
    return document


def w3c_derived() -> dict[str, Any]:
    document: dict[str, Any] = load_json(W3C_SD / "derivedRevealDocument.json")
    return document


def proof_of(document: dict[str, Any]) -> dict[str, Any]:
    proof = document["proof"]
    return proof[0] if isinstance(proof, list) else proof  # type: ignore[no-any-return]


def check(document: dict[str, Any], **options: Any) -> ProofResult:
    options.setdefault("suites", [EcdsaSd2023()])
    (result,) = verify_proofs(document, resolver=Resolver(), **options)
    return result


def test_the_1edtech_derived_credential_verifies() -> None:
    result = check(onebadge())

    assert result.verified, result.error
    assert result.cryptosuite == "ecdsa-sd-2023"
    assert result.method is not None
    assert result.method.key_type == P256
    # The key comes from the URL fragment, as for the Ed25519 samples.
    assert not result.method.confirmed
    assert ISSUER in result.warnings[0]


def test_the_w3c_derived_vector_verifies_with_its_p256_did_key() -> None:
    issuer_key = load_json(W3C_SD / "SDKeyMaterial.json")["baseKeyPair"]["publicKeyMultibase"]

    result = check(w3c_derived())

    assert result.verified, result.error
    assert result.method is not None
    assert result.method.public_key == decode_public_multikey(issuer_key)[1]


def test_a_changed_disclosed_value_fails() -> None:
    document = onebadge()
    document["credentialSubject"]["achievement"]["name"] = "Leadership"

    result = check(document)

    assert not result.verified
    assert result.error == "signature does not match"


def test_a_changed_disclosed_value_fails_next_to_mandatory_ones() -> None:
    document = w3c_derived()
    document["credentialSubject"]["boards"][1]["brand"] = "Naish"

    assert check(document).error == "signature does not match"


@pytest.mark.parametrize(
    "change",
    [
        lambda doc: doc.update(issuer="https://vc.example/someone-else"),
        lambda doc: doc["credentialSubject"].update(sailNumber="Mars202"),
    ],
)
def test_a_changed_mandatory_value_fails(change: Any) -> None:
    document = w3c_derived()
    change(document)

    assert check(document).error == "signature does not match"


def test_a_removed_statement_fails() -> None:
    document = onebadge()
    del document["credentialSubject"]["achievement"]["description"]

    result = check(document)

    assert not result.verified
    assert "15 signatures for 14 non-mandatory statements" in str(result.error)


def test_a_wrong_issuer_key_fails() -> None:
    other = load_json(W3C_SD / "SDKeyMaterial.json")["baseKeyPair"]["publicKeyMultibase"]
    document = onebadge()
    proof_of(document)["verificationMethod"] = f"{ISSUER}#{other}"

    assert check(document).error == "signature does not match"


def test_an_ed25519_key_is_refused_for_an_ecdsa_proof() -> None:
    ed25519 = load_json(W3C_EDDSA / "keyPair.json")["publicKeyMultibase"]
    document = onebadge()
    proof_of(document)["verificationMethod"] = f"{ISSUER}#{ed25519}"

    result = check(document)

    assert not result.verified
    assert "ecdsa-sd-2023 needs a key of type P-256" in str(result.error)
    assert "of type Ed25519" in str(result.error)


def test_a_p256_key_is_refused_for_an_eddsa_proof() -> None:
    document = load_json(W3C_EDDSA / "eddsa-rdfc-2022" / "signedDataInt.json")
    p256 = load_json(W3C_SD / "SDKeyMaterial.json")["baseKeyPair"]["publicKeyMultibase"]
    document["proof"]["verificationMethod"] = f"did:key:{p256}#{p256}"

    result = check(document, suites=[EddsaRdfc2022()])

    assert not result.verified
    assert "eddsa-rdfc-2022 needs a key of type Ed25519" in str(result.error)


def test_a_base_proof_must_be_derived_first() -> None:
    result = check(load_json(W3C_SD / "addSignedSDBase.json"))

    assert not result.verified
    assert result.error == "a base proof must be derived before it is verified"


def test_a_signature_count_that_does_not_match_the_statements_fails() -> None:
    document = onebadge()
    proof = proof_of(document)
    encoded = proof["proofValue"][1:]
    raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    fields = cbor2.loads(raw[3:])
    fields[2] = fields[2][:-1]
    shortened = base64.urlsafe_b64encode(raw[:3] + cbor2.dumps(fields)).decode().rstrip("=")
    proof["proofValue"] = "u" + shortened

    result = check(document)

    assert not result.verified
    assert "signatures for" in str(result.error)


@pytest.mark.parametrize(
    "value",
    ["zABC", "u!!!", "u" + base64.urlsafe_b64encode(b"\xd9\x5d\x01\x01").decode(), None],
)
def test_a_malformed_proof_value_is_reported(value: Any) -> None:
    document = onebadge()
    proof_of(document)["proofValue"] = value

    result = check(document)

    assert not result.verified
    assert "malformed proofValue" in str(result.error)


def test_the_caller_must_allow_the_suite() -> None:
    result = check(onebadge(), suites=[EddsaRdfc2022()])

    assert result.error == "cryptosuite ecdsa-sd-2023 is not among the allowed suites"


def test_mixtape_does_not_create_ecdsa_sd_proofs() -> None:
    key = Ed25519Key.generate()
    with pytest.raises(ProofError, match="does not create"):
        add_proof(
            load_json(W3C_EDDSA / "unsigned.json"),
            suite=EcdsaSd2023(),
            key=key,
            verification_method=key.did_key_verification_method,
            created=datetime(2024, 1, 1, tzinfo=UTC),
        )
