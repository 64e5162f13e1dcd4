"""Revocation, suspension and reinstatement through the published status lists."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from tests.site.credentials.conftest import platform_verify

from mixtape import Status, verify
from mixtape_site.credentials import services, statuslists
from mixtape_site.credentials.models import IssuedCredential, StatusChange, StatusList
from mixtape_site.credentials.services import (
    credential_reinstate,
    credential_revoke,
    credential_suspend,
)
from mixtape_site.credentials.statuslists import status_bit_get, status_slot_allocate
from mixtape_site.issuers.resolver import platform_resolver


def _status(credential):
    credential.refresh_from_db()
    return platform_verify(credential.document).check("status")


def test_revoked_credential_fails_verification_for_good(issued_credential, issuer_staff):
    change = credential_revoke(
        credential=issued_credential, reason="Academic misconduct", actor=issuer_staff
    )
    check = _status(issued_credential)
    assert check.status is Status.FAILED
    assert issued_credential.state == IssuedCredential.State.REVOKED
    assert status_bit_get(
        status_list=issued_credential.revocation_list, index=issued_credential.revocation_index
    )
    assert (change.action, change.reason, change.actor) == (
        StatusChange.Action.REVOKE,
        "Academic misconduct",
        issuer_staff,
    )
    with pytest.raises(ValidationError) as error:
        credential_reinstate(credential=issued_credential, reason="oops", actor=issuer_staff)
    assert error.value.messages == [services.CREDENTIAL_ALREADY_REVOKED]


def test_suspend_then_reinstate_restores_validity(issued_credential, issuer_staff):
    credential_suspend(credential=issued_credential, reason="Under review", actor=issuer_staff)
    assert _status(issued_credential).status is Status.FAILED
    assert "suspended" in _status(issued_credential).message
    credential_reinstate(credential=issued_credential, reason="Review done", actor=issuer_staff)
    assert _status(issued_credential).status is Status.PASSED
    assert platform_verify(issued_credential.document).verified
    actions = list(issued_credential.status_changes.values_list("action", flat=True))
    assert actions == [StatusChange.Action.REINSTATE, StatusChange.Action.SUSPEND]


def test_suspended_credential_can_still_be_revoked(issued_credential, issuer_staff):
    credential_suspend(credential=issued_credential, reason="Review", actor=issuer_staff)
    credential_revoke(credential=issued_credential, reason="Confirmed", actor=issuer_staff)
    assert _status(issued_credential).status is Status.FAILED


@pytest.mark.parametrize(
    ("first", "then", "message"),
    [
        (credential_revoke, credential_revoke, services.CREDENTIAL_ALREADY_REVOKED),
        (credential_revoke, credential_suspend, services.CREDENTIAL_ALREADY_REVOKED),
        (credential_suspend, credential_suspend, services.CREDENTIAL_ALREADY_SUSPENDED),
        (None, credential_reinstate, services.CREDENTIAL_NOT_SUSPENDED),
    ],
)
def test_illegal_transitions_are_refused_and_change_nothing(
    issued_credential, issuer_staff, first, then, message
):
    if first:
        first(credential=issued_credential, reason="first", actor=issuer_staff)
    changes = StatusChange.objects.count()
    with pytest.raises(ValidationError) as error:
        then(credential=issued_credential, reason="again", actor=issuer_staff)
    assert error.value.messages == [message]
    assert StatusChange.objects.count() == changes


def test_a_reason_is_required(issued_credential, issuer_staff):
    with pytest.raises(ValidationError) as error:
        credential_revoke(credential=issued_credential, reason="   ", actor=issuer_staff)
    assert error.value.message_dict == {"reason": [services.REASON_REQUIRED]}
    issued_credential.refresh_from_db()
    assert issued_credential.state == IssuedCredential.State.ACTIVE


def test_status_list_is_served_signed_with_caching_headers(client, issued_credential):
    url = f"/status/{issued_credential.suspension_list.uuid}"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc"
    assert "max-age=300" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert response["ETag"] and response["Last-Modified"]
    document = json.loads(response.content)
    assert document["id"] == f"http://localhost:8000{url}"
    assert document["credentialSubject"]["statusPurpose"] == "suspension"
    assert verify(document, resolver=platform_resolver()).check("proof").status is Status.PASSED
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_status_list_changes_its_etag_when_a_bit_changes(client, issued_credential, issuer_staff):
    url = f"/status/{issued_credential.suspension_list.uuid}"
    before = client.get(url)["ETag"]
    credential_suspend(credential=issued_credential, reason="Review", actor=issuer_staff)
    after = client.get(url, HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after["ETag"] != before


def test_unknown_status_list_is_404(client, db):
    assert client.get("/status/00000000-0000-0000-0000-000000000000").status_code == 404


def test_slots_are_random_and_never_shared(college):
    slots = [status_slot_allocate(organization=college, purpose="revocation") for _ in range(5)]
    lists = {status_list.pk for status_list, _ in slots}
    indexes = [index for _, index in slots]
    assert len(lists) == 1
    assert indexes != sorted(indexes) or indexes[0] != 0  # not handed out in order
    assert StatusList.objects.get().next_index == 5


def test_allocation_skips_used_indexes_and_opens_a_new_list_when_full(
    issued_credential, monkeypatch
):
    monkeypatch.setattr(statuslists, "RANDOM_PROBES", 0)  # use the exhaustive path
    full = issued_credential.revocation_list
    _, index = status_slot_allocate(organization=full.organization, purpose="revocation")
    assert index != issued_credential.revocation_index
    full.next_index = full.length
    full.save()
    fresh, _ = status_slot_allocate(organization=full.organization, purpose="revocation")
    assert fresh.pk != full.pk
    assert fresh.document["credentialSubject"]["statusPurpose"] == "revocation"


def test_each_organization_has_its_own_lists(issued_credential, employer):
    other, _ = status_slot_allocate(organization=employer, purpose="suspension")
    assert other.pk != issued_credential.suspension_list.pk
    assert other.document["issuer"] == "did:web:localhost%3A8000:issuers:maple-tech"
