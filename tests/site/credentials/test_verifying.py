"""One verification policy for every page and API: a verifier crash is a failed report."""

from __future__ import annotations

import json

import pytest

from mixtape import Status
from mixtape_site.credentials import verifying
from mixtape_site.credentials.verifying import (
    crashed,
    platform_verify,
    platform_verify_presentation,
)
from mixtape_site.verifier.reports import VERIFY_CRASHED


def _broken_resolver():
    raise TypeError("a bug in a resolver")


@pytest.fixture
def broken(monkeypatch):
    monkeypatch.setattr(verifying, "platform_resolver", _broken_resolver)


def test_a_verifier_crash_is_a_failed_report_not_an_exception(db, issued_credential, broken):
    report = platform_verify(issued_credential.document)

    assert not report.verified
    assert crashed(report)
    assert report.checks[0].status is Status.FAILED


def test_a_presentation_crash_is_a_failed_report(db, broken):
    report = platform_verify_presentation(
        {"type": ["VerifiablePresentation"]}, challenge=None, domain=None
    )

    assert not report.verified
    assert crashed(report)


def test_the_public_verifier_page_explains_a_crash(client, issued_credential, broken):
    response = client.post("/verify/", {"text": json.dumps(issued_credential.document)})

    assert response.status_code == 200
    assert str(VERIFY_CRASHED) in response.content.decode()


def test_a_malformed_document_is_a_plain_failure_not_a_crash(db):
    report = platform_verify({"not": "a credential"})

    assert not report.verified
    assert not crashed(report)


def test_a_credential_from_this_platform_verifies_through_the_policy(db, issued_credential):
    report = platform_verify(issued_credential.document)

    assert report.verified
    assert not crashed(report)
