"""add_proof / verify_proofs: proof sets and chains, refusals, and the 1EdTech samples."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from mixtape.errors import ProofError
from mixtape.keys import Ed25519Key, did_web_document
from mixtape.proofs import EddsaJcs2022, EddsaRdfc2022, ProofResult, add_proof, verify_proofs
from mixtape.resolve import Resolver

CONFORMANCE = Path(__file__).resolve().parents[2] / "conformance"
W3C = CONFORMANCE / "test-vectors" / "vc-di-eddsa"
SETS = W3C / "proof-set-chain"
EXAMPLES = CONFORMANCE / "examples"
BOTH = [EddsaRdfc2022(), EddsaJcs2022()]


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def set_key(name: str) -> Ed25519Key:
    pair = load(SETS / "multiKeyPairs.json")[name]
    return Ed25519Key.from_multibase(pair["publicKeyMultibase"], pair["privateKeyMultibase"])


def verify(document: dict[str, Any], **options: Any) -> list[ProofResult]:
    options.setdefault("suites", BOTH)
    options.setdefault("resolver", Resolver())
    return verify_proofs(document, **options)


def only(document: dict[str, Any], **options: Any) -> ProofResult:
    (result,) = verify(document, **options)
    return result


def signed_rdfc() -> dict[str, Any]:
    return load(W3C / "eddsa-rdfc-2022" / "signedDataInt.json")


# --- proof sets and chains (W3C vectors) -----------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "signedProofSet1.json",
        "signedProofSet2.json",
        "signedProofChain1.json",
        "signedProofChain2.json",
    ],
)
def test_w3c_proof_sets_and_chains_verify(name: str) -> None:
    results = verify(load(SETS / name))
    assert results
    assert all(result.verified for result in results), [result.error for result in results]


def add_from_config(document: dict[str, Any], config_name: str, key_name: str) -> dict[str, Any]:
    config = load(SETS / config_name)
    return add_proof(
        document,
        suite=EddsaRdfc2022(),
        key=set_key(key_name),
        verification_method=config["verificationMethod"],
        created=datetime.fromisoformat(config["created"]),
        proof_id=config.get("id"),
        previous_proof=config.get("previousProof"),
    )


def test_recreating_the_w3c_proof_set_and_chain_gives_the_same_bytes() -> None:
    first = add_from_config(load(SETS / "unsigned.json"), "proofSetConfig1.json", "keyPair1")
    second = add_from_config(first, "proofSetConfig2.json", "keyPair2")
    third = add_from_config(second, "proofChainConfig1.json", "keyPair3")
    fourth = add_from_config(third, "proofChainConfig2.json", "keyPair4")

    for produced, expected in [
        (first, "signedProofSet1.json"),
        (second, "signedProofSet2.json"),
        (third, "signedProofChain1.json"),
        (fourth, "signedProofChain2.json"),
    ]:
        assert json.dumps(produced, indent=2) == json.dumps(load(SETS / expected), indent=2)


def test_chain_proof_fails_when_a_proof_it_names_is_removed() -> None:
    chain = load(SETS / "signedProofChain1.json")
    del chain["proof"][1]

    results = verify(chain)

    assert [result.verified for result in results] == [True, False]
    assert "urn:uuid:8cc9022b-6b14-4cf3-8571-74972c5feb54" in str(results[1].error)


def test_chain_proof_fails_when_a_proof_it_names_is_altered() -> None:
    chain = load(SETS / "signedProofChain1.json")
    chain["proof"][0]["created"] = "2023-02-24T23:36:39Z"

    results = verify(chain)

    assert [result.verified for result in results] == [False, True, False]


def test_add_proof_leaves_the_input_untouched() -> None:
    document = load(SETS / "signedProofSet1.json")
    before = copy.deepcopy(document)
    add_from_config(document, "proofSetConfig2.json", "keyPair2")
    assert document == before


def test_add_proof_refuses_an_unknown_previous_proof() -> None:
    key = Ed25519Key.generate()
    with pytest.raises(ProofError, match="unknown"):
        add_proof(
            load(SETS / "signedProofSet1.json"),
            suite=EddsaRdfc2022(),
            key=key,
            verification_method=key.did_key_verification_method,
            previous_proof="urn:uuid:nope",
        )


def test_add_proof_refuses_a_naive_datetime_and_a_public_only_key() -> None:
    key = Ed25519Key.generate()
    unsigned = load(W3C / "unsigned.json")
    options: dict[str, Any] = {
        "suite": EddsaRdfc2022(),
        "verification_method": key.did_key_verification_method,
    }
    with pytest.raises(ProofError, match="timezone"):
        add_proof(unsigned, key=key, created=datetime(2024, 1, 1), **options)
    with pytest.raises(ProofError, match="private"):
        add_proof(unsigned, key=Ed25519Key(public=key.public), **options)


# --- refusals: one result per proof, never an exception ----------------------------


def test_one_changed_byte_in_the_credential_fails() -> None:
    document = signed_rdfc()
    document["credentialSubject"]["alumniOf"] = "The School of Examplez"

    result = only(document)

    assert not result.verified
    assert result.error == "signature does not match"


def test_one_changed_byte_in_a_jcs_credential_fails() -> None:
    document = load(W3C / "eddsa-jcs-2022" / "signedJCS.json")
    document["name"] = "Alumni Credentiak"
    assert only(document).error == "signature does not match"


def test_signature_by_another_key_fails() -> None:
    impostor = Ed25519Key.generate()
    claimed = load(W3C / "keyPair.json")["publicKeyMultibase"]
    signed = add_proof(
        load(W3C / "unsigned.json"),
        suite=EddsaRdfc2022(),
        key=impostor,
        verification_method=f"did:key:{claimed}#{claimed}",
    )
    assert only(signed).error == "signature does not match"


def test_a_suite_the_caller_did_not_allow_is_refused() -> None:
    result = only(load(W3C / "eddsa-jcs-2022" / "signedJCS.json"), suites=[EddsaRdfc2022()])
    assert not result.verified
    assert "eddsa-jcs-2022 is not among the allowed suites" in str(result.error)


def test_changing_the_cryptosuite_name_fails() -> None:
    document = signed_rdfc()
    document["proof"]["cryptosuite"] = "eddsa-jcs-2022"
    assert not only(document).verified


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"type": "Ed25519Signature2020"}, "unsupported proof type 'Ed25519Signature2020'"),
        ({"cryptosuite": "ecdsa-rdfc-2019"}, "unsupported cryptosuite 'ecdsa-rdfc-2019'"),
        ({"proofPurpose": "authentication"}, "proofPurpose is 'authentication'"),
        ({"proofValue": "u1234"}, "malformed proofValue"),
        ({"proofValue": "z3yq"}, "malformed proofValue"),
        ({"proofValue": None}, "malformed proofValue"),
        ({"created": "2023-02-24T23:36:38"}, "time zone"),
        ({"created": "yesterday"}, "time zone"),
        ({"verificationMethod": "did:example:123#key"}, "cannot resolve verification method"),
        ({"previousProof": "urn:uuid:missing"}, "unknown proof"),
    ],
)
def test_malformed_proofs_give_a_clear_error(change: dict[str, Any], error: str) -> None:
    document = signed_rdfc()
    document["proof"].update(change)

    result = only(document)

    assert not result.verified
    assert error in str(result.error)


def test_a_proof_that_is_not_an_object_is_reported() -> None:
    document = signed_rdfc()
    document["proof"] = [document["proof"], "not a proof"]
    assert [(r.verified, r.error) for r in verify(document)] == [
        (True, None),
        (False, "the proof is not a JSON object"),
    ]


def test_document_without_proof_gives_no_results() -> None:
    assert verify(load(W3C / "unsigned.json")) == []


def test_programmer_misuse_raises() -> None:
    with pytest.raises(TypeError):
        verify_proofs(signed_rdfc(), suites=[], resolver=Resolver())
    with pytest.raises(TypeError):
        verify_proofs("{}", suites=BOTH, resolver=Resolver())  # type: ignore[arg-type]


def test_challenge_and_domain_must_match_when_expected() -> None:
    key = Ed25519Key.generate()
    signed = add_proof(
        load(W3C / "unsigned.json"),
        suite=EddsaRdfc2022(),
        key=key,
        verification_method=key.did_key_verification_method,
        proof_purpose="authentication",
        challenge="abc123",
        domain="https://verifier.example",
    )
    purpose = {"expected_purpose": "authentication"}

    assert only(signed, challenge="abc123", domain="https://verifier.example", **purpose).verified
    assert "challenge" in str(only(signed, challenge="other", **purpose).error)
    assert "domain" in str(only(signed, domain="https://evil.example", **purpose).error)
    assert "proofPurpose" in str(only(signed).error)


def test_key_not_listed_for_assertion_by_its_controller_is_refused() -> None:
    key = Ed25519Key.generate()
    did = "did:web:example.com"
    document = did_web_document(did=did, keys=[key])
    document["assertionMethod"] = []
    resolver = Resolver(
        fetch_json={"https://example.com/.well-known/did.json": document}.__getitem__
    )
    signed = add_proof(
        load(W3C / "unsigned.json"),
        suite=EddsaRdfc2022(),
        key=key,
        verification_method=f"{did}#{key.public_multibase}",
    )

    result = only(signed, resolver=resolver)

    assert not result.verified
    assert "assertionMethod" in str(result.error)


def test_did_web_key_listed_for_assertion_verifies() -> None:
    key = Ed25519Key.generate()
    did = "did:web:example.com"
    document = did_web_document(did=did, keys=[key])
    resolver = Resolver(
        fetch_json={"https://example.com/.well-known/did.json": document}.__getitem__
    )
    signed = add_proof(
        load(W3C / "unsigned.json"),
        suite=EddsaJcs2022(),
        key=key,
        verification_method=f"{did}#{key.public_multibase}",
    )

    result = only(signed, resolver=resolver)

    assert result.verified
    assert result.warnings == []
    assert result.method is not None and result.method.controller == did


# --- the 1EdTech validator samples -------------------------------------------------

EXPECTATIONS = load(EXAMPLES / "EXPECTATIONS-1edtech-validator.json")["files"]
SIGNED_SAMPLES = sorted(
    name
    for name, expectation in EXPECTATIONS.items()
    if name.endswith(".json") and "offline_signature_check" in expectation
)


@pytest.mark.parametrize("name", SIGNED_SAMPLES)
def test_1edtech_samples_verify_as_the_validator_expects(name: str) -> None:
    expected = [
        check.split(":", 1)[1].startswith("VALID")
        for check in EXPECTATIONS[name]["offline_signature_check"]
    ]

    results = verify(load(EXAMPLES / name))

    assert [result.verified for result in results] == expected, [r.error for r in results]


def test_1edtech_issuer_fragment_key_verifies_with_an_unconfirmed_warning() -> None:
    result = only(load(EXAMPLES / "ob-v3p0/1edtech-validator/simple.json"))

    assert result.verified
    assert result.method is not None and not result.method.confirmed
    assert any("not confirmed" in warning for warning in result.warnings)


def test_legacy_eddsa_2022_name_verifies_with_a_warning() -> None:
    result = only(load(EXAMPLES / "ob-v3p0/1edtech-validator/simple-eddsa-2022.json"))

    assert result.verified
    assert result.cryptosuite == "eddsa-2022"
    assert any("eddsa-2022" in warning for warning in result.warnings)


def test_legacy_eddsa_2022_is_refused_when_rdfc_is_not_allowed() -> None:
    document = load(EXAMPLES / "ob-v3p0/1edtech-validator/simple-eddsa-2022.json")
    assert not only(document, suites=[EddsaJcs2022()]).verified
