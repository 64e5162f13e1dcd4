"""`make demo`'s innovation space: the City of Lakeshore's open challenge and its awarded
call, answered by both colleges, reviewed by the fund's officer, bilingual, on the record."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from mixtape_site.accounts.models import User
from mixtape_site.challenges.access import can_see_proposal, challenge_is_open
from mixtape_site.challenges.models import AuditEvent, Challenge, FundingProgram, Proposal
from mixtape_site.credentials.verifying import platform_verify
from mixtape_site.issuers.identity import organization_did
from mixtape_site.organizations.models import Membership, Organization
from mixtape_site.projects.models import Project
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.web.demo.build import demo_build
from mixtape_site.web.demo.challenges import CITY_STAFF, FUND_OFFICER, ROAD_SALT, WAYFINDING

# French typography of the demo's texts (Canadian usage): no space before : ; ! ?
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s[:;!?]")


@pytest.fixture
def demo(db, settings, django_capture_on_commit_callbacks):
    """The demo as `make demo` leaves it (the award e-mails go out once committed)."""
    settings.MIXTAPE_BASE_URL = "http://testserver"
    with django_capture_on_commit_callbacks(execute=True):
        demo_build()


def challenge(data: dict) -> Challenge:
    return Challenge.objects.get(title__en=data["title"]["en"])


def test_demo_city_posts_and_a_funder_pays(demo):
    city = Organization.objects.get(slug="city-of-lakeshore")
    assert city.kind == Organization.Kind.PARTNER
    assert city.name == {"en": "City of Lakeshore", "fr": "Ville de Lakeshore"}
    staff = User.objects.get(email=CITY_STAFF)
    assert Membership.objects.filter(organization=city, user=staff).exists()
    assert staff.check_password("mixtape-demo")
    grant = FundingProgram.objects.get()
    assert grant.funder.kind == Organization.Kind.FUNDER
    assert grant.funder.name["fr"] == "Fonds d'innovation de l'Ontario"
    assert set(Challenge.objects.values_list("organization__slug", flat=True)) == {city.slug}
    assert all(c.funding_programs.filter(pk=grant.pk).exists() for c in Challenge.objects.all())


def test_demo_challenges_are_bilingual_with_criteria_skills_and_trl(demo):
    assert Challenge.objects.count() == 2
    for row in Challenge.objects.all():
        for field in (row.title, row.problem, row.outcomes):
            assert field["en"] and field["fr"]
            assert not SPACE_BEFORE_PUNCTUATION.search(field["fr"]), field["fr"]
        assert row.skills and row.disciplines and row.trl_min <= row.trl_max
        for criterion in row.criteria.all():
            assert criterion.name["en"] and criterion.name["fr"]
            assert not SPACE_BEFORE_PUNCTUATION.search(criterion.name["fr"])
    for proposal in Proposal.objects.filter(language="fr"):
        for text in (proposal.title, proposal.summary, proposal.approach):
            assert not SPACE_BEFORE_PUNCTUATION.search(text), text


def test_demo_road_salt_challenge_is_open_for_three_weeks(demo, client):
    road_salt = challenge(ROAD_SALT)
    assert challenge_is_open(road_salt)
    left = road_salt.deadline - timezone.now()
    assert 20 <= left.days <= 21
    assert road_salt.criteria.count() == 3
    assert not road_salt.proposals.exists()
    page = client.get(reverse("challenges:list"), {"q": "sel de voirie", "deadline": "closing"})
    assert road_salt.title["en"] in page.content.decode()


def test_demo_wayfinding_call_was_awarded_to_one_of_two_colleges(demo, client):
    wayfinding = challenge(WAYFINDING)
    assert wayfinding.status == Challenge.Status.AWARDED
    assert wayfinding.deadline < wayfinding.awarded_at < timezone.now()
    outcome = dict(wayfinding.proposals.values_list("organization__slug", "status"))
    assert outcome == {
        "college-lumiere": Proposal.Status.AWARDED,
        "northern-college": Proposal.Status.NOT_SELECTED,
    }
    officer = User.objects.get(email=FUND_OFFICER)
    for proposal in wayfinding.proposals.all():
        assignment = proposal.assignments.get(reviewer=officer)
        assert assignment.submitted_at and assignment.conflict == "none"
        assert assignment.scores.count() == wayfinding.criteria.count()
        assert proposal.team.filter(role="student").exists() and proposal.milestones
    winner = wayfinding.proposals.get(status=Proposal.Status.AWARDED)
    page = client.get(reverse("challenges:detail", kwargs={"uuid": wayfinding.uuid}))
    assert winner.title in page.content.decode()


def test_demo_awarded_call_has_its_audit_trail(demo):
    trail = list(challenge(WAYFINDING).audit.values_list("action", flat=True))
    A = AuditEvent.Action
    for action in (A.CREATED, A.OPENED, A.SUBMITTED, A.CLOSED, A.REVIEWER_INVITED, A.ASSIGNED,
                   A.CONFLICT_DECLARED, A.REVIEWED, A.AWARDED, A.NOT_SELECTED):  # fmt: skip
        assert action in trail, action
    assert trail.index(A.OPENED) < trail.index(A.SUBMITTED) < trail.index(A.CLOSED)
    assert trail.index(A.CLOSED) < trail.index(A.REVIEWED) < trail.index(A.AWARDED)


def test_demo_colleges_do_not_see_each_others_proposals(demo):
    wayfinding = challenge(WAYFINDING)
    northern = wayfinding.proposals.get(organization__slug="northern-college")
    lumiere_admin = User.objects.get(email="admin@lumiere.example")
    assert not can_see_proposal(lumiere_admin, northern)
    assert can_see_proposal(User.objects.get(email=CITY_STAFF), northern)


def test_demo_project_was_completed_and_issued_endorsed_credentials(demo, client):
    project = Project.objects.get()
    assert project.status == Project.Status.COMPLETED
    assert (project.trl_start, project.trl_current) == (3, 6)
    assert project.proposal.organization.slug == "college-lumiere"
    assert all(m.done_at for m in project.milestones.all())
    students = project.members.filter(role="student").order_by("email")
    assert [s.email for s in students] == ["jean@learner.example", "lea@learner.example"]
    city = project.proposal.challenge.organization
    for student in students:
        credential = student.credential
        assert credential is not None and credential.achievement == project.achievement
        assert platform_verify(credential.document).verified
        achievement = credential.document["credentialSubject"]["achievement"]
        endorsers = [e["issuer"]["id"] for e in achievement["endorsement"]]
        assert endorsers == [organization_did(city)]
        evidence = credential.document["evidence"][0]
        assert evidence["id"].endswith(f"/projects/{project.uuid}")
        assert evidence["narrative"] == student.contribution
    jean = User.objects.get(email="jean@learner.example")
    assert (
        WalletCredential.objects.filter(owner=jean, achievement_id__isnull=False)
        .filter(issued_credential=students[0].credential)
        .exists()
    )
    assert students[1].credential.claimed_by is None  # Léa has no account yet
    credential_page = client.get(f"/credentials/{students[0].credential.uuid}").content.decode()
    assert f'href="http://testserver/projects/{project.uuid}"' in credential_page
    assert students[0].contribution.replace("'", "&#x27;") in credential_page
    public = client.get(f"/projects/{project.uuid}").content.decode()
    assert "Accessible transit wayfinding" in public or "Orientation accessible" in public
    assert "@learner.example" not in public and students[0].contribution not in public
