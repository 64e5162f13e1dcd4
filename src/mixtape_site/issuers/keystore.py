"""Issuers' private keys, encrypted at rest under the platform's master key.

The master key comes from ``MIXTAPE_MASTER_KEY`` (settings refuse to start
without one outside debug). Each private key is sealed with AES-256-GCM under a
key derived from it with HKDF; the public key is the associated data, so a
ciphertext moved to another key's row does not decrypt. Nothing here ever
returns a private key outside this module: callers ask it to sign.
"""

from __future__ import annotations

import os
from typing import Final, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from mixtape import Ed25519Key

_VERSION: Final = b"\x01"
_NONCE_BYTES: Final = 12
_HKDF_INFO: Final = b"mixtape signing-key encryption v1"


class KeyStoreError(Exception):
    """A stored key cannot be decrypted (wrong master key or tampered row)."""


class KeyStore(Protocol):
    def seal(self, key: Ed25519Key) -> bytes: ...

    def unseal(self, sealed: bytes, *, public_multibase: str) -> Ed25519Key: ...


class MasterKeyStore:
    """Seals keys with AES-256-GCM under a key derived from the master secret."""

    def __init__(self, master_secret: str) -> None:
        self._aead = AESGCM(_derive(master_secret))

    def seal(self, key: Ed25519Key) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        if key.private is None:
            raise KeyStoreError("only a private key can be sealed")
        seed = key.private
        associated = key.public_multibase.encode()
        return _VERSION + nonce + self._aead.encrypt(nonce, seed, associated)

    def unseal(self, sealed: bytes, *, public_multibase: str) -> Ed25519Key:
        sealed = bytes(sealed)
        if sealed[:1] != _VERSION:
            raise KeyStoreError("unknown key encryption version")
        nonce, ciphertext = sealed[1 : 1 + _NONCE_BYTES], sealed[1 + _NONCE_BYTES :]
        try:
            seed = self._aead.decrypt(nonce, ciphertext, public_multibase.encode())
        except InvalidTag as error:
            raise KeyStoreError("the key does not decrypt under this master key") from error
        key = Ed25519Key.from_private_bytes(seed)
        if key.public_multibase != public_multibase:
            raise KeyStoreError("the decrypted key does not match its public key")
        return key


def _derive(master_secret: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO)
    return hkdf.derive(master_secret.encode())


def default_keystore() -> KeyStore:
    return MasterKeyStore(settings.MIXTAPE_MASTER_KEY)
