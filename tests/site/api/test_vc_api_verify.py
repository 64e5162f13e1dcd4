"""VC-API verification: public, 200 with ``verified`` whatever the credential holds."""

from __future__ import annotations

import copy

from mixtape import Ed25519Key, create_presentation, sign_presentation

from .conftest import post_json

VERIFY = "/vc-api/credentials/verify"
VERIFY_PRESENTATION = "/vc-api/presentations/verify"


def test_a_platform_credential_verifies(client, issued_credential):
    response = post_json(client, VERIFY, {"verifiableCredential": issued_credential.document})
    assert response.status_code == 200
    result = response.json()
    assert result["verified"] is True, result
    assert result["errors"] == []
    assert {"proof", "status"} <= set(result["checks"])


def test_a_tampered_credential_does_not_verify(client, issued_credential):
    tampered = copy.deepcopy(issued_credential.document)
    tampered["credentialSubject"]["achievement"]["name"] = "Brain Surgery"
    response = post_json(client, VERIFY, {"verifiableCredential": tampered})
    assert response.status_code == 200
    result = response.json()
    assert result["verified"] is False
    assert "proof" in [error["id"] for error in result["errors"]]
    assert all(error["type"].startswith("https://www.w3.org/") for error in result["errors"])


def test_a_non_credential_is_reported_not_verified(client, db):
    response = post_json(client, VERIFY, {"verifiableCredential": {"hello": "world"}})
    assert response.status_code == 200
    assert response.json()["verified"] is False


def test_verify_rejects_a_malformed_body(client, db):
    assert post_json(client, VERIFY, "{oops").status_code == 400
    assert post_json(client, VERIFY, {"credential": {}}).status_code == 400


def _presentation(document, *, challenge, domain):
    holder_key = Ed25519Key.generate()
    presentation = create_presentation(credentials=[document], holder=holder_key.did_key)
    return sign_presentation(
        presentation,
        key=holder_key,
        verification_method=holder_key.did_key_verification_method,
        challenge=challenge,
        domain=domain,
    )


def test_a_presentation_signed_by_its_holder_verifies(client, issued_credential):
    signed = _presentation(issued_credential.document, challenge="n-0451", domain="hr.example")
    body = {
        "verifiablePresentation": signed,
        "options": {"challenge": "n-0451", "domain": "hr.example"},
    }
    response = post_json(client, VERIFY_PRESENTATION, body)
    assert response.status_code == 200
    result = response.json()
    assert result["verified"] is True, result
    assert [r["verified"] for r in result["credentialResults"]] == [True]


def test_a_presentation_for_another_challenge_does_not_verify(client, issued_credential):
    signed = _presentation(issued_credential.document, challenge="n-0451", domain="hr.example")
    body = {
        "verifiablePresentation": signed,
        "options": {"challenge": "another", "domain": "hr.example"},
    }
    result = post_json(client, VERIFY_PRESENTATION, body).json()
    assert result["verified"] is False
    assert "proof" in [error["id"] for error in result["errors"]]
