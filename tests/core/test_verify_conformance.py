"""Every 1EdTech validator sample gets the outcome the reference validator gives it.

Expected outcomes come from the upstream Java tests, recorded in
EXPECTATIONS-1edtech-validator.json; nothing here is computed by Mixtape.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import pytest
from tests.support import CONFORMANCE, load_json

from mixtape.errors import MixtapeError
from mixtape.inputs import read_credential
from mixtape.report import Status, VerificationReport
from mixtape.verify import verify

EXAMPLES = CONFORMANCE / "examples"
EXPECTATIONS: dict[str, Any] = load_json(EXAMPLES / "EXPECTATIONS-1edtech-validator.json")["files"]
STATUS_LIST = EXAMPLES / "ob-v3p0/1edtech-validator/bit-string-list/testlist"
# The samples were valid on this day (issued 2010, expiring 2020 or 2030).
NOW = datetime(2025, 6, 1, tzinfo=UTC)


def _expected(name: str) -> str | None:
    outcomes = [
        o["outcome"]
        for o in EXPECTATIONS[name].get("expected_validator_outcome", [])
        if not o["disabled"]
    ]
    return outcomes[0] if outcomes else None


def _samples(outcome: str) -> list[str]:
    return sorted(name for name in EXPECTATIONS if _expected(name) == outcome)


def _fetch_status_list(url: str) -> Mapping[str, Any]:
    # Stands in for the validator's web server: the credentials point at the test list.
    if url.endswith("/bit-string-list/testlist"):
        return load_json(STATUS_LIST)
    raise MixtapeError(f"no network in tests: {url}")


def _verify_sample(name: str) -> VerificationReport:
    credential = read_credential((EXAMPLES / name).read_bytes())
    return verify(credential, now=NOW, status_fetcher=_fetch_status_list)


# Where Mixtape is deliberately stricter than the reference validator, and why.
STRICTER = {
    # Issuer `urn:uuid:…` signed with an unrelated did:key: anyone could claim to be
    # that issuer. DEVELOPERS.md requires the issuer to control the key, and
    # Digital Bazaar's verifier rejects it too ("issuer must match the controller").
    "ob-v3p0/1edtech-validator/simple-did-key-method.json": "issuer",
    # The same flaw inside a CLR: five of its six embedded credentials name
    # the issuer `urn:uuid:4ca4…` but are signed with an unrelated did:key. The reference
    # validator does not bind keys to issuers; Mixtape verifies each embedded one.
    "clr-v2p0/1edtech-validator/simple_v1.json": "credentials",
}


@pytest.mark.parametrize("name", [n for n in _samples("valid") if n not in STRICTER])
def test_samples_the_reference_validator_accepts_verify(name: str) -> None:
    report = _verify_sample(name)
    assert report.verified, report.to_json()


@pytest.mark.parametrize("name", [n for n in _samples("valid-with-warnings") if n not in STRICTER])
def test_samples_accepted_with_warnings_verify_with_a_warning(name: str) -> None:
    report = _verify_sample(name)
    assert report.verified, report.to_json()
    assert report.warnings


@pytest.mark.parametrize("name", _samples("invalid"))
def test_samples_the_reference_validator_rejects_fail(name: str) -> None:
    report = _verify_sample(name)
    assert not report.verified
    assert report.failures


@pytest.mark.parametrize(("name", "failing_check"), sorted(STRICTER.items()))
def test_where_mixtape_is_stricter_it_names_the_reason(name: str, failing_check: str) -> None:
    report = _verify_sample(name)
    assert [c.id for c in report.failures] == [failing_check]


def test_one_unverifiable_proof_in_a_set_is_an_error_although_the_other_verifies() -> None:
    report = _verify_sample("ob-v3p0/1edtech-validator/simple-multiple-proofs.json")
    assert not report.verified
    assert "1 of 2 proofs" in report.check("proof").message


def test_an_older_open_badges_context_is_flagged() -> None:
    report = _verify_sample("ob-v3p0/1edtech-validator/simple-context-version.json")
    assert report.verified
    assert report.check("structure").status is Status.WARNING
    assert "older Open Badges context" in report.check("structure").message


def test_a_credential_schema_that_is_not_bundled_is_reported_not_fetched() -> None:
    report = _verify_sample("ob-v3p0/1edtech-validator/complete.json")
    schema_checks = [e.check("schema") for e in report.endorsements]
    assert schema_checks
    assert all(c.status is Status.WARNING for c in schema_checks)
    assert all(
        "https://accrediter.edu/schema/endorsementcredential.json" in c.details
        for c in schema_checks
    )


@pytest.mark.parametrize(
    ("name", "failing_check"),
    [
        ("ob-v3p0/1edtech-validator/simple-err-expired.json", "validity"),
        ("ob-v3p0/1edtech-validator/simple-err-issued.json", "validity"),
        ("ob-v3p0/1edtech-validator/simple-err-proof-value.json", "proof"),
        ("ob-v3p0/1edtech-validator/simple-err-issuer.json", "structure"),
        ("ob-v3p0/1edtech-validator/bit-string-list/credential-status-revoked.json", "status"),
    ],
)
def test_each_rejection_names_the_check_that_failed(name: str, failing_check: str) -> None:
    report = _verify_sample(name)
    assert failing_check in [c.id for c in report.failures]


def test_a_revoked_credential_says_so() -> None:
    report = _verify_sample(
        "ob-v3p0/1edtech-validator/bit-string-list/credential-status-revoked.json"
    )
    assert report.check("status").message == "the issuer has revoked this credential"


def test_without_a_status_fetcher_status_is_reported_as_not_checked() -> None:
    credential = load_json(
        EXAMPLES / "ob-v3p0/1edtech-validator/bit-string-list/credential-status-revoked.json"
    )
    report = verify(credential, now=NOW)
    assert report.check("status").status is Status.WARNING
    assert "not checked" in report.check("status").message


def test_the_report_lists_the_checks_in_open_badges_order() -> None:
    report = _verify_sample("ob-v3p0/1edtech-validator/simple.json")
    assert [c.id for c in report.checks] == [
        "structure",
        "schema",
        "subject",
        "proof",
        "issuer",
        "status",
        "validity",
        "endorsements",
    ]
