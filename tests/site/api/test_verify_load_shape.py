"""The public verify API answers concurrent requests correctly, and never from a stale memory."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import connections
from django.test import Client

from mixtape_site.credentials.services import Recipient, credential_issue, credential_revoke

VERIFY = "/vc-api/credentials/verify"


def _verified(document: dict[str, Any]) -> bool:
    body = json.dumps({"verifiableCredential": document})
    response = Client().post(VERIFY, data=body, content_type="application/json")
    assert response.status_code == 200
    return bool(response.json()["verified"])


def _issue(achievement: Any, staff: Any, email: str, suite: str) -> Any:
    recipient = Recipient(name="Amira Haddad", email=email)
    return credential_issue(
        achievement=achievement, recipient=recipient, issued_by=staff, suite=suite
    ).credential


def test_concurrent_verifications_each_get_their_own_answer(
    transactional_db: None, published_achievement: Any, issuer_staff: Any
) -> None:
    suites = ["eddsa-rdfc-2022", "eddsa-jcs-2022"] * 2
    issued = [
        _issue(published_achievement, issuer_staff, f"learner{i}@example.org", suite)
        for i, suite in enumerate(suites)
    ]
    credential_revoke(credential=issued[0], reason="Issued in error.", actor=issuer_staff)
    documents = [c.document for c in issued] * 4  # each one several times, interleaved

    def verify_in_thread(document: dict[str, Any]) -> bool:
        try:
            return _verified(document)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(verify_in_thread, documents))

    assert answers == [False, True, True, True] * 4


def test_a_revocation_shows_on_the_next_verification(
    db: None, issued_credential: Any, issuer_staff: Any
) -> None:
    assert _verified(issued_credential.document)

    credential_revoke(credential=issued_credential, reason="Issued in error.", actor=issuer_staff)

    assert not _verified(issued_credential.document)
