"""Stacked credentials: issued exactly once when a pathway is met, reviewed when needed."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from tests.site.pathways.conftest import achievement_make, hold_credential, pathway_make
from tests.site.wallet.conftest import outside_credential

from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.documents import credential_url
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.services import REASON_REQUIRED, credential_revoke
from mixtape_site.pathways import awards, services
from mixtape_site.pathways.models import Pathway, PathwayAward, PathwayGroup
from mixtape_site.pathways.selectors import awards_to_decide
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.services import wallet_import_text


def _complete(learner, cleaning, visualisation, statistics):
    return [hold_credential(learner, a) for a in (cleaning, visualisation, statistics)]


@pytest.fixture
def completed(pathway, learner, cleaning, visualisation, statistics,
              django_capture_on_commit_callbacks):  # fmt: skip
    """The learner adds the three micro-credentials to their wallet; the tasks run."""
    with django_capture_on_commit_callbacks(execute=True):
        rows = _complete(learner, cleaning, visualisation, statistics)
    return rows


@pytest.mark.django_db
def test_meeting_a_pathway_issues_the_goal_into_the_wallet_with_its_evidence(
    completed, pathway, learner, goal
):
    award = PathwayAward.objects.get(pathway=pathway, learner=learner)
    assert award.state == PathwayAward.State.ISSUED and award.decided_by is None
    credential = award.credential
    assert credential.achievement == goal
    assert credential.recipient_email == "lea@example.org"
    assert credential.recipient_name == "Léa Tremblay"
    assert WalletCredential.objects.filter(owner=learner, issued_credential=credential).exists()
    evidence = credential.document["evidence"]
    assert {e["id"] for e in evidence} == {credential_url(r.issued_credential.uuid)
                                           for r in completed}  # fmt: skip
    assert {e["name"] for e in evidence} == {"Data Cleaning", "Data Visualisation",
                                             "Statistics with R"}  # fmt: skip
    assert evidence[0]["narrativeMap"]["en"] == "Counts toward the pathway “Data Analytics”."
    assert "Data Analytics (fr)" in evidence[0]["narrativeMap"]["fr"]
    assert {e["name"] for e in award.contributing} == {e["name"] for e in evidence}
    assert all(e["wallet_uuid"] for e in award.contributing)


@pytest.mark.django_db
def test_checking_again_never_awards_twice(completed, pathway, learner):
    assert awards.awards_check(user=learner) == []
    assert PathwayAward.objects.count() == 1
    assert IssuedCredential.objects.filter(achievement=pathway.goal).count() == 1


@pytest.mark.django_db
def test_nothing_is_awarded_before_every_requirement_is_met(
    pathway, learner, cleaning, statistics, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        hold_credential(learner, cleaning)
        hold_credential(learner, statistics)
    assert not PathwayAward.objects.exists()


@pytest.mark.django_db
def test_review_mode_queues_the_award_tells_the_owner_and_approval_issues(
    pathway, learner, cleaning, visualisation, statistics, issuer_staff, college_admin,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    Pathway.objects.filter(pk=pathway.pk).update(approval=Pathway.Approval.REVIEW)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _complete(learner, cleaning, visualisation, statistics)
    award = PathwayAward.objects.get()
    assert award.state == PathwayAward.State.PENDING and award.credential is None
    assert list(awards_to_decide(organization=pathway.organization)) == [award]
    staff_mail = [m for m in mail.outbox if "staff@northern.example" in m.to]
    assert len(staff_mail) == 1
    assert set(staff_mail[0].to) == {"staff@northern.example", "admin@northern.example"}
    assert "Léa Tremblay" in staff_mail[0].subject
    assert "/manage/northern-college/pathway-awards/" in staff_mail[0].body
    with django_capture_on_commit_callbacks(execute=True):
        approved = services.award_approve(award=award, actor=issuer_staff)
    assert approved.state == PathwayAward.State.ISSUED
    assert approved.decided_by == issuer_staff
    assert approved.credential.issued_by == issuer_staff
    assert WalletCredential.objects.filter(issued_credential=approved.credential).exists()
    with pytest.raises(ValidationError) as caught:
        services.award_approve(award=award, actor=issuer_staff)
    assert caught.value.messages == [str(awards.AWARD_NOT_PENDING)]


@pytest.mark.django_db
def test_only_the_owners_staff_decide_awards(
    pathway, learner, cleaning, visualisation, statistics, second_staff, outsider
):
    Pathway.objects.filter(pk=pathway.pk).update(approval=Pathway.Approval.REVIEW)
    pathway.partners.add(second_staff.memberships.get().organization)
    _complete(learner, cleaning, visualisation, statistics)
    award = awards.awards_check(user=learner)[0]
    for actor in (second_staff, outsider):
        with pytest.raises(PermissionDenied):
            services.award_approve(award=award, actor=actor)
    award.refresh_from_db()
    assert award.state == PathwayAward.State.PENDING


@pytest.mark.django_db
def test_a_declined_award_needs_a_reason_and_is_not_given_again(
    pathway, learner, cleaning, visualisation, statistics, issuer_staff
):
    Pathway.objects.filter(pk=pathway.pk).update(approval=Pathway.Approval.REVIEW)
    _complete(learner, cleaning, visualisation, statistics)
    award = awards.awards_check(user=learner)[0]
    with pytest.raises(ValidationError) as caught:
        services.award_decline(award=award, actor=issuer_staff, reason="  ")
    assert caught.value.message_dict == {"reason": [str(REASON_REQUIRED)]}
    declined = services.award_decline(award=award, actor=issuer_staff, reason="Not enrolled")
    assert declined.state == PathwayAward.State.DECLINED
    assert declined.review_reason == "Not enrolled"
    assert awards.awards_check(user=learner) == []
    assert not IssuedCredential.objects.filter(achievement=pathway.goal).exists()


@pytest.mark.django_db
def test_revoking_a_contributing_credential_flags_the_award_and_tells_the_owner(
    completed, pathway, learner, issuer_staff, django_capture_on_commit_callbacks
):
    award = PathwayAward.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        credential_revoke(
            credential=completed[0].issued_credential, reason="Plagiarism", actor=issuer_staff
        )
    award.refresh_from_db()
    assert award.needs_review and "“Data Cleaning” from Northern College" in award.review_reason
    assert award.state == PathwayAward.State.ISSUED  # the issuer decides, nothing automatic
    assert list(awards_to_decide(organization=pathway.organization)) == [award]
    assert [m.to for m in mail.outbox] == [["staff@northern.example"]]
    assert "revoked" in mail.outbox[0].subject
    kept = services.award_keep(award=award, actor=issuer_staff)
    assert not kept.needs_review and kept.decided_by == issuer_staff
    with pytest.raises(ValidationError) as caught:
        services.award_keep(award=award, actor=issuer_staff)
    assert caught.value.messages == [str(awards.AWARD_NOTHING_TO_REVIEW)]


@pytest.mark.django_db
def test_an_imported_contributing_credential_found_revoked_flags_the_award_on_the_next_check(
    completed, learner
):
    WalletCredential.objects.filter(pk=completed[2].pk).update(
        issued_credential=None, status=WalletCredential.Status.REVOKED
    )
    awards.awards_check(user=learner)
    award = PathwayAward.objects.get()
    assert award.needs_review and "Statistics with R" in award.review_reason


@pytest.mark.django_db
def test_a_met_certificate_stacks_into_the_diploma_it_is_a_step_of(
    pathway, college, goal, learner, cleaning, visualisation, statistics,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    diploma = pathway_make(
        organization=college,
        goal=achievement_make(organization=college, name="Diploma"),
        name="Diploma",
        groups=[("Certificates", PathwayGroup.Rule.ALL, None, [goal])],
    )
    with django_capture_on_commit_callbacks(execute=True):
        _complete(learner, cleaning, visualisation, statistics)
    assert set(PathwayAward.objects.values_list("pathway", "state")) == {
        (pathway.pk, "issued"), (diploma.pk, "issued"),
    }  # fmt: skip


@pytest.mark.django_db
def test_a_goal_already_held_is_recorded_not_issued_again(
    pathway, learner, goal, cleaning, visualisation, statistics
):
    held_goal = hold_credential(learner, goal)
    _complete(learner, cleaning, visualisation, statistics)
    award = awards.awards_check(user=learner)[0]
    assert award.credential == held_goal.issued_credential
    assert IssuedCredential.objects.filter(achievement=goal).count() == 1


@pytest.mark.django_db
def test_a_retired_goal_awards_nothing_and_breaks_nothing(
    pathway, learner, goal, cleaning, visualisation, statistics
):
    _complete(learner, cleaning, visualisation, statistics)
    Achievement.objects.filter(pk=goal.pk).update(status=Achievement.Status.RETIRED)
    assert awards.awards_check(user=learner) == []
    assert not PathwayAward.objects.exists()


@pytest.mark.django_db
def test_a_learner_without_a_verified_address_gets_no_award_yet(
    pathway, learner, cleaning, visualisation, statistics
):
    _complete(learner, cleaning, visualisation, statistics)
    learner.emailaddress_set.update(verified=False)
    assert awards.awards_check(user=learner) == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_checks_award_and_issue_exactly_once(
    pathway, learner, cleaning, visualisation, statistics
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serializes every writer; the race needs PostgreSQL")
    # Held while the pathway was a draft (the tasks award nothing), then it is published.
    Pathway.objects.filter(pk=pathway.pk).update(status=Pathway.Status.DRAFT)
    _complete(learner, cleaning, visualisation, statistics)
    Pathway.objects.filter(pk=pathway.pk).update(status=Pathway.Status.PUBLISHED)
    assert not PathwayAward.objects.exists()

    def check(_: int) -> int:
        try:
            return len(awards.awards_check(user=learner))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        created = list(pool.map(check, range(4)))
    assert sum(created) == 1
    assert PathwayAward.objects.count() == 1
    assert IssuedCredential.objects.filter(achievement=pathway.goal).count() == 1
    assert (
        WalletCredential.objects.filter(
            owner=learner, issued_credential__achievement=pathway.goal
        ).count()
        == 1
    )


@pytest.mark.django_db
def test_revoking_the_goal_credential_is_the_owners_decision_on_the_review(
    completed, issuer_staff, django_capture_on_commit_callbacks
):
    award = PathwayAward.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        credential_revoke(
            credential=completed[0].issued_credential, reason="Plagiarism", actor=issuer_staff
        )
        credential_revoke(credential=award.credential, reason="Not earned", actor=issuer_staff)
    award.refresh_from_db()
    assert not award.needs_review
    assert list(awards_to_decide(organization=award.pathway.organization)) == []


@pytest.mark.django_db
def test_an_imported_credential_of_another_issuer_accepted_as_equivalent_completes_it(
    pathway, learner, cleaning, visualisation, django_capture_on_commit_callbacks
):
    step = pathway.groups.get(name__en="Electives").steps.get()
    services.equivalence_add(
        step=step,
        achievement_uri="https://academy.example/achievements/sql",
        name="SQL for Analysts",
        issuer_name="Open Data Academy",
    )
    with django_capture_on_commit_callbacks(execute=True):
        hold_credential(learner, cleaning)
        hold_credential(learner, visualisation)
        wallet_import_text(user=learner, text=json.dumps(outside_credential(email=learner.email)))
    award = PathwayAward.objects.get()
    assert award.state == PathwayAward.State.ISSUED
    assert "SQL for Analysts" in {e["name"] for e in award.contributing}
    assert "urn:uuid:6f1c8f5e-3a54-4c1e-9d51-8f0b2a6f8c11" in {
        e["id"] for e in award.credential.document["evidence"]
    }
