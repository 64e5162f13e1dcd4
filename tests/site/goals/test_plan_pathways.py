"""The goal plan ranks the pathways that fill the gap: most missing skills, then fewest hours."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from tests.site.catalogue.catalogue_data import (
    BIG_DATA,
    DATA_ANALYST,
    DATA_MINING,
    SPREADSHEETS,
    STATISTICS,
    hold,
    make_achievement,
)
from tests.site.pathways.conftest import pathway_make

from mixtape_site.achievements.models import Achievement
from mixtape_site.organizations.models import Organization
from mixtape_site.pathways.models import Pathway, PathwayGroup

PLAN = reverse("goals:plan")


def _course(college: Organization, name: str, skills: tuple[str, ...], hours: int) -> Achievement:
    return make_achievement(college, name=(name, f"{name} (fr)"), skills=skills, hours=hours)


def _pathway(college: Organization, name: str, steps: list[Achievement], **fields: Any) -> Pathway:
    goal = _course(college, f"Certificate: {name}", (), 0)
    return pathway_make(
        organization=college,
        goal=goal,
        groups=[("", PathwayGroup.Rule.ALL, None, steps)],
        name=name,
        **fields,
    )


def ranked(response: Any) -> list[tuple[str, int]]:
    plan = response.context["plan"]
    return [(p.pathway.name["en"], len(p.covers)) for p in plan.pathways]


def test_pathway_covering_more_missing_skills_ranks_first(client, college):
    statistics = _course(college, "Statistics", (STATISTICS,), 10)
    broad = _course(college, "Analytics Toolkit", (STATISTICS, DATA_MINING, BIG_DATA), 90)
    _pathway(college, "Statistics Only", [statistics])
    _pathway(college, "Full Analytics", [broad])
    response = client.get(PLAN, {"occupation": DATA_ANALYST})
    # (A skill also covers the broader skills of the framework it belongs to.)
    (first, more), (second, fewer) = ranked(response)
    assert (first, second) == ("Full Analytics", "Statistics Only") and more > fewer
    page = response.content.decode()
    assert "Ranked by how much of the gap they cover" in page
    assert page.index("Full Analytics") < page.index("Statistics Only")


def test_equal_coverage_ranks_the_fewest_hours_first(client, college):
    long = _course(college, "Long Statistics", (STATISTICS,), 120)
    short = _course(college, "Short Statistics", (STATISTICS,), 15)
    _pathway(college, "Long Way", [long])
    _pathway(college, "Short Way", [short])
    response = client.get(PLAN, {"occupation": DATA_ANALYST})
    assert [name for name, _ in ranked(response)] == ["Short Way", "Long Way"]
    assert [p.summary.hours for p in response.context["plan"].pathways] == [15, 120]


def test_draft_and_retired_pathways_are_not_offered(client, college):
    broad = _course(college, "Analytics Toolkit", (STATISTICS, DATA_MINING, BIG_DATA), 90)
    _pathway(college, "Draft Analytics", [broad], status=Pathway.Status.DRAFT)
    _pathway(college, "Retired Analytics", [broad], status=Pathway.Status.RETIRED)
    assert ranked(client.get(PLAN, {"occupation": DATA_ANALYST})) == []


def test_skills_the_learner_holds_no_longer_count(client, college, issuer_staff, learner):
    broad = _course(college, "Analytics Toolkit", (STATISTICS, DATA_MINING, BIG_DATA), 90)
    mining = _course(college, "Mining Spreadsheets", (DATA_MINING, SPREADSHEETS), 90)
    _pathway(college, "Full Analytics", [broad])
    _pathway(college, "Data Mining", [mining])
    held = _course(college, "Held Statistics", (STATISTICS, BIG_DATA), 10)
    anonymous = client.get(PLAN, {"occupation": DATA_ANALYST})
    assert ranked(anonymous)[0][0] == "Full Analytics"
    hold(learner, held, issuer_staff)
    client.force_login(learner)
    response = client.get(PLAN, {"occupation": DATA_ANALYST})
    (first, more), (second, fewer) = ranked(response)
    assert (first, second) == ("Data Mining", "Full Analytics") and more > fewer
    plan = response.context["plan"]
    covered = {s.concept.uri for s in plan.covered}
    assert not covered & {c.uri for p in plan.pathways for c in p.covers}
