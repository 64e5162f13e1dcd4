"""The ``ecdsa-sd-2023`` cryptosuite: verifying selectively disclosed (derived) proofs.

W3C "Data Integrity ECDSA Cryptosuites v1.0", section 3.4. The issuer signs
``sha256(proof config) ‖ ephemeral public key ‖ sha256(mandatory N-Quads)``
with its P-256 key, and signs every other N-Quad with a one-time (ephemeral)
P-256 key. Blank nodes are labelled with an HMAC the holder cannot recompute,
so a derived proof carries the map from the revealed document's canonical
labels (``c14nN``) back to the issuer's HMAC labels. The holder discloses a
subset of the statements; the verifier recomputes the disclosed N-Quads,
splits them by the proof's ``mandatoryIndexes`` and checks every signature.

Only derived proofs are verified: a base proof (the issuer's, with the HMAC
key inside) is for the holder, who derives a proof from it. Mixtape does not
create ecdsa-sd-2023 proofs.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from mixtape.errors import ProofError
from mixtape.jsonld import DocumentLoader, canonicalize
from mixtape.keys import P256, Ed25519Key

__all__ = ["DerivedProofValue", "EcdsaSd2023", "parse_derived_proof_value"]

# CBOR tag 0x5d00 / 0x5d01 written as a 3-byte header before the CBOR array.
_BASE_HEADER = b"\xd9\x5d\x00"
_DERIVED_HEADER = b"\xd9\x5d\x01"
_DERIVED_FIELDS = 5
_SIGNATURE_LENGTH = 64  # IEEE P1363 r ‖ s for P-256
_P256_MULTIKEY_PREFIX = b"\x80\x24"  # multicodec p256-pub, varint-encoded
_P256_MULTIKEY_LENGTH = len(_P256_MULTIKEY_PREFIX) + 33
# A blank node label where N-Quads allows one: at the line start or after a space
# (the same rule as Digital Bazaar's di-sd-primitives, so both relabel alike).
_BLANK_NODE = re.compile(r"(?<!\S)_:(\S+)")
_BASE_PROOF_ERROR = "a base proof must be derived before it is verified"


@dataclass(frozen=True)
class DerivedProofValue:
    """The parts of a derived ``proofValue`` (spec: parseDerivedProofValue).

    ``public_key`` is the ephemeral key as Multikey bytes (``0x8024`` + point):
    those exact bytes are part of what the issuer signed. ``label_map`` maps
    ``c14nN`` labels to the issuer's HMAC labels (``u`` + base64url).
    """

    base_signature: bytes
    public_key: bytes
    signatures: list[bytes]
    label_map: dict[str, str]
    mandatory_indexes: frozenset[int]


def parse_derived_proof_value(value: Any) -> DerivedProofValue:
    """Decode a derived ``ecdsa-sd-2023`` proofValue.

    Raises:
        ProofError: not ``u…`` base64url, a base proof, or a malformed CBOR payload.
    """
    raw = _multibase_base64url(value)
    if raw.startswith(_BASE_HEADER):
        raise ProofError(_BASE_PROOF_ERROR)
    if not raw.startswith(_DERIVED_HEADER):
        raise ProofError("malformed proofValue: not an ecdsa-sd-2023 derived proof header")
    try:
        fields = cbor2.loads(raw[len(_DERIVED_HEADER) :])
    except (cbor2.CBORDecodeError, ValueError) as error:
        raise ProofError(f"malformed proofValue: invalid CBOR: {error}") from error
    if not isinstance(fields, list) or len(fields) != _DERIVED_FIELDS:
        raise ProofError("malformed proofValue: expected a CBOR array of 5 items")
    base_signature, public_key, signatures, label_map, mandatory_indexes = fields
    return DerivedProofValue(
        base_signature=_signature(base_signature),
        public_key=_ephemeral_key(public_key),
        signatures=[_signature(item) for item in _list(signatures, "signatures")],
        label_map=_decompress_label_map(label_map),
        mandatory_indexes=_indexes(mandatory_indexes),
    )


class EcdsaSd2023:
    """W3C vc-di-ecdsa v1.0 ``ecdsa-sd-2023``, derived proofs, P-256 issuer keys.

    Canonicalization runs in safe mode, as for ``eddsa-rdfc-2022``.
    """

    cryptosuite = "ecdsa-sd-2023"
    key_type = P256

    def check_proof_value(self, value: Any) -> None:
        """See :class:`~mixtape.proofs.Suite`."""
        parse_derived_proof_value(value)

    def create_proof(
        self,
        document: Mapping[str, Any],
        *,
        key: Ed25519Key,
        options: Mapping[str, Any],
        loader: DocumentLoader,
    ) -> dict[str, Any]:
        """Not supported: Mixtape only verifies ecdsa-sd-2023 proofs.

        Raises:
            ProofError: always.
        """
        raise ProofError("Mixtape verifies ecdsa-sd-2023 proofs but does not create them")

    def verify_proof(
        self,
        document: Mapping[str, Any],
        *,
        proof: Mapping[str, Any],
        public_key: bytes,
        loader: DocumentLoader,
    ) -> bool:
        """See :class:`~mixtape.proofs.Suite`; ``public_key`` is a compressed P-256 point.

        Raises:
            ProofError: a malformed or base proof, a blank node missing from the
                label map, or as many signatures as disclosed statements.
            JsonLdError: the document or proof cannot be canonicalized.
        """
        parsed = parse_derived_proof_value(proof.get("proofValue"))
        quads = _relabelled_nquads(document, parsed.label_map, loader=loader)
        mandatory = [quad for i, quad in enumerate(quads) if i in parsed.mandatory_indexes]
        disclosed = [quad for i, quad in enumerate(quads) if i not in parsed.mandatory_indexes]
        if len(disclosed) != len(parsed.signatures):
            raise ProofError(
                f"the proof has {len(parsed.signatures)} signatures for "
                f"{len(disclosed)} non-mandatory statements"
            )
        signed = (
            _proof_hash(document, proof, loader=loader)
            + parsed.public_key
            + hashlib.sha256("".join(mandatory).encode("utf-8")).digest()
        )
        if not _p256_verifies(public_key, parsed.base_signature, signed):
            return False
        ephemeral = parsed.public_key[len(_P256_MULTIKEY_PREFIX) :]
        return all(
            _p256_verifies(ephemeral, signature, quad.encode("utf-8"))
            for signature, quad in zip(parsed.signatures, disclosed, strict=True)
        )


def _proof_hash(
    document: Mapping[str, Any], proof: Mapping[str, Any], *, loader: DocumentLoader
) -> bytes:
    # The proof configuration is read with the document's contexts.
    config = {
        name: value for name, value in proof.items() if name not in ("proofValue", "@context")
    }
    if "@context" in document:
        config["@context"] = document["@context"]
    canonical = canonicalize(config, loader=loader, safe=True)
    return hashlib.sha256(canonical.encode("utf-8")).digest()


def _relabelled_nquads(
    document: Mapping[str, Any], label_map: Mapping[str, str], *, loader: DocumentLoader
) -> list[str]:
    """The canonical N-Quads with the issuer's HMAC blank node labels, sorted."""

    def issuer_label(match: re.Match[str]) -> str:
        label = label_map.get(match.group(1))
        if label is None:
            raise ProofError(f"blank node _:{match.group(1)} is not in the proof's label map")
        return f"_:{label}"

    canonical = canonicalize(document, loader=loader, safe=True)
    # Split on "\n" only: str.splitlines would also split inside literals (U+2028, …).
    lines = canonical.split("\n")[:-1]
    quads = [_BLANK_NODE.sub(issuer_label, line + "\n") for line in lines]
    # JavaScript sorts strings by UTF-16 code units; the issuer's signer did so.
    return sorted(quads, key=lambda quad: quad.encode("utf-16-be"))


