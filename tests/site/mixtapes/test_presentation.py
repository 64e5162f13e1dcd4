"""The mixtape as a Verifiable Presentation signed with the learner's own key."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client
from django.urls import reverse
from tests.site.mixtapes.conftest import hold_document
from tests.support import CONFORMANCE

from mixtape import Status, verify_presentation
from mixtape_site.issuers.resolver import platform_resolver
from mixtape_site.mixtapes.models import Mixtape
from mixtape_site.mixtapes.presentation import VC_JWT_PREFIX, mixtape_presentation
from mixtape_site.mixtapes.services import track_add
from mixtape_site.wallet.keys import learner_did
from mixtape_site.wallet.models import WalletCredential

JWT_SAMPLE = CONFORMANCE / "examples/clr-v2p0/1edtech-validator/simple.jwt"
OB2_ASSERTION = {
    "@context": "https://w3id.org/openbadges/v2",
    "type": "Assertion",
    "id": "https://badges.example/assertions/1",
    "recipient": {"type": "email", "hashed": False, "identity": "learner@example.org"},
    "badge": "https://badges.example/badges/1",
    "issuedOn": "2024-01-01T00:00:00Z",
    "verification": {"type": "hosted"},
}


def download(client: Client, mixtape: Mixtape, **fields: str) -> dict[str, Any]:
    url = reverse("mixtapes:presentation", kwargs={"uuid": mixtape.uuid})
    response = client.post(url, fields)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    document: dict[str, Any] = json.loads(response.content)
    return document


def proof_check(presentation: dict[str, Any], **options: str | None) -> Any:
    report = verify_presentation(presentation, resolver=platform_resolver(), **options)
    return next(c for c in report.checks if c.id == "proof"), report


def test_presentation_verifies_with_the_verifiers_challenge_and_domain(
    client: Client, learner: Any, full_mixtape: Mixtape
) -> None:
    client.force_login(learner)

    presentation = download(client, full_mixtape, challenge="n-0S6_WzA2Mj", domain="jobs.example")

    assert presentation["holder"] == learner_did(user=learner)
    check, report = proof_check(presentation, challenge="n-0S6_WzA2Mj", domain="jobs.example")
    assert check.status is Status.PASSED
    assert [r.verified for r in report.credentials] == [True, True]


def test_presentation_fails_with_another_challenge_or_domain(
    client: Client, learner: Any, full_mixtape: Mixtape
) -> None:
    client.force_login(learner)
    presentation = download(client, full_mixtape, challenge="right", domain="jobs.example")

    wrong_challenge, _ = proof_check(presentation, challenge="wrong", domain="jobs.example")
    wrong_domain, _ = proof_check(presentation, challenge="right", domain="evil.example")

    assert wrong_challenge.status is Status.FAILED
    assert wrong_domain.status is Status.FAILED


def test_jwt_credentials_are_enveloped_and_ob2_assertions_left_out(
    client: Client, learner: Any, full_mixtape: Mixtape
) -> None:
    token = JWT_SAMPLE.read_text(encoding="utf-8").strip()
    jwt = hold_document(learner, token, fmt=WalletCredential.Format.VC_JWT, name="CLR")
    ob2 = hold_document(learner, OB2_ASSERTION, fmt=WalletCredential.Format.OB2, name="Old")
    track_add(mixtape=full_mixtape, credential=jwt)
    track_add(mixtape=full_mixtape, credential=ob2)

    signed = mixtape_presentation(mixtape=full_mixtape, challenge="c")

    embedded = signed.document["verifiableCredential"]
    assert len(embedded) == 3
    assert embedded[2]["type"] == "EnvelopedVerifiableCredential"
    assert embedded[2]["id"] == VC_JWT_PREFIX + token
    assert signed.left_out == (ob2,)
    check, report = proof_check(signed.document, challenge="c")
    assert check.status is Status.PASSED
    assert len(report.credentials) == 3
    client.force_login(learner)
    page = client.get(reverse("mixtapes:presentation", kwargs={"uuid": full_mixtape.uuid}))
    assert "Open Badges 2.0" in page.content.decode() and "Old" in page.content.decode()


def test_someone_elses_mixtape_cannot_be_presented(
    client: Client, other_learner: Any, full_mixtape: Mixtape
) -> None:
    client.force_login(other_learner)
    url = reverse("mixtapes:presentation", kwargs={"uuid": full_mixtape.uuid})
    assert client.post(url, {"challenge": "x"}).status_code == 404
