"""One verify() call fetches and verifies each status list once, however often it is named."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mixtape.errors import MixtapeError
from mixtape.keys import Ed25519Key
from mixtape.proofs import EddsaRdfc2022, add_proof
from mixtape.report import Status
from mixtape.status import StatusList, status_entry, status_list_credential
from mixtape.verify import verify

# `mixtape.verify` is also the function's name in the package: take the module itself.
pipeline = importlib.import_module("mixtape.verify")

NOW = datetime(2026, 6, 1, tzinfo=UTC)
LIST_URL = "https://college.example/status/revocation"
VC2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def _sign(document: Mapping[str, Any], key: Ed25519Key) -> dict[str, Any]:
    return add_proof(
        document,
        suite=EddsaRdfc2022(),
        key=key,
        verification_method=key.did_key_verification_method,
        created=NOW - timedelta(days=30),
    )


def _badge(key: Ed25519Key, *, indexes: tuple[int, ...], **extra: Any) -> dict[str, Any]:
    entries = [
        status_entry(list_credential_id=LIST_URL, index=i, purpose="revocation") for i in indexes
    ]
    return {
        "@context": [VC2, OB3],
        "id": "urn:uuid:0b8a4b5e-3a4c-4d3e-9f5e-1d2c3b4a5f60",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": key.did_key, "type": ["Profile"], "name": "Example College"},
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
        # The OB 3.0 schema wants one entry as an object.
        "credentialStatus": entries[0] if len(entries) == 1 else entries,
        **extra,
    }


class CountingServer:
    def __init__(self, key: Ed25519Key, *, revoked: int | None = None) -> None:
        bits = StatusList.create()
        if revoked is not None:
            bits.set(revoked)
        self.fetches: list[str] = []
        self.list = _sign(
            status_list_credential(
                id=LIST_URL,
                issuer=key.did_key,
                purpose="revocation",
                status_list=bits,
                valid_from=NOW - timedelta(days=1),
            ),
            key,
        )

    def fetch(self, url: str) -> Mapping[str, Any]:
        self.fetches.append(url)
        if url != LIST_URL:
            raise MixtapeError(f"404 {url}")
        return dict(self.list)  # a new object each time, as a real fetcher returns


@pytest.fixture(scope="module")
def key() -> Ed25519Key:
    return Ed25519Key.generate()


def _count_list_verifications(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    verified: list[object] = []
    original = pipeline._verify

    def counting(credential: Any, options: Any) -> Any:
        if isinstance(credential, Mapping) and credential.get("id") == LIST_URL:
            verified.append(credential)
        return original(credential, options)

    monkeypatch.setattr(pipeline, "_verify", counting)
    return verified


def test_a_list_named_by_two_entries_is_fetched_and_verified_once(
    key: Ed25519Key, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = CountingServer(key, revoked=5)
    verified = _count_list_verifications(monkeypatch)
    report = verify(_sign(_badge(key, indexes=(3, 5)), key), now=NOW, status_fetcher=server.fetch)
    assert report.check("status").status is Status.FAILED
    assert report.check("status").message == "the issuer has revoked this credential"
    assert server.fetches == [LIST_URL]
    assert len(verified) == 1


def test_endorsements_share_the_call_s_status_lists(
    key: Ed25519Key, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = CountingServer(key)
    endorsement = _sign(
        {
            **_badge(key, indexes=(9,)),
            "id": "urn:uuid:0c5d8f3e-5e2b-4f7c-8d7a-1b9e2c3d4f50",
            "type": ["VerifiableCredential", "EndorsementCredential"],
            "credentialSubject": {
                "id": "https://college.example/achievements/py101",
                "type": ["EndorsementSubject"],
                "endorsementComment": "Meets the framework.",
            },
        },
        key,
    )
    verified = _count_list_verifications(monkeypatch)
    badge = _sign(_badge(key, indexes=(3,), endorsement=[endorsement]), key)
    report = verify(badge, now=NOW, status_fetcher=server.fetch)
    assert report.verified
    assert report.endorsements[0].check("status").status is Status.PASSED
    assert server.fetches == [LIST_URL]
    assert len(verified) == 1


def test_each_call_fetches_afresh(key: Ed25519Key) -> None:
    server = CountingServer(key)
    badge = _sign(_badge(key, indexes=(3,)), key)
    for _ in range(2):
        assert verify(badge, now=NOW, status_fetcher=server.fetch).verified
    assert server.fetches == [LIST_URL, LIST_URL]


def test_a_failed_fetch_is_reported_for_every_entry_and_tried_once(key: Ed25519Key) -> None:
    fetches: list[str] = []

    def offline(url: str) -> Mapping[str, Any]:
        fetches.append(url)
        raise MixtapeError("connection refused")

    report = verify(_sign(_badge(key, indexes=(3, 5)), key), now=NOW, status_fetcher=offline)
    status = report.check("status")
    assert status.status is Status.WARNING
    assert status.message.count("could not be fetched: connection refused") == 2
    assert fetches == [LIST_URL]
