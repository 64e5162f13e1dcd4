"""Matching: which institutions teach a challenge's skills, which open challenges suit an
institution's researchers, and the pages that show them."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from tests.site.challenges.conftest import PYTHON_SKILL_ROW
from tests.site.factories import published_achievement_create

from mixtape_site.achievements.models import Achievement
from mixtape_site.challenges.matching import challenges_for, institutions_for
from mixtape_site.challenges.models import Challenge, Proposal
from mixtape_site.organizations.models import Organization

BIG_DATA_ROW = {
    "url": "http://data.europa.eu/esco/skill/8a5b5a3e-ccc4-4e1a-8b4a-4ad2d5f7d0ec",
    "name": {"en": "analyse big data", "fr": "analyser des mégadonnées"},
}
OTHER_ROW = {"url": "http://example.org/skill/welding", "name": {"en": "weld", "fr": "souder"}}


def _challenge(city: Organization, skills: list[Any], **fields: Any) -> Challenge:
    values = {"status": Challenge.Status.OPEN, "deadline": timezone.now() + timedelta(days=7)}
    values.update(fields)
    return Challenge.objects.create(
        organization=city, title={"en": f"Challenge {len(skills)} {values['status']}"},
        problem={"en": "…"}, outcomes={"en": "…"}, skills=skills, **values,
    )  # fmt: skip


def _proposal(challenge: Challenge, organization: Organization, status: str) -> Proposal:
    return Proposal.objects.create(
        challenge=challenge, organization=organization, status=status, title="Earlier work",
        language="en", summary="…", approach="…", budget=Decimal("1000"),
    )  # fmt: skip


def _teaching(organization: Organization, user: Any, skills: list[Any], **fields: Any) -> Any:
    achievement = published_achievement_create(organization=organization, created_by=user)
    Achievement.objects.filter(pk=achievement.pk).update(skills=skills, **fields)
    return achievement


def test_an_institution_teaching_more_of_the_skills_ranks_first(
    city: Organization, college: Organization, second_institution: Organization, proposer: Any
) -> None:
    challenge = _challenge(city, [PYTHON_SKILL_ROW, BIG_DATA_ROW])
    published = _teaching(college, proposer, [PYTHON_SKILL_ROW, BIG_DATA_ROW])
    _teaching(second_institution, proposer, [BIG_DATA_ROW])
    _teaching(second_institution, proposer, [OTHER_ROW])

    with translation.override("en"):
        matches = institutions_for(challenge=challenge)

    assert [m.organization for m in matches] == [college, second_institution]
    assert matches[0].score == 2
    assert matches[0].skills == ["Python (computer programming)", "analyse big data"]
    assert matches[0].achievements == [published]
    assert matches[1].skills == ["analyse big data"]


def test_an_institution_teaching_none_of_the_skills_is_not_suggested(
    open_challenge: Challenge, second_institution: Organization, proposer: Any
) -> None:
    _teaching(second_institution, proposer, [OTHER_ROW])

    assert institutions_for(challenge=open_challenge) == []


def test_a_past_awarded_project_on_a_shared_skill_adds_a_point(
    city: Organization, open_challenge: Challenge, college: Organization,
    second_institution: Organization, proposer: Any,
) -> None:  # fmt: skip
    _teaching(college, proposer, [PYTHON_SKILL_ROW])
    _teaching(second_institution, proposer, [PYTHON_SKILL_ROW])
    earlier = _challenge(city, [PYTHON_SKILL_ROW], status=Challenge.Status.AWARDED)
    unrelated = _challenge(city, [OTHER_ROW], status=Challenge.Status.AWARDED)
    _proposal(earlier, second_institution, Proposal.Status.AWARDED)
    _proposal(earlier, college, Proposal.Status.NOT_SELECTED)
    _proposal(unrelated, college, Proposal.Status.AWARDED)

    matches = institutions_for(challenge=open_challenge)

    assert [(m.organization, m.score, m.projects) for m in matches] == [
        (second_institution, 2, 1),
        (college, 1, 0),
    ]


def test_draft_and_retired_micro_credentials_do_not_count(
    open_challenge: Challenge, college: Organization, proposer: Any
) -> None:
    _teaching(college, proposer, [PYTHON_SKILL_ROW], status=Achievement.Status.DRAFT)
    _teaching(college, proposer, [PYTHON_SKILL_ROW], status=Achievement.Status.RETIRED)

    assert institutions_for(challenge=open_challenge) == []


def test_ties_are_broken_by_institution_name(
    open_challenge: Challenge, college: Organization, second_institution: Organization,
    proposer: Any,
) -> None:  # fmt: skip
    _teaching(second_institution, proposer, [PYTHON_SKILL_ROW])
    _teaching(college, proposer, [PYTHON_SKILL_ROW])

    matches = institutions_for(challenge=open_challenge)

    assert [m.organization for m in matches] == [college, second_institution]


def test_a_researcher_is_offered_only_open_challenges_best_overlap_first(
    city: Organization, open_challenge: Challenge, college: Organization, proposer: Any
) -> None:
    _teaching(college, proposer, [PYTHON_SKILL_ROW, BIG_DATA_ROW])
    best = _challenge(city, [PYTHON_SKILL_ROW, BIG_DATA_ROW], deadline=open_challenge.deadline)
    _challenge(city, [PYTHON_SKILL_ROW], status=Challenge.Status.DRAFT)
    _challenge(city, [PYTHON_SKILL_ROW], status=Challenge.Status.CLOSED)
    _challenge(city, [PYTHON_SKILL_ROW], deadline=timezone.now() - timedelta(hours=1))
    _challenge(city, [OTHER_ROW])

    assert challenges_for(user=proposer) == [best, open_challenge]


def test_skills_of_past_proposals_count_and_answered_challenges_are_left_out(
    city: Organization, open_challenge: Challenge, college: Organization, proposer: Any
) -> None:
    answered = _challenge(city, [PYTHON_SKILL_ROW])
    _proposal(answered, college, Proposal.Status.SUBMITTED)

    assert challenges_for(user=proposer) == [open_challenge]


def test_an_outsider_is_offered_no_challenge(open_challenge: Challenge, outsider: Any) -> None:
    assert challenges_for(user=outsider) == []


def test_the_challenge_pages_show_the_institutions_that_teach_its_skills(
    client: Any, open_challenge: Challenge, city: Organization, city_staff: Any,
    college: Organization, proposer: Any,
) -> None:  # fmt: skip
    _teaching(college, proposer, [PYTHON_SKILL_ROW])
    client.force_login(city_staff)
    manage = reverse(
        "challenges:manage_detail", kwargs={"org": city.slug, "uuid": open_challenge.uuid}
    )

    for url in (manage, reverse("challenges:detail", kwargs={"uuid": open_challenge.uuid})):
        page = client.get(url).content.decode()
        assert "Institutions that teach these skills" in page
        assert "Northern College" in page
        assert "Data Analysis Fundamentals" in page


def test_the_proposals_page_shows_open_challenges_matching_the_institution(
    client: Any, open_challenge: Challenge, college: Organization, proposer: Any
) -> None:
    _teaching(college, proposer, [PYTHON_SKILL_ROW])
    client.force_login(proposer)

    page = client.get(reverse("challenges:proposal_list", kwargs={"org": college.slug}))

    assert "Open challenges that match your institution's skills" in page.content.decode()
    assert "Cooler bus shelters" in page.content.decode()


@pytest.mark.django_db
def test_a_challenge_without_skills_matches_nobody(city: Organization) -> None:
    assert institutions_for(challenge=_challenge(city, [])) == []


def test_teaching_a_narrower_skill_counts_half(
    city: Organization, college: Organization, proposer: Any
) -> None:
    lead = {"url": "http://data.europa.eu/esco/skill/75d8e5d9-bef3-418b-9011-01bff9f27207"}
    musical = {"url": "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab"}
    _teaching(college, proposer, [musical])  # "manage musical staff" → broader "lead others"

    matches = institutions_for(challenge=_challenge(city, [lead]))

    assert [(m.organization, m.score) for m in matches] == [(college, 0.5)]
