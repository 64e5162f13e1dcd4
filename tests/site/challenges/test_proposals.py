"""Institutions answer challenges: drafts, submission before the deadline, edits and
withdrawal until it, frozen after; the pages keep what was typed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from tests.site.challenges.test_proposals_support import (
    draft,
    form_post,
    pass_deadline,
    proposal_data,
)

from mixtape_site.challenges import proposals as services
from mixtape_site.challenges.models import AuditEvent, FundingProgram, Proposal

pytestmark = pytest.mark.django_db


def answer_url(org, challenge):
    return reverse("challenges:proposal_create", kwargs={"org": org.slug, "uuid": challenge.uuid})


def own_url(name, proposal):
    kwargs = {"org": proposal.organization.slug, "uuid": proposal.uuid}
    return reverse(f"challenges:{name}", kwargs=kwargs)


def test_answer_page_saves_a_draft_with_milestones_and_team(
    client, proposer, college, open_challenge, grant
):
    client.force_login(proposer)
    body = form_post(
        funding_program=str(grant.pk),
        team=[
            {"name": "Dr. Ada Lee", "email": "ada@northern.example", "role": "lead"},
            {"name": "Sam", "email": "sam@northern.example", "role": "student", "program": "Civil"},
        ],
    )
    response = client.post(answer_url(college, open_challenge), body)
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == own_url("proposal_detail", proposal)
    assert proposal.status == Proposal.Status.DRAFT
    assert proposal.organization == college and proposal.funding_program == grant
    assert proposal.milestones == [
        {"title": "Prototype", "due": "2030-01-15", "deliverable": "Three shelters"}
    ]
    assert [(m.email, m.role, m.program) for m in proposal.team.all()] == [
        ("ada@northern.example", "lead", ""),
        ("sam@northern.example", "student", "Civil"),
    ]


def test_answer_page_prefills_the_signed_in_person_as_lead(
    client, proposer, college, open_challenge
):
    client.force_login(proposer)
    response = client.get(answer_url(college, open_challenge))
    assert response.status_code == 200
    assert 'value="research@northern.example"' in response.content.decode()


def test_add_a_milestone_re_renders_one_more_row_keeping_everything_typed(
    client, proposer, college, open_challenge
):
    client.force_login(proposer)
    body = form_post("add_milestone", title="Typed title, not lost")
    response = client.post(answer_url(college, open_challenge), body)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="milestones-TOTAL_FORMS" value="2"' in page
    assert 'name="milestones-1-title"' in page
    assert "Typed title, not lost" in page and 'value="Prototype"' in page
    assert 'value="ada@northern.example"' in page
    assert "errorlist" not in page  # growing the form is not an error
    assert not Proposal.objects.exists()


def test_add_a_team_member_drops_rows_ticked_for_removal(client, proposer, college, open_challenge):
    client.force_login(proposer)
    team = [
        {"name": "Dr. Ada Lee", "email": "ada@northern.example", "role": "lead"},
        {"name": "Gone", "email": "gone@northern.example", "role": "staff", "DELETE": "on"},
    ]
    response = client.post(answer_url(college, open_challenge), form_post("add_member", team=team))
    page = response.content.decode()
    assert 'name="team-TOTAL_FORMS" value="2"' in page
    assert "gone@northern.example" not in page


def test_blank_added_rows_are_skipped_on_save(client, proposer, college, open_challenge):
    client.force_login(proposer)
    milestones = [{"title": "Prototype", "due": "2030-01-15"}, {"title": "", "due": ""}]
    team = [
        {"name": "Dr. Ada Lee", "email": "ada@northern.example", "role": "lead"},
        {"name": "", "email": "", "role": ""},
    ]
    client.post(answer_url(college, open_challenge), form_post(milestones=milestones, team=team))
    proposal = Proposal.objects.get()
    assert len(proposal.milestones) == 1 and proposal.team.count() == 1


def test_team_without_lead_is_refused_and_nothing_typed_is_lost(
    client, proposer, college, open_challenge
):
    client.force_login(proposer)
    team = [{"name": "Sam", "email": "sam@northern.example", "role": "student"}]
    response = client.post(answer_url(college, open_challenge), form_post(team=team))
    page = response.content.decode()
    assert response.status_code == 400
    assert str(services.TEAM_NEEDS_LEAD) in page
    assert 'value="sam@northern.example"' in page and "Shade sails and misting" in page
    assert not Proposal.objects.exists()


def test_submit_from_the_answer_page_submits_and_audits(client, proposer, college, open_challenge):
    client.force_login(proposer)
    client.post(answer_url(college, open_challenge), form_post("submit"))
    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.Status.SUBMITTED and proposal.submitted_at
    event = AuditEvent.objects.get(proposal=proposal)
    assert event.action == AuditEvent.Action.SUBMITTED and event.actor == proposer


def test_only_institutions_can_answer(client, city_staff, city, open_challenge):
    client.force_login(city_staff)
    assert client.get(answer_url(city, open_challenge)).status_code == 404
    with pytest.raises(ValidationError) as error:
        draft(open_challenge, city, city_staff)
    assert error.value.messages == [str(services.NOT_AN_INSTITUTION)]


def test_answering_a_closed_challenge_is_refused_with_a_message(
    client, proposer, college, open_challenge
):
    pass_deadline(open_challenge)
    client.force_login(proposer)
    response = client.get(answer_url(college, open_challenge))
    assert response.status_code == 409
    assert str(services.CHALLENGE_NOT_OPEN) in response.content.decode()
    response = client.post(answer_url(college, open_challenge), form_post("submit"))
    assert response.status_code == 409 and not Proposal.objects.exists()


def test_a_draft_challenge_cannot_be_answered(client, proposer, college, open_challenge):
    open_challenge.status = "draft"
    open_challenge.save()
    client.force_login(proposer)
    assert client.get(answer_url(college, open_challenge)).status_code == 404


def test_submit_after_the_deadline_is_refused(client, proposer, college, open_challenge):
    proposal = draft(open_challenge, college, proposer)
    pass_deadline(open_challenge)
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(proposal=proposal, actor=proposer)
    assert error.value.messages == [str(services.DEADLINE_PASSED)]
    client.force_login(proposer)
    response = client.post(own_url("proposal_submit", proposal))
    assert response.status_code == 409
    assert str(services.DEADLINE_PASSED) in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DRAFT


def test_submitted_proposal_can_be_edited_before_the_deadline(
    client, proposer, college, open_challenge
):
    proposal = draft(open_challenge, college, proposer)
    services.proposal_submit(proposal=proposal, actor=proposer)
    client.force_login(proposer)
    response = client.post(own_url("proposal_edit", proposal), form_post(title="Better title"))
    proposal.refresh_from_db()
    assert response.status_code == 302
    assert proposal.title == "Better title" and proposal.status == Proposal.Status.SUBMITTED
    assert AuditEvent.objects.filter(proposal=proposal, action="edited").exists()


def test_edit_after_the_deadline_is_refused(client, proposer, college, open_challenge):
    proposal = draft(open_challenge, college, proposer)
    pass_deadline(open_challenge)
    with pytest.raises(ValidationError) as error:
        services.proposal_update(proposal=proposal, data=proposal_data(), actor=proposer)
    assert error.value.messages == [str(services.DEADLINE_PASSED)]
    client.force_login(proposer)
    response = client.post(own_url("proposal_edit", proposal), form_post(title="Too late"))
    assert response.status_code == 409
    assert str(services.DEADLINE_PASSED) in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "Shade sails and misting"
    detail = client.get(own_url("proposal_detail", proposal)).content.decode()
    assert own_url("proposal_edit", proposal) not in detail


def test_withdraw_before_the_deadline(client, proposer, college, open_challenge):
    proposal = draft(open_challenge, college, proposer)
    services.proposal_submit(proposal=proposal, actor=proposer)
    client.force_login(proposer)
    assert client.get(own_url("proposal_withdraw", proposal)).status_code == 200
    response = client.post(own_url("proposal_withdraw", proposal))
    proposal.refresh_from_db()
    assert response.status_code == 302 and proposal.status == Proposal.Status.WITHDRAWN
    event = AuditEvent.objects.filter(proposal=proposal).last()
    assert event.action == AuditEvent.Action.WITHDRAWN and event.detail == {"was_submitted": True}


def test_withdraw_after_the_deadline_is_refused(client, proposer, college, open_challenge):
    proposal = draft(open_challenge, college, proposer)
    pass_deadline(open_challenge)
    client.force_login(proposer)
    response = client.post(own_url("proposal_withdraw", proposal))
    assert response.status_code == 409
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DRAFT


def test_a_withdrawn_proposal_cannot_be_submitted_or_edited(proposer, college, open_challenge):
    proposal = draft(open_challenge, college, proposer)
    services.proposal_withdraw(proposal=proposal, actor=proposer)
    with pytest.raises(ValidationError):
        services.proposal_submit(proposal=proposal, actor=proposer)
    with pytest.raises(ValidationError) as error:
        services.proposal_update(proposal=proposal, data=proposal_data(), actor=proposer)
    assert error.value.messages == [str(services.NOT_EDITABLE)]


def test_funding_program_must_be_one_of_the_challenge(proposer, college, open_challenge, funder):
    other = FundingProgram.objects.create(slug="other", funder=funder, name={"en": "Other"})
    with pytest.raises(ValidationError) as error:
        draft(open_challenge, college, proposer, funding_program=other)
    assert error.value.message_dict == {"funding_program": [str(services.PROGRAM_NOT_OFFERED)]}


def test_language_must_be_accepted_by_the_challenge(proposer, college, open_challenge):
    open_challenge.language = "fr"
    open_challenge.save()
    with pytest.raises(ValidationError) as error:
        draft(open_challenge, college, proposer, language="en")
    assert error.value.message_dict == {"language": [str(services.LANGUAGE_NOT_ACCEPTED)]}
    assert draft(open_challenge, college, proposer, language="fr").language == "fr"


def test_negative_budget_is_refused_on_the_page(client, proposer, college, open_challenge):
    client.force_login(proposer)
    response = client.post(answer_url(college, open_challenge), form_post(budget="-5"))
    assert response.status_code == 400 and not Proposal.objects.exists()


def test_the_list_shows_drafts_submitted_and_decisions(client, proposer, college, open_challenge):
    draft(open_challenge, college, proposer, title="First idea", budget=Decimal(1))
    client.force_login(proposer)
    page = client.get(reverse("challenges:proposal_list", kwargs={"org": college.slug}))
    assert page.status_code == 200
    assert "First idea" in page.content.decode()
