"""CLR 2.0 records verify in Digital Bazaar's libraries, and theirs in Mixtape.

A record embeds credentials of two issuers, signed on either side; the record
itself is signed with eddsa-rdfc-2022 by a did:key or a did:web issuer (the
peer never fetches: it is handed the did:web document).
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from mixtape.clr import Association, clr_credential
from mixtape.keys import Ed25519Key, did_web_document, did_web_to_url
from mixtape.proofs import EddsaRdfc2022, add_proof
from mixtape.report import Status
from mixtape.resolve import Resolver
from mixtape.verify import verify

from .peer import JsPeer
from .samples import achievement_credential

pytestmark = pytest.mark.interop

CREATED = datetime(2025, 1, 15, 9, 30, tzinfo=UTC)
DID_WEB = "did:web:college.example:issuers:clr"
GOAL_ID = "https://college.example/achievements/certificate"


class Signer:
    """A did:key or did:web issuer, and its key as each side takes it."""

    def __init__(self, *, form: str) -> None:
        self.key = Ed25519Key.generate()
        if form == "did:key":
            self.id, self.method = self.key.did_key, self.key.did_key_verification_method
            self.did_documents: list[dict[str, Any]] = []
        else:
            self.id, self.method = DID_WEB, f"{DID_WEB}#{self.key.public_multibase}"
            self.did_documents = [did_web_document(did=DID_WEB, keys=[self.key])]

    @property
    def profile(self) -> dict[str, Any]:
        return {"id": self.id, "type": ["Profile"], "name": "Collège Exemple / Example College"}

    def js_key(self) -> dict[str, str]:
        return {
            "publicKeyMultibase": self.key.public_multibase,
            "secretKeyMultibase": self.key.private_multibase,
            "id": self.method,
            "controller": self.id,
        }

    def sign(self, document: dict[str, Any]) -> dict[str, Any]:
        return add_proof(
            document,
            suite=EddsaRdfc2022(),
            key=self.key,
            verification_method=self.method,
            created=CREATED,
        )

    def resolver(self) -> Resolver:
        served = {did_web_to_url(d["id"]): d for d in self.did_documents}
        return Resolver(fetch_json=served.__getitem__)


def credential(signer: Signer, number: int) -> dict[str, Any]:
    document = achievement_credential(issuer=signer.id)
    document["id"] = f"urn:uuid:7b4c2b8e-2a63-4a0b-9c1e-3f0e9d4b5a{number:02d}"
    document["credentialSubject"]["achievement"]["id"] += f"-{number}"
    return document


def record(signer: Signer, credentials: list[dict[str, Any]]) -> dict[str, Any]:
    part = credentials[0]["credentialSubject"]["achievement"]["id"]
    return clr_credential(
        credential_id="https://college.example/clr/42",
        issuer=signer.profile,
        subject={"id": "did:example:learner-0042"},
        credentials=credentials,
        name={"en": "Certificate record", "fr": "Relevé du certificat"},
        achievements=[{"id": GOAL_ID, "type": ["Achievement"], "name": "Certificate"}],
        associations=[Association("isChildOf", part, GOAL_ID)],
        valid_from=CREATED,
    )


@pytest.mark.parametrize("form", ["did:key", "did:web"])
def test_js_verifies_a_record_signed_by_mixtape(js_peer: JsPeer, form: str) -> None:
    signer, other = Signer(form=form), Signer(form="did:key")
    embedded = [signer.sign(credential(signer, 1)), other.sign(credential(other, 2))]
    signed = signer.sign(record(signer, embedded))
    result = js_peer.verify(signed, didDocuments=signer.did_documents)
    assert result["verified"], result["errors"]
    report = verify(signed, resolver=signer.resolver())
    assert report.verified, report.to_json()
    assert report.check("credentials").status is Status.PASSED

    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["verifiableCredential"][1]["name"] = "Python expert"
    assert not js_peer.verify(tampered, didDocuments=signer.did_documents)["verified"]


@pytest.mark.parametrize("form", ["did:key", "did:web"])
def test_mixtape_verifies_a_record_signed_by_js(js_peer: JsPeer, form: str) -> None:
    signer, other = Signer(form=form), Signer(form="did:key")
    embedded = [
        js_peer.sign(credential(signer, 1), suite="eddsa-rdfc-2022", key=signer.js_key()),
        other.sign(credential(other, 2)),
    ]
    signed = js_peer.sign(
        record(signer, embedded), suite="eddsa-rdfc-2022", key=signer.js_key(), created=None
    )
    report = verify(signed, resolver=signer.resolver())
    assert report.outcome == "valid", report.to_json()
    assert report.check("credentials").message == "2 of 2 embedded credential(s) verified"

    embedded[0]["credentialSubject"]["id"] = "did:example:someone-else"
    resigned = js_peer.sign(record(signer, embedded), suite="eddsa-rdfc-2022", key=signer.js_key())
    report = verify(resigned, resolver=signer.resolver())
    assert report.check("proof").status is Status.PASSED
    assert report.check("credentials").status is Status.FAILED
