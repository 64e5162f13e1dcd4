# ruff: noqa: F811 - the fixtures imported from test_proposals_support are used as arguments
"""Who sees which proposal. A proposer never sees a competitor's proposal, reviewers see
only what is assigned to them, the partner sees nothing before the deadline when the
challenge says so, outsiders see nothing; the public sees only the winners' titles."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.site.challenges.test_proposals_support import (  # noqa: F401 - fixtures
    draft,
    invite,
    other_reviewer,
    ours,
    pass_deadline,
    reviewer,
    theirs,
)

from mixtape_site.challenges import review
from mixtape_site.challenges.access import can_see_proposal
from mixtape_site.challenges.models import Challenge, Proposal

pytestmark = pytest.mark.django_db

OWN_PAGES = ("proposal_detail", "proposal_edit", "proposal_withdraw")


def partner_url(challenge, proposal=None):
    kwargs = {"org": challenge.organization.slug, "uuid": challenge.uuid}
    if proposal is None:
        return reverse("challenges:partner_proposals", kwargs=kwargs)
    return reverse("challenges:partner_proposal", kwargs={**kwargs, "proposal": proposal.uuid})


def test_proposer_list_shows_only_their_institutions_proposals(client, proposer, ours, theirs):
    client.force_login(proposer)
    page = client.get(reverse("challenges:proposal_list", kwargs={"org": "northern-college"}))
    text = page.content.decode()
    assert "Northern shade sails" in text
    assert "Southern green roofs" not in text


@pytest.mark.parametrize("name", OWN_PAGES)
def test_proposer_guessing_a_competitors_uuid_gets_404(client, proposer, theirs, name):
    client.force_login(proposer)
    for org in ("northern-college", theirs.organization.slug):
        url = reverse(f"challenges:{name}", kwargs={"org": org, "uuid": theirs.uuid})
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    submit = reverse(
        "challenges:proposal_submit", kwargs={"org": "northern-college", "uuid": theirs.uuid}
    )
    assert client.post(submit).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "submitted"


def test_proposer_cannot_open_the_partners_pages(client, proposer, open_challenge, ours, theirs):
    pass_deadline(open_challenge)
    client.force_login(proposer)
    assert client.get(partner_url(open_challenge)).status_code == 404
    assert client.get(partner_url(open_challenge, theirs)).status_code == 404
    mine_via_partner = reverse(
        "challenges:partner_proposals",
        kwargs={"org": "northern-college", "uuid": open_challenge.uuid},
    )
    assert client.get(mine_via_partner).status_code == 404  # not the college's challenge


def test_partner_sees_a_count_but_no_proposal_before_the_deadline(
    client, city_staff, open_challenge, ours, theirs
):
    client.force_login(city_staff)
    response = client.get(partner_url(open_challenge))
    text = response.content.decode()
    assert response.status_code == 200
    assert "2 proposals received so far" in text
    assert "Northern shade sails" not in text and "Southern green roofs" not in text
    assert client.get(partner_url(open_challenge, ours)).status_code == 404
    assert not can_see_proposal(city_staff, ours)


def test_partner_sees_submitted_proposals_after_the_deadline_but_never_drafts(
    client, city_staff, open_challenge, ours, college, proposer
):
    secret = draft(open_challenge, college, proposer, title="Unfinished draft")
    pass_deadline(open_challenge)
    client.force_login(city_staff)
    text = client.get(partner_url(open_challenge)).content.decode()
    assert "Northern shade sails" in text and "Unfinished draft" not in text
    assert client.get(partner_url(open_challenge, ours)).status_code == 200
    assert client.get(partner_url(open_challenge, secret)).status_code == 404


def test_on_submission_visibility_shows_submitted_proposals_at_once(
    client, city_staff, open_challenge, ours
):
    open_challenge.proposals_visible = Challenge.Visibility.ON_SUBMISSION
    open_challenge.save()
    client.force_login(city_staff)
    assert "Northern shade sails" in client.get(partner_url(open_challenge)).content.decode()


def test_another_partner_sees_nothing(client, open_challenge, ours, employer):
    from tests.site.conftest import make_user  # noqa: PLC0415

    from mixtape_site.organizations.models import Membership  # noqa: PLC0415

    pass_deadline(open_challenge)
    other = make_user("boss@maple.example")
    Membership.objects.create(organization=employer, user=other, role="admin")
    client.force_login(other)
    url = reverse(
        "challenges:partner_proposals", kwargs={"org": employer.slug, "uuid": open_challenge.uuid}
    )
    assert client.get(url).status_code == 404
    assert not can_see_proposal(other, ours)


def test_reviewer_sees_only_assigned_proposals(
    client, city_staff, reviewer, other_reviewer, open_challenge, ours, theirs
):
    pass_deadline(open_challenge)
    invite(open_challenge, reviewer, city_staff)
    invite(open_challenge, other_reviewer, city_staff)
    mine = review.assignment_create(proposal=ours, reviewer=reviewer, assigned_by=city_staff)
    not_mine = review.assignment_create(
        proposal=theirs, reviewer=other_reviewer, assigned_by=city_staff
    )
    client.force_login(reviewer)
    listing = client.get(reverse("challenges:review_list")).content.decode()
    assert "Northern shade sails" in listing and "Southern green roofs" not in listing
    assert (
        client.get(reverse("challenges:review_detail", kwargs={"pk": mine.pk})).status_code == 200
    )
    for name in ("review_detail", "review_declare"):
        url = reverse(f"challenges:{name}", kwargs={"pk": not_mine.pk})
        assert client.get(url).status_code in (404, 405)
        assert client.post(url, {"conflict": "none"}).status_code == 404
    assert client.get(partner_url(open_challenge)).status_code == 404  # not partner staff
    fresh = Proposal.objects.select_related("challenge")
    assert can_see_proposal(reviewer, fresh.get(pk=ours.pk))
    assert not can_see_proposal(reviewer, fresh.get(pk=theirs.pk))


def test_outsiders_see_no_proposal_anywhere(client, outsider, open_challenge, ours):
    pass_deadline(open_challenge)
    client.force_login(outsider)
    assert (
        "Northern shade sails" not in client.get(reverse("challenges:review_list")).content.decode()
    )
    own = reverse(
        "challenges:proposal_detail", kwargs={"org": "northern-college", "uuid": ours.uuid}
    )
    assert client.get(own).status_code == 404
    assert client.get(partner_url(open_challenge)).status_code == 404
    assert client.get(partner_url(open_challenge, ours)).status_code == 404
    assert not can_see_proposal(outsider, ours)


def test_anonymous_visitors_are_sent_to_sign_in(client, ours):
    response = client.get(reverse("challenges:review_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_public_page_shows_only_the_winners_title_and_institution_after_award(
    client, open_challenge, ours, theirs, city_staff
):
    public = reverse("challenges:detail", kwargs={"uuid": open_challenge.uuid})
    before = client.get(public).content.decode()
    assert "Northern shade sails" not in before and "Southern green roofs" not in before
    pass_deadline(open_challenge)
    review.challenge_award(challenge=open_challenge, proposals=[ours], actor=city_staff)
    after = client.get(public).content.decode()
    assert "Northern shade sails" in after and "Northern College" in after
    assert "Southern green roofs" not in after
    assert "Retrofit shelters" not in after  # nothing of the proposal beyond its title


def test_conflicted_reviewer_sees_only_the_title(
    client, city_staff, reviewer, open_challenge, ours
):
    pass_deadline(open_challenge)
    invite(open_challenge, reviewer, city_staff)
    mine = review.assignment_create(proposal=ours, reviewer=reviewer, assigned_by=city_staff)
    review.assignment_declare(assignment=mine, conflict="conflict", note="My lab", actor=reviewer)
    client.force_login(reviewer)
    page = client.get(reverse("challenges:review_detail", kwargs={"pk": mine.pk})).content.decode()
    assert "Northern shade sails" in page
    for detail in ("Retrofit shelters", "Prototype three shelters", "Dr. Ada Lee", "30000"):
        assert detail not in page
