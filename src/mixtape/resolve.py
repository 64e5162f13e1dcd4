"""Resolve a proof's ``verificationMethod`` to a public key (Ed25519 or P-256).

Supported identifiers:

- ``did:key:z6Mk…`` — offline, from the DID itself.
- ``did:web:…`` — fetches ``did.json`` through the injected ``fetch_json``.
- ``https://…`` — an OB 3.0 issuer profile or other controller document. The
  1EdTech samples write ``https://example.com/issuers/876543#z6Mk…``: the
  fragment *is* the Multikey and the part before it is the issuer id. With
  ``fetch_json`` the controller document is fetched and must list the key;
  without it, the fragment key is accepted but marked ``confirmed=False``.

The network is off unless the caller passes ``fetch_json`` (for example
:func:`https_fetch_json`).
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Any
from urllib.parse import urldefrag, urljoin, urlsplit

from mixtape.errors import InvalidInputError, KeyResolutionError
from mixtape.keys import (
    ED25519,
    VERIFICATION_RELATIONSHIPS,
    decode_public_multikey,
    did_key_document,
    did_web_to_url,
)
from mixtape.values import as_list

__all__ = [
    "FetchJson",
    "Resolver",
    "VerificationMethod",
    "https_fetch_json",
    "https_get",
]

#: Fetches a URL and returns the parsed JSON object; raises on any failure.
FetchJson = Callable[[str], Mapping[str, Any]]

_MULTIBASE_TYPES = frozenset({"Multikey", "Ed25519VerificationKey2020"})
_JWK_TYPES = frozenset({"JsonWebKey", "JsonWebKey2020"})
# An OB 3.0 profile without any relationship lists is taken as issuing with its keys.
_IMPLIED_PURPOSES = frozenset({"assertionMethod"})


@dataclass(frozen=True)
class VerificationMethod:
    """A resolved verification method.

    ``purposes`` are the verification relationships of the controller document
    that list this method. ``confirmed`` is false when the key was taken from a
    URL fragment without fetching the controller document, so nothing shows the
    controller published it; ``purposes`` is then empty. ``key_type`` is
    :data:`~mixtape.keys.ED25519` (32 raw bytes) or :data:`~mixtape.keys.P256`
    (33-byte compressed point), so a suite never checks a signature with a key
    of the wrong algorithm.
    """

    id: str
    type: str
    controller: str
    public_key: bytes
    purposes: frozenset[str]
    confirmed: bool = True
    key_type: str = ED25519


class Resolver:
    """Turns verification method ids into keys.

    Args:
        fetch_json: how to fetch did:web and HTTPS controller documents; None
            (the default) keeps the network off.
    """

    def __init__(self, *, fetch_json: FetchJson | None = None) -> None:
        self._fetch_json = fetch_json

    def resolve(self, verification_method_id: str) -> VerificationMethod:
        """Resolve a verification method id.

        Raises:
            KeyResolutionError: with the reason the key cannot be resolved.
        """
        if not isinstance(verification_method_id, str) or not verification_method_id:
            raise KeyResolutionError("the verification method id is missing or not a string")
        scheme = urlsplit(verification_method_id).scheme
        if verification_method_id.startswith("did:key:"):
            return _resolve_did_key(verification_method_id)
        if verification_method_id.startswith("did:web:"):
            return self._resolve_did_web(verification_method_id)
        if scheme == "did":
            method = verification_method_id.split(":")[1]
            raise KeyResolutionError(f"unsupported DID method did:{method}")
        if scheme in ("http", "https"):
            return self._resolve_url(verification_method_id)
        if scheme == "urn":
            # A URN names its controller but cannot publish keys: the 1EdTech convention
            # puts the Multikey in the fragment, which stays unconfirmed.
            document_url, fragment = urldefrag(verification_method_id)
            return _unconfirmed_fragment_key(verification_method_id, document_url, fragment)
        shown = f"{scheme}:" if scheme else "(none)"
        raise KeyResolutionError(f"unsupported verification method scheme {shown}")

    def _fetch(self, url: str) -> Mapping[str, Any]:
        if self._fetch_json is None:
            raise KeyResolutionError("network resolution is off")
        try:
            document = self._fetch_json(url)
        except KeyResolutionError:
            raise
        except Exception as error:  # any failure of the caller's fetcher means "unresolvable"
            raise KeyResolutionError(f"cannot fetch {url}: {error}") from error
        if not isinstance(document, Mapping):
            raise KeyResolutionError(f"{url} did not return a JSON object")
        return document

    def _resolve_did_web(self, method_id: str) -> VerificationMethod:
        did, fragment = urldefrag(method_id)
        if self._fetch_json is None:
            raise KeyResolutionError(
                f"did:web resolution is off (no fetch_json given); cannot resolve {did}"
            )
        document = self._fetch(did_web_to_url(did))
        if document.get("id") != did:
            raise KeyResolutionError(f"the DID document's id is not {did}")
        wanted = method_id if fragment else _single_method_id(document)
        return _method_from_document(document, method_id=wanted)

    def _resolve_url(self, method_id: str) -> VerificationMethod:
        document_url, fragment = urldefrag(method_id)
        if self._fetch_json is None:
            return _unconfirmed_fragment_key(method_id, document_url, fragment)
        document = self._fetch(document_url)
        if not fragment and document.get("id") == method_id and "controller" in document:
            # The URL names a standalone key document; its controller must list it.
            controller = document["controller"]
            if not isinstance(controller, str):
                raise KeyResolutionError(f"the key document {method_id} has no valid controller")
            return _method_from_document(self._fetch(controller), method_id=method_id)
        return _method_from_document(document, method_id=method_id)


def _resolve_did_key(method_id: str) -> VerificationMethod:
    did, fragment = urldefrag(method_id)
    document = did_key_document(did)
    wanted = f"{did}#{fragment}" if fragment else document["verificationMethod"][0]["id"]
    return _method_from_document(document, method_id=wanted)


def _unconfirmed_fragment_key(
    method_id: str, document_url: str, fragment: str
) -> VerificationMethod:
    try:
        key_type, public_key = decode_public_multikey(fragment)
    except InvalidInputError as error:
        raise KeyResolutionError(
            f"cannot resolve {method_id} offline: its fragment is not an Ed25519 or P-256 "
            "Multikey and network resolution is off"
        ) from error
    return VerificationMethod(
        id=method_id,
        type="Multikey",
        controller=document_url,
        public_key=public_key,
        purposes=frozenset(),
        confirmed=False,
        key_type=key_type,
    )


def _single_method_id(document: Mapping[str, Any]) -> str:
    methods = document.get("verificationMethod")
    if isinstance(methods, list) and len(methods) == 1 and isinstance(methods[0], Mapping):
        return str(methods[0].get("id"))
    raise KeyResolutionError("the DID has no fragment and its document has several keys")


def _absolute(reference: Any, base: str) -> str | None:
    if isinstance(reference, Mapping):
        reference = reference.get("id")
    return urljoin(base, reference) if isinstance(reference, str) else None


def _find_method(document: Mapping[str, Any], method_id: str, base: str) -> Mapping[str, Any]:
    candidates = list(as_list(document.get("verificationMethod")))
    for relationship in VERIFICATION_RELATIONSHIPS:
        candidates += [m for m in as_list(document.get(relationship)) if isinstance(m, Mapping)]
    for candidate in candidates:
        if isinstance(candidate, Mapping) and _absolute(candidate, base) == method_id:
            return candidate
    raise KeyResolutionError(f"{method_id} is not listed in the controller document {base}")


def _purposes(document: Mapping[str, Any], method_id: str, base: str) -> frozenset[str]:
    present = [r for r in VERIFICATION_RELATIONSHIPS if r in document]
    if not present:
        return _IMPLIED_PURPOSES
    return frozenset(
        relationship
        for relationship in present
        if any(_absolute(ref, base) == method_id for ref in as_list(document[relationship]))
    )


def _method_from_document(document: Mapping[str, Any], *, method_id: str) -> VerificationMethod:
    base = document.get("id")
    if not isinstance(base, str):
        raise KeyResolutionError("the controller document has no id")
    entry = _find_method(document, method_id, base)
    controller = entry.get("controller", base)
    if controller != base:
        raise KeyResolutionError(f"{method_id} is controlled by {controller}, not by {base}")
    key_type, public_key = _public_key(entry)
    return VerificationMethod(
        id=method_id,
        type=str(entry.get("type")),
        controller=base,
        public_key=public_key,
        purposes=_purposes(document, method_id, base),
        key_type=key_type,
    )


def _public_key(entry: Mapping[str, Any]) -> tuple[str, bytes]:
    kind = entry.get("type")
    try:
        if kind in _MULTIBASE_TYPES:
            return decode_public_multikey(entry["publicKeyMultibase"])
        if kind in _JWK_TYPES:
            return ED25519, _ed25519_from_jwk(entry["publicKeyJwk"])
    except (KeyError, TypeError, InvalidInputError) as error:
        raise KeyResolutionError(
            f"the verification method holds no supported public key: {error}"
        ) from error
    raise KeyResolutionError(f"unsupported verification method type {kind!r}")


def _ed25519_from_jwk(jwk: Mapping[str, Any]) -> bytes:
    if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519" or "d" in jwk:
        raise InvalidInputError("not an Ed25519 public JWK (kty OKP, crv Ed25519, no d)")
    encoded = str(jwk["x"])
    raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    if len(raw) != 32:
        raise InvalidInputError("an Ed25519 JWK's x is 32 bytes")
    return raw


class _HttpsOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects only to https URLs."""

    def redirect_request(  # noqa: PLR0917 - urllib fixes this signature
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme != "https":
            raise urllib.error.URLError(f"refused redirect to a non-https URL: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_JSON_TYPES = ("application/json", "application/did+json", "application/ld+json")


def https_get(
    url: str,
    *,
    timeout: float = 5.0,
    max_bytes: int = 1_000_000,
    accept: str = "*/*",
) -> bytes:
    """Fetch a URL's body over HTTPS; redirects are followed only to https URLs.

    Args:
        url: an https URL (http and other schemes are refused).
        timeout: seconds allowed for connecting and for each read.
        max_bytes: the largest body accepted.
        accept: the HTTP Accept header.

    Raises:
        InvalidInputError: not https, redirected off https, a network or HTTP
            error, or a body over ``max_bytes``.
    """
    body, _ = _get(url, timeout=timeout, max_bytes=max_bytes, accept=accept)
    return body


def https_fetch_json(
    url: str, *, timeout: float = 5.0, max_bytes: int = 1_000_000
) -> dict[str, Any]:
    """Fetch a JSON object over HTTPS, for use as ``Resolver(fetch_json=…)``.

    Args:
        url: an https URL (http and other schemes are refused).
        timeout: seconds allowed for connecting and for each read.
        max_bytes: the largest body accepted.

    Raises:
        KeyResolutionError: not https, redirected off https, an HTTP error, a
            non-JSON content type, a body over ``max_bytes``, or not a JSON object.
    """
    try:
        body, content_type = _get(
            url, timeout=timeout, max_bytes=max_bytes, accept=", ".join(_JSON_TYPES)
        )
    except InvalidInputError as error:
        raise KeyResolutionError(str(error)) from error
    return _parse_json_body(url, content_type, body, max_bytes)


def _get(url: str, *, timeout: float, max_bytes: int, accept: str) -> tuple[bytes, str]:
    if urlsplit(url).scheme != "https":
        raise InvalidInputError(f"only https URLs are fetched, not {url}")
    request = urllib.request.Request(url, headers={"Accept": accept})  # noqa: S310 - https only
    opener = urllib.request.build_opener(_HttpsOnlyRedirects())
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            body = response.read(max_bytes + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise InvalidInputError(f"cannot fetch {url}: {error}") from error
    if len(body) > max_bytes:
        raise InvalidInputError(f"{url} returned more than {max_bytes} bytes")
    return body, content_type


def _parse_json_body(url: str, content_type: str, body: bytes, max_bytes: int) -> dict[str, Any]:
    if content_type not in _JSON_TYPES and not content_type.endswith("+json"):
        raise KeyResolutionError(f"{url} returned {content_type}, not JSON")
    if len(body) > max_bytes:
        raise KeyResolutionError(f"{url} returned more than {max_bytes} bytes")
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise KeyResolutionError(f"{url} did not return valid JSON: {error}") from error
    if not isinstance(document, dict):
        raise KeyResolutionError(f"{url} did not return a JSON object")
    return document
