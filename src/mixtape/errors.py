"""Exceptions raised by the Mixtape core library.

Verification never raises for a bad credential: it returns a report. These
exceptions are for input that cannot be processed at all, and for misuse::

    MixtapeError
     ├── InvalidInputError        not JSON, wrong shape, too big, too deeply nested
     │    ├── SchemaError         fails the official Open Badges JSON Schema
     │    └── PathwayDefinitionError   not a pathway requirement (names the JSON path)
     ├── JsonLdError              JSON-LD processing failed
     │    ├── ContextNotBundledError   a remote context that is not bundled (never fetched)
     │    └── SafeModeError       terms the contexts would drop, or relative IRIs
     ├── KeyResolutionError       a verification method or DID cannot be resolved
     ├── ProofError               a proof cannot be created (bad key, unknown suite)
     ├── StatusListError          a status list cannot be read or written
     └── BakeError                an image cannot be baked or holds no credential
"""

from __future__ import annotations


class MixtapeError(Exception):
    """Base class of every error the library raises on purpose."""


class InvalidInputError(MixtapeError):
    """The input is not something the library can process."""


class SchemaError(InvalidInputError):
    """The document does not validate against its JSON Schema."""

    def __init__(self, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


class PathwayDefinitionError(InvalidInputError):
    """A pathway definition cannot be read; the message names the JSON path at fault."""


class JsonLdError(MixtapeError):
    """JSON-LD expansion or canonicalization failed."""


class ContextNotBundledError(JsonLdError):
    """A context URL is not among the bundled contexts; it is never fetched."""


class SafeModeError(JsonLdError):
    """The contexts would silently drop a term, or an IRI is relative."""


class KeyResolutionError(MixtapeError):
    """A verification method, DID or key cannot be resolved."""


class ProofError(MixtapeError):
    """A proof cannot be created."""


class StatusListError(MixtapeError):
    """A Bitstring Status List cannot be decoded, encoded or updated."""


class BakeError(MixtapeError):
    """An image cannot be baked, or holds no credential."""
