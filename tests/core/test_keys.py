"""Ed25519 keys, Multikey, did:key / did:web documents and key files."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import base58
import pytest

from mixtape.errors import InvalidInputError, KeyResolutionError, ProofError
from mixtape.keys import (
    Ed25519Key,
    did_key_document,
    did_web_document,
    did_web_to_url,
    read_keyfile,
)

VECTORS = Path(__file__).resolve().parents[1] / "conformance" / "test-vectors"
W3C_KEY_PAIR = json.loads((VECTORS / "vc-di-eddsa" / "keyPair.json").read_text())
OB_KEY_PAIR = json.loads((VECTORS / "1edtech-ob-v3p0-eddsa-rdfc-2022" / "keyPair.json").read_text())
MULTI_KEY_PAIRS = json.loads(
    (VECTORS / "vc-di-eddsa" / "proof-set-chain" / "multiKeyPairs.json").read_text()
)


@pytest.mark.parametrize(
    "pair", [W3C_KEY_PAIR, *MULTI_KEY_PAIRS.values()], ids=lambda pair: pair["publicKeyMultibase"]
)
def test_multibase_round_trips_the_w3c_key_pairs(pair: dict[str, str]) -> None:
    key = Ed25519Key.from_multibase(pair["publicKeyMultibase"], pair["privateKeyMultibase"])

    assert key.public_multibase == pair["publicKeyMultibase"]
    assert key.private_multibase == pair["privateKeyMultibase"]


def test_1edtech_hex_key_pair_gives_its_published_multikey() -> None:
    key = Ed25519Key.from_private_bytes(bytes.fromhex(OB_KEY_PAIR["privateKeyHex"]))

    assert key.public.hex() == OB_KEY_PAIR["publicKeyHex"]
    assert key.public_multibase == OB_KEY_PAIR["publicKeyMultibase"]


def test_signature_from_the_1edtech_vector_verifies_and_is_reproduced() -> None:
    folder = VECTORS / "1edtech-ob-v3p0-eddsa-rdfc-2022"
    hashes = json.loads((folder / "hashes-and-signature.json").read_text())
    data = bytes.fromhex(hashes["dataToSignHex(proofHash||documentHash)"])
    key = Ed25519Key.from_private_bytes(bytes.fromhex(OB_KEY_PAIR["privateKeyHex"]))

    assert key.sign(data).hex() == hashes["signatureHex"]
    assert key.verify(bytes.fromhex(hashes["signatureHex"]), data)
    assert not key.verify(bytes.fromhex(hashes["signatureHex"]), data + b"x")


def test_generated_key_signs_and_a_public_only_copy_verifies() -> None:
    key = Ed25519Key.generate()
    public_only = Ed25519Key.from_multibase(key.public_multibase)

    signature = key.sign(b"hello")

    assert public_only.verify(signature, b"hello")
    assert key.public_multibase.startswith("z6Mk")
    assert key.private_multibase.startswith("z3u2")
    with pytest.raises(ProofError):
        public_only.sign(b"hello")


def test_mismatched_private_key_is_refused() -> None:
    other = MULTI_KEY_PAIRS["keyPair2"]["privateKeyMultibase"]
    with pytest.raises(InvalidInputError):
        Ed25519Key.from_multibase(W3C_KEY_PAIR["publicKeyMultibase"], other)


@pytest.mark.parametrize(
    "value",
    [
        "6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",  # no multibase prefix
        "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq",  # a private key
        "zDnaekGZTbQBerwcehBSXLqAg6s55hVEBms1zFy89VHXtJSa9",  # a P-256 key
        "z0OIl",  # not base58
    ],
)
def test_non_ed25519_public_multikey_is_refused(value: str) -> None:
    with pytest.raises(InvalidInputError):
        Ed25519Key.from_multibase(value)


def test_private_key_is_not_in_repr() -> None:
    key = Ed25519Key.from_multibase(
        W3C_KEY_PAIR["publicKeyMultibase"], W3C_KEY_PAIR["privateKeyMultibase"]
    )
    assert W3C_KEY_PAIR["privateKeyMultibase"] not in repr(key)
    assert str(key.private) not in repr(key)


def test_keyfile_is_owner_only_and_round_trips(tmp_path: Path) -> None:
    key = Ed25519Key.generate()
    path = tmp_path / "issuer.json"

    key.to_keyfile(
        path,
        key_id="https://example.edu/issuers/1#key-1",
        controller="https://example.edu/issuers/1",
    )
    loaded = read_keyfile(path)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert loaded.key == key
    assert loaded.id == "https://example.edu/issuers/1#key-1"
    assert loaded.controller == "https://example.edu/issuers/1"
    assert Ed25519Key.from_keyfile(path) == key


def test_keyfile_is_not_overwritten_by_default(tmp_path: Path) -> None:
    path = tmp_path / "issuer.json"
    Ed25519Key.generate().to_keyfile(path)
    with pytest.raises(FileExistsError):
        Ed25519Key.generate().to_keyfile(path)


def test_overwritten_keyfile_becomes_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "issuer.json"
    path.write_text("{}")
    path.chmod(0o644)
    key = Ed25519Key.generate()

    key.to_keyfile(path, overwrite=True)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert Ed25519Key.from_keyfile(path) == key


def test_w3c_key_pair_file_reads_with_did_key_defaults() -> None:
    loaded = read_keyfile(VECTORS / "vc-di-eddsa" / "keyPair.json")
    proof_config = json.loads(
        (VECTORS / "vc-di-eddsa" / "eddsa-rdfc-2022" / "proofConfigDataInt.json").read_text()
    )

    assert loaded.id == proof_config["verificationMethod"]
    assert loaded.controller == "did:key:" + W3C_KEY_PAIR["publicKeyMultibase"]


def test_keyfile_without_multikey_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"publicKeyHex": "00"}')
    with pytest.raises(InvalidInputError):
        read_keyfile(path)


# An Ed25519 did:key document published by another implementation (ACA-Py's test
# fixtures, legacy Ed25519VerificationKey2018 form): same DID, same key bytes,
# same verification relationships.
ACAPY_DID = "did:key:z6Mkgg342Ycpuk263R9d8Aq6MUaxPn1DDeHyGo38EefXmgDL"
ACAPY_PUBLIC_KEY_BASE58 = "3Dn1SJNPaCXcvvJvSbsFWP2xaCjMom3can8CQNhWrTRx"


def test_did_key_document_matches_an_independent_implementation() -> None:
    document = did_key_document(ACAPY_DID)
    method_id = f"{ACAPY_DID}#z6Mkgg342Ycpuk263R9d8Aq6MUaxPn1DDeHyGo38EefXmgDL"
    (method,) = document["verificationMethod"]

    assert document["id"] == ACAPY_DID
    assert method["id"] == method_id
    assert method["controller"] == ACAPY_DID
    key = Ed25519Key.from_multibase(method["publicKeyMultibase"])
    assert key.public == base58.b58decode(ACAPY_PUBLIC_KEY_BASE58)
    for relationship in (
        "authentication",
        "assertionMethod",
        "capabilityDelegation",
        "capabilityInvocation",
    ):
        assert document[relationship] == [method_id]


def test_did_key_document_follows_the_multikey_form() -> None:
    did = "did:key:" + W3C_KEY_PAIR["publicKeyMultibase"]
    document = did_key_document(did)

    assert document["@context"] == [
        "https://www.w3.org/ns/did/v1",
        "https://w3id.org/security/multikey/v1",
    ]
    assert document["verificationMethod"] == [
        {
            "id": f"{did}#{W3C_KEY_PAIR['publicKeyMultibase']}",
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": W3C_KEY_PAIR["publicKeyMultibase"],
        }
    ]


@pytest.mark.parametrize(
    "did",
    [
        "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme",  # secp256k1
        "did:web:example.com",
        "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#frag",
    ],
)
def test_did_key_document_refuses_other_dids(did: str) -> None:
    with pytest.raises(KeyResolutionError):
        did_key_document(did)


# Examples from the did:web method specification (w3c-ccg.github.io/did-method-web).
@pytest.mark.parametrize(
    ("did", "url"),
    [
        ("did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json"),
        ("did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json"),
        ("did:web:example.com%3A3000:user:alice", "https://example.com:3000/user/alice/did.json"),
        ("did:web:example.com:u:bob", "https://example.com/u/bob/did.json"),
    ],
)
def test_did_web_maps_to_its_https_url(did: str, url: str) -> None:
    assert did_web_to_url(did) == url


@pytest.mark.parametrize(
    "did",
    [
        "did:web:",
        "did:key:z6Mk",
        "did:web:example.com::alice",
        "did:web:example.com/x",
        "did:web:a%2Fb",
        "did:web:example.com%3Axyz",
        "did:web:user@example.com",
    ],
)
def test_malformed_did_web_is_refused(did: str) -> None:
    with pytest.raises(KeyResolutionError):
        did_web_to_url(did)


def test_did_web_document_lists_each_key_for_assertion() -> None:
    keys = [Ed25519Key.generate(), Ed25519Key.generate()]
    service = {
        "id": "did:web:example.com#site",
        "type": "LinkedDomains",
        "serviceEndpoint": "https://example.com",
    }

    document = did_web_document(did="did:web:example.com", keys=keys, services=[service])

    ids = [f"did:web:example.com#{key.public_multibase}" for key in keys]
    assert [method["id"] for method in document["verificationMethod"]] == ids
    assert document["assertionMethod"] == ids
    assert document["authentication"] == ids
    assert document["service"] == [service]
