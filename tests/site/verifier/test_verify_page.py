"""The public verifier: paste or upload anything the core reads, get `mixtape verify`'s report."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from tests.support import CONFORMANCE

from mixtape import Ed25519Key, create_presentation, sign_presentation
from mixtape.inputs import MAX_DOCUMENT_BYTES
from mixtape_site.credentials.images import badge_png
from mixtape_site.credentials.services import credential_revoke
from mixtape_site.verifier.forms import (
    INPUT_BAD_IMAGE,
    INPUT_MISSING,
    INPUT_NOT_CREDENTIAL,
    INPUT_TOO_LARGE,
    INPUT_UNREADABLE,
)

URL = "/verify/"
JWT_SAMPLE = CONFORMANCE / "examples/ob-v3p0/1edtech-validator/simple.jwt"


@pytest.fixture
def document(issued_credential: Any) -> dict[str, Any]:
    return copy.deepcopy(issued_credential.document)


def _post(client: Client, **data: Any) -> Any:
    response = client.post(URL, data)
    assert response.status_code == 200
    return response


def _text(response: Any) -> str:
    return response.content.decode()


def _signed_presentation(document: dict[str, Any], *, challenge: str) -> dict[str, Any]:
    key = Ed25519Key.generate()
    presentation = create_presentation(credentials=[document], holder=key.did_key)
    return sign_presentation(
        presentation,
        key=key,
        verification_method=key.did_key_verification_method,
        challenge=challenge,
        domain="employer.example",
    )


def test_page_is_public_with_a_csrf_protected_form(client: Client, db: None) -> None:
    response = client.get(reverse("verifier:verify"))
    assert response.status_code == 200
    assert reverse("verifier:verify") == URL
    assert 'name="csrfmiddlewaretoken"' in _text(response)
    assert 'enctype="multipart/form-data"' in _text(response)
    assert "/vc-api/credentials/verify" in _text(response)


def test_post_without_csrf_token_is_refused(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, {"text": "{}"}).status_code == 403


def test_pasted_platform_credential_is_verified(client: Client, document: dict[str, Any]) -> None:
    response = _post(client, text=json.dumps(document))
    result = response.context["result"]
    assert result.verified
    assert result.summary.name == "Data Analysis Fundamentals"
    assert result.summary.issuer_name == "Northern College"
    assert "E-mail address, hashed" in result.summary.recipient_types
    assert {row.id: row.status for row in result.rows}["proof"] == "ok"
    assert "verification-verified" in _text(response)


def test_tampered_credential_fails_the_signature_check(
    client: Client, document: dict[str, Any]
) -> None:
    document["credentialSubject"]["achievement"]["name"] = "Brain Surgery"
    result = _post(client, text=json.dumps(document)).context["result"]
    assert not result.verified
    assert {row.id: row.status for row in result.rows}["proof"] == "failed"


def test_revoked_platform_credential_says_revoked(
    client: Client, issued_credential: Any, issuer_staff: Any
) -> None:
    credential_revoke(credential=issued_credential, reason="Issued in error.", actor=issuer_staff)
    result = _post(client, text=json.dumps(issued_credential.document)).context["result"]
    assert result.outcome == "revoked"


def test_uploaded_baked_png_is_verified(client: Client, issued_credential: Any) -> None:
    image = SimpleUploadedFile("badge.png", badge_png(issued_credential), "image/png")
    response = client.post(URL, {"file": image})
    assert response.status_code == 200
    assert response.context["result"].verified


def test_presentation_with_the_right_challenge_verifies(
    client: Client, document: dict[str, Any]
) -> None:
    presentation = _signed_presentation(document, challenge="nonce-123")
    response = _post(
        client, text=json.dumps(presentation), challenge="nonce-123", domain="employer.example"
    )
    result = response.context["result"]
    assert result.kind == "presentation"
    assert result.verified
    assert len(result.credentials) == 1 and result.credentials[0].verified
    assert result.holder.startswith("did:key:")


def test_presentation_with_the_wrong_challenge_fails_the_holder_proof(
    client: Client, document: dict[str, Any]
) -> None:
    presentation = _signed_presentation(document, challenge="nonce-123")
    result = _post(
        client, text=json.dumps(presentation), challenge="another", domain="employer.example"
    ).context["result"]
    assert not result.verified
    assert {row.id: row.status for row in result.rows}["proof"] == "failed"
    assert result.credentials[0].verified  # the credential itself is fine


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("this is not json", INPUT_UNREADABLE),
        ("[" * 5000 + "]" * 5000, INPUT_UNREADABLE),
        ('{"type": ["Thing"], "name": "<b>x</b>"}', INPUT_NOT_CREDENTIAL),
        ("   ", INPUT_MISSING),
    ],
    ids=["garbage", "nesting-bomb", "not-a-credential", "empty"],
)
def test_bad_pasted_input_gets_a_message_and_keeps_the_text(
    client: Client, db: None, text: str, message: str
) -> None:
    response = _post(client, text=text)
    assert response.context["result"] is None
    assert str(message) in _text(response).replace("&#x27;", "'")
    if text.strip():
        assert response.context["form"]["text"].value() == text
    assert 'aria-invalid="true"' in _text(response) or message is INPUT_MISSING


def test_too_large_upload_is_refused(client: Client, db: None) -> None:
    big = SimpleUploadedFile("big.json", b" " * (MAX_DOCUMENT_BYTES + 1), "application/json")
    response = _post(client, file=big)
    assert str(INPUT_TOO_LARGE % {"limit": 2}) in _text(response)
    assert response.context["result"] is None


def test_corrupt_image_is_refused(client: Client, db: None) -> None:
    broken = SimpleUploadedFile("badge.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
    response = _post(client, file=broken)
    assert str(INPUT_BAD_IMAGE) in _text(response).replace("&#x27;", "'")


def test_french_page_shows_french_check_messages(client: Client, document: dict[str, Any]) -> None:
    document["credentialSubject"]["achievement"]["nameMap"]["fr"] = "Chirurgie falsifiée"
    response = client.post(URL, {"text": json.dumps(document)}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    page = _text(response)
    assert 'lang="fr"' in page
    assert "la signature n&#x27;est pas valide" in page
    assert "Chirurgie falsifiée" in page


def test_uploaded_baked_svg_is_verified(client: Client, issued_credential: Any) -> None:
    from mixtape_site.credentials.images import badge_svg  # noqa: PLC0415

    image = SimpleUploadedFile("badge.svg", badge_svg(issued_credential).encode(), "image/svg+xml")
    response = client.post(URL, {"file": image})
    assert response.status_code == 200
    assert response.context["result"].verified


def test_pasted_vc_jwt_gets_a_report_not_a_form_error(client: Client, db: None) -> None:
    # The 1EdTech sample names no key (no jwk, no kid): a report says so, in a failed check.
    token = JWT_SAMPLE.read_text(encoding="utf-8").strip()
    response = _post(client, text=token)
    assert not response.context["form"].errors
    result = response.context["result"]
    assert result.kind == "credential" and not result.verified
    assert [(row.id, row.status) for row in result.rows] == [("structure", "failed")]
    assert "no key to verify with" in _text(response)


def test_empty_post_and_both_inputs_get_a_message(client: Client, db: None) -> None:
    from mixtape_site.verifier.forms import INPUT_BOTH  # noqa: PLC0415

    assert str(INPUT_MISSING) in _text(_post(client))
    upload = SimpleUploadedFile("c.json", b"{}", "application/json")
    response = _post(client, text='{"a": 1}', file=upload)
    assert str(INPUT_BOTH) in _text(response)
    assert response.context["form"]["text"].value() == '{"a": 1}'
