"""eddsa-jcs-2022 against the W3C vc-di-eddsa vectors, byte for byte."""

from __future__ import annotations

import hashlib
from datetime import datetime

from tests.support import CONFORMANCE, w3c_key
from tests.support import load_json as load
from tests.support import load_text as text

from mixtape.jsonld import bundled_loader
from mixtape.proofs import EddsaJcs2022, add_proof

VECTORS = CONFORMANCE / "test-vectors"
W3C = VECTORS / "vc-di-eddsa"


SUITE = EddsaJcs2022()
JCS = W3C / "eddsa-jcs-2022"


def test_canonical_document_and_proof_configuration() -> None:
    assert SUITE.canonicalize(load(W3C / "unsigned.json"), loader=bundled_loader).decode() == text(
        JCS / "canonDocJCS.txt"
    )
    assert SUITE.canonicalize(
        load(JCS / "proofConfigJCS.json"), loader=bundled_loader
    ).decode() == text(JCS / "proofCanonJCS.txt")


def test_hashes_and_signature() -> None:
    unsigned, config = load(W3C / "unsigned.json"), load(JCS / "proofConfigJCS.json")

    data = SUITE.hash_data(unsigned, proof_config=config, loader=bundled_loader)

    canonical_doc = SUITE.canonicalize(unsigned, loader=bundled_loader)
    canonical_proof = SUITE.canonicalize(config, loader=bundled_loader)
    assert hashlib.sha256(canonical_doc).hexdigest() == text(JCS / "docHashJCS.txt").strip()
    assert hashlib.sha256(canonical_proof).hexdigest() == text(JCS / "proofHashJCS.txt").strip()
    assert data.hex() == text(JCS / "combinedHashJCS.txt").strip()
    assert w3c_key().sign(data).hex() == text(JCS / "sigHexJCS.txt").strip()


def test_signing_the_unsigned_document_gives_the_signed_vector() -> None:
    config = load(JCS / "proofConfigJCS.json")

    signed = add_proof(
        load(W3C / "unsigned.json"),
        suite=SUITE,
        key=w3c_key(),
        verification_method=config["verificationMethod"],
        created=datetime.fromisoformat(config["created"]),
    )

    assert signed == load(JCS / "signedJCS.json")
    assert signed["proof"]["proofValue"] == text(JCS / "sigBTC58JCS.txt").strip()
    assert list(signed["proof"]) == list(load(JCS / "signedJCS.json")["proof"])
