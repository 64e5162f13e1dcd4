"""VC-API issuing: an organization's system issues its own published achievements."""

from __future__ import annotations

from mixtape import verify
from mixtape_site.achievements.models import Achievement
from mixtape_site.api import errors
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.issuers.identity import organization_did
from mixtape_site.issuers.resolver import platform_resolver

from .conftest import issue_body, make_achievement, post_json

ISSUE = "/vc-api/credentials/issue"


def test_issue_returns_a_signed_credential_that_verifies(
    client, published_achievement, college_token
):
    response = post_json(client, ISSUE, issue_body(published_achievement), token=college_token)
    assert response.status_code == 201, response.content
    signed = response.json()["verifiableCredential"]
    assert verify(signed, resolver=platform_resolver()).verified
    stored = IssuedCredential.objects.get()
    assert stored.recipient_email == "amira@example.org"
    assert stored.achievement == published_achievement
    assert signed == stored.document


def test_issue_by_achievement_uuid_and_twice_gives_the_same_credential(
    client, published_achievement, college_token
):
    body = issue_body(published_achievement, achievement=str(published_achievement.uuid))
    del body["credential"]["credentialSubject"]
    body["credential"]["issuer"] = organization_did(published_achievement.organization)
    body["credential"]["validFrom"] = "2025-03-01T10:00:00-05:00"
    first = post_json(client, ISSUE, body, token=college_token)
    again = post_json(client, ISSUE, body, token=college_token)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert IssuedCredential.objects.get().issued_on.isoformat().startswith("2025-03-01T15:00")


def test_issue_refuses_another_organizations_achievement(
    client, employer, employer_token, published_achievement
):
    response = post_json(client, ISSUE, issue_body(published_achievement), token=employer_token)
    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "achievement_unknown",
        "message": str(errors.ACHIEVEMENT_UNKNOWN),
    }
    assert not IssuedCredential.objects.exists()


def test_issue_refuses_a_draft_achievement(client, college, college_token):
    draft = make_achievement(college, status=Achievement.Status.DRAFT)
    response = post_json(client, ISSUE, issue_body(draft), token=college_token)
    assert response.status_code == 422
    assert response.json()["error"]["message"] == str(errors.ACHIEVEMENT_NOT_PUBLISHED)


def test_issue_refuses_a_foreign_achievement_url_or_issuer(
    client, published_achievement, college_token
):
    body = issue_body(published_achievement)
    body["credential"]["credentialSubject"]["achievement"]["id"] = "https://elsewhere.example/a/1"
    assert post_json(client, ISSUE, body, token=college_token).status_code == 422
    body = issue_body(published_achievement)
    body["credential"]["issuer"] = {"id": "did:web:elsewhere.example"}
    response = post_json(client, ISSUE, body, token=college_token)
    assert response.json()["error"]["code"] == "issuer_mismatch"


def test_issue_without_an_achievement_or_with_a_future_date_is_refused(
    client, published_achievement, college_token
):
    body = issue_body(published_achievement)
    del body["credential"]["credentialSubject"]
    response = post_json(client, ISSUE, body, token=college_token)
    assert response.json()["error"]["message"] == str(errors.ACHIEVEMENT_MISSING)
    body = issue_body(published_achievement)
    body["credential"]["validFrom"] = "2999-01-01T00:00:00Z"
    assert post_json(client, ISSUE, body, token=college_token).status_code == 422
    assert not IssuedCredential.objects.exists()


def test_malformed_json_is_a_400(client, college_token, db):
    response = post_json(client, ISSUE, '{"credential": ', token=college_token)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == str(errors.MALFORMED_JSON)


def test_body_not_matching_the_schema_is_a_400(client, published_achievement, college_token):
    body = issue_body(published_achievement)
    body["options"]["recipient"]["email"] = "not-an-address"
    response = post_json(client, ISSUE, body, token=college_token)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert error["details"][0]["loc"][-1] == "email"
    assert post_json(client, ISSUE, [1, 2], token=college_token).status_code == 400


def test_body_over_one_megabyte_is_refused_before_parsing(client, college_token, db):
    huge = '{"credential": {"padding": "' + "x" * (1024 * 1024) + '"}}'
    response = post_json(client, ISSUE, huge, token=college_token)
    assert response.status_code == 413
    assert response.json()["error"]["message"] == str(errors.BODY_TOO_LARGE)


def test_body_over_the_server_limit_is_refused_too(client, college_token, db):
    huge = '{"credential": {"padding": "' + "x" * (6 * 1024 * 1024) + '"}}'
    assert post_json(client, ISSUE, huge, token=college_token).status_code == 413


def test_issue_without_a_token_is_a_401(client, published_achievement):
    response = post_json(client, ISSUE, issue_body(published_achievement))
    assert response.status_code == 401
    assert not IssuedCredential.objects.exists()
