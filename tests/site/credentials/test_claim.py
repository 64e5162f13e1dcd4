"""Claiming: the learner whose verified address received the award adds it to their account."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from tests.site.conftest import make_user

from mixtape_site.credentials import services
from mixtape_site.credentials.services import credential_claim, credential_revoke


def _url(credential):
    return f"/claim/{credential.claim_token}"


def test_learner_with_the_verified_address_claims_the_credential(issued_credential):
    learner = make_user("Learner@Example.org")  # capitals as typed at sign-up
    credential = credential_claim(token=issued_credential.claim_token, user=learner)
    assert credential.claimed_by == learner and credential.claimed_at is not None
    again = credential_claim(token=issued_credential.claim_token, user=learner)
    assert again.claimed_by == learner  # claiming twice is harmless


def test_a_secondary_verified_address_counts(issued_credential):
    learner = make_user("lea@personal.example")
    EmailAddress.objects.create(user=learner, email="learner@example.org", verified=True)
    assert credential_claim(token=issued_credential.claim_token, user=learner).claimed_by


def test_an_unverified_address_is_not_enough(issued_credential):
    learner = make_user("learner@example.org", verified=False)
    with pytest.raises(ValidationError) as error:
        credential_claim(token=issued_credential.claim_token, user=learner)
    assert error.value.messages == [services.CLAIM_EMAIL_MISMATCH]


def test_someone_else_cannot_claim_it(issued_credential, outsider):
    with pytest.raises(ValidationError) as error:
        credential_claim(token=issued_credential.claim_token, user=outsider)
    assert error.value.messages == [services.CLAIM_EMAIL_MISMATCH]
    issued_credential.refresh_from_db()
    assert issued_credential.claimed_by is None


def test_a_claimed_credential_stays_with_its_account(issued_credential, outsider):
    learner = make_user("learner@example.org")
    credential_claim(token=issued_credential.claim_token, user=learner)
    EmailAddress.objects.create(user=outsider, email="LEARNER@example.org", verified=False)
    with pytest.raises(ValidationError) as error:
        credential_claim(token=issued_credential.claim_token, user=outsider)
    assert error.value.messages == [services.CLAIM_TAKEN]


def test_a_revoked_credential_cannot_be_claimed(issued_credential, issuer_staff):
    credential_revoke(credential=issued_credential, reason="Error", actor=issuer_staff)
    learner = make_user("learner@example.org")
    with pytest.raises(ValidationError) as error:
        credential_claim(token=issued_credential.claim_token, user=learner)
    assert error.value.messages == [services.CLAIM_REVOKED]


def test_claim_page_invites_a_signed_out_visitor_to_sign_in(client, issued_credential):
    response = client.get(_url(issued_credential))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Data Analysis Fundamentals" in page
    assert "l•••@example.org" in page and "learner@example.org" not in page
    assert f"/accounts/login/?next=%2Fclaim%2F{issued_credential.claim_token}" in page
    assert "/accounts/signup/?next=" in page
    assert "no-store" in response["Cache-Control"]


def test_signed_in_learner_adds_it_with_one_button(client, issued_credential):
    learner = make_user("learner@example.org")
    client.force_login(learner)
    assert "Add to my account" in client.get(_url(issued_credential)).content.decode()
    response = client.post(_url(issued_credential), follow=True)
    assert "The credential is now in your account." in response.content.decode()
    issued_credential.refresh_from_db()
    assert issued_credential.claimed_by == learner


def test_wrong_account_sees_a_clear_message_and_no_button(client, issued_credential, outsider):
    client.force_login(outsider)
    page = client.get(_url(issued_credential)).content.decode()
    assert "Add to my account" not in page
    assert "awarded to another e-mail address" in page
    response = client.post(_url(issued_credential), follow=True)
    assert "awarded to another e-mail address" in response.content.decode()
    issued_credential.refresh_from_db()
    assert issued_credential.claimed_by is None


def test_posting_signed_out_sends_to_sign_in(client, issued_credential):
    response = client.post(_url(issued_credential))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_unknown_claim_link_is_404(client, db):
    assert client.get("/claim/not-a-real-token").status_code == 404
