# ruff: noqa: F811 - the fixtures imported from test_proposals_support are used as arguments
"""Review: invitations, assignments, conflicts of interest, scores and what the partner sees."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from tests.site.challenges.test_proposals_support import (  # noqa: F401 - fixtures
    invite,
    other_reviewer,
    ours,
    pass_deadline,
    reviewer,
    theirs,
)

from mixtape_site.challenges import review
from mixtape_site.challenges.models import Assignment, AuditEvent, Reviewer, Score

pytestmark = pytest.mark.django_db


def partner_url(challenge, name="partner_proposals"):
    kwargs = {"org": challenge.organization.slug, "uuid": challenge.uuid}
    return reverse(f"challenges:{name}", kwargs=kwargs)


def review_url(assignment, name="review_detail"):
    return reverse(f"challenges:{name}", kwargs={"pk": assignment.pk})


@pytest.fixture
def assigned(open_challenge, ours, reviewer, city_staff):
    pass_deadline(open_challenge)
    invite(open_challenge, reviewer, city_staff)
    return review.assignment_create(proposal=ours, reviewer=reviewer, assigned_by=city_staff)


def scores_post(challenge, action="save", **points):
    impact, feasibility = challenge.criteria.all()
    return {
        "action": action,
        f"points_{impact.pk}": points.get("impact", ""),
        f"comment_{impact.pk}": "Clear benefit",
        f"points_{feasibility.pk}": points.get("feasibility", ""),
        f"comment_{feasibility.pk}": "",
        "comment": "Solid proposal.",
    }


def test_invite_an_existing_account_by_email(client, city_staff, reviewer, open_challenge):
    client.force_login(city_staff)
    response = client.post(
        partner_url(open_challenge, "reviewer_invite"), {"email": "REVIEWER@expert.example"}
    )
    assert response.status_code == 302
    assert Reviewer.objects.get().user == reviewer
    event = AuditEvent.objects.get(action=AuditEvent.Action.REVIEWER_INVITED)
    assert event.detail == {"reviewer": reviewer.email} and event.actor == city_staff


def test_invite_without_an_account_says_so_and_creates_nothing(client, city_staff, open_challenge):
    client.force_login(city_staff)
    response = client.post(
        partner_url(open_challenge, "reviewer_invite"), {"email": "nobody@nowhere.example"}
    )
    assert response.status_code == 400
    assert str(review.NO_ACCOUNT) in response.content.decode()
    assert not Reviewer.objects.exists()


def test_assign_to_an_uninvited_person_is_refused(open_challenge, ours, outsider, city_staff):
    pass_deadline(open_challenge)
    with pytest.raises(ValidationError) as error:
        review.assignment_create(proposal=ours, reviewer=outsider, assigned_by=city_staff)
    assert error.value.messages == [str(review.NOT_A_REVIEWER)]


def test_assign_before_proposals_are_visible_is_refused(open_challenge, ours, reviewer, city_staff):
    invite(open_challenge, reviewer, city_staff)
    with pytest.raises(ValidationError) as error:
        review.assignment_create(proposal=ours, reviewer=reviewer, assigned_by=city_staff)
    assert error.value.messages == [str(review.NOT_REVIEWABLE)]


def test_partner_assigns_its_own_staff_through_the_page(client, city_staff, open_challenge, ours):
    pass_deadline(open_challenge)
    client.force_login(city_staff)
    body = {"proposal": str(ours.uuid), "reviewer": str(city_staff.pk)}
    response = client.post(partner_url(open_challenge, "assignment_create"), body)
    assert response.status_code == 302
    assert Assignment.objects.get().reviewer == city_staff
    assert AuditEvent.objects.filter(proposal=ours, action="assigned").exists()


def test_a_member_of_the_proposing_institution_cannot_review_it(
    open_challenge, ours, proposer, city_staff
):
    pass_deadline(open_challenge)
    invite(open_challenge, proposer, city_staff)
    with pytest.raises(ValidationError) as error:
        review.assignment_create(proposal=ours, reviewer=proposer, assigned_by=city_staff)
    assert error.value.messages == [str(review.OWN_INSTITUTION)]


def test_undeclared_reviewer_sees_only_the_title_and_cannot_score(client, reviewer, assigned):
    client.force_login(reviewer)
    page = client.get(review_url(assigned)).content.decode()
    assert "Northern shade sails" in page
    assert "Retrofit shelters" not in page  # the summary
    assert 'name="conflict"' in page
    with pytest.raises(ValidationError) as error:
        review.review_save(assignment=assigned, scores=[], comment="", actor=reviewer)
    assert error.value.messages == [str(review.DECLARE_FIRST)]


def test_conflict_needs_an_explanation(client, reviewer, assigned):
    client.force_login(reviewer)
    response = client.post(review_url(assigned, "review_declare"), {"conflict": "conflict"})
    assert response.status_code == 400
    assert str(review.CONFLICT_NOTE_REQUIRED) in response.content.decode()
    assigned.refresh_from_db()
    assert assigned.conflict == Assignment.Conflict.UNDECLARED


def test_conflict_blocks_scoring_and_the_partner_sees_the_declaration(
    client, reviewer, city_staff, assigned, open_challenge, ours
):
    client.force_login(reviewer)
    note = "I co-supervise a student on this team."
    client.post(
        review_url(assigned, "review_declare"), {"conflict": "conflict", "conflict_note": note}
    )
    page = client.get(review_url(assigned)).content.decode()
    assert "Retrofit shelters" not in page and 'name="comment"' not in page
    response = client.post(review_url(assigned), scores_post(open_challenge, impact="9"))
    assert response.status_code == 400
    assert str(review.CONFLICT_BLOCKS_SCORING) in response.content.decode()
    assert not Score.objects.exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.CONFLICT_DECLARED)
    assert event.detail == {"conflict": "conflict"} and event.actor == reviewer
    client.force_login(city_staff)
    url = reverse(
        "challenges:partner_proposal",
        kwargs={"org": "city-of-lakeview", "uuid": open_challenge.uuid, "proposal": ours.uuid},
    )
    assert note in client.get(url).content.decode()


def test_score_bounds_are_enforced(client, reviewer, assigned, open_challenge):
    review.assignment_declare(assignment=assigned, conflict="none", note="", actor=reviewer)
    client.force_login(reviewer)
    response = client.post(review_url(assigned), scores_post(open_challenge, impact="11"))
    assert response.status_code == 400
    assert "Give between 0 and 10 points." in response.content.decode()
    response = client.post(review_url(assigned), scores_post(open_challenge, feasibility="-1"))
    assert "Give between 0 and 5 points." in response.content.decode()
    assert not Score.objects.exists()


def test_save_then_submit_makes_the_review_read_only(client, reviewer, assigned, open_challenge):
    review.assignment_declare(assignment=assigned, conflict="none", note="", actor=reviewer)
    client.force_login(reviewer)
    client.post(review_url(assigned), scores_post(open_challenge, impact="8"))
    assert Score.objects.get().points == 8
    response = client.post(review_url(assigned), scores_post(open_challenge, "submit", impact="8"))
    assert response.status_code == 400
    assert str(review.SCORE_MISSING) in response.content.decode()
    post = scores_post(open_challenge, "submit", impact="8", feasibility="4")
    assert client.post(review_url(assigned), post).status_code == 302
    assigned.refresh_from_db()
    assert assigned.submitted_at and assigned.comment == "Solid proposal."
    assert AuditEvent.objects.filter(action=AuditEvent.Action.REVIEWED, actor=reviewer).exists()
    page = client.get(review_url(assigned)).content.decode()
    assert 'name="comment"' not in page and "8 / 10" in page
    response = client.post(review_url(assigned), scores_post(open_challenge, impact="1"))
    assert str(review.REVIEW_SUBMITTED) in response.content.decode()
    assert Score.objects.get(criterion__max_points=10).points == 8


def _submit(assignment, actor, impact, feasibility):
    impact_c, feasibility_c = assignment.proposal.challenge.criteria.all()
    review.assignment_declare(assignment=assignment, conflict="none", note="", actor=actor)
    review.review_save(
        assignment=assignment,
        scores=[
            review.ScoreInput(criterion=impact_c, points=impact),
            review.ScoreInput(criterion=feasibility_c, points=feasibility),
        ],
        comment="",
        actor=actor,
        submit=True,
    )


def test_partner_sees_each_reviewers_scores_and_the_average_total(
    client, city_staff, assigned, reviewer, other_reviewer, open_challenge, ours
):
    invite(open_challenge, other_reviewer, city_staff)
    second = review.assignment_create(
        proposal=ours, reviewer=other_reviewer, assigned_by=city_staff
    )
    _submit(assigned, reviewer, 8, 4)
    _submit(second, other_reviewer, 6, 3)
    client.force_login(city_staff)
    response = client.get(partner_url(open_challenge))
    table = response.context["tables"][0]
    assert [r.points for r in table.reviews] == [[8, 4], [6, 3]]
    assert [r.total for r in table.reviews] == [12, 9]
    assert str(table.average) == "10.5"
    assert "10.5" in response.content.decode()


def test_draft_scores_stay_hidden_from_the_partner(
    client, city_staff, assigned, reviewer, open_challenge
):
    review.assignment_declare(assignment=assigned, conflict="none", note="", actor=reviewer)
    impact = open_challenge.criteria.first()
    review.review_save(
        assignment=assigned,
        scores=[review.ScoreInput(criterion=impact, points=7)],
        comment="",
        actor=reviewer,
    )
    client.force_login(city_staff)
    table = client.get(partner_url(open_challenge)).context["tables"][0]
    assert table.reviews[0].points == [None, None] and table.average is None
