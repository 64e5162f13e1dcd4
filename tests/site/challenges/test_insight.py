"""Insight: the figures operators and partners see (challenges, proposals, time to award,
projects, credentials from project work, requested versus credentialed skills), who may
see them, and the bounded cost of the page."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from tests.site.challenges.conftest import PYTHON_SKILL_ROW
from tests.site.challenges.test_proposals_support import pass_deadline, submitted
from tests.site.conftest import make_user

from mixtape_site.challenges import proposals as proposal_services
from mixtape_site.challenges import review
from mixtape_site.challenges.insight import insight_for, period_start
from mixtape_site.challenges.models import Challenge
from mixtape_site.credentials.services import Recipient, credential_issue, credential_revoke
from mixtape_site.organizations.models import Membership, Organization
from mixtape_site.projects.models import Project, ProjectMember

WELD_ROW = {"url": "http://example.org/skill/welding", "name": {"en": "weld", "fr": "souder"}}
BIG_DATA = "http://data.europa.eu/esco/skill/8a5b5a3e-ccc4-4e1a-8b4a-4ad2d5f7d0ec"


def _challenge(partner: Organization, staff: Any, title: str, **fields: Any) -> Challenge:
    values = {
        "status": Challenge.Status.OPEN, "skills": [WELD_ROW], "disciplines": ["trades"],
        "trl_min": 5, "deadline": timezone.now() + timedelta(days=5),
        "opened_at": timezone.now(), **fields,
    }  # fmt: skip
    return Challenge.objects.create(
        organization=partner, title={"en": title, "fr": title}, problem={"en": "…"},
        outcomes={"en": "…"}, created_by=staff, **values,
    )  # fmt: skip


def _team(email: str) -> list[proposal_services.Member]:
    return [
        proposal_services.Member(name="Dr. Lead", email=f"lead-{email}", role="lead"),
        proposal_services.Member(name="Student", email=email, role="student"),
    ]


def _award(challenge: Challenge, proposals: list[Any], actor: Any, opened_days_ago: int) -> None:
    """Award with real timestamps: opened ``opened_days_ago`` days before the award."""
    now = timezone.now()
    pass_deadline(challenge)
    Challenge.objects.filter(pk=challenge.pk).update(opened_at=now - timedelta(opened_days_ago))
    challenge.refresh_from_db()
    review.challenge_award(challenge=challenge, proposals=proposals, actor=actor, now=now)


@pytest.fixture
def employer_staff(employer: Organization) -> Any:
    user = make_user("staff@maple.example")
    Membership.objects.create(organization=employer, user=user, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def operator(db: None) -> Any:
    user = make_user("operator@mixtape.example")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def pilot(
    city: Organization, city_staff: Any, open_challenge: Challenge, college: Organization,
    second_institution: Organization, proposer: Any, rival: Any, employer: Organization,
    employer_staff: Any, issued_credential: Any, issuer_staff: Any,
) -> dict[str, Any]:  # fmt: skip
    """Two proposals on the shelters challenge (one awarded after 10 days), one on the
    welding challenge (awarded after 30 days), an employer's challenge with one proposal,
    and the awarded students' credentials (one of them revoked)."""
    welding = _challenge(city, city_staff, "Welded benches")
    maple = _challenge(employer, employer_staff, "Maple robots")
    ours = submitted(open_challenge, college, proposer, title="Shade", team=_team("a@n.example"))
    submitted(open_challenge, second_institution, rival, title="Roofs",
              team=_team("b@s.example"))  # fmt: skip
    benches = submitted(welding, second_institution, rival, title="Benches",
                        team=_team("c@s.example"))  # fmt: skip
    submitted(maple, college, proposer, title="Robots", team=_team("d@n.example"))
    _award(open_challenge, [ours], city_staff, opened_days_ago=10)
    _award(welding, [benches], city_staff, opened_days_ago=30)
    student = ProjectMember.objects.get(project__proposal=ours, role="student")
    student.credential = issued_credential  # as projects.issuing does once both confirmed
    student.save(update_fields=["credential"])
    revoked = credential_issue(achievement=issued_credential.achievement,
                               recipient=Recipient(name="Student", email="c@s.example"),
                               issued_by=issuer_staff).credential  # fmt: skip
    credential_revoke(credential=revoked, reason="Issued by mistake.", actor=issuer_staff)
    ProjectMember.objects.filter(project__proposal=benches, role="student").update(
        credential=revoked
    )
    return {"welding": welding, "maple": maple}


def test_the_figures_count_the_partners_challenges_proposals_and_award_times(
    pilot: dict[str, Any], city: Organization, open_challenge: Challenge
) -> None:
    insight = insight_for(organization=city)

    proposals = {str(r.challenge): (r.proposals, r.awarded) for r in insight.challenges}
    assert proposals == {"Cooler bus shelters": (2, 1), "Welded benches": (1, 1)}
    assert {r.key: r.count for r in insight.by_status} == {
        "draft": 0, "open": 0, "closed": 0, "awarded": 2,
    }  # fmt: skip
    assert {r.key: r.count for r in insight.by_kind} == {"challenge": 2, "call": 0}
    times = insight.award_times
    assert (times.count, times.median, times.shortest, times.longest) == (2, 20, 10, 30)


def test_projects_are_counted_by_current_trl_and_discipline(
    pilot: dict[str, Any], city: Organization
) -> None:
    with translation.override("en"):
        insight = insight_for(organization=city)

    assert insight.projects == 2
    assert {r.key: r.count for r in insight.by_trl if r.count} == {3: 1, 5: 1}
    assert {str(r.label): r.count for r in insight.by_discipline} == {
        "Engineering and technology": 1,
        "Urban planning and transportation": 1,
        "Skilled trades": 1,
    }


