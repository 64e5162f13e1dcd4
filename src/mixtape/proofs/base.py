"""The Suite protocol, the verification result, and the steps every EdDSA suite shares.

Both W3C vc-di-eddsa v1.0 cryptosuites sign ``sha256(canonical proof
configuration) ‖ sha256(canonical document)`` with Ed25519 and store the
64-byte signature as a base58btc multibase ``proofValue``. They differ only in
the canonicalization (RDFC-1.0 N-Quads or JCS) and in whether the ``@context``
of the proof configuration stays in the published proof (JCS) or not (RDFC).
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from mixtape.errors import ProofError
from mixtape.jsonld import DocumentLoader
from mixtape.keys import ED25519, Ed25519Key
from mixtape.proofs.multibase import b58decode, b58encode
from mixtape.resolve import VerificationMethod

__all__ = [
    "DATA_INTEGRITY_PROOF",
    "EddsaSuite",
    "ProofResult",
    "Suite",
    "decode_proof_value",
    "format_created",
    "is_date_time_stamp",
]

DATA_INTEGRITY_PROOF = "DataIntegrityProof"
_SIGNATURE_LENGTH = 64
# XML Schema dateTimeStamp: a dateTime whose time zone is required.
_DATE_TIME_STAMP = re.compile(
    r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", re.ASCII
)


@dataclass(frozen=True)
class ProofResult:
    """The outcome of checking one proof of a document.

    ``error`` says why ``verified`` is false; ``warnings`` note things a
    verifier should show although the signature holds (a legacy cryptosuite
    name, a key not confirmed against its controller's published document).
    """

    verified: bool
    cryptosuite: str | None
    verification_method: str | None
    method: VerificationMethod | None
    error: str | None
    warnings: list[str] = field(default_factory=list)


class Suite(Protocol):
    """A Data Integrity cryptosuite: the caller chooses which ones are allowed."""

    @property
    def cryptosuite(self) -> str:
        """The ``cryptosuite`` value of the proofs this suite makes and checks."""
        ...

    @property
    def key_type(self) -> str:
        """The verification key type it needs (``mixtape.keys.ED25519`` or ``P256``)."""
        ...

    def check_proof_value(self, value: Any) -> None:
        """Refuse a malformed ``proofValue`` before any key is resolved.

        Raises:
            ProofError: with what is wrong with it.
        """
        ...

    def create_proof(
        self,
        document: Mapping[str, Any],
        *,
        key: Ed25519Key,
        options: Mapping[str, Any],
        loader: DocumentLoader,
    ) -> dict[str, Any]:
        """Return ``options`` completed into a proof of ``document``, with ``proofValue``."""
        ...

    def verify_proof(
        self,
        document: Mapping[str, Any],
        *,
        proof: Mapping[str, Any],
        public_key: bytes,
        loader: DocumentLoader,
    ) -> bool:
        """Whether ``proof`` is a valid signature of ``document`` (which has no own proof).

        Raises:
            ProofError: the proof is malformed (for example its ``proofValue``).
            JsonLdError: the document or proof cannot be canonicalized.
        """
        ...


class EddsaSuite(ABC):
    """The shared vc-di-eddsa algorithms; subclasses supply the canonicalization."""

    #: The cryptosuite name, set by each subclass.
    cryptosuite: str
    #: Whether the published proof keeps the ``@context`` it was signed with (JCS does).
    proof_keeps_context = False
    key_type = ED25519

    @abstractmethod
    def canonicalize(self, document: Mapping[str, Any], *, loader: DocumentLoader) -> bytes:
        """The canonical bytes that are hashed."""

    def create_proof(
        self,
        document: Mapping[str, Any],
        *,
        key: Ed25519Key,
        options: Mapping[str, Any],
        loader: DocumentLoader,
    ) -> dict[str, Any]:
        """See :class:`Suite`."""
        proof = {**options, "type": DATA_INTEGRITY_PROOF, "cryptosuite": self.cryptosuite}
        proof.pop("proofValue", None)
        config = _proof_config(proof, document)
        if self.proof_keeps_context:
            proof = config
        signature = key.sign(self.hash_data(document, proof_config=config, loader=loader))
        return {**proof, "proofValue": "z" + b58encode(signature)}

    def check_proof_value(self, value: Any) -> None:
        """See :class:`Suite`."""
        decode_proof_value(value)

    def verify_proof(
        self,
        document: Mapping[str, Any],
        *,
        proof: Mapping[str, Any],
        public_key: bytes,
        loader: DocumentLoader,
    ) -> bool:
        """See :class:`Suite`."""
        signature = decode_proof_value(proof.get("proofValue"))
        options = {name: value for name, value in proof.items() if name != "proofValue"}
        document = self.document_to_verify(document, proof_options=options)
        config = _proof_config(options, document)
        data = self.hash_data(document, proof_config=config, loader=loader)
        return Ed25519Key(public=public_key).verify(signature, data)

    def document_to_verify(
        self, document: Mapping[str, Any], *, proof_options: Mapping[str, Any]
    ) -> Mapping[str, Any]:
        """The unsecured document as the suite hashes it at verification."""
        return document

    def hash_data(
        self,
        document: Mapping[str, Any],
        *,
        proof_config: Mapping[str, Any],
        loader: DocumentLoader,
    ) -> bytes:
        """``sha256(canonical proof config) ‖ sha256(canonical document)``: what is signed."""
        proof_hash = hashlib.sha256(self.canonicalize(proof_config, loader=loader)).digest()
        document_hash = hashlib.sha256(self.canonicalize(document, loader=loader)).digest()
        return proof_hash + document_hash


def _proof_config(proof: Mapping[str, Any], document: Mapping[str, Any]) -> dict[str, Any]:
    # The proof configuration is read with the document's contexts, so the
    # signature also covers which vocabulary the document's terms mean.
    config = {name: value for name, value in proof.items() if name != "@context"}
    if "@context" in document:
        config["@context"] = document["@context"]
    return config


def decode_proof_value(value: Any) -> bytes:
    """The 64-byte signature in a base58btc multibase ``proofValue``.

    Raises:
        ProofError: missing, not ``z…`` base58btc, or not 64 bytes.
    """
    if not isinstance(value, str) or not value.startswith("z"):
        raise ProofError("malformed proofValue: expected a base58btc multibase string 'z…'")
    try:
        signature = b58decode(value[1:])
    except ValueError as error:
        raise ProofError(f"malformed proofValue: {error}") from error
    if len(signature) != _SIGNATURE_LENGTH:
        raise ProofError(f"malformed proofValue: {len(signature)} bytes, expected 64")
    return signature


def format_created(moment: datetime) -> str:
    """A proof's ``created`` value: UTC, to the second, ``Z`` suffix.

    Raises:
        ProofError: ``moment`` has no time zone (it would be ambiguous).
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ProofError("created must be a timezone-aware datetime")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_date_time_stamp(value: Any) -> bool:
    """Whether ``value`` is an XML Schema dateTimeStamp (a dateTime with a time zone)."""
    if not isinstance(value, str) or not _DATE_TIME_STAMP.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True
