"""After completion: both sides confirm each student's contribution, the partner endorses,
and the institution issues a signed OB 3.0 credential that carries the endorsement and the
project as evidence, e-mailed to the student and waiting in their wallet, once only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from tests.site.challenges.test_proposals_support import submitted
from tests.site.projects.conftest import MILESTONES, STUDENT_EMAIL, TEAM

from mixtape_site.challenges import review
from mixtape_site.challenges.models import Challenge
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.verifying import platform_verify
from mixtape_site.issuers.identity import organization_did
from mixtape_site.projects import issuing
from mixtape_site.projects.models import ProjectEvent
from mixtape_site.projects.replay import ProjectStory, project_replay
from mixtape_site.wallet.selectors import discovered_credentials

pytestmark = pytest.mark.django_db
CONTRIBUTION = "Built the heat sensors and analysed three weeks of readings."
ENDORSEMENT = {"en": "The city relies on this work.", "fr": "La ville compte sur ce travail."}


def _sam(project):
    return project.members.get(email=STUDENT_EMAIL)


def _confirm_both(project, proposer, city_staff):
    sam = issuing.contribution_confirm_institution(
        member=_sam(project), contribution=CONTRIBUTION, actor=proposer
    )
    return issuing.contribution_confirm_partner(member=sam, actor=city_staff)


@pytest.fixture
def ready(completed, proposer, city_staff):
    """Sam confirmed by both sides and the micro-credential endorsed; Mia not confirmed."""
    _confirm_both(completed, proposer, city_staff)
    issuing.project_endorse(project=completed, comment=ENDORSEMENT, actor=city_staff)
    return completed


def test_confirmations_wait_for_completion(project, proposer):
    with pytest.raises(ValidationError) as error:
        issuing.contribution_confirm_institution(
            member=_sam(project), contribution=CONTRIBUTION, actor=proposer
        )
    assert error.value.messages == [str(issuing.NOT_COMPLETED)]


def test_the_partner_cannot_confirm_before_the_institution_wrote_it(completed, city_staff):
    with pytest.raises(ValidationError) as error:
        issuing.contribution_confirm_partner(member=_sam(completed), actor=city_staff)
    assert error.value.messages == [str(issuing.INSTITUTION_FIRST)]
    assert _sam(completed).partner_confirmed_at is None


def test_the_institution_cannot_confirm_for_the_partner(completed, proposer):
    issuing.contribution_confirm_institution(
        member=_sam(completed), contribution=CONTRIBUTION, actor=proposer
    )
    with pytest.raises(ValidationError) as error:
        issuing.contribution_confirm_partner(member=_sam(completed), actor=proposer)
    assert error.value.messages == [str(issuing.PARTNER_ONLY)]
    with pytest.raises(ValidationError) as error:
        issuing.project_endorse(project=completed, comment=ENDORSEMENT, actor=proposer)
    assert error.value.messages == [str(issuing.PARTNER_ONLY)]
    assert _sam(completed).partner_confirmed_at is None


def test_the_partner_cannot_write_the_contribution_or_issue(completed, city_staff):
    with pytest.raises(ValidationError) as error:
        issuing.contribution_confirm_institution(
            member=_sam(completed), contribution="Mine", actor=city_staff
        )
    assert error.value.messages == [str(issuing.INSTITUTION_ONLY)]
    with pytest.raises(ValidationError) as error:
        issuing.project_credentials_issue(project=completed, actor=city_staff)
    assert error.value.messages == [str(issuing.INSTITUTION_ONLY)]


def test_an_empty_contribution_or_a_non_student_is_refused(completed, proposer):
    with pytest.raises(ValidationError) as error:
        issuing.contribution_confirm_institution(
            member=_sam(completed), contribution="  ", actor=proposer
        )
    assert error.value.message_dict == {"contribution": [str(issuing.CONTRIBUTION_REQUIRED)]}
    lead = completed.members.get(role="lead")
    with pytest.raises(ValidationError) as error:
        issuing.contribution_confirm_institution(member=lead, contribution="Led", actor=proposer)
    assert error.value.messages == [str(issuing.ONLY_STUDENTS)]
    assert not completed.members.exclude(contribution="").exists()


def test_rewriting_a_contribution_asks_the_partner_again(completed, proposer, city_staff):
    _confirm_both(completed, proposer, city_staff)
    sam = issuing.contribution_confirm_institution(
        member=_sam(completed), contribution=CONTRIBUTION + " And the report.", actor=proposer
    )
    assert sam.institution_confirmed_at and sam.partner_confirmed_at is None


def test_an_empty_endorsement_is_refused(completed, city_staff):
    with pytest.raises(ValidationError) as error:
        issuing.project_endorse(project=completed, comment={"en": " ", "fr": ""}, actor=city_staff)
    assert error.value.message_dict == {"comment_en": [str(issuing.ENDORSEMENT_REQUIRED)]}


def test_issuing_waits_for_both_confirmations_and_the_endorsement(completed, proposer, city_staff):
    report = issuing.project_credentials_issue(project=completed, actor=proposer)
    assert report.issued == []
    assert {w.member.email: w.reasons for w in report.waiting}[STUDENT_EMAIL] == [
        issuing.WAITING_INSTITUTION, issuing.WAITING_PARTNER, issuing.WAITING_ENDORSEMENT,
    ]  # fmt: skip
    _confirm_both(completed, proposer, city_staff)
    report = issuing.project_credentials_issue(project=completed, actor=proposer)
    assert report.issued == []
    assert {w.member.email: w.reasons for w in report.waiting}[STUDENT_EMAIL] == [
        issuing.WAITING_ENDORSEMENT
    ]
    assert not IssuedCredential.objects.exists()


def test_only_ready_students_receive_the_credential(ready, proposer):
    report = issuing.project_credentials_issue(project=ready, actor=proposer)
    assert [m.email for m in report.issued] == [STUDENT_EMAIL]
    assert [(w.member.name, w.reasons) for w in report.waiting] == [
        ("Mia Martin", [issuing.WAITING_INSTITUTION, issuing.WAITING_PARTNER])
    ]
    sam = _sam(ready)
    assert sam.credential.recipient_email == STUDENT_EMAIL
    event = ready.events.get(action=ProjectEvent.Action.CREDENTIAL_ISSUED)
    assert event.member == sam and event.detail["credential"] == str(sam.credential.uuid)


def test_the_issued_credential_verifies_with_endorsement_and_evidence(ready, proposer, city):
    issuing.project_credentials_issue(project=ready, actor=proposer)
    document = _sam(ready).credential.document
    report = platform_verify(document)
    assert report.verified, report.to_json()
    [endorsement] = document["credentialSubject"]["achievement"]["endorsement"]
    assert "EndorsementCredential" in endorsement["type"]
    assert endorsement["issuer"]["id"] == organization_did(city)
    assert platform_verify(endorsement).verified
    [evidence] = document["evidence"]
    assert evidence["id"] == issuing.public_url(ready)
    assert evidence["id"].endswith(f"/projects/{ready.uuid}")
    assert evidence["narrative"] == CONTRIBUTION
    assert evidence["name"] == "Northern shade sails"
    assert evidence["description"] == "Cooler bus shelters"


def test_the_student_is_emailed_and_finds_it_in_the_wallet(
    ready, proposer, student, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        issuing.project_credentials_issue(project=ready, actor=proposer)
    assert [message.to for message in mail.outbox] == [[STUDENT_EMAIL]]
    assert list(discovered_credentials(user=student)) == [_sam(ready).credential]


def test_issuing_twice_issues_nothing_twice(ready, proposer):
    issuing.project_credentials_issue(project=ready, actor=proposer)
    again = issuing.project_credentials_issue(project=ready, actor=proposer)
    assert again.issued == []
    assert IssuedCredential.objects.count() == 1
    assert ready.events.filter(action=ProjectEvent.Action.CREDENTIAL_ISSUED).count() == 1


def test_an_issued_contribution_can_no_longer_change(ready, proposer):
    issuing.project_credentials_issue(project=ready, actor=proposer)
    with pytest.raises(ValidationError) as error:
        issuing.contribution_confirm_institution(
            member=_sam(ready), contribution="Something else", actor=proposer
        )
    assert error.value.messages == [str(issuing.ALREADY_ISSUED)]


def test_a_project_replays_at_past_dates(open_challenge, college, proposer, city_staff):
    proposal = submitted(open_challenge, college, proposer, team=TEAM, milestones=MILESTONES)
    awarded_at = timezone.now() - timedelta(days=200)
    Challenge.objects.filter(pk=open_challenge.pk).update(deadline=awarded_at - timedelta(days=9))
    review.challenge_award(
        challenge=open_challenge, proposals=[proposal], actor=city_staff, now=awarded_at
    )
    project = proposal.project
    assert project.started_at == awarded_at
    completed_at = timezone.now() - timedelta(days=60)
    story = ProjectStory(
        completed_at=completed_at, outcome="Cooler shelters.", final_trl=6,
        contributions={STUDENT_EMAIL: CONTRIBUTION}, endorsement=ENDORSEMENT,
        trl_steps=[(completed_at - timedelta(days=30), 4)],
    )  # fmt: skip
    report = project_replay(
        project=project, story=story, institution_actor=proposer, partner_actor=city_staff
    )
    credential = _sam(project).credential
    assert [m.email for m in report.issued] == [STUDENT_EMAIL]
    assert credential.issued_on == completed_at + story.issue_after
    assert platform_verify(credential.document).verified
    project.refresh_from_db()
    assert project.completed_at == completed_at and project.trl_current == 6
    assert all(m.done_at < completed_at for m in project.milestones.all())
    latest = max(project.events.values_list("created_at", flat=True))
    assert latest == completed_at + story.issue_after
