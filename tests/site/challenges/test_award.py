# ruff: noqa: F811 - the fixtures imported from test_proposals_support are used as arguments
"""Award: the chosen proposals win, the other submitted ones are not selected, the challenge
is awarded, everyone is e-mailed in their language after commit, and all is audited."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from tests.site.challenges.test_proposals_support import (  # noqa: F401 - fixtures
    draft,
    ours,
    pass_deadline,
    theirs,
)
from tests.site.conftest import make_user

from mixtape_site.challenges import proposals, review
from mixtape_site.challenges.models import AuditEvent, Challenge, Proposal

pytestmark = pytest.mark.django_db


def award_url(challenge):
    kwargs = {"org": challenge.organization.slug, "uuid": challenge.uuid}
    return reverse("challenges:award", kwargs=kwargs)


def test_award_transitions_proposals_and_the_challenge(
    open_challenge, ours, theirs, college, proposer, city_staff
):
    withdrawn = draft(open_challenge, college, proposer, title="Abandoned idea")
    proposals.proposal_withdraw(proposal=withdrawn, actor=proposer)
    pass_deadline(open_challenge)
    review.challenge_award(challenge=open_challenge, proposals=[ours], actor=city_staff)
    for row in (ours, theirs, withdrawn, open_challenge):
        row.refresh_from_db()
    assert ours.status == Proposal.Status.AWARDED and ours.decided_at
    assert theirs.status == Proposal.Status.NOT_SELECTED and theirs.decided_at
    assert withdrawn.status == Proposal.Status.WITHDRAWN and withdrawn.decided_at is None
    assert open_challenge.status == Challenge.Status.AWARDED and open_challenge.awarded_at
    decisions = AuditEvent.objects.filter(action__in=["awarded", "not_selected"], actor=city_staff)
    assert {(e.proposal_id, e.action) for e in decisions} == {
        (ours.pk, "awarded"),
        (theirs.pk, "not_selected"),
    }


def test_several_proposals_can_be_awarded(open_challenge, ours, theirs, city_staff):
    pass_deadline(open_challenge)
    won = review.challenge_award(
        challenge=open_challenge, proposals=[ours, theirs], actor=city_staff
    )
    assert [p.pk for p in won] == sorted([ours.pk, theirs.pk])
    assert set(Proposal.objects.values_list("status", flat=True)) == {"awarded"}


def test_award_before_the_deadline_is_refused(open_challenge, ours, city_staff):
    with pytest.raises(ValidationError) as error:
        review.challenge_award(challenge=open_challenge, proposals=[ours], actor=city_staff)
    assert error.value.messages == [str(review.AWARD_TOO_EARLY)]
    ours.refresh_from_db()
    assert ours.status == Proposal.Status.SUBMITTED


def test_award_twice_is_refused(open_challenge, ours, theirs, city_staff):
    pass_deadline(open_challenge)
    review.challenge_award(challenge=open_challenge, proposals=[ours], actor=city_staff)
    with pytest.raises(ValidationError) as error:
        review.challenge_award(challenge=open_challenge, proposals=[theirs], actor=city_staff)
    assert error.value.messages == [str(review.AWARD_ALREADY)]


def test_only_submitted_proposals_can_be_awarded(open_challenge, college, proposer, city_staff):
    mine = draft(open_challenge, college, proposer)
    pass_deadline(open_challenge)
    with pytest.raises(ValidationError) as error:
        review.challenge_award(challenge=open_challenge, proposals=[mine], actor=city_staff)
    assert error.value.messages == [str(review.AWARD_NOT_SUBMITTED)]


def test_award_pages_confirm_then_award(client, city_staff, open_challenge, ours, theirs):
    pass_deadline(open_challenge)
    client.force_login(city_staff)
    page = client.get(award_url(open_challenge), {"proposals": [str(ours.uuid)]})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Northern shade sails" in text and "Southern green roofs" in text  # winner, other
    assert "Confirm the award" in text
    assert Proposal.objects.filter(status="submitted").count() == 2  # nothing decided yet
    response = client.post(award_url(open_challenge), {"proposals": [str(ours.uuid)]})
    assert response.status_code == 302
    open_challenge.refresh_from_db()
    assert open_challenge.status == Challenge.Status.AWARDED


def test_award_page_without_a_choice_says_so(client, city_staff, open_challenge, ours):
    pass_deadline(open_challenge)
    client.force_login(city_staff)
    response = client.post(award_url(open_challenge), {})
    assert response.status_code == 400
    ours.refresh_from_db()
    assert ours.status == Proposal.Status.SUBMITTED


def test_award_emails_everyone_after_commit(
    open_challenge, ours, theirs, proposer, rival, city_staff, django_capture_on_commit_callbacks
):
    pass_deadline(open_challenge)
    with django_capture_on_commit_callbacks(execute=True):
        review.challenge_award(challenge=open_challenge, proposals=[ours], actor=city_staff)
    by_address = {m.to[0]: m for m in mail.outbox if m.to[0] != city_staff.email}
    # the team contacts and the institution's members of each proposal
    assert set(by_address) == {
        "ada@northern.example",
        "sam@northern.example",
        proposer.email,
        "roy@southern.example",
        rival.email,
    }
    assert "selected" in by_address["ada@northern.example"].subject
    assert "Northern shade sails" in by_address[proposer.email].body
    assert "was not selected" in by_address[rival.email].body
    assert "Northern shade sails" not in by_address[rival.email].body  # no winner leak
    staff = [m for m in mail.outbox if m.to == [city_staff.email]]
    assert len(staff) == 1 and "Northern shade sails" in staff[0].body
    assert "Cooler bus shelters" in staff[0].subject


def test_award_emails_are_in_each_persons_language(
    open_challenge, ours, proposer, city_staff, django_capture_on_commit_callbacks
):
    proposer.preferred_language = "fr"
    proposer.save()
    pass_deadline(open_challenge)
    with django_capture_on_commit_callbacks(execute=True):
        review.challenge_award(challenge=open_challenge, proposals=[ours], actor=city_staff)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "Abribus plus frais" in by_address[proposer.email].subject
    assert "Ville de Lakeview" in by_address[proposer.email].body
    assert "Cooler bus shelters" in by_address["ada@northern.example"].subject
    assert "City of Lakeview" in by_address["ada@northern.example"].body


def test_french_proposal_teams_are_written_to_in_french(
    open_challenge, college, proposer, city_staff, django_capture_on_commit_callbacks
):
    proposal = draft(open_challenge, college, proposer, language="fr")
    proposals.proposal_submit(proposal=proposal, actor=proposer)
    make_user("other@lakeview.example")
    pass_deadline(open_challenge)
    with django_capture_on_commit_callbacks(execute=True):
        review.challenge_award(challenge=open_challenge, proposals=[proposal], actor=city_staff)
    team_mail = next(m for m in mail.outbox if m.to == ["ada@northern.example"])
    assert "Abribus plus frais" in team_mail.subject


def test_no_email_when_the_award_fails(
    open_challenge, ours, city_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        review.challenge_award(challenge=open_challenge, proposals=[ours], actor=city_staff)
    assert mail.outbox == []


def test_the_audit_records_the_close_before_the_award(open_challenge, ours, city_staff):
    pass_deadline(open_challenge)  # nobody opened a page since: the close is still lazy
    review.challenge_award(challenge=open_challenge, proposals=[ours], actor=city_staff)
    actions = list(
        AuditEvent.objects.filter(challenge=open_challenge).values_list("action", flat=True)
    )
    assert actions.index("closed") < actions.index("awarded")
