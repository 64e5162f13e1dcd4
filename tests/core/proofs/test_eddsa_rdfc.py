"""eddsa-rdfc-2022 against the W3C vc-di-eddsa and 1EdTech OB 3.0 / CLR 2.0 vectors."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.support import CONFORMANCE, w3c_key
from tests.support import load_json as load
from tests.support import load_text as text

from mixtape.jsonld import bundled_loader
from mixtape.keys import Ed25519Key
from mixtape.proofs import EddsaRdfc2022, add_proof

VECTORS = CONFORMANCE / "test-vectors"
W3C = VECTORS / "vc-di-eddsa"


SUITE = EddsaRdfc2022()
RDFC = W3C / "eddsa-rdfc-2022"
ONE_EDTECH = [
    VECTORS / "1edtech-ob-v3p0-eddsa-rdfc-2022",
    VECTORS / "1edtech-clr-v2p0-eddsa-rdfc-2022",
]


def canonical(document: dict[str, object]) -> bytes:
    return SUITE.canonicalize(document, loader=bundled_loader)


def test_w3c_canonical_document_and_proof_configuration() -> None:
    assert canonical(load(W3C / "unsigned.json")).decode() == text(RDFC / "canonDocDataInt.txt")
    assert canonical(load(RDFC / "proofConfigDataInt.json")).decode() == text(
        RDFC / "proofCanonDataInt.txt"
    )


def test_w3c_hashes_and_signature() -> None:
    unsigned, config = load(W3C / "unsigned.json"), load(RDFC / "proofConfigDataInt.json")

    data = SUITE.hash_data(unsigned, proof_config=config, loader=bundled_loader)

    assert (
        hashlib.sha256(canonical(unsigned)).hexdigest() == text(RDFC / "docHashDataInt.txt").strip()
    )
    assert (
        hashlib.sha256(canonical(config)).hexdigest() == text(RDFC / "proofHashDataInt.txt").strip()
    )
    assert data.hex() == text(RDFC / "combinedHashDataInt.txt").strip()
    assert w3c_key().sign(data).hex() == text(RDFC / "sigHexDataInt.txt").strip()


def test_signing_the_w3c_unsigned_document_gives_the_signed_vector() -> None:
    config = load(RDFC / "proofConfigDataInt.json")
    key = w3c_key()

    signed = add_proof(
        load(W3C / "unsigned.json"),
        suite=SUITE,
        key=key,
        verification_method=config["verificationMethod"],
        created=datetime.fromisoformat(config["created"]),
    )

    assert signed == load(RDFC / "signedDataInt.json")
    assert signed["proof"]["proofValue"] == text(RDFC / "sigBTC58DataInt.txt").strip()
    assert list(signed["proof"]) == list(load(RDFC / "signedDataInt.json")["proof"])


@pytest.mark.parametrize("folder", ONE_EDTECH, ids=lambda folder: folder.name)
def test_1edtech_canonical_forms_and_hashes(folder: Path) -> None:
    unsigned, config = load(folder / "unsigned.json"), load(folder / "proofConfig.json")
    config_with_context = {**config, "@context": unsigned["@context"]}
    hashes = load(folder / "hashes-and-signature.json")

    data = SUITE.hash_data(unsigned, proof_config=config_with_context, loader=bundled_loader)

    assert canonical(unsigned).decode() == text(folder / "document-canon.nq")
    assert canonical(config_with_context).decode() == text(folder / "proof-canon.nq")
    assert data.hex() == hashes["dataToSignHex(proofHash||documentHash)"]
    assert data[32:].hex() == hashes["documentHashHex"]


@pytest.mark.parametrize("folder", ONE_EDTECH, ids=lambda folder: folder.name)
def test_signing_the_1edtech_unsigned_credential_gives_the_signed_vector(folder: Path) -> None:
    pair, config = load(folder / "keyPair.json"), load(folder / "proofConfig.json")
    key = Ed25519Key.from_private_bytes(bytes.fromhex(pair["privateKeyHex"]))

    signed = add_proof(
        load(folder / "unsigned.json"),
        suite=SUITE,
        key=key,
        verification_method=pair["verificationMethod"],
        created=datetime.fromisoformat(config["created"]),
    )

    expected = load(folder / "signed.json")
    # The CLR vector writes its single proof as a one-element list; both forms are equal JSON-LD.
    if isinstance(expected["proof"], list):
        (expected["proof"],) = expected["proof"]
    assert signed == expected
    assert (
        signed["proof"]["proofValue"]
        == load(folder / "hashes-and-signature.json")["proofValue(base58btc multibase)"]
    )


def test_created_is_written_in_utc_to_the_second() -> None:
    key = Ed25519Key.generate()
    moment = datetime(2024, 5, 1, 12, 0, 0, 123456, tzinfo=UTC)

    signed = add_proof(
        load(W3C / "unsigned.json"),
        suite=SUITE,
        key=key,
        verification_method=key.did_key_verification_method,
        created=moment,
    )

    assert signed["proof"]["created"] == "2024-05-01T12:00:00Z"


def test_created_may_be_omitted() -> None:
    key = Ed25519Key.generate()
    signed = add_proof(
        load(W3C / "unsigned.json"),
        suite=SUITE,
        key=key,
        verification_method=key.did_key_verification_method,
    )
    assert "created" not in signed["proof"]


def test_the_employment_vector_hashes_and_signature_from_its_published_canonical_forms() -> None:
    # Its context (citizenship/v4rc1) is not bundled, so canonicalization is out of reach;
    # everything after it (hashes, signature, proofValue) is still checked here.
    employ = RDFC / "employ"
    doc_hash = hashlib.sha256(text(employ / "canonDocDataInt.txt").encode()).hexdigest()
    proof_hash = hashlib.sha256(text(employ / "proofCanonDataInt.txt").encode()).hexdigest()
    assert doc_hash == text(employ / "docHashDataInt.txt").strip()
    assert proof_hash == text(employ / "proofHashDataInt.txt").strip()
    combined = proof_hash + doc_hash
    assert combined == text(employ / "combinedHashDataInt.txt").strip()
    signature = w3c_key().sign(bytes.fromhex(combined))
    assert signature.hex() == text(employ / "sigHexDataInt.txt").strip()
    signed = load(employ / "signedDataInt.json")
    assert signed["proof"]["proofValue"] == text(employ / "sigBTC58DataInt.txt").strip()
