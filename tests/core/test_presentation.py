"""Verifiable Presentations: the holder's proof binds the verifier's challenge and domain."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from tests.support import CONFORMANCE, load_json

from mixtape.keys import Ed25519Key
from mixtape.presentation import create_presentation, sign_presentation, verify_presentation
from mixtape.proofs import EddsaRdfc2022, add_proof
from mixtape.report import Status

NOW = datetime(2026, 6, 1, tzinfo=UTC)
CHALLENGE, DOMAIN = "c0ae1c8e-c7e7-469f-b252-86e6a0e7387e", "https://employer.example"


@pytest.fixture(scope="module")
def holder() -> Ed25519Key:
    return Ed25519Key.generate()


@pytest.fixture(scope="module")
def credential() -> dict[str, Any]:
    issuer = Ed25519Key.generate()
    unsigned = load_json(CONFORMANCE / "test-vectors/vc-di-eddsa/unsigned.json")
    unsigned["issuer"] = issuer.did_key
    return add_proof(
        unsigned,
        suite=EddsaRdfc2022(),
        key=issuer,
        verification_method=issuer.did_key_verification_method,
    )


def presented(holder: Ed25519Key, credential: dict[str, Any], **options: Any) -> dict[str, Any]:
    unsigned = create_presentation(credentials=[credential], holder=holder.did_key)
    return sign_presentation(
        unsigned,
        key=holder,
        verification_method=holder.did_key_verification_method,
        challenge=options.get("challenge", CHALLENGE),
        domain=options.get("domain", DOMAIN),
    )


def test_a_signed_presentation_verifies_with_its_credentials(
    holder: Ed25519Key, credential: dict[str, Any]
) -> None:
    report = verify_presentation(
        presented(holder, credential), challenge=CHALLENGE, domain=DOMAIN, now=NOW
    )
    assert report.verified, report.to_json()
    assert len(report.credentials) == 1
    assert report.credentials[0].check("proof").status is Status.PASSED


@pytest.mark.parametrize(
    ("challenge", "domain"),
    [("another-challenge", DOMAIN), (CHALLENGE, "https://someone-else.example")],
)
def test_a_replayed_presentation_is_refused(
    holder: Ed25519Key, credential: dict[str, Any], challenge: str, domain: str
) -> None:
    report = verify_presentation(
        presented(holder, credential), challenge=challenge, domain=domain, now=NOW
    )
    assert not report.verified
    assert report.checks[1].status is Status.FAILED


def test_a_presentation_signed_by_someone_other_than_the_holder_is_refused(
    holder: Ed25519Key, credential: dict[str, Any]
) -> None:
    thief = Ed25519Key.generate()
    unsigned = create_presentation(credentials=[credential], holder=holder.did_key)
    signed = sign_presentation(
        unsigned,
        key=thief,
        verification_method=thief.did_key_verification_method,
        challenge=CHALLENGE,
        domain=DOMAIN,
    )
    report = verify_presentation(signed, challenge=CHALLENGE, domain=DOMAIN, now=NOW)
    assert not report.verified
    assert "not by the holder" in report.checks[1].message


def test_an_unsigned_presentation_fails_when_the_verifier_asked_for_a_challenge(
    holder: Ed25519Key, credential: dict[str, Any]
) -> None:
    unsigned = create_presentation(credentials=[credential], holder=holder.did_key)
    assert not verify_presentation(unsigned, challenge=CHALLENGE, now=NOW).verified
    lenient = verify_presentation(unsigned, now=NOW)
    assert lenient.verified
    assert lenient.checks[1].status is Status.WARNING


def test_a_tampered_credential_inside_a_valid_presentation_is_caught(
    holder: Ed25519Key, credential: dict[str, Any]
) -> None:
    tampered = {**credential, "name": credential.get("name", "") + "!"}
    report = verify_presentation(
        presented(holder, tampered), challenge=CHALLENGE, domain=DOMAIN, now=NOW
    )
    assert report.checks[1].status is Status.PASSED
    assert not report.credentials[0].verified
    assert not report.verified
