"""Ed25519 keys, Multikey encoding, did:key and did:web documents, key files.

A Multikey is the base58btc multibase encoding (leading ``z``) of a multicodec
prefix followed by the raw key: ``0xed01`` for an Ed25519 public key (so every
public key starts ``z6Mk``) and ``0x8026`` for an Ed25519 private key seed
(``z3u2``). A did:key DID is ``did:key:`` followed by the public Multikey.

P-256 public keys (``0x8024`` then the 33-byte compressed point, ``zDna…``) are
decoded too, for verifying ``ecdsa-sd-2023`` proofs; Mixtape signs with Ed25519 only.
"""

from __future__ import annotations

import json
import os
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from mixtape.errors import InvalidInputError, KeyResolutionError, ProofError

__all__ = [
    "DID_V1_CONTEXT",
    "ED25519",
    "MULTIKEY_CONTEXT",
    "P256",
    "VERIFICATION_RELATIONSHIPS",
    "Ed25519Key",
    "KeyFile",
    "decode_multikey",
    "decode_public_multikey",
    "did_key_document",
    "did_web_document",
    "did_web_to_url",
    "read_keyfile",
]

DID_V1_CONTEXT = "https://www.w3.org/ns/did/v1"
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
#: The verification relationships a did:key document grants its single key.
VERIFICATION_RELATIONSHIPS = (
    "authentication",
    "assertionMethod",
    "capabilityDelegation",
    "capabilityInvocation",
)

#: Key types a verification method can hold (``VerificationMethod.key_type``).
ED25519 = "Ed25519"
P256 = "P-256"

_ED25519_PUBLIC_PREFIX = b"\xed\x01"
_P256_PUBLIC_PREFIX = b"\x80\x24"
_P256_COMPRESSED_LENGTH = 33
_ED25519_PRIVATE_PREFIX = b"\x80\x26"
_KEY_LENGTH = 32
_DID_KEY_PREFIX = "did:key:"
_DID_WEB_PREFIX = "did:web:"
# Verifiers meet the same few issuer keys again and again: remember their decoding
# (public data only; invalid input is never cached, as it raises).
_CACHED_PUBLIC_KEYS = 1024


def _multibase_encode(data: bytes) -> str:
    return "z" + base58.b58encode(data).decode("ascii")


def _multibase_decode(value: str) -> bytes:
    if not isinstance(value, str) or not value.startswith("z"):
        raise InvalidInputError("a Multikey must be base58btc multibase (start with 'z')")
    try:
        return bytes(base58.b58decode(value[1:]))
    except ValueError as error:
        raise InvalidInputError(f"not valid base58btc: {error}") from error


def decode_multikey(value: str, *, private: bool = False) -> bytes:
    """Decode an Ed25519 Multikey to its 32 raw bytes.

    Args:
        value: the multibase string (``z6Mk…`` public, ``z3u2…`` private).
        private: decode a private key instead of a public one.

    Raises:
        InvalidInputError: not base58btc, not Ed25519, or the wrong length.
    """
    prefix = _ED25519_PRIVATE_PREFIX if private else _ED25519_PUBLIC_PREFIX
    raw = _multibase_decode(value)
    if not raw.startswith(prefix) or len(raw) != len(prefix) + _KEY_LENGTH:
        kind = "private" if private else "public"
        raise InvalidInputError(f"{value!r} is not an Ed25519 {kind} Multikey")
    return raw[len(prefix) :]


def decode_public_multikey(value: str) -> tuple[str, bytes]:
    """Decode an Ed25519 or P-256 public Multikey.

    Returns:
        ``(ED25519, 32 raw bytes)`` or ``(P256, 33-byte compressed point)``.

    Raises:
        InvalidInputError: not base58btc, another key type, or not a valid key.
    """
    try:
        return _decode_public_multikey(value)
    except TypeError:  # an unhashable value, so not a string: report it uncached
        return _decode_public_multikey.__wrapped__(value)


@lru_cache(maxsize=_CACHED_PUBLIC_KEYS)
def _decode_public_multikey(value: str) -> tuple[str, bytes]:
    raw = _multibase_decode(value)
    if raw.startswith(_ED25519_PUBLIC_PREFIX):
        return ED25519, decode_multikey(value)
    point = raw[len(_P256_PUBLIC_PREFIX) :]
    if not raw.startswith(_P256_PUBLIC_PREFIX) or len(point) != _P256_COMPRESSED_LENGTH:
        raise InvalidInputError(f"{value!r} is not an Ed25519 or P-256 public Multikey")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError as error:
        raise InvalidInputError(f"{value!r} is not a point on P-256") from error
    return P256, point


