"""VC-JWT: 1EdTech samples, W3C VC-JOSE-COSE vectors, claims mapping and refusals."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from joserfc import jws
from joserfc.jwk import ECKey

from mixtape.bake import unbake
from mixtape.errors import InvalidInputError
from mixtape.vcjwt import decode_vc_jwt, is_jwt, verify_vc_jwt

CONFORMANCE = Path(__file__).parent.parent / "conformance"
EXAMPLES = CONFORMANCE / "examples"
OB_SAMPLES = EXAMPLES / "ob-v3p0/1edtech-validator"
JOSE_SUITE = CONFORMANCE / "test-vectors/w3c-vc-jose-cose-test-suite"
NOW = datetime(2026, 1, 1, tzinfo=UTC)
EXPECTATIONS = json.loads(
    (EXAMPLES / "EXPECTATIONS-1edtech-validator.json").read_text(encoding="utf-8")
)["files"]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def claims_of(token: str) -> dict[str, Any]:
    return json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))


def unsigned(header: dict[str, Any], payload: dict[str, Any], signature: str = "c2ln") -> str:
    return ".".join(
        [b64url(json.dumps(header).encode()), b64url(json.dumps(payload).encode()), signature]
    )


def expected_outcome(name: str) -> str:
    return str(EXPECTATIONS[name]["expected_validator_outcome"][0]["outcome"])


def test_clr_sample_verifies_with_embedded_key_and_warns() -> None:
    token = (EXAMPLES / "clr-v2p0/1edtech-validator/simple.jwt").read_text(encoding="utf-8")
    assert expected_outcome("clr-v2p0/1edtech-validator/simple.jwt") == "valid"

    result = verify_vc_jwt(token, now=NOW)

    assert result.verified, result.error
    assert any("embedded" in warning for warning in result.warnings)
    assert result.credential is not None
    claims = claims_of(token)
    assert result.credential["id"] == claims["jti"]
    assert result.credential["issuer"]["id"] == claims["iss"]
    assert result.credential["credentialSubject"]["id"] == claims["sub"]


@pytest.mark.parametrize("name", ["simple-jwt.svg", "simple-jwt_v1.svg"])
def test_1edtech_baked_jwt_svgs_verify(name: str) -> None:
    assert expected_outcome(f"ob-v3p0/1edtech-validator/{name}") in ("valid", "valid-with-warnings")
    token = unbake((OB_SAMPLES / name).read_bytes())

    result = verify_vc_jwt(token, now=NOW)

    assert result.verified, result.error
    assert result.credential is not None
    assert "OpenBadgeCredential" in result.credential["type"]


def test_vc2_payload_is_the_credential_without_jwt_claims() -> None:
    token = unbake((OB_SAMPLES / "simple-jwt.svg").read_bytes())

    parts = decode_vc_jwt(token)

    assert not parts.uses_vc_claim
    assert {"iat", "iss", "aud", "nbf", "jti"} <= set(parts.payload)
    assert not {"iat", "iss", "aud", "nbf", "jti"} & set(parts.credential)
    assert parts.credential["validFrom"] == parts.payload["validFrom"]


def test_velocity_jwt_is_invalid() -> None:
    assert expected_outcome("ob-v3p0/1edtech-validator/velocity.jwt") == "invalid"
    token = (OB_SAMPLES / "velocity.jwt").read_text(encoding="utf-8")

    result = verify_vc_jwt(token, now=NOW)

    assert not result.verified
    assert result.error is not None and "did:velocity" in result.error


def test_ob_sample_without_key_cannot_be_verified_but_decodes() -> None:
    token = (OB_SAMPLES / "simple.jwt").read_text(encoding="utf-8")

    parts = decode_vc_jwt(token)
    result = verify_vc_jwt(token, now=NOW)

    assert parts.uses_vc_claim
    assert parts.credential["id"] == claims_of(token)["jti"]
    assert not result.verified
    assert result.error is not None and "no key" in result.error


def jose_verify_cases() -> list[tuple[str, dict[str, Any]]]:
    mapping = json.loads((JOSE_SUITE / "test-mapping.json").read_text(encoding="utf-8"))
    return [
        (name, case)
        for name, case in mapping["JOSETestMapping"].items()
        if case["fn"] == "verify" and case["feature"] == "credential_jose"
    ]


@pytest.mark.parametrize(("name", "case"), jose_verify_cases())
def test_w3c_vc_jose_cose_credential_vectors(name: str, case: dict[str, Any]) -> None:
    key_document = json.loads((JOSE_SUITE / "input" / case["key_file"]).read_text("utf-8"))
    token = (JOSE_SUITE / "input" / case["input_file"]).read_text(encoding="utf-8")

    def resolve(kid: str) -> dict[str, Any]:
        assert kid == key_document["publicKeyJwk"]["kid"]
        return dict(key_document["publicKeyJwk"])

    result = verify_vc_jwt(token, now=NOW, resolve_jwk=resolve)

    assert result.verified == (case["expected_result"] == "success"), (name, result.error)


ISSUER_KEY = ECKey.generate_key("P-256")


def signed(payload: dict[str, Any], **header: Any) -> str:
    protected = {"alg": "ES256", "kid": "key-1", **header}
    return jws.serialize_compact(protected, json.dumps(payload).encode(), ISSUER_KEY)


def resolve_issuer_key(kid: str) -> dict[str, Any]:
    assert kid == "key-1"
    return dict(ISSUER_KEY.as_dict(private=False))


VC_V1 = {
    "@context": ["https://www.w3.org/2018/credentials/v1"],
    "type": ["VerifiableCredential"],
    "credentialSubject": {"name": "Ada"},
}


def test_vc_claim_is_merged_with_registered_claims() -> None:
    token = signed(
        {
            "vc": VC_V1,
            "iss": "https://issuer.example",
            "sub": "did:example:ada",
            "jti": "urn:uuid:1",
            "nbf": 1262304000,
            "exp": 1893456000,
        }
    )

    result = verify_vc_jwt(token, now=NOW, resolve_jwk=resolve_issuer_key)

    assert result.verified, result.error
    assert result.warnings == []
    assert result.credential == {
        **VC_V1,
        "issuer": "https://issuer.example",
        "id": "urn:uuid:1",
        "credentialSubject": {"name": "Ada", "id": "did:example:ada"},
        "issuanceDate": "2010-01-01T00:00:00Z",
        "expirationDate": "2030-01-01T00:00:00Z",
    }


def test_vc2_dates_map_to_valid_from_and_until() -> None:
    vc = {**VC_V1, "@context": ["https://www.w3.org/ns/credentials/v2"]}

    credential = decode_vc_jwt(
        unsigned({"alg": "ES256"}, {"vc": vc, "nbf": 0, "exp": 60})
    ).credential

    assert (credential["validFrom"], credential["validUntil"]) == (
        "1970-01-01T00:00:00Z",
        "1970-01-01T00:01:00Z",
    )


def test_claim_contradicting_credential_is_refused() -> None:
    payload = {"vc": {**VC_V1, "issuer": "https://a.example"}, "iss": "https://b.example"}

    with pytest.raises(InvalidInputError, match="contradicts"):
        decode_vc_jwt(unsigned({"alg": "ES256"}, payload))


@pytest.mark.parametrize(
    ("claims", "reason"),
    [({"exp": 1700000000}, "expired"), ({"nbf": 1900000000}, "not valid yet")],
)
def test_time_claims_are_checked_against_now(claims: dict[str, int], reason: str) -> None:
    token = signed({"vc": VC_V1, **claims})

    result = verify_vc_jwt(token, now=NOW, resolve_jwk=resolve_issuer_key)

    assert not result.verified
    assert result.error is not None and reason in result.error


def test_tampered_payload_fails() -> None:
    header, _, signature = signed({"vc": VC_V1, "iss": "https://issuer.example"}).split(".")
    forged = b64url(json.dumps({"vc": VC_V1, "iss": "https://evil.example"}).encode())

    result = verify_vc_jwt(
        f"{header}.{forged}.{signature}", now=NOW, resolve_jwk=resolve_issuer_key
    )

    assert not result.verified
    assert result.error is not None and "signature" in result.error


def test_alg_none_is_refused() -> None:
    token = unsigned({"alg": "none"}, {"vc": VC_V1}, signature="")

    result = verify_vc_jwt(token, now=NOW)

    assert not result.verified
    assert result.error is not None and "'none'" in result.error


def test_hmac_with_key_in_header_is_refused() -> None:
    secret = b"shared secret"
    header = {"alg": "HS256", "jwk": {"kty": "oct", "k": b64url(secret)}}
    signing_input = unsigned(header, {"vc": VC_V1}).rsplit(".", 1)[0]
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()

    result = verify_vc_jwt(f"{signing_input}.{b64url(mac)}", now=NOW)

    assert not result.verified
    assert result.error is not None and "HS256" in result.error


def test_private_key_from_resolver_is_refused() -> None:
    token = signed({"vc": VC_V1})

    result = verify_vc_jwt(
        token, now=NOW, resolve_jwk=lambda _: dict(ISSUER_KEY.as_dict(private=True))
    )

    assert not result.verified
    assert result.error is not None and "public" in result.error


def test_payload_without_credential_is_refused() -> None:
    result = verify_vc_jwt(unsigned({"alg": "ES256"}, {"sub": "someone"}), now=NOW)

    assert not result.verified
    assert result.error is not None and "no credential" in result.error


def test_is_jwt() -> None:
    token = (OB_SAMPLES / "simple.jwt").read_text(encoding="utf-8")

    assert is_jwt(token)
    assert is_jwt(token + "\n")
    assert not is_jwt(json.dumps(VC_V1))
    assert not is_jwt("a.b.c")
    assert not is_jwt("")
