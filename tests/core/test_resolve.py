"""Resolving verification method ids to Ed25519 keys."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from http.client import HTTPMessage
from pathlib import Path
from typing import Any
from urllib.error import URLError
from urllib.request import Request

import pytest

from mixtape.errors import InvalidInputError, KeyResolutionError
from mixtape.keys import Ed25519Key, did_web_document
from mixtape.resolve import (
    Resolver,
    _HttpsOnlyRedirects,
    _parse_json_body,
    https_fetch_json,
    https_get,
)

VECTORS = Path(__file__).resolve().parents[1] / "conformance" / "test-vectors"
OB_KEY_PAIR = json.loads((VECTORS / "1edtech-ob-v3p0-eddsa-rdfc-2022" / "keyPair.json").read_text())
ISSUER = OB_KEY_PAIR["controller"]
ISSUER_KEY = Ed25519Key.from_multibase(OB_KEY_PAIR["publicKeyMultibase"])
METHOD_ID = OB_KEY_PAIR["verificationMethod"]  # issuer id + "#" + Multikey


class Site:
    """Documents served by URL, recording what was fetched."""

    def __init__(self, documents: Mapping[str, Mapping[str, Any]]) -> None:
        self.documents = documents
        self.fetched: list[str] = []

    def __call__(self, url: str) -> Mapping[str, Any]:
        self.fetched.append(url)
        if url not in self.documents:
            raise OSError(f"404 {url}")
        return self.documents[url]


def issuer_profile(**extra: Any) -> dict[str, Any]:
    return {
        "id": ISSUER,
        "type": "Profile",
        "verificationMethod": [
            {
                "id": METHOD_ID,
                "type": "Multikey",
                "controller": ISSUER,
                "publicKeyMultibase": OB_KEY_PAIR["publicKeyMultibase"],
            }
        ],
        **extra,
    }


def test_did_key_resolves_offline_with_every_relationship() -> None:
    key = Ed25519Key.generate()

    method = Resolver().resolve(key.did_key_verification_method)

    assert method.public_key == key.public
    assert method.controller == key.did_key
    assert method.confirmed
    assert {"assertionMethod", "authentication"} <= method.purposes


def test_did_key_without_fragment_resolves_to_its_key() -> None:
    key = Ed25519Key.generate()
    assert Resolver().resolve(key.did_key).public_key == key.public


def test_did_key_with_a_foreign_fragment_is_refused() -> None:
    key = Ed25519Key.generate()
    with pytest.raises(KeyResolutionError):
        Resolver().resolve(f"{key.did_key}#key-1")


def test_did_web_is_off_by_default() -> None:
    with pytest.raises(KeyResolutionError, match="did:web resolution is off"):
        Resolver().resolve("did:web:example.com#key-1")


def test_did_web_fetches_the_did_document_from_its_url() -> None:
    key = Ed25519Key.generate()
    did = "did:web:example.com%3A8443:issuers:alice"
    site = Site(
        {"https://example.com:8443/issuers/alice/did.json": did_web_document(did=did, keys=[key])}
    )

    method = Resolver(fetch_json=site).resolve(f"{did}#{key.public_multibase}")

    assert method.public_key == key.public
    assert method.controller == did
    assert method.purposes == {"assertionMethod", "authentication"}
    assert site.fetched == ["https://example.com:8443/issuers/alice/did.json"]


def test_did_web_document_for_another_did_is_refused() -> None:
    key = Ed25519Key.generate()
    document = did_web_document(did="did:web:evil.example", keys=[key])
    site = Site({"https://example.com/.well-known/did.json": document})
    with pytest.raises(KeyResolutionError, match="id"):
        Resolver(fetch_json=site).resolve(f"did:web:example.com#{key.public_multibase}")


def test_issuer_fragment_key_is_accepted_offline_but_unconfirmed() -> None:
    method = Resolver().resolve(METHOD_ID)

    assert method.public_key == ISSUER_KEY.public
    assert method.controller == ISSUER
    assert not method.confirmed
    assert method.purposes == frozenset()


def test_issuer_url_without_a_multikey_fragment_needs_the_network() -> None:
    with pytest.raises(KeyResolutionError, match="network resolution is off"):
        Resolver().resolve(f"{ISSUER}#key-1")


def test_issuer_profile_listing_the_key_for_assertion_confirms_it() -> None:
    site = Site({ISSUER: issuer_profile(assertionMethod=[METHOD_ID])})

    method = Resolver(fetch_json=site).resolve(METHOD_ID)

    assert method.confirmed
    assert method.public_key == ISSUER_KEY.public
    assert "assertionMethod" in method.purposes
    assert site.fetched == [ISSUER]


def test_issuer_profile_with_relative_references_confirms_the_key() -> None:
    fragment = METHOD_ID.split("#")[1]
    profile = issuer_profile(assertionMethod=[f"#{fragment}"])
    profile["verificationMethod"][0]["id"] = f"#{fragment}"

    method = Resolver(fetch_json=Site({ISSUER: profile})).resolve(METHOD_ID)

    assert method.purposes == {"assertionMethod"}


def test_profile_with_only_authentication_does_not_grant_assertion() -> None:
    site = Site({ISSUER: issuer_profile(authentication=[METHOD_ID])})
    method = Resolver(fetch_json=site).resolve(METHOD_ID)
    assert method.purposes == {"authentication"}


def test_profile_without_relationship_lists_implies_assertion() -> None:
    method = Resolver(fetch_json=Site({ISSUER: issuer_profile()})).resolve(METHOD_ID)
    assert method.purposes == {"assertionMethod"}


def test_profile_that_does_not_list_the_key_is_refused() -> None:
    other = Ed25519Key.generate()
    site = Site({ISSUER: issuer_profile()})
    with pytest.raises(KeyResolutionError, match="not listed"):
        Resolver(fetch_json=site).resolve(f"{ISSUER}#{other.public_multibase}")


def test_json_web_key_in_a_profile_resolves() -> None:
    key = Ed25519Key.generate()
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": _b64url(key.public)}
    method_entry = {
        "id": f"{ISSUER}#jwk",
        "type": "JsonWebKey",
        "controller": ISSUER,
        "publicKeyJwk": jwk,
    }
    site = Site(
        {
            ISSUER: {
                "id": ISSUER,
                "verificationMethod": [method_entry],
                "assertionMethod": [f"{ISSUER}#jwk"],
            }
        }
    )

    method = Resolver(fetch_json=site).resolve(f"{ISSUER}#jwk")

    assert method.public_key == key.public
    assert method.type == "JsonWebKey"


def test_key_controlled_by_someone_else_is_refused() -> None:
    profile = issuer_profile()
    profile["verificationMethod"][0]["controller"] = "https://evil.example/issuer"
    with pytest.raises(KeyResolutionError, match="controlled by"):
        Resolver(fetch_json=Site({ISSUER: profile})).resolve(METHOD_ID)


def test_standalone_key_document_is_checked_against_its_controller() -> None:
    key_url = "https://example.edu/keys/1"
    key_document = {
        "id": key_url,
        "type": "Multikey",
        "controller": ISSUER,
        "publicKeyMultibase": OB_KEY_PAIR["publicKeyMultibase"],
    }
    profile = {"id": ISSUER, "verificationMethod": [key_document], "assertionMethod": [key_url]}
    site = Site({key_url: key_document, ISSUER: profile})

    method = Resolver(fetch_json=site).resolve(key_url)

    assert method.public_key == ISSUER_KEY.public
    assert site.fetched == [key_url, ISSUER]


def test_unreachable_profile_is_a_resolution_error() -> None:
    with pytest.raises(KeyResolutionError, match="cannot fetch"):
        Resolver(fetch_json=Site({})).resolve(METHOD_ID)


@pytest.mark.parametrize(
    ("method_id", "reason"),
    [
        ("did:example:z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x", "did:example"),
        ("xxx:z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x", "scheme xxx:"),
        ("z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x", "scheme"),
        ("", "missing"),
    ],
)
def test_unknown_methods_and_schemes_are_refused(method_id: str, reason: str) -> None:
    with pytest.raises(KeyResolutionError, match=reason):
        Resolver().resolve(method_id)


@pytest.mark.parametrize("url", ["http://example.com/did.json", "file:///etc/passwd", "ftp://x/y"])
def test_https_fetch_refuses_other_schemes_before_connecting(url: str) -> None:
    with pytest.raises(KeyResolutionError, match="only https"):
        https_fetch_json(url)
    with pytest.raises(InvalidInputError, match="only https"):
        https_get(url)


def test_https_fetch_refuses_a_redirect_off_https() -> None:
    request = Request("https://example.com/did.json")
    with pytest.raises(URLError, match="non-https"):
        _HttpsOnlyRedirects().redirect_request(
            request, None, 302, "Found", HTTPMessage(), "http://example.com/did.json"
        )


@pytest.mark.parametrize(
    ("content_type", "body", "reason"),
    [
        ("text/html", b"{}", "not JSON"),
        ("application/json", b"{" + b" " * 100 + b"}", "more than"),
        ("application/did+json", b"[1]", "JSON object"),
        ("application/json", b"{nope", "valid JSON"),
    ],
)
def test_https_fetch_body_checks(content_type: str, body: bytes, reason: str) -> None:
    with pytest.raises(KeyResolutionError, match=reason):
        _parse_json_body("https://example.com/x", content_type, body, 50)


def test_https_fetch_accepts_a_json_object() -> None:
    body = b'{"id": "did:web:example.com"}'
    assert _parse_json_body("https://e/x", "application/did+json", body, 1000) == {
        "id": "did:web:example.com"
    }


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def test_a_urn_controller_with_a_multikey_fragment_resolves_unconfirmed() -> None:
    key = Ed25519Key.generate()
    method_id = f"urn:uuid:4ca4d8d1-47ad-4b84-b35c-1f1e5b3b7c0a#{key.public_multibase}"
    method = Resolver().resolve(method_id)
    assert method.public_key == key.public
    assert method.controller == "urn:uuid:4ca4d8d1-47ad-4b84-b35c-1f1e5b3b7c0a"
    assert method.confirmed is False


def test_a_urn_without_a_key_in_its_fragment_is_unresolvable() -> None:
    with pytest.raises(KeyResolutionError):
        Resolver().resolve("urn:uuid:4ca4d8d1-47ad-4b84-b35c-1f1e5b3b7c0a#key-1")