@dataclass(frozen=True)
class Ed25519Key:
    """An Ed25519 public key, with its private seed when this side can sign."""

    public: bytes
    private: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if len(self.public) != _KEY_LENGTH:
            raise InvalidInputError("an Ed25519 public key is 32 bytes")
        if self.private is None:
            return
        if len(self.private) != _KEY_LENGTH:
            raise InvalidInputError("an Ed25519 private key (seed) is 32 bytes")
        if self._signer().public_key().public_bytes_raw() != self.public:
            raise InvalidInputError("the private key does not match the public key")

    @classmethod
    def generate(cls) -> Ed25519Key:
        """A fresh key pair from the operating system's CSPRNG."""
        return cls.from_private_bytes(Ed25519PrivateKey.generate().private_bytes_raw())

    @classmethod
    def from_private_bytes(cls, seed: bytes) -> Ed25519Key:
        """The key pair for a 32-byte seed (a 64-byte seed‖public secret key is accepted)."""
        seed = seed[:_KEY_LENGTH] if len(seed) == 2 * _KEY_LENGTH else seed
        try:
            signer = Ed25519PrivateKey.from_private_bytes(seed)
        except ValueError as error:
            raise InvalidInputError(f"not an Ed25519 private key: {error}") from error
        return cls(public=signer.public_key().public_bytes_raw(), private=seed)

    @classmethod
    def from_multibase(
        cls, public_multibase: str, private_multibase: str | None = None
    ) -> Ed25519Key:
        """Build a key from its Multikey strings (as in a W3C ``keyPair.json``)."""
        public = decode_multikey(public_multibase)
        if private_multibase is None:
            return cls(public=public)
        return cls(public=public, private=decode_multikey(private_multibase, private=True))

    @property
    def public_multibase(self) -> str:
        """The public Multikey, ``z6Mk…``."""
        return _multibase_encode(_ED25519_PUBLIC_PREFIX + self.public)

    @property
    def private_multibase(self) -> str:
        """The private Multikey, ``z3u2…``."""
        if self.private is None:
            raise ProofError("this key has no private part")
        return _multibase_encode(_ED25519_PRIVATE_PREFIX + self.private)

    @property
    def did_key(self) -> str:
        """The did:key DID of this key."""
        return _DID_KEY_PREFIX + self.public_multibase

    @property
    def did_key_verification_method(self) -> str:
        """The verification method id of this key inside its did:key document."""
        return f"{self.did_key}#{self.public_multibase}"

    def sign(self, data: bytes) -> bytes:
        """The 64-byte Ed25519 signature of ``data``.

        Raises:
            ProofError: the key has no private part.
        """
        return self._signer().sign(data)

    def verify(self, signature: bytes, data: bytes) -> bool:
        """Whether ``signature`` is this key's signature of ``data``."""
        try:
            _verifier(bytes(self.public)).verify(signature, data)
        except InvalidSignature:
            return False
        return True

    def to_keyfile(
        self,
        path: str | os.PathLike[str],
        *,
        key_id: str | None = None,
        controller: str | None = None,
        overwrite: bool = False,
    ) -> None:
        """Write the key pair as JSON readable by the owner only (mode 0600).

        The format is the W3C test vectors' ``keyPair.json`` plus ``type``,
        ``id`` and ``controller``; both default to this key's did:key.

        Raises:
            ProofError: the key has no private part.
            FileExistsError: the file exists and ``overwrite`` is false.
        """
        content = {
            "type": "Multikey",
            "id": key_id or self.did_key_verification_method,
            "controller": controller or self.did_key,
            "publicKeyMultibase": self.public_multibase,
            "privateKeyMultibase": self.private_multibase,
        }
        _write_private_file(Path(path), json.dumps(content, indent=2) + "\n", overwrite=overwrite)

    @classmethod
    def from_keyfile(cls, path: str | os.PathLike[str]) -> Ed25519Key:
        """Read a key written by :meth:`to_keyfile` (or a W3C ``keyPair.json``)."""
        return read_keyfile(path).key

    def _signer(self) -> Ed25519PrivateKey:
        if self.private is None:
            raise ProofError("this key has no private part and cannot sign")
        # Loading a seed derives the public key (as costly as a signature), so the
        # loaded key is kept for as long as this object lives, and no longer.
        try:
            signer = _signers.get(self)
        except TypeError:  # key bytes given as a bytearray: nothing to cache by
            return Ed25519PrivateKey.from_private_bytes(self.private)
        if signer is None:
            signer = _signers[self] = Ed25519PrivateKey.from_private_bytes(self.private)
        return signer


