"""Recipient identifiers: ``IdentityObject`` with salted hashes (OB 3.0 §B.1.11).

OB 3.0 defines ``identityHash`` as ``<algorithm>$<hex digest>`` of the UTF-8
identifier with the salt appended, the algorithm being ``sha256`` or ``md5``.
The spec hashes the identifier *as given*; it defines no normalisation, so
:func:`hashed_identity` changes nothing (callers that want case-insensitive
e-mail matching lowercase the address before hashing, as
:mod:`mixtape.model.describe` does). Because many issuers lowercase e-mail
addresses and a learner may type theirs with capitals,
:meth:`IdentityObject.matches` accepts an ``emailAddress`` either as given or
lowercased. Mixtape only creates ``sha256`` hashes; ``md5`` is still accepted
when matching, since the spec allows it.
"""

# json_field() returns dataclasses.field(...); ruff cannot see that.
# ruff: noqa: RUF009

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from mixtape.model.base import BOOLEAN, STRING, TYPES, Model, json_field

_SALT_BYTES = 16
_ALGORITHMS = frozenset({"sha256", "md5"})


@dataclass(slots=True, kw_only=True)
class IdentityObject(Model):
    """A recipient identifier, plain or hashed."""

    type: str | list[str] | None = json_field("type", TYPES, default="IdentityObject")
    identity_hash: str | None = json_field("identityHash", STRING)
    identity_type: str | None = json_field("identityType", STRING, default="emailAddress")
    hashed: bool | None = json_field("hashed", BOOLEAN, default=True)
    salt: str | None = json_field("salt", STRING)

    def matches(self, value: str) -> bool:
        """Tell whether ``value`` (e.g. an e-mail address) is this identity.

        The comparison runs in constant time. An unknown hash algorithm never matches.
        """
        candidates = [value]
        if self.identity_type == "emailAddress" and value.lower() != value:
            candidates.append(value.lower())
        return any(self._matches_exactly(candidate) for candidate in candidates)

    def _matches_exactly(self, value: str) -> bool:
        if self.identity_hash is None:
            return False
        if not self.hashed:
            return hmac.compare_digest(self.identity_hash.encode(), value.encode())
        algorithm, _, expected = self.identity_hash.partition("$")
        algorithm = algorithm.lower()
        if algorithm not in _ALGORITHMS or not expected:
            return False
        salted = (value + (self.salt or "")).encode("utf-8")
        # md5 only reads legacy hashes the spec still allows; never used to create them.
        actual = hashlib.new(algorithm, salted, usedforsecurity=False).hexdigest()
        return hmac.compare_digest(actual, expected.lower())


def hashed_identity(
    *, value: str, identity_type: str = "emailAddress", salt: str | None = None
) -> IdentityObject:
    """Return a salted sha256 ``IdentityObject`` for ``value``, hashed as given.

    Args:
        value: The identifier, e.g. an e-mail address.
        identity_type: An OB 3.0 identifier type (``emailAddress``, ``sourcedId``, …).
        salt: The salt; a random 128-bit hex salt when omitted (unsalted hashes
            of e-mail addresses are easy to reverse).
    """
    if salt is None:
        salt = secrets.token_hex(_SALT_BYTES)
    digest = hashlib.sha256((value + salt).encode("utf-8")).hexdigest()
    return IdentityObject(
        identity_hash=f"sha256${digest}", identity_type=identity_type, hashed=True, salt=salt
    )