def _p256_verifies(point: bytes, signature: bytes, data: bytes) -> bool:
    try:
        key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError as error:
        raise ProofError(f"not a P-256 public key: {error}") from error
    half = _SIGNATURE_LENGTH // 2
    der = encode_dss_signature(
        int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
    )
    try:
        key.verify(der, data, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True


def _multibase_base64url(value: Any) -> bytes:
    if not isinstance(value, str) or not value.startswith("u"):
        raise ProofError("malformed proofValue: expected a base64url multibase string 'u…'")
    encoded = value[1:]
    try:
        return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError) as error:
        raise ProofError(f"malformed proofValue: not base64url: {error}") from error


def _signature(value: Any) -> bytes:
    if not isinstance(value, bytes) or len(value) != _SIGNATURE_LENGTH:
        raise ProofError("malformed proofValue: a signature is not 64 bytes")
    return value


def _ephemeral_key(value: Any) -> bytes:
    if (
        not isinstance(value, bytes)
        or len(value) != _P256_MULTIKEY_LENGTH
        or not value.startswith(_P256_MULTIKEY_PREFIX)
    ):
        raise ProofError("malformed proofValue: the proof key is not a P-256 Multikey")
    return value


def _list(value: Any, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise ProofError(f"malformed proofValue: {name} is not an array")
    return value


def _decompress_label_map(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ProofError("malformed proofValue: the label map is not a map")
    labels: dict[str, str] = {}
    for index, digest in value.items():
        if not _is_index(index) or not isinstance(digest, bytes):
            raise ProofError("malformed proofValue: a label map entry is not integer → bytes")
        labels[f"c14n{index}"] = "u" + base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")
    return labels


def _indexes(value: Any) -> frozenset[int]:
    items = _list(value, "mandatoryIndexes")
    if not all(_is_index(item) for item in items):
        raise ProofError("malformed proofValue: mandatoryIndexes are not non-negative integers")
    return frozenset(items)


def _is_index(value: Any) -> bool:
    # bool is an int subclass in Python; a CBOR true is no index.
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
