"""Issuing: a signed, schema-valid OB 3.0 credential, issued once, e-mailed on commit."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone
from tests.site.credentials.conftest import platform_verify

from mixtape.model.identity import IdentityObject
from mixtape.model.schema import schema_errors
from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials import services
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.services import Recipient, credential_issue


def _issue(achievement, staff, **recipient):
    recipient = {"name": "Sam Learner", "email": "sam@example.org", **recipient}
    return credential_issue(
        achievement=achievement, recipient=Recipient(**recipient), issued_by=staff
    )


def test_issued_credential_verifies_and_matches_the_ob_schema(issued_credential):
    report = platform_verify(issued_credential.document)
    assert report.verified, report.to_json()
    assert report.outcome == "valid", report.to_json()
    assert schema_errors(issued_credential.document) == []


def test_credential_names_the_achievement_issuer_and_public_url(issued_credential):
    document = issued_credential.document
    assert document["id"] == f"http://localhost:8000/credentials/{issued_credential.uuid}"
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["nameMap"] == {
        "en": "Data Analysis Fundamentals",
        "fr": "Fondements de l'analyse de données",
    }
    assert document["issuer"]["id"] == "did:web:localhost%3A8000:issuers:northern-college"
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["id"].endswith(f"/achievements/{issued_credential.achievement.uuid}")
    assert document["credentialStatus"]["type"] == "BitstringStatusListEntry"


def test_credential_identifies_the_learner_by_a_salted_hash_only(issued_credential):
    text = json.dumps(issued_credential.document, ensure_ascii=False)
    assert "learner@example.org" not in text
    assert "Léa Tremblay" not in text
    [identifier] = issued_credential.document["credentialSubject"]["identifier"]
    assert IdentityObject.from_json(identifier).matches("learner@example.org")


def test_issuing_twice_issues_nothing_new(published_achievement, issuer_staff):
    first = _issue(published_achievement, issuer_staff, email="Sam@Example.org ")
    again = _issue(published_achievement, issuer_staff, email="sam@example.org")
    assert first.created and not again.created
    assert again.credential.pk == first.credential.pk
    assert IssuedCredential.objects.count() == 1


def test_another_external_id_or_day_is_another_award(published_achievement, issuer_staff):
    _issue(published_achievement, issuer_staff)
    other_id = _issue(published_achievement, issuer_staff, external_id="S-2")
    earlier = _issue(
        published_achievement,
        issuer_staff,
        issued_on=timezone.make_aware(datetime(2024, 5, 1, 9, 0)),
    )
    assert other_id.created and earlier.created
    assert IssuedCredential.objects.count() == 3


@pytest.mark.parametrize("status", [Achievement.Status.DRAFT, Achievement.Status.RETIRED])
def test_issue_refuses_unpublished_achievement(published_achievement, issuer_staff, status):
    published_achievement.status = status
    published_achievement.save()
    with pytest.raises(ValidationError) as error:
        _issue(published_achievement, issuer_staff)
    assert error.value.messages == [services.ACHIEVEMENT_NOT_PUBLISHED]
    assert not IssuedCredential.objects.exists()


def test_issue_refuses_bad_recipient_details(published_achievement, issuer_staff):
    with pytest.raises(ValidationError) as error:
        _issue(
            published_achievement,
            issuer_staff,
            name="  ",
            email="not-an-address",
            evidence_url="javascript:alert(1)",
            issued_on=timezone.now() + timezone.timedelta(days=2),
        )
    assert error.value.message_dict == {
        "name": [services.RECIPIENT_NAME_REQUIRED],
        "email": [services.RECIPIENT_EMAIL_INVALID],
        "evidence_url": [services.EVIDENCE_URL_INVALID],
        "issued_on": [services.ISSUE_DATE_IN_FUTURE],
    }
    assert not IssuedCredential.objects.exists()


def test_result_and_evidence_are_part_of_the_signed_credential(published_achievement, issuer_staff):
    outcome = _issue(
        published_achievement,
        issuer_staff,
        result="A",
        evidence_url="https://portfolio.example/sam",
    )
    document = outcome.credential.document
    assert document["credentialSubject"]["result"] == [{"type": ["Result"], "value": "A"}]
    assert document["evidence"] == [{"id": "https://portfolio.example/sam", "type": ["Evidence"]}]
    assert platform_verify(document).verified


def test_validity_period_sets_valid_until(published_achievement, issuer_staff):
    published_achievement.validity_months = 1
    published_achievement.save()
    issued_on = timezone.make_aware(datetime(2024, 1, 31, 12, 0))
    credential = _issue(published_achievement, issuer_staff, issued_on=issued_on).credential
    assert credential.valid_until == issued_on.replace(month=2, day=29)
    assert credential.document["validUntil"] == "2024-02-29T17:00:00Z"
    assert not platform_verify(credential.document).verified  # expired by now


def test_issue_with_the_jcs_suite_verifies(published_achievement, issuer_staff):
    outcome = credential_issue(
        achievement=published_achievement,
        recipient=Recipient(name="Sam", email="sam@example.org"),
        issued_by=issuer_staff,
        suite="eddsa-jcs-2022",
    )
    assert outcome.credential.document["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert platform_verify(outcome.credential.document).verified


def test_award_email_goes_out_after_commit_with_the_claim_link(
    published_achievement, issuer_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        credential = _issue(published_achievement, issuer_staff).credential
        assert mail.outbox == []
    [message] = mail.outbox
    assert message.to == ["sam@example.org"]
    assert "Data Analysis Fundamentals" in message.subject
    claim = f"http://localhost:8000/claim/{credential.claim_token}"
    assert claim in message.body
    assert "Fondements de l'analyse de données" in message.body  # the French version too
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and claim in html


def test_a_repeated_award_sends_no_second_email(
    published_achievement, issuer_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _issue(published_achievement, issuer_staff)
        _issue(published_achievement, issuer_staff)
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_identical_awards_issue_one_credential(published_achievement, issuer_staff):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serializes every writer; the race needs PostgreSQL")

    def issue(_: int) -> bool:
        try:
            return _issue(published_achievement, issuer_staff).created
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        created = list(pool.map(issue, range(4)))
    assert created.count(True) == 1
    assert IssuedCredential.objects.count() == 1
