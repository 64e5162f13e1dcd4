"""People suggestions: who at the institutions led past projects on a challenge's skills or
teaches them in a published micro-credential, shown to the partner without any e-mail."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation
from tests.site.challenges.conftest import PYTHON_SKILL_ROW
from tests.site.challenges.test_proposals_support import pass_deadline, submitted
from tests.site.conftest import make_user
from tests.site.factories import published_achievement_create

from mixtape_site.achievements.models import Achievement
from mixtape_site.challenges import proposals as proposal_services
from mixtape_site.challenges import review
from mixtape_site.challenges.matching_people import people_for
from mixtape_site.challenges.models import Challenge
from mixtape_site.organizations.models import Membership, Organization

OTHER_ROW = {"url": "http://example.org/skill/welding", "name": {"en": "weld", "fr": "souder"}}


def _past_challenge(city: Organization, skills: list[Any], title: str) -> Challenge:
    staff = Membership.objects.filter(organization=city).first().user
    return Challenge.objects.create(created_by=staff,
        organization=city, status=Challenge.Status.OPEN, title={"en": title, "fr": title},
        problem={"en": "…"}, outcomes={"en": "…"}, skills=skills, trl_min=2,
        deadline=timezone.now() + timedelta(days=3), opened_at=timezone.now(),
    )  # fmt: skip


def _awarded(
    city: Organization, staff: Any, institution: Organization, author: Any, *,
    skills: list[Any], title: str, team: list[proposal_services.Member],
) -> Any:  # fmt: skip
    """A past challenge whose proposal by ``institution`` was awarded (a project starts)."""
    challenge = _past_challenge(city, skills, title)
    proposal = submitted(challenge, institution, author, title=f"{title} study", team=team)
    pass_deadline(challenge)
    review.challenge_award(challenge=challenge, proposals=[proposal], actor=staff)
    return proposal


def _lead(name: str, email: str, role: str = "lead") -> proposal_services.Member:
    return proposal_services.Member(name=name, email=email, role=role)


def _author(organization: Organization, email: str, name: str, skills: list[Any]) -> Any:
    user = make_user(email)
    user.display_name = name
    user.save(update_fields=["display_name"])
    Membership.objects.create(organization=organization, user=user, role=Membership.Role.ISSUER)
    achievement = published_achievement_create(organization=organization, created_by=user)
    Achievement.objects.filter(pk=achievement.pk).update(skills=skills)
    return user


def test_a_past_lead_and_a_teaching_author_are_suggested_with_their_reasons(
    city: Organization, city_staff: Any, open_challenge: Challenge, college: Organization,
    second_institution: Organization, proposer: Any,
) -> None:  # fmt: skip
    team = [_lead("Dr. Ada Lee", "ada@southern.example"),
            _lead("Sam Student", "sam@southern.example", "student")]  # fmt: skip
    _awarded(city, city_staff, second_institution, proposer, skills=[PYTHON_SKILL_ROW],
             title="Transit data", team=team)  # fmt: skip
    _author(college, "curie@northern.example", "Prof. Marie Curie", [PYTHON_SKILL_ROW])

    with translation.override("en"):
        matches = people_for(challenge=open_challenge)

    assert [(m.name, m.organization, m.score) for m in matches] == [
        ("Dr. Ada Lee", second_institution, 1),
        ("Prof. Marie Curie", college, 1),
    ]
    assert matches[0].reasons == [
        "Principal investigator on “Transit data study”, awarded for the challenge “Transit data”"
    ]
    assert matches[0].projects == 1  # on the proposal's team and its project: counted once
    assert matches[1].reasons == [
        "Created the micro-credential “Data Analysis Fundamentals”, which teaches "
        "Python (computer programming)"
    ]


def test_students_unrelated_skills_and_not_selected_proposals_do_not_count(
    city: Organization, city_staff: Any, open_challenge: Challenge, college: Organization,
    second_institution: Organization, proposer: Any, rival: Any,
) -> None:  # fmt: skip
    _awarded(city, city_staff, college, proposer, skills=[OTHER_ROW], title="Welding",
             team=[_lead("Dr. Weld", "weld@northern.example")])  # fmt: skip
    challenge = _past_challenge(city, [PYTHON_SKILL_ROW], "Parking")
    won = submitted(challenge, college, proposer, title="Won",
                    team=[_lead("Dr. Win", "win@northern.example")])  # fmt: skip
    submitted(challenge, second_institution, rival, title="Lost",
              team=[_lead("Dr. Lost", "lost@southern.example")])  # fmt: skip
    pass_deadline(challenge)
    review.challenge_award(challenge=challenge, proposals=[won], actor=city_staff)

    names = [m.name for m in people_for(challenge=open_challenge)]

    assert names == ["Dr. Win"]


def test_the_partners_own_staff_and_people_of_other_kinds_of_organization_are_not_suggested(
    city: Organization, city_staff: Any, open_challenge: Challenge, college: Organization,
    employer: Organization, proposer: Any,
) -> None:  # fmt: skip
    # The city's staff member also teaches at the college and led a past project there.
    Membership.objects.create(organization=college, user=city_staff, role=Membership.Role.ISSUER)
    taught = published_achievement_create(organization=college, created_by=city_staff)
    _awarded(city, city_staff, college, proposer, skills=[PYTHON_SKILL_ROW], title="Earlier",
             team=[_lead("City Staff", city_staff.email)])  # fmt: skip
    _author(employer, "trainer@maple.example", "Employer Trainer", [PYTHON_SKILL_ROW])

    assert taught.status == Achievement.Status.PUBLISHED
    assert people_for(challenge=open_challenge) == []


def test_the_management_page_shows_people_without_any_email_address(
    client: Any, city: Organization, city_staff: Any, open_challenge: Challenge,
    college: Organization, second_institution: Organization, proposer: Any,
) -> None:  # fmt: skip
    _awarded(city, city_staff, second_institution, proposer, skills=[PYTHON_SKILL_ROW],
             title="Transit data", team=[_lead("Dr. Ada Lee", "ada@southern.example")])  # fmt: skip
    _author(college, "curie@northern.example", "", [PYTHON_SKILL_ROW])  # no name given
    client.force_login(city_staff)

    page = client.get(reverse("challenges:manage_detail",
                              kwargs={"org": city.slug, "uuid": open_challenge.uuid}))  # fmt: skip

    html = page.content.decode()
    assert "People with matching experience" in html
    assert "Dr. Ada Lee" in html and "Southern University" in html
    assert "Transit data study" in html
    assert "Name not given" in html
    for address in ("ada@southern.example", "curie@northern.example", proposer.email):
        assert address not in html


def test_people_matching_runs_a_bounded_number_of_queries(
    django_assert_max_num_queries: Any, city: Organization, city_staff: Any,
    open_challenge: Challenge, college: Organization, proposer: Any,
) -> None:  # fmt: skip
    for n in range(4):
        _author(college, f"author{n}@northern.example", f"Author {n}", [PYTHON_SKILL_ROW])
        _awarded(city, city_staff, college, proposer, skills=[PYTHON_SKILL_ROW], title=f"P{n}",
                 team=[_lead(f"Lead {n}", f"lead{n}@northern.example"),
                       _lead(f"Fac {n}", f"fac{n}@northern.example", "faculty")])  # fmt: skip

    with django_assert_max_num_queries(4):
        matches = people_for(challenge=open_challenge, limit=20)

    assert len(matches) == 12
