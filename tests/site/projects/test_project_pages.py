"""The project pages: who sees the management page (both sides and operators; a competitor
gets a 404), which side may take which action, bad input re-rendered with the translated
message, the public page without e-mails or contributions, and the links to projects."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from tests.site.projects.conftest import STUDENT_EMAIL

from mixtape_site.challenges.models import Proposal
from mixtape_site.projects import issuing, services
from mixtape_site.projects.models import Project

pytestmark = pytest.mark.django_db
CONTRIBUTION = "Built the heat sensors."


def _url(name, org, project, **kwargs):
    return reverse(f"projects:{name}", kwargs={"org": org.slug, "uuid": project.uuid, **kwargs})


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_both_sides_see_the_management_page(project, college, city, proposer, city_staff):
    for user, org in ((proposer, college), (city_staff, city)):
        response = _client(user).get(_url("manage_detail", org, project))
        assert response.status_code == 200
        assert "Northern shade sails" in response.content.decode()
        assert "TRL 3 → 3 of 9" in response.content.decode()
        listing = _client(user).get(reverse("projects:manage_list", kwargs={"org": org.slug}))
        assert project.proposal.title in listing.content.decode()


def test_only_the_institution_gets_the_running_forms(project, college, city, proposer, city_staff):
    ours = _client(proposer).get(_url("manage_detail", college, project)).content.decode()
    theirs = _client(city_staff).get(_url("manage_detail", city, project)).content.decode()
    done = _url("milestone_done", college, project, milestone=project.milestones.first().pk)
    assert done in ours and _url("complete", college, project) in ours
    assert "Mark done" not in theirs and "Update the TRL" not in theirs
    assert _url("complete", city, project) not in theirs


def test_an_operator_sees_the_page_read_only(project, college, operator):
    response = _client(operator).get(_url("manage_detail", college, project))
    assert response.status_code == 200
    assert "read-only" in response.content.decode()
    trl = _client(operator).post(_url("trl", college, project), {"trl": "4"})
    assert trl.status_code == 403


def test_a_competitor_or_an_outsider_gets_a_404(
    project, college, second_institution, rival, outsider
):
    assert _client(rival).get(_url("manage_detail", college, project)).status_code == 404
    # Through its own organization's URL the project does not exist either.
    assert _client(rival).get(_url("manage_detail", second_institution, project)).status_code == 404
    assert _client(outsider).get(_url("manage_detail", college, project)).status_code == 404
    assert Client().get(_url("manage_detail", college, project)).status_code == 302  # sign in


def test_the_partner_cannot_mark_milestones(project, city, city_staff):
    milestone = project.milestones.first()
    response = _client(city_staff).post(
        _url("milestone_done", city, project, milestone=milestone.pk)
    )
    assert response.status_code == 403
    milestone.refresh_from_db()
    assert milestone.done_at is None


def test_the_institution_marks_a_milestone_done(project, college, proposer):
    milestone = project.milestones.first()
    response = _client(proposer).post(
        _url("milestone_done", college, project, milestone=milestone.pk)
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_at is not None


def test_a_milestone_of_another_project_is_a_404(project, college, proposer, open_challenge):
    other = Project.objects.create(
        proposal=Proposal.objects.create(
            challenge=open_challenge, organization=project.proposal.organization, title="Other",
            language="en", summary="s", approach="a", budget=1,
        ),
        trl_start=1, trl_current=1, started_at=project.started_at,
    )  # fmt: skip
    milestone = other.milestones.create(title="Theirs")
    url = _url("milestone_done", college, project, milestone=milestone.pk)
    assert _client(proposer).post(url).status_code == 404


@pytest.mark.parametrize("level", ["0", "10"])
def test_a_bad_trl_is_shown_and_changes_nothing(project, college, proposer, level):
    response = _client(proposer).post(_url("trl", college, project), {"trl": level})
    assert response.status_code == 400
    assert str(services.TRL_RANGE) in response.content.decode()
    project.refresh_from_db()
    assert project.trl_current == 3


def test_bad_completion_input_is_shown_and_kept(project, college, proposer):
    body = {"outcome": "", "trl": "5", "hours": "400"}
    response = _client(proposer).post(_url("complete", college, project), body)
    page = response.content.decode()
    assert response.status_code == 400
    assert str(services.OUTCOME_REQUIRED) in page and str(services.HOURS_RANGE) in page
    assert 'value="400"' in page
    project.refresh_from_db()
    assert project.status == Project.Status.ACTIVE


def test_a_bad_new_member_is_shown_and_nobody_is_added(project, college, proposer):
    body = {"name": "Noor", "email": "not-an-address", "role": "student", "program": "Design"}
    response = _client(proposer).post(_url("member_add", college, project), body)
    page = response.content.decode()
    assert response.status_code == 400
    assert str(services.EMAIL_INVALID) in page and 'value="Design"' in page
    assert project.members.count() == 3


def test_the_whole_journey_through_the_pages(project, college, city, proposer, city_staff, student):
    institution, partner = _client(proposer), _client(city_staff)
    body = {"outcome": "Cooler shelters.", "trl": "6", "hours": "40"}
    assert institution.post(_url("complete", college, project), body).status_code == 302
    sam = project.members.get(email=STUDENT_EMAIL)
    contribution = _url("contribution", college, project, member=sam.pk)
    assert (
        institution.post(contribution, {f"m{sam.pk}-contribution": CONTRIBUTION}).status_code == 302
    )
    # The institution cannot confirm for the partner, nor the partner write the text.
    assert (
        institution.post(_url("contribution_partner", college, project, member=sam.pk)).status_code
        == 403
    )
    assert partner.post(_url("contribution", city, project, member=sam.pk), {}).status_code == 403
    assert (
        partner.post(_url("contribution_partner", city, project, member=sam.pk)).status_code == 302
    )
    endorsed = partner.post(
        _url("endorse", city, project), {"comment_en": "Great", "comment_fr": ""}
    )
    assert endorsed.status_code == 302
    assert institution.post(_url("issue", college, project)).status_code == 302
    sam.refresh_from_db()
    assert sam.credential is not None
    page = institution.get(_url("manage_detail", college, project)).content.decode()
    assert "Micro-credential issued on" in page and "Confirmed by the partner on" in page


def test_an_empty_endorsement_is_shown(completed, city, city_staff):
    response = _client(city_staff).post(_url("endorse", city, completed), {"comment_en": ""})
    assert response.status_code == 400
    assert str(issuing.ENDORSEMENT_REQUIRED) in response.content.decode()


def test_the_public_page_hides_emails_and_contributions(completed, proposer):
    sam = completed.members.get(email=STUDENT_EMAIL)
    issuing.contribution_confirm_institution(member=sam, contribution=CONTRIBUTION, actor=proposer)
    response = Client().get(reverse("projects:public", kwargs={"uuid": completed.uuid}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Northern shade sails" in page and "Cooler bus shelters" in page
    assert "City of Lakeview" in page and "Northern College" in page
    assert "Two shelters now stay" in page and "Prototype" in page
    assert "northern.example" not in page and CONTRIBUTION not in page
    assert "Sam Student" not in page


def test_the_challenge_and_proposal_pages_link_to_the_project(
    project, college, city, proposer, city_staff
):
    manage = _url("manage_detail", college, project)
    proposal = reverse(
        "challenges:proposal_detail", kwargs={"org": college.slug, "uuid": project.proposal.uuid}
    )
    assert manage in _client(proposer).get(proposal).content.decode()
    challenge = project.proposal.challenge
    partner_manage = _url("manage_detail", city, project)
    partner_proposal = reverse("challenges:partner_proposal", kwargs={
        "org": city.slug, "uuid": challenge.uuid, "proposal": project.proposal.uuid})  # fmt: skip
    assert partner_manage in _client(city_staff).get(partner_proposal).content.decode()
    challenge_manage = reverse(
        "challenges:manage_detail", kwargs={"org": city.slug, "uuid": challenge.uuid}
    )
    assert partner_manage in _client(city_staff).get(challenge_manage).content.decode()
    public = reverse("challenges:detail", kwargs={"uuid": challenge.uuid})
    assert (
        reverse("projects:public", kwargs={"uuid": project.uuid})
        in Client().get(public).content.decode()
    )


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.headings: list[int] = []
        self.labels: set[str] = set()
        self.fields: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if tag in ("h1", "h2", "h3", "h4"):
            self.headings.append(int(tag[1]))
        if tag == "label" and values.get("for"):
            self.labels.add(values["for"] or "")
        if tag in ("textarea", "select") or (tag == "input" and values.get("type") != "hidden"):
            self.fields.append(values.get("id") or "")


@pytest.mark.parametrize(
    ("side", "state"), [("institution", "project"), ("institution", "completed"),
                        ("partner", "completed")],
)  # fmt: skip
def test_the_management_page_is_well_formed(
    request, college, city, proposer, city_staff, side, state
):
    project = request.getfixturevalue(state)
    user, org = (proposer, college) if side == "institution" else (city_staff, city)
    structure = _Structure()
    structure.feed(_client(user).get(_url("manage_detail", org, project)).content.decode())
    assert len(structure.ids) == len(set(structure.ids))
    assert structure.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(structure.headings))
    assert structure.fields and set(structure.fields) <= structure.labels
