"""Reading and verifying credentials secured as JSON Web Tokens.

Two shapes exist in the wild, and both are read:

* VC-JWT of VC Data Model 1.1 (the 1EdTech samples): the credential sits in the
  ``vc`` claim and the registered claims stand for some of its properties
  (§6.3.1: ``iss`` → issuer, ``sub`` → credentialSubject.id, ``jti`` → id,
  ``nbf`` → issuanceDate/validFrom, ``exp`` → expirationDate/validUntil).
* ``vc+jwt`` of VC-JOSE-COSE (VC 2.0): the payload is the credential itself;
  registered claims may sit beside its properties and are dropped from it.

Only asymmetric algorithms that issuers actually use are accepted; ``none`` and
the HMAC family are refused, since a verifier must never share the issuer's secret.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from joserfc import jws
from joserfc.errors import JoseError, UnsupportedAlgorithmError
from joserfc.jwa import JWSAlgModel
from joserfc.jwk import import_key
from joserfc.jws import JWSRegistry

from mixtape.errors import InvalidInputError, KeyResolutionError
from mixtape.values import as_list

__all__ = [
    "ALLOWED_ALGORITHMS",
    "MAX_TOKEN_CHARS",
    "JwtParts",
    "JwtResult",
    "decode_vc_jwt",
    "is_jwt",
    "verify_vc_jwt",
]

ALLOWED_ALGORITHMS = ("RS256", "ES256", "EdDSA", "Ed25519")
MAX_TOKEN_CHARS = 1024 * 1024

_VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1"
_REGISTERED_CLAIMS = ("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "cnf")
_ACCEPTED_TYP = ("JWT", "vc+jwt", "application/vc+jwt", "vc+ld+jwt")
_ACCEPTED_CTY = ("vc", "application/vc", "vc+ld+json", "application/vc+ld+json")


class _VcJwsRegistry(JWSRegistry):
    """joserfc's JWS rules with room for an embedded RSA ``jwk`` header.

    It also accepts ``EdDSA`` quietly: RFC 9864 deprecates the name in favour of
    ``Ed25519``, but VC issuers and the W3C test vectors still use it.
    """

    max_header_length = 8 * 1024
    max_payload_length = MAX_TOKEN_CHARS

    def get_alg(self, name: str) -> JWSAlgModel:
        if name not in ALLOWED_ALGORITHMS or name not in self.algorithms:
            raise UnsupportedAlgorithmError(f"algorithm {name!r} is not accepted")
        return self.algorithms[name]


_REGISTRY = _VcJwsRegistry(algorithms=ALLOWED_ALGORITHMS, strict_check_header=False)


@dataclass(frozen=True)
class JwtParts:
    """A decoded (not verified) token.

    ``credential`` is the credential as a JSON-LD document: the ``vc`` claim with
    the registered claims merged in, or the ``vc+jwt`` payload without them.
    """

    header: dict[str, Any]
    payload: dict[str, Any]
    credential: dict[str, Any]
    uses_vc_claim: bool
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class JwtResult:
    """Outcome of ``verify_vc_jwt``; ``error`` says why ``verified`` is False."""

    verified: bool
    credential: dict[str, Any] | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def is_jwt(text: str) -> bool:
    """Return whether ``text`` looks like a compact JWS whose header is JSON."""
    segments = text.strip().split(".")
    if len(segments) != 3 or not all(segments[:2]):
        return False
    try:
        return isinstance(_json_segment(segments[0]), dict)
    except InvalidInputError:
        return False


def _json_segment(segment: str) -> Any:
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        return json.loads(raw)
    except (binascii.Error, ValueError) as error:
        raise InvalidInputError("a JWT segment is not base64url-encoded JSON") from error


def decode_vc_jwt(token: str) -> JwtParts:
    """Split a VC-JWT and rebuild the credential it carries, without verifying it.

    Raises:
        InvalidInputError: not a compact JWS, not JSON, or carries no credential.
    """
    token = token.strip()
    if len(token) > MAX_TOKEN_CHARS:
        raise InvalidInputError(f"the JWT is over {MAX_TOKEN_CHARS // 1024} KB")
    segments = token.split(".")
    if len(segments) != 3:
        raise InvalidInputError("not a compact JWT (expected three dot-separated parts)")
    header, payload = _json_segment(segments[0]), _json_segment(segments[1])
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise InvalidInputError("the JWT header and payload must be JSON objects")
    _check_media_types(header)
    warnings: list[str] = []
    if "@context" in payload and ("vc" in payload or "vp" in payload):
        raise InvalidInputError(
            "a vc+jwt payload is the credential; it must not carry vc or vp claims"
        )
    if "vc" in payload:
        credential = _credential_from_vc_claim(header, payload, warnings)
        return JwtParts(header, payload, credential, uses_vc_claim=True, warnings=warnings)
    if "@context" not in payload:
        raise InvalidInputError("the JWT carries no credential (no vc claim, no @context)")
    credential = _credential_from_payload(payload, warnings)
    return JwtParts(header, payload, credential, uses_vc_claim=False, warnings=warnings)


def _check_media_types(header: Mapping[str, Any]) -> None:
    typ, cty = header.get("typ"), header.get("cty")
    if typ is not None and typ not in _ACCEPTED_TYP:
        raise InvalidInputError(f"the JWT typ {typ!r} is not a credential media type")
    if cty is not None and cty not in _ACCEPTED_CTY:
        raise InvalidInputError(f"the JWT cty {cty!r} is not a credential media type")


def _credential_from_vc_claim(
    header: Mapping[str, Any], payload: Mapping[str, Any], warnings: list[str]
) -> dict[str, Any]:
    vc = payload["vc"]
    if not isinstance(vc, dict):
        raise InvalidInputError("the vc claim is not a JSON object")
    if header.get("typ") in ("vc+jwt", "application/vc+jwt"):
        raise InvalidInputError("a vc+jwt payload is the credential; it must not nest a vc claim")
    credential: dict[str, Any] = json.loads(json.dumps(vc))  # a copy the caller may change
    v1 = _VC_V1_CONTEXT in as_list(credential.get("@context"))
    _merge_identity_claims(credential, payload, warnings)
    _merge_date_claim(credential, payload, "nbf", "issuanceDate" if v1 else "validFrom", warnings)
    _merge_date_claim(
        credential, payload, "exp", "expirationDate" if v1 else "validUntil", warnings
    )
    return credential


def _merge_identity_claims(
    credential: dict[str, Any], payload: Mapping[str, Any], warnings: list[str]
) -> None:
    if "iss" in payload:
        issuer = credential.get("issuer")
        if isinstance(issuer, dict):
            _merge_value(issuer, "id", payload["iss"], "iss", warnings)
        else:
            _merge_value(credential, "issuer", payload["iss"], "iss", warnings)
    if "jti" in payload:
        _merge_value(credential, "id", payload["jti"], "jti", warnings)
    subject = credential.get("credentialSubject")
    if "sub" in payload and isinstance(subject, dict):
        _merge_value(subject, "id", payload["sub"], "sub", warnings)


def _merge_value(
    target: dict[str, Any], key: str, value: Any, claim: str, warnings: list[str]
) -> None:
    if key not in target:
        target[key] = value
    elif target[key] != value:
        # The signed claim and the signed property disagree: an ambiguous token.
        raise InvalidInputError(
            f"the JWT claim {claim} ({value!r}) contradicts {key} {target[key]!r}"
        )


def _merge_date_claim(
    credential: dict[str, Any],
    payload: Mapping[str, Any],
    claim: str,
    key: str,
    warnings: list[str],
) -> None:
    if claim not in payload:
        return
    moment = _numeric_date(payload[claim], claim)
    if key not in credential:
        credential[key] = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    elif _parse_date(credential[key]) != moment:
        warnings.append(f"the JWT claim {claim} differs from the credential's {key}")


def _credential_from_payload(payload: Mapping[str, Any], warnings: list[str]) -> dict[str, Any]:
    credential = {k: v for k, v in payload.items() if k not in _REGISTERED_CLAIMS}
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if "iss" in payload and payload["iss"] != issuer_id:
        raise InvalidInputError(f"the JWT iss {payload['iss']!r} is not the issuer {issuer_id!r}")
    if "jti" in payload and "id" in credential and payload["jti"] != credential["id"]:
        warnings.append("the JWT jti differs from the credential id")
    copied: dict[str, Any] = json.loads(json.dumps(credential))
    return copied


def _numeric_date(value: object, claim: str) -> datetime:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise InvalidInputError(f"the JWT claim {claim} is not a NumericDate")
    try:
        return datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError) as error:
        raise InvalidInputError(f"the JWT claim {claim} is out of range") from error


def _parse_date(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def verify_vc_jwt(
    token: str,
    *,
    now: datetime,
    resolve_jwk: Callable[[str], Mapping[str, Any]] | None = None,
) -> JwtResult:
    """Check a VC-JWT's signature and time claims, and return its credential.

    Args:
        token: the compact JWS.
        now: the moment to check ``exp`` and ``nbf`` against (timezone-aware).
        resolve_jwk: maps the header's ``kid`` to a public JWK the caller trusts.
            Without it, only a key embedded in the ``jwk`` header can be used,
            and that earns a warning: the token vouches for itself.

    Returns:
        A JwtResult; it never raises for a bad token. The credential's own
        content (contexts, schema, validity dates) is left to the caller.
    """
    try:
        parts = decode_vc_jwt(token)
    except InvalidInputError as error:
        return JwtResult(verified=False, error=str(error))
    warnings = list(parts.warnings)
    try:
        key = _public_key(parts.header, resolve_jwk, warnings)
        _check_signature(token.strip(), key)
        _check_times(parts.payload, now)
    except (InvalidInputError, KeyResolutionError) as error:
        return JwtResult(verified=False, error=str(error), warnings=warnings)
    return JwtResult(verified=True, credential=parts.credential, warnings=warnings)


def _public_key(
    header: Mapping[str, Any],
    resolve_jwk: Callable[[str], Mapping[str, Any]] | None,
    warnings: list[str],
) -> Any:
    alg = header.get("alg")
    if alg not in ALLOWED_ALGORITHMS:
        raise InvalidInputError(
            f"the JWT algorithm {alg!r} is not accepted (only {', '.join(ALLOWED_ALGORITHMS)})"
        )
    kid = header.get("kid")
    if resolve_jwk is not None and isinstance(kid, str):
        jwk: Any = resolve_jwk(kid)
    elif isinstance(header.get("jwk"), dict):
        jwk = header["jwk"]
        warnings.append("the key is embedded in the token and not confirmed against the issuer")
    elif isinstance(kid, str):
        raise KeyResolutionError(f"the JWT names key {kid!r} but no key resolver was given")
    else:
        raise KeyResolutionError(
            "the JWT has neither a jwk nor a kid header: no key to verify with"
        )
    if not isinstance(jwk, Mapping) or "d" in jwk or jwk.get("kty") == "oct":
        raise KeyResolutionError("the verification key is not a public JWK")
    try:
        return import_key(dict(jwk))
    except (JoseError, ValueError, TypeError) as error:
        raise KeyResolutionError(f"the verification key cannot be read: {error}") from error


def _check_signature(token: str, key: Any) -> None:
    try:
        jws.deserialize_compact(token, key, registry=_REGISTRY)
    except (JoseError, ValueError) as error:
        raise InvalidInputError(f"the JWT signature does not verify: {error}") from error


def _check_times(payload: Mapping[str, Any], now: datetime) -> None:
    if now.tzinfo is None:
        raise InvalidInputError("now must be timezone-aware")
    if "exp" in payload and _numeric_date(payload["exp"], "exp") <= now:
        raise InvalidInputError("the JWT has expired (exp)")
    if "nbf" in payload and _numeric_date(payload["nbf"], "nbf") > now:
        raise InvalidInputError("the JWT is not valid yet (nbf)")
