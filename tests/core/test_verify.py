"""verify() on credentials Mixtape signs itself: each check catches what it is for."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mixtape.errors import MixtapeError
from mixtape.keys import Ed25519Key
from mixtape.proofs import EddsaJcs2022, EddsaRdfc2022, add_proof
from mixtape.report import Status
from mixtape.resolve import Resolver
from mixtape.status import StatusList, status_entry, status_list_credential
from mixtape.verify import verify

NOW = datetime(2026, 6, 1, tzinfo=UTC)
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
VC2 = "https://www.w3.org/ns/credentials/v2"
LIST_URL = "https://college.example/status/1"


def badge(issuer: str, **extra: Any) -> dict[str, Any]:
    return {
        "@context": [VC2, OB3],
        "id": "urn:uuid:0b8a4b5e-3a4c-4d3e-9f5e-1d2c3b4a5f60",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Example College"},
        "validFrom": "2026-01-01T00:00:00Z",
        "name": "Python basics",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://college.example/achievements/py101",
                "type": ["Achievement"],
                "name": "Python basics",
                "description": "Writes and tests small Python programs.",
                "criteria": {"narrative": "Passed the final project."},
            },
        },
        **extra,
    }


def sign(document: Mapping[str, Any], key: Ed25519Key, *, suite: Any = None) -> dict[str, Any]:
    return add_proof(
        document,
        suite=suite or EddsaRdfc2022(),
        key=key,
        verification_method=key.did_key_verification_method,
        created=NOW - timedelta(days=30),
    )


@pytest.fixture(scope="module")
def issuer_key() -> Ed25519Key:
    return Ed25519Key.generate()


def test_a_freshly_signed_badge_passes_every_check(issuer_key: Ed25519Key) -> None:
    report = verify(sign(badge(issuer_key.did_key), issuer_key), now=NOW)
    assert report.outcome == "valid", report.to_json()


def test_only_the_allowed_suites_are_accepted(issuer_key: Ed25519Key) -> None:
    signed = sign(badge(issuer_key.did_key), issuer_key, suite=EddsaJcs2022())
    assert verify(signed, now=NOW).verified
    refused = verify(signed, now=NOW, suites=[EddsaRdfc2022()])
    assert refused.check("proof").status is Status.FAILED


def test_a_key_of_someone_else_is_not_the_issuer(issuer_key: Ed25519Key) -> None:
    impostor = Ed25519Key.generate()
    report = verify(sign(badge(issuer_key.did_key), impostor), now=NOW)
    assert report.check("proof").status is Status.PASSED
    assert report.check("issuer").status is Status.FAILED


@pytest.mark.parametrize(
    ("change", "check"),
    [
        (lambda c: c["credentialSubject"]["achievement"].update(name="Python expert"), "proof"),
        (lambda c: c.update(validUntil="2026-02-01T00:00:00Z"), "proof"),
        (lambda c: c.pop("issuer"), "structure"),
    ],
)
def test_a_change_after_signing_fails_the_right_check(
    issuer_key: Ed25519Key, change: Any, check: str
) -> None:
    signed = sign(badge(issuer_key.did_key), issuer_key)
    tampered = copy.deepcopy(signed)
    change(tampered)
    report = verify(tampered, now=NOW)
    assert check in [c.id for c in report.failures]


def test_expiry_and_not_yet_valid_follow_the_injected_clock(issuer_key: Ed25519Key) -> None:
    signed = sign(badge(issuer_key.did_key, validUntil="2027-01-01T00:00:00Z"), issuer_key)
    assert verify(signed, now=NOW).verified
    assert (
        verify(signed, now=datetime(2027, 6, 1, tzinfo=UTC)).check("validity").status
        is Status.FAILED
    )
    assert (
        verify(signed, now=datetime(2025, 6, 1, tzinfo=UTC)).check("validity").status
        is Status.FAILED
    )


class StatusServer:
    """The issuer's published status lists, served from memory."""

    def __init__(self, key: Ed25519Key) -> None:
        self.key = key
        self.lists = {"revocation": StatusList.create(), "suspension": StatusList.create()}

    def fetch(self, url: str) -> Mapping[str, Any]:
        purpose = url.rsplit("/", 1)[-1]
        if purpose not in self.lists:
            raise MixtapeError(f"404 {url}")
        unsigned = status_list_credential(
            id=url,
            issuer=self.key.did_key,
            purpose=purpose,
            status_list=self.lists[purpose],
            valid_from=NOW,
        )
        return sign(unsigned, self.key)


