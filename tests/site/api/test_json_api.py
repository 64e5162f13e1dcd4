"""JSON API v1: the public catalogue and an organization's awards."""

from __future__ import annotations

from mixtape import verify
from mixtape_site.achievements.documents import achievement_url
from mixtape_site.achievements.models import Achievement
from mixtape_site.api import errors
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.issuers.resolver import platform_resolver

from .conftest import get_json, make_achievement, post_json

ACHIEVEMENTS = "/api/v1/achievements"
AWARDS = "/api/v1/awards"


def test_catalogue_lists_published_achievements_only(client, published_achievement, employer):
    make_achievement(published_achievement.organization, status=Achievement.Status.DRAFT)
    make_achievement(employer, name="Forklift safety")
    response = get_json(client, ACHIEVEMENTS)
    assert response.status_code == 200
    page = response.json()
    assert page["count"] == 2
    names = {item["name"]["en"] for item in page["items"]}
    assert names == {"Data Analysis Fundamentals", "Forklift safety"}
    ours = next(i for i in page["items"] if i["uuid"] == str(published_achievement.uuid))
    assert ours["id"] == achievement_url(published_achievement)
    assert ours["organization"] == "northern-college"


def test_catalogue_filters_by_organization_and_text(client, published_achievement, employer):
    make_achievement(employer, name="Forklift safety")
    by_org = get_json(client, ACHIEVEMENTS, organization="maple-tech").json()
    assert [i["name"]["en"] for i in by_org["items"]] == ["Forklift safety"]
    by_text = get_json(client, ACHIEVEMENTS, q="analyse de données").json()
    assert [i["uuid"] for i in by_text["items"]] == [str(published_achievement.uuid)]


def test_achievement_detail_is_the_ob3_achievement(client, published_achievement, college):
    response = get_json(client, f"{ACHIEVEMENTS}/{published_achievement.uuid}")
    assert response.status_code == 200
    document = response.json()
    assert document["id"] == achievement_url(published_achievement)
    assert "Achievement" in document["type"]
    draft = make_achievement(college, status=Achievement.Status.DRAFT)
    assert get_json(client, f"{ACHIEVEMENTS}/{draft.uuid}").status_code == 404


def test_awards_list_is_the_token_organizations_only(
    client, issued_credential, college_token, employer_token
):
    page = get_json(client, AWARDS, token=college_token).json()
    assert page["count"] == 1
    item = page["items"][0]
    assert item["uuid"] == str(issued_credential.uuid)
    assert item["recipient_email"] == "learner@example.org"
    assert item["state"] == "active" and item["claimed"] is False
    assert get_json(client, AWARDS, token=employer_token).json()["count"] == 0
    other = get_json(client, f"{AWARDS}/{issued_credential.uuid}", token=employer_token)
    assert other.status_code == 404


def test_awards_filter_by_state_achievement_and_text(client, issued_credential, college_token):
    def count(**params):
        return get_json(client, AWARDS, token=college_token, **params).json()["count"]

    assert count(state="active") == 1 and count(state="revoked") == 0
    assert count(achievement=str(issued_credential.achievement.uuid)) == 1
    assert count(q="tremblay") == 1 and count(q="nobody") == 0
    bad = get_json(client, AWARDS, token=college_token, state="lost")
    assert bad.status_code == 400


def test_award_detail_carries_the_signed_credential(client, issued_credential, college_token):
    response = get_json(client, f"{AWARDS}/{issued_credential.uuid}", token=college_token)
    assert response.status_code == 200
    assert response.json()["credential"] == issued_credential.document


def test_create_award_issues_once(client, published_achievement, college_token):
    body = {
        "achievement": str(published_achievement.uuid),
        "recipient": {"name": "Amira Haddad", "email": "Amira@Example.org"},
        "issued_on": "2025-05-01T09:00:00-04:00",
        "result": "A",
        "external_id": "STU-42",
    }
    first = post_json(client, AWARDS, body, token=college_token)
    assert first.status_code == 201, first.content
    assert verify(first.json()["credential"], resolver=platform_resolver()).verified
    again = post_json(client, AWARDS, body, token=college_token)
    assert again.status_code == 200
    assert again.json()["uuid"] == first.json()["uuid"]
    assert IssuedCredential.objects.get().external_id == "STU-42"


def test_create_award_refuses_other_organizations_and_bad_input(
    client, published_achievement, employer_token, college_token
):
    body = {
        "achievement": str(published_achievement.uuid),
        "recipient": {"name": "Amira Haddad", "email": "amira@example.org"},
    }
    response = post_json(client, AWARDS, body, token=employer_token)
    assert response.status_code == 422
    assert response.json()["error"]["message"] == str(errors.ACHIEVEMENT_UNKNOWN)
    blank_name = {**body, "recipient": {"name": "   ", "email": "amira@example.org"}}
    refused = post_json(client, AWARDS, blank_name, token=college_token)
    assert refused.status_code == 422
    assert (
        post_json(
            client, AWARDS, {**body, "evidence_url": "ftp://x"}, token=college_token
        ).status_code
        == 400
    )
    assert post_json(client, AWARDS, body).status_code == 401
    assert not IssuedCredential.objects.exists()
