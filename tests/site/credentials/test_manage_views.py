"""Issuer pages: award, list, detail with status changes, audit trail; members only."""

from __future__ import annotations

import pytest
from django.utils import timezone

from mixtape_site.credentials import services
from mixtape_site.credentials.models import IssuedCredential, StatusChange
from mixtape_site.credentials.services import Recipient, credential_issue, credential_revoke
from mixtape_site.credentials.views_manage import AWARD_ALREADY_ISSUED, AWARD_ISSUED

AWARD = {
    "name": "Sam Learner",
    "email": "sam@example.org",
    "result": "A",
    "evidence_url": "https://portfolio.example/sam",
    "external_id": "S-1",
}


def _award_url(achievement):
    return f"/manage/{achievement.organization.slug}/achievements/{achievement.uuid}/award/"


def _detail_url(credential):
    return f"/manage/{credential.organization.slug}/credentials/{credential.uuid}/"


def _management_urls(credential):
    org = credential.organization.slug
    return [
        _award_url(credential.achievement),
        f"/manage/{org}/credentials/",
        _detail_url(credential),
        f"/manage/{org}/revocations/",
    ]


def test_award_form_issues_and_shows_the_credential(client, issuer_staff, published_achievement):
    client.force_login(issuer_staff)
    form = client.get(_award_url(published_achievement))
    assert form.status_code == 200
    assert f'value="{timezone.localdate().isoformat()}"' in form.content.decode()
    data = {**AWARD, "issued_on": timezone.localdate().isoformat()}
    response = client.post(_award_url(published_achievement), data, follow=True)
    credential = IssuedCredential.objects.get()
    assert response.redirect_chain[-1][0] == _detail_url(credential)
    page = response.content.decode()
    assert str(AWARD_ISSUED) in page and "sam@example.org" in page
    assert (credential.result, credential.external_id) == ("A", "S-1")
    assert credential.issued_by == issuer_staff


def test_awarding_again_says_nothing_was_issued_twice(client, issuer_staff, published_achievement):
    client.force_login(issuer_staff)
    data = {**AWARD, "issued_on": timezone.localdate().isoformat()}
    client.post(_award_url(published_achievement), data)
    response = client.post(_award_url(published_achievement), data, follow=True)
    assert str(AWARD_ALREADY_ISSUED) in response.content.decode()
    assert IssuedCredential.objects.count() == 1