_signers: weakref.WeakKeyDictionary[Ed25519Key, Ed25519PrivateKey] = weakref.WeakKeyDictionary()


@lru_cache(maxsize=_CACHED_PUBLIC_KEYS)
def _verifier(public: bytes) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(public)


@dataclass(frozen=True)
class KeyFile:
    """A key file's content: the key and the verification method it stands for."""

    key: Ed25519Key
    id: str
    controller: str


def read_keyfile(path: str | os.PathLike[str]) -> KeyFile:
    """Read a key file; ``id`` and ``controller`` default to the did:key ones.

    Raises:
        InvalidInputError: not JSON, or no valid Multikey pair in it.
    """
    try:
        content = json.loads(Path(path).read_text(encoding="utf-8"))
        key = Ed25519Key.from_multibase(
            content["publicKeyMultibase"], content.get("privateKeyMultibase")
        )
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
        raise InvalidInputError(f"{path} is not a Multikey key file") from error
    return KeyFile(
        key=key,
        id=content.get("id") or key.did_key_verification_method,
        controller=content.get("controller") or key.did_key,
    )


def _write_private_file(path: Path, text: str, *, overwrite: bool) -> None:
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL)
    descriptor = os.open(path, flags, 0o600)
    # os.open's mode only applies to new files; an overwritten file keeps its old mode.
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


def did_key_document(did: str) -> dict[str, Any]:
    """The DID document of an Ed25519 or P-256 did:key, with a Multikey verification method.

    Raises:
        KeyResolutionError: not an Ed25519 or P-256 did:key.
    """
    multibase = did.removeprefix(_DID_KEY_PREFIX)
    if not did.startswith(_DID_KEY_PREFIX) or "#" in did:
        raise KeyResolutionError(f"{did!r} is not a did:key DID")
    try:
        decode_public_multikey(multibase)
    except InvalidInputError as error:
        raise KeyResolutionError(
            f"{did!r}: only Ed25519 and P-256 did:key are supported"
        ) from error
    method_id = f"{did}#{multibase}"
    document: dict[str, Any] = {
        "@context": [DID_V1_CONTEXT, MULTIKEY_CONTEXT],
        "id": did,
        "verificationMethod": [
            {
                "id": method_id,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": multibase,
            }
        ],
    }
    for relationship in VERIFICATION_RELATIONSHIPS:
        document[relationship] = [method_id]
    return document


def did_web_document(
    *,
    did: str,
    keys: Sequence[Ed25519Key],
    services: Sequence[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """A did:web DID document listing ``keys`` for assertion and authentication.

    Each key's verification method id is ``{did}#{publicKeyMultibase}``, the
    form the 1EdTech samples use, so a proof names its key unambiguously.
    """
    did_web_to_url(did)  # validates the DID
    methods = [
        {
            "id": f"{did}#{key.public_multibase}",
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key.public_multibase,
        }
        for key in keys
    ]
    ids = [method["id"] for method in methods]
    document: dict[str, Any] = {
        "@context": [DID_V1_CONTEXT, MULTIKEY_CONTEXT],
        "id": did,
        "verificationMethod": methods,
        "authentication": list(ids),
        "assertionMethod": list(ids),
    }
    if services:
        document["service"] = [dict(service) for service in services]
    return document


def did_web_to_url(did: str) -> str:
    """The HTTPS URL of a did:web DID document (did:web method spec, "Read").

    ``did:web:example.com`` → ``https://example.com/.well-known/did.json``;
    ``did:web:example.com%3A8443:user:alice`` → ``https://example.com:8443/user/alice/did.json``.

    Raises:
        KeyResolutionError: not a well-formed did:web DID.
    """
    if not did.startswith(_DID_WEB_PREFIX) or any(char in did for char in "#?/"):
        raise KeyResolutionError(f"{did!r} is not a did:web DID")
    host, *path = did.removeprefix(_DID_WEB_PREFIX).split(":")
    # Only the port separator may be percent-encoded in the host part.
    host = host.replace("%3A", ":").replace("%3a", ":")
    if not host or "%" in host or "" in path or not _is_host_and_port(host):
        raise KeyResolutionError(f"{did!r} is not a well-formed did:web DID")
    suffix = "/".join(path) if path else ".well-known"
    return f"https://{host}/{suffix}/did.json"


def _is_host_and_port(netloc: str) -> bool:
    parts = urlsplit(f"https://{netloc}")
    try:
        parts.port  # noqa: B018 - parsing the port validates it
    except ValueError:
        return False
    return parts.hostname is not None and "@" not in netloc