def with_status(issuer_key: Ed25519Key, index: int) -> dict[str, Any]:
    entries = [
        status_entry(list_credential_id=f"{LIST_URL}/{purpose}", index=index, purpose=purpose)
        for purpose in ("revocation", "suspension")
    ]
    return sign(badge(issuer_key.did_key, credentialStatus=entries), issuer_key)


def test_revocation_and_suspension_are_read_from_the_signed_status_lists(
    issuer_key: Ed25519Key,
) -> None:
    server = StatusServer(issuer_key)
    credential = with_status(issuer_key, 7)
    assert (
        verify(credential, now=NOW, status_fetcher=server.fetch).check("status").status
        is Status.PASSED
    )
    server.lists["suspension"].set(7)
    report = verify(credential, now=NOW, status_fetcher=server.fetch)
    assert report.check("status").message == "the issuer has suspended this credential"
    server.lists["suspension"].clear(7)
    server.lists["revocation"].set(7)
    report = verify(credential, now=NOW, status_fetcher=server.fetch)
    assert report.check("status").message == "the issuer has revoked this credential"
    assert not report.verified


def test_a_status_list_signed_by_someone_else_is_not_trusted(issuer_key: Ed25519Key) -> None:
    server = StatusServer(Ed25519Key.generate())
    report = verify(with_status(issuer_key, 3), now=NOW, status_fetcher=server.fetch)
    assert report.check("status").status is Status.WARNING
    assert "could not be verified" in report.check("status").message


def test_an_unreachable_status_list_is_a_warning_not_a_crash(issuer_key: Ed25519Key) -> None:
    def offline(url: str) -> Mapping[str, Any]:
        raise MixtapeError(f"cannot fetch {url}")

    report = verify(with_status(issuer_key, 3), now=NOW, status_fetcher=offline)
    assert report.check("status").status is Status.WARNING


def test_embedded_endorsements_are_verified_too(issuer_key: Ed25519Key) -> None:
    endorser = Ed25519Key.generate()
    endorsement = sign(
        {
            "@context": [VC2, OB3],
            "id": "urn:uuid:6a3c1d2e-8f7b-4c5d-9e0f-1a2b3c4d5e6f",
            "type": ["VerifiableCredential", "EndorsementCredential"],
            "issuer": {"id": endorser.did_key, "type": ["Profile"], "name": "Employer Inc."},
            "validFrom": "2026-01-01T00:00:00Z",
            "name": "Employer endorsement",
            "credentialSubject": {
                "id": "https://college.example/achievements/py101",
                "type": ["EndorsementSubject"],
                "endorsementComment": "Exactly the skills our junior developers need.",
            },
        },
        endorser,
    )
    document = badge(issuer_key.did_key)
    document["credentialSubject"]["achievement"]["endorsement"] = [endorsement]
    report = verify(sign(document, issuer_key), now=NOW)
    assert report.check("endorsements").status is Status.PASSED
    assert report.endorsements[0].verified

    endorsement["credentialSubject"]["endorsementComment"] = "Not what we said."
    report = verify(sign(document, issuer_key), now=NOW)
    assert report.check("endorsements").status is Status.FAILED
    assert report.check("proof").status is Status.PASSED


def test_did_web_issuers_resolve_through_the_injected_fetcher() -> None:
    key = Ed25519Key.generate()
    did = "did:web:college.example"
    method_id = f"{did}#key-1"
    did_document = {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [
            {
                "id": method_id,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": key.public_multibase,
            }
        ],
        "assertionMethod": [method_id],
    }
    signed = add_proof(
        badge(did), suite=EddsaRdfc2022(), key=key, verification_method=method_id, created=NOW
    )
    assert verify(signed, now=NOW).check("proof").status is Status.FAILED  # network off by default
    served = {"https://college.example/.well-known/did.json": did_document}
    report = verify(signed, now=NOW, resolver=Resolver(fetch_json=served.__getitem__))
    assert report.outcome == "valid", report.to_json()


def test_a_proof_past_its_expires_date_fails(issuer_key: Ed25519Key) -> None:
    signed = sign(badge(issuer_key.did_key), issuer_key)
    signed["proof"]["expires"] = "2026-03-01T00:00:00Z"
    report = verify(signed, now=NOW)
    assert report.check("proof").status is Status.FAILED
    assert report.check("proof").message == "the proof has expired"
