"""Live status of held credentials: verified, revoked, suspended, expired, unknown issuer."""

from __future__ import annotations

import json
from typing import Any

import pytest
from joserfc import jws
from joserfc.jwk import RSAKey
from tests.site.wallet.conftest import (
    LEARNER_EMAIL,
    Route,
    ob2_assertion,
    outside_credential,
    vc_jwt,
)

from mixtape_site.credentials.services import (
    credential_claim,
    credential_revoke,
    credential_suspend,
)
from mixtape_site.wallet import status as status_module
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.services import wallet_add_claimed, wallet_import_text
from mixtape_site.wallet.status import wallet_status

Status = WalletCredential.Status


@pytest.fixture
def claimed(learner: Any, issued_credential: Any) -> WalletCredential:
    credential_claim(token=issued_credential.claim_token, user=learner)
    issued_credential.refresh_from_db()
    return wallet_add_claimed(user=learner, issued_credential=issued_credential)


def test_claimed_platform_credential_is_verified_and_remembered(claimed):
    status, report = wallet_status(claimed)

    assert status == Status.VERIFIED
    assert report is not None and report.verified
    claimed.refresh_from_db()
    assert claimed.status == Status.VERIFIED and claimed.status_checked_at is not None


def test_status_is_cached_for_max_age(claimed, monkeypatch):
    wallet_status(claimed)
    monkeypatch.setattr(status_module, "_check", _explode)

    status, report = wallet_status(claimed)

    assert status == Status.VERIFIED and report is not None


def _explode(*args: Any) -> Any:
    raise AssertionError("checked again")


def test_revocation_shows_at_once_despite_the_cache(claimed, issued_credential, issuer_staff):
    wallet_status(claimed)
    credential_revoke(credential=issued_credential, reason="Integrity review", actor=issuer_staff)
    claimed.issued_credential.refresh_from_db()

    status, report = wallet_status(claimed)

    assert status == Status.REVOKED
    assert report is not None and not report.verified


def test_suspension_is_reported(claimed, issued_credential, issuer_staff):
    credential_suspend(credential=issued_credential, reason="Under review", actor=issuer_staff)
    claimed.issued_credential.refresh_from_db()

    assert wallet_status(claimed, max_age=0)[0] == Status.SUSPENDED


def test_outside_credential_signed_with_did_key_is_verified(learner):
    held = wallet_import_text(
        user=learner, text=json.dumps(outside_credential(email=LEARNER_EMAIL))
    )

    assert wallet_status(held)[0] == Status.VERIFIED


def test_expired_credential_is_expired(learner):
    document = outside_credential(email=LEARNER_EMAIL, valid_until="2025-06-01T00:00:00Z")
    held = wallet_import_text(user=learner, text=json.dumps(document))

    assert wallet_status(held)[0] == Status.EXPIRED


def test_did_web_issuer_on_unknown_host_is_unknown_issuer(learner, settings):
    settings.MIXTAPE_VERIFY_FETCH_REMOTE = False
    document = outside_credential(email=LEARNER_EMAIL, issuer="did:web:nowhere.invalid")
    held = wallet_import_text(user=learner, text=json.dumps(document))

    status, report = wallet_status(held)

    assert status == Status.UNKNOWN_ISSUER
    assert report is not None and not report.verified


def test_tampered_credential_fails(learner):
    document = outside_credential(email=LEARNER_EMAIL)
    document["credentialSubject"]["achievement"]["name"] = "Something grander"
    held = wallet_import_text(user=learner, text=json.dumps(document))

    assert wallet_status(held)[0] == Status.FAILED


def test_vc_jwt_with_embedded_key_is_verified(learner):
    held = wallet_import_text(user=learner, text=vc_jwt(email=LEARNER_EMAIL))

    assert wallet_status(held)[0] == Status.VERIFIED


def test_vc_jwt_naming_an_unresolvable_key_is_unknown_issuer(learner):
    held = wallet_import_text(user=learner, text=vc_jwt(email=LEARNER_EMAIL, with_jwk=False))

    assert wallet_status(held)[0] == Status.UNKNOWN_ISSUER


def test_a_crash_during_the_check_is_a_failed_status_not_an_error(claimed, monkeypatch):
    monkeypatch.setattr(status_module, "credential_verification", _network_down)

    assert wallet_status(claimed, max_age=0) == (Status.FAILED, None)


def _network_down(*args: Any, **kwargs: Any) -> Any:
    raise OSError("network unreachable")


# --- Open Badges 2.0 -----------------------------------------------------------------


def _hosted(learner: Any, server: Any, settings: Any, **changes: Any) -> WalletCredential:
    settings.MIXTAPE_VERIFY_FETCH_REMOTE = True
    assertion = ob2_assertion(email=LEARNER_EMAIL, url=server.url("/assertions/42"))
    server.routes["/assertions/42"] = Route(json.dumps({**assertion, **changes}).encode())
    return wallet_import_text(user=learner, text=json.dumps(assertion))


def test_ob2_hosted_assertion_matching_its_hosted_copy_is_verified(
    learner, server, settings, allow_local
):
    held = _hosted(learner, server, settings)

    assert wallet_status(held) == (Status.VERIFIED, None)


def test_ob2_hosted_assertion_revoked_by_its_issuer_is_revoked(
    learner, server, settings, allow_local
):
    held = _hosted(learner, server, settings, revoked=True, revocationReason="Error")

    assert wallet_status(held)[0] == Status.REVOKED


def test_ob2_hosted_copy_that_differs_fails(learner, server, settings, allow_local):
    held = _hosted(learner, server, settings, issuedOn="2020-01-01T00:00:00+00:00")

    assert wallet_status(held)[0] == Status.FAILED


def test_ob2_hosted_on_a_private_address_is_never_fetched(learner, server, settings):
    held = _hosted(learner, server, settings)  # no allow_local: 127.0.0.1 is refused

    assert wallet_status(held)[0] == Status.UNKNOWN_ISSUER


def test_ob2_signed_assertion_is_held_but_its_issuer_unknown(learner):
    key = RSAKey.generate_key(2048)
    payload = ob2_assertion(email=LEARNER_EMAIL)
    payload["verification"] = {"type": "signed", "creator": "https://badges.example.org/key"}
    token = jws.serialize_compact({"alg": "RS256"}, json.dumps(payload).encode(), key)

    held = wallet_import_text(user=learner, text=token)

    assert held.format == WalletCredential.Format.OB2 and held.document == {"jwt": token}
    assert held.name == "Spreadsheet Wrangler"
    assert wallet_status(held)[0] == Status.UNKNOWN_ISSUER
