"""The learner's Comprehensive Learner Record of a pathway: signed, embedded, verifiable."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from tests.site.pathways.conftest import hold_credential

from mixtape.model.identity import IdentityObject
from mixtape_site.achievements.documents import achievement_url
from mixtape_site.credentials.documents import credential_url
from mixtape_site.credentials.services import credential_revoke
from mixtape_site.credentials.verification import credential_verify_live
from mixtape_site.issuers.identity import organization_did
from mixtape_site.pathways.clr import CLR_NOTHING_HELD, PART_OF
from mixtape_site.pathways.services import pathway_clr
from mixtape_site.wallet.keys import learner_did

pytestmark = pytest.mark.django_db


def _embedded_ids(clr):
    return {c["id"] for c in clr["credentialSubject"]["verifiableCredential"]}


def test_a_partial_record_embeds_what_counts_and_verifies(
    pathway, learner, cleaning, statistics, goal, college
):
    rows = [hold_credential(learner, a) for a in (cleaning, statistics)]
    clr = pathway_clr(pathway=pathway, user=learner)
    assert clr["type"] == ["VerifiableCredential", "ClrCredential"]
    assert clr["issuer"]["id"] == organization_did(college)
    assert clr["partial"] is True
    assert clr["name"] == "Comprehensive Learner Record: Data Analytics"
    assert _embedded_ids(clr) == {credential_url(r.issued_credential.uuid) for r in rows}
    subject = clr["credentialSubject"]
    assert subject["id"] == learner_did(user=learner)
    assert IdentityObject.from_json(subject["identifier"][0]).matches("lea@example.org")
    achievement_ids = {a["id"] for a in subject["achievement"]}
    assert achievement_url(goal) in achievement_ids
    assert achievement_url(statistics) in achievement_ids
    assert {
        "type": "Association",
        "associationType": PART_OF,
        "sourceId": achievement_url(statistics),
        "targetId": achievement_url(goal),
    } in subject["association"]
    report = credential_verify_live(clr)
    assert report.verified, report.failures
    assert len(report.credentials) == 2 and all(r.verified for r in report.credentials)


def test_a_complete_record_embeds_the_goal_credential_too(
    pathway, learner, cleaning, visualisation, statistics, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for achievement in (cleaning, visualisation, statistics):
            hold_credential(learner, achievement)
    award = pathway.awards.get()
    clr = pathway_clr(pathway=pathway, user=learner)
    assert "partial" not in clr
    assert credential_url(award.credential.uuid) in _embedded_ids(clr)
    assert len(_embedded_ids(clr)) == 4
    assert credential_verify_live(clr).verified


def test_no_record_without_a_credential_that_counts(pathway, learner, cleaning, issuer_staff):
    with pytest.raises(ValidationError) as caught:
        pathway_clr(pathway=pathway, user=learner)
    assert caught.value.messages == [str(CLR_NOTHING_HELD)]
    row = hold_credential(learner, cleaning)
    credential_revoke(credential=row.issued_credential, reason="Error", actor=issuer_staff)
    with pytest.raises(ValidationError):  # a revoked credential counts for nothing
        pathway_clr(pathway=pathway, user=learner)