def test_credentials_from_project_work_are_counted_by_institution(
    pilot: dict[str, Any], city: Organization, college: Organization,
    second_institution: Organization,
) -> None:  # fmt: skip
    insight = insight_for(organization=city)

    assert (insight.credentials, insight.credentials_revoked) == (2, 1)
    assert {r.label: r.count for r in insight.by_institution} == {
        college: 1, second_institution: 1,
    }  # fmt: skip


def test_credentialed_skills_leave_out_revoked_credentials_and_show_the_gap(
    pilot: dict[str, Any], city: Organization
) -> None:
    insight = insight_for(organization=city)

    assert {s.url: s.requested for s in insight.requested} == {
        PYTHON_SKILL_ROW["url"]: 1, WELD_ROW["url"]: 1,
    }  # fmt: skip
    # Only the active credential counts; its micro-credential teaches two skills.
    assert {s.url: s.credentialed for s in insight.credentialed} == {
        PYTHON_SKILL_ROW["url"]: 1, BIG_DATA: 1,
    }  # fmt: skip
    assert [(s.url, s.requested, s.credentialed) for s in insight.gap] == [
        (WELD_ROW["url"], 1, 0), (PYTHON_SKILL_ROW["url"], 1, 1),
    ]  # fmt: skip


def test_the_last_12_months_leave_out_older_challenges(
    pilot: dict[str, Any], city: Organization, open_challenge: Challenge
) -> None:
    long_ago = timezone.now() - timedelta(days=400)
    Challenge.objects.filter(pk=pilot["welding"].pk).update(created_at=long_ago)
    Project.objects.filter(proposal__challenge=pilot["welding"]).update(started_at=long_ago)

    insight = insight_for(organization=city, since=period_start("12m"))

    assert [r.challenge for r in insight.challenges] == [open_challenge]
    assert insight.projects == 1
    assert insight.award_times.median == 10


def test_the_partner_page_shows_only_its_own_challenges(
    client: Any, pilot: dict[str, Any], city: Organization, city_staff: Any
) -> None:
    client.force_login(city_staff)

    page = client.get(reverse("challenges:manage_insight", kwargs={"org": city.slug}))

    html = page.content.decode()
    assert page.status_code == 200
    assert re.search(r"Cooler bus shelters</a></th>.*?<td>2</td>\s*<td>1</td>", html, re.S)
    assert re.search(r"Welded benches</a></th>.*?<td>1</td>\s*<td>1</td>", html, re.S)
    assert "Maple robots" not in html
    assert "Skills most credentialed (whole platform)" in html
    assert "20 days" in html and "10 to 30 days" in html


def test_a_partner_sees_no_proposal_count_before_it_may_see_the_proposals(
    client: Any, open_challenge: Challenge, city: Organization, city_staff: Any,
    college: Organization, proposer: Any,
) -> None:  # fmt: skip
    submitted(open_challenge, college, proposer)
    client.force_login(city_staff)

    page = client.get(reverse("challenges:manage_insight", kwargs={"org": city.slug}))

    assert "Hidden until the deadline" in page.content.decode()
    assert insight_for(organization=None).challenges[0].proposals == 1


def test_operators_see_every_organizations_challenges(
    client: Any, pilot: dict[str, Any], operator: Any
) -> None:
    client.force_login(operator)

    page = client.get(reverse("challenges:insight"), {"period": "12m"})

    html = page.content.decode()
    assert page.status_code == 200
    assert "Cooler bus shelters" in html and "Maple robots" in html
    assert re.search(r"Maple robots</a></th>.*?<td>1</td>\s*<td>0</td>", html, re.S)


def test_the_platform_page_is_hidden_from_everyone_but_operators(
    client: Any, pilot: dict[str, Any], proposer: Any, city_staff: Any
) -> None:
    url = reverse("challenges:insight")
    assert client.get(url).status_code == 404
    for user in (proposer, city_staff):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_the_partner_page_is_refused_to_outsiders_and_institutions(
    client: Any, pilot: dict[str, Any], city: Organization, college: Organization,
    proposer: Any, employer_staff: Any,
) -> None:  # fmt: skip
    client.force_login(employer_staff)
    assert (
        client.get(reverse("challenges:manage_insight", kwargs={"org": city.slug})).status_code
        == 404
    )
    client.force_login(proposer)
    refused = client.get(reverse("challenges:manage_insight", kwargs={"org": college.slug}))
    assert refused.status_code == 403
    assert "Cooler bus shelters" not in refused.content.decode()


def test_the_challenge_list_links_to_the_partners_insight(
    client: Any, city: Organization, city_staff: Any
) -> None:
    client.force_login(city_staff)

    page = client.get(reverse("challenges:manage_list", kwargs={"org": city.slug}))

    assert reverse("challenges:manage_insight", kwargs={"org": city.slug}) in page.content.decode()


def test_the_page_runs_a_bounded_number_of_queries_whatever_the_number_of_challenges(
    client: Any, django_assert_max_num_queries: Any, pilot: dict[str, Any],
    city: Organization, city_staff: Any, operator: Any, college: Organization, proposer: Any,
) -> None:  # fmt: skip
    for n in range(6):
        challenge = _challenge(city, city_staff, f"Extra {n}", disciplines=["data"])
        won = submitted(challenge, college, proposer, title=f"Extra {n}", team=_team(f"x{n}@n.ex"))
        _award(challenge, [won], city_staff, opened_days_ago=n + 1)
    client.force_login(operator)

    for url in (reverse("challenges:insight"),
                reverse("challenges:manage_insight", kwargs={"org": city.slug})):  # fmt: skip
        client.force_login(operator if "manage" not in url else city_staff)
        with django_assert_max_num_queries(9):
            assert client.get(url).status_code == 200
