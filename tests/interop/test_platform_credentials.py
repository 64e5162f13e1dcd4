"""Credentials the platform issues verify in Digital Bazaar's implementation.

The platform signs as did:web issuers; the JavaScript peer never fetches, so it
is handed the DID documents the platform publishes at /issuers/<slug>/did.json.
"""

from __future__ import annotations

import copy

import pytest

from mixtape_site.achievements.models import AchievementPartner
from mixtape_site.credentials.models import IssuedCredential, StatusList
from mixtape_site.issuers.documents import did_document
from mixtape_site.organizations.models import Organization
from mixtape_site.pathways.models import PathwayAward
from mixtape_site.pathways.services import pathway_clr
from mixtape_site.web.demo.build import demo_build

pytestmark = pytest.mark.interop


@pytest.fixture
def platform(db, settings, django_capture_on_commit_callbacks):
    settings.MIXTAPE_BASE_URL = "https://mixtape.example"
    with django_capture_on_commit_callbacks(execute=True):  # award checks run after commits
        demo_build()
    return [did_document(organization) for organization in Organization.objects.all()]


def test_every_issued_credential_verifies_in_the_js_peer(js_peer, platform):
    for credential in IssuedCredential.objects.all():
        result = js_peer.verify(credential.document, didDocuments=platform)
        assert result["verified"], (credential.uuid, result["errors"])


def test_a_changed_credential_fails_in_the_js_peer(js_peer, platform):
    document = copy.deepcopy(IssuedCredential.objects.first().document)
    document["credentialSubject"]["achievement"]["name"] = "Something else"
    assert not js_peer.verify(document, didDocuments=platform)["verified"]


def test_status_lists_and_endorsements_verify_in_the_js_peer(js_peer, platform):
    documents = [s.document for s in StatusList.objects.exclude(document=None)]
    partners = AchievementPartner.objects.exclude(endorsement_document=None)
    documents += [partner.endorsement_document for partner in partners]
    assert documents
    for document in documents:
        result = js_peer.verify(document, didDocuments=platform)
        assert result["verified"], (document["id"], result["errors"])


def test_a_learners_pathway_record_verifies_in_the_js_peer(js_peer, platform):
    award = PathwayAward.objects.filter(state=PathwayAward.State.ISSUED).first()
    assert award is not None, "the demo issues a certificate through a pathway"
    record = pathway_clr(pathway=award.pathway, user=award.learner)
    assert "ClrCredential" in record["type"]
    assert len(record["credentialSubject"]["verifiableCredential"]) >= 3
    result = js_peer.verify(record, didDocuments=platform)
    assert result["verified"], result["errors"]
