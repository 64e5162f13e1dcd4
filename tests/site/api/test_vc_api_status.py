"""VC-API status updates: revoke, suspend and reinstate your organization's credentials."""

from __future__ import annotations

from mixtape import Status, verify
from mixtape_site.api import errors
from mixtape_site.credentials.models import IssuedCredential, StatusChange
from mixtape_site.credentials.verifying import status_list_fetch
from mixtape_site.issuers.resolver import platform_resolver

from .conftest import post_json

STATUS = "/vc-api/credentials/status"
VERIFY = "/vc-api/credentials/verify"


def status_body(credential, purpose, value, **extra):
    entry = {"type": "BitstringStatusListEntry", "status": value, "statusPurpose": purpose}
    return {"credentialId": credential.document["id"], "credentialStatus": [entry], **extra}


def live_report(credential):
    return verify(
        credential.document, resolver=platform_resolver(), status_fetcher=status_list_fetch
    )


def test_revoke_then_verify_fails_with_a_revocation(client, issued_credential, college_token):
    body = status_body(issued_credential, "revocation", True, reason="Issued in error")
    response = post_json(client, STATUS, body, token=college_token)
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "revoked"
    change = StatusChange.objects.get(credential=issued_credential)
    assert change.reason == "Issued in error"
    report = live_report(issued_credential)
    assert not report.verified
    # OB 3.0 allows one published status entry (the suspension one, see
    # credentials/documents.py): revoking sets that bit for good, so verifiers refuse it.
    assert report.check("status").status is Status.FAILED
    result = post_json(client, VERIFY, {"verifiableCredential": issued_credential.document})
    assert result.status_code == 200
    assert result.json()["verified"] is False
    assert [e["id"] for e in result.json()["errors"]] == ["status"]


def test_suspend_then_reinstate(client, issued_credential, college_token):
    suspend = status_body(issued_credential, "suspension", True)
    assert post_json(client, STATUS, suspend, token=college_token).json()["state"] == "suspended"
    assert not live_report(issued_credential).verified
    reinstate = status_body(issued_credential, "suspension", False, reason="Review cleared")
    response = post_json(client, STATUS, reinstate, token=college_token)
    assert response.json()["state"] == "active"
    assert live_report(issued_credential).verified
    reasons = list(StatusChange.objects.values_list("action", flat=True))
    assert sorted(reasons) == ["reinstate", "suspend"]


def test_status_accepts_the_credential_as_urn_uuid(client, issued_credential, college_token):
    body = status_body(issued_credential, "suspension", True)
    body["credentialId"] = f"urn:uuid:{issued_credential.uuid}"
    assert post_json(client, STATUS, body, token=college_token).status_code == 200


def test_revocation_cannot_be_undone(client, issued_credential, college_token):
    post_json(
        client, STATUS, status_body(issued_credential, "revocation", True), token=college_token
    )
    undo = status_body(issued_credential, "revocation", False)
    response = post_json(client, STATUS, undo, token=college_token)
    assert response.status_code == 422
    assert response.json()["error"]["message"] == str(errors.REVOCATION_PERMANENT)
    again = status_body(issued_credential, "suspension", False)
    assert post_json(client, STATUS, again, token=college_token).status_code == 200
    issued_credential.refresh_from_db()
    assert issued_credential.state == IssuedCredential.State.REVOKED


def test_another_organizations_credential_is_not_found(client, issued_credential, employer_token):
    body = status_body(issued_credential, "revocation", True)
    response = post_json(client, STATUS, body, token=employer_token)
    assert response.status_code == 404
    issued_credential.refresh_from_db()
    assert issued_credential.state == IssuedCredential.State.ACTIVE


def test_status_needs_a_token_and_a_known_purpose(client, issued_credential, college_token):
    body = status_body(issued_credential, "revocation", True)
    assert post_json(client, STATUS, body).status_code == 401
    body["credentialStatus"][0]["statusPurpose"] = "refresh"
    assert post_json(client, STATUS, body, token=college_token).status_code == 400
    assert not StatusChange.objects.exists()