def test_award_form_errors_keep_what_was_typed(client, issuer_staff, published_achievement):
    client.force_login(issuer_staff)
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    data = {**AWARD, "email": "not-an-address", "issued_on": tomorrow}
    response = client.post(_award_url(published_achievement), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Sam Learner"' in page and 'value="not-an-address"' in page
    assert 'value="S-1"' in page
    assert 'aria-invalid="true"' in page and 'id="id_email_error"' in page
    assert str(services.ISSUE_DATE_IN_FUTURE) in page
    assert not IssuedCredential.objects.exists()


def test_award_of_a_draft_is_refused_with_a_message(client, issuer_staff, published_achievement):
    published_achievement.status = "draft"
    published_achievement.save()
    client.force_login(issuer_staff)
    data = {**AWARD, "issued_on": timezone.localdate().isoformat()}
    response = client.post(_award_url(published_achievement), data)
    assert response.status_code == 400
    assert str(services.ACHIEVEMENT_NOT_PUBLISHED) in response.content.decode()
    assert not IssuedCredential.objects.exists()


def test_list_searches_and_filters(client, issuer_staff, issued_credential, published_achievement):
    credential_issue(
        achievement=published_achievement,
        recipient=Recipient(name="Omar Other", email="omar@example.org", external_id="X-9"),
        issued_by=issuer_staff,
    )
    credential_revoke(credential=issued_credential, reason="Error", actor=issuer_staff)
    client.force_login(issuer_staff)
    url = "/manage/northern-college/credentials/"
    page = client.get(url).content.decode()
    assert "Léa Tremblay" in page and "Omar Other" in page
    for query in ({"q": "x-9"}, {"q": "omar@"}, {"state": "active"}):
        page = client.get(url, query).content.decode()
        assert "Omar Other" in page and "Léa Tremblay" not in page, query
    page = client.get(url, {"state": "revoked", "achievement": published_achievement.uuid})
    assert "Léa Tremblay" in page.content.decode()
    assert "Omar Other" not in page.content.decode()


def test_list_is_paginated(client, issuer_staff, issued_credential, monkeypatch):
    monkeypatch.setattr("mixtape_site.credentials.views_manage.PAGE_SIZE", 1)
    credential_issue(
        achievement=issued_credential.achievement,
        recipient=Recipient(name="Omar Other", email="omar@example.org"),
        issued_by=issuer_staff,
    )
    client.force_login(issuer_staff)
    first = client.get("/manage/northern-college/credentials/").content.decode()
    assert "Page 1 of 2" in first and "page=2" in first


def test_revoke_from_the_detail_page_needs_a_reason(client, issuer_staff, issued_credential):
    client.force_login(issuer_staff)
    url = f"{_detail_url(issued_credential)}status/"
    refused = client.post(url, {"action": "revoke", "revoke-reason": " "})
    assert refused.status_code == 400
    issued_credential.refresh_from_db()
    assert issued_credential.state == IssuedCredential.State.ACTIVE
    response = client.post(
        url, {"action": "revoke", "revoke-reason": "Issued by mistake"}, follow=True
    )
    assert "The credential is revoked." in response.content.decode()
    issued_credential.refresh_from_db()
    assert issued_credential.state == IssuedCredential.State.REVOKED
    audit = client.get("/manage/northern-college/revocations/").content.decode()
    assert "Issued by mistake" in audit and "Léa Tremblay" in audit


def test_suspend_and_reinstate_from_the_detail_page(client, college_admin, issued_credential):
    client.force_login(college_admin)
    url = f"{_detail_url(issued_credential)}status/"
    client.post(url, {"action": "suspend", "suspend-reason": "Review"})
    page = client.get(_detail_url(issued_credential)).content.decode()
    assert "Reinstate this credential" in page and "Suspend this credential" not in page
    client.post(url, {"action": "reinstate", "reinstate-reason": "Cleared"})
    assert list(StatusChange.objects.values_list("action", flat=True)) == ["reinstate", "suspend"]


def test_unknown_action_is_a_bad_request(client, issuer_staff, issued_credential):
    client.force_login(issuer_staff)
    url = f"{_detail_url(issued_credential)}status/"
    assert client.post(url, {"action": "delete", "delete-reason": "x"}).status_code == 400


@pytest.mark.parametrize("who", ["outsider", "employer_staff"])
def test_non_members_get_404_on_every_management_url(request, client, issued_credential, who):
    client.force_login(request.getfixturevalue(who))
    for url in _management_urls(issued_credential):
        assert client.get(url).status_code == 404, url
    status_url = f"{_detail_url(issued_credential)}status/"
    assert client.post(status_url, {"action": "revoke", "revoke-reason": "x"}).status_code == 404
    issued_credential.refresh_from_db()
    assert issued_credential.state == IssuedCredential.State.ACTIVE


def test_members_cannot_reach_another_organizations_objects_through_their_own(
    client, employer_staff, issued_credential
):
    client.force_login(employer_staff)
    base = "/manage/maple-tech"
    assert client.get(f"{base}/credentials/{issued_credential.uuid}/").status_code == 404
    award = f"{base}/achievements/{issued_credential.achievement.uuid}/award/"
    assert client.get(award).status_code == 404
    status_url = f"{base}/credentials/{issued_credential.uuid}/status/"
    assert client.post(status_url, {"action": "revoke", "revoke-reason": "x"}).status_code == 404
    listing = client.get(f"{base}/credentials/").content.decode()
    assert "Léa Tremblay" not in listing


def test_signed_out_visitors_are_sent_to_sign_in(client, issued_credential):
    for url in _management_urls(issued_credential):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
