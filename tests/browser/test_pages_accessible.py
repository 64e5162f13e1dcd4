"""Every page of the issuer side, in English and in French, passes axe-core (WCAG 2.1 AA).

The journeys (test_issuer_journey, test_bulk_journey) check the pages they pass
through; this file checks the others, each with realistic content on it. One test
per reader and language visits that reader's pages (building the data once) and
reports every failing page together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from tests.browser.pathway_scenario import (
    Stacking,
    business_analytics_create,
    data_analytics_create,
    hold,
    stacking_create,
)
from tests.browser.scenario import (
    World,
    reference_problems,
    sign_in,
    use_language,
    world_create,
)

from mixtape_site.accounts.models import User
from mixtape_site.pathways.models import Pathway, PathwayAward
from mixtape_site.pathways.services import pathway_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PathOf = Callable[[World], str]


def _manage(suffix: str) -> PathOf:
    return lambda w: f"/manage/{w.college.slug}/{suffix}"


def _achievement(suffix: str) -> PathOf:
    return lambda w: f"/manage/{w.college.slug}/achievements/{w.achievement.uuid}/{suffix}"


# reader (a World attribute, or "visitor") -> page name -> path
PAGES: dict[str, dict[str, PathOf]] = {
    "visitor": {
        "catalogue": lambda w: "/achievements/",
        "catalogue-search": lambda w: "/achievements/?q=python",
        "achievement": lambda w: f"/achievements/{w.achievement.uuid}",
        "issuer-profile": lambda w: f"/issuers/{w.college.slug}",
        "credential-revoked": lambda w: f"/credentials/{w.revoked.uuid}",
        "claim-signed-out": lambda w: f"/claim/{w.credential.claim_token}",
        "signup": lambda w: "/accounts/signup/",
        "password-reset": lambda w: "/accounts/password/reset/",
        "api-docs": lambda w: "/api/docs",
    },
    "admin": {
        "manage-home": lambda w: "/manage/",
        "dashboard": _manage(""),
        "achievements": _manage("achievements/"),
        "achievement-manage": _achievement(""),
        "achievement-award": _achievement("award/"),
        "members": _manage("members/"),
        "keys": _manage("keys/"),
        "api-tokens": _manage("api-tokens/"),
        "credentials": _manage("credentials/?q=example.org"),
        "credential-manage": lambda w: f"/manage/{w.college.slug}/credentials/{w.credential.uuid}/",
        "credential-manage-revoked": lambda w: (
            f"/manage/{w.college.slug}/credentials/{w.revoked.uuid}/"
        ),
        "audit": _manage("revocations/"),
        "bulk-list": _manage("bulk/"),
        "bulk-upload": _achievement("bulk/"),
    },
    "employer_member": {
        "endorsements": lambda w: f"/manage/{w.employer.slug}/endorsements/",
        "endorse": lambda w: f"/manage/{w.employer.slug}/endorsements/{w.achievement.uuid}/",
    },
    "learner": {
        "claim-signed-in": lambda w: f"/claim/{w.credential.claim_token}",
        "account": lambda w: "/account/",
    },
}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("reader", list(PAGES))
def test_pages_are_accessible(page, site, a11y, reader, language):
    world = world_create()
    if reader != "visitor":
        sign_in(page, site, getattr(world, reader))
    use_language(page, site, language)
    failures = []
    for name, path in PAGES[reader].items():
        response = page.goto(path(world))
        if response is None or response.status != 200:
            failures.append(f"{name}: HTTP {response and response.status}")
            continue
        if page.locator("html").get_attribute("lang") != language:
            failures.append(f"{name}: not in {language}")
        failures.extend(f"{name}: {problem}" for problem in reference_problems(page))
        try:
            a11y.check(page, f"page-{name}-{language}")
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n\n".join(failures)


# Pathway pages (issue 6), built from tests/browser/pathway_scenario.py: reader (a
# PathwayWorld attribute, or "visitor") -> page name -> path.
@dataclass
class PathwayWorld:
    stacking: Stacking
    published: Pathway  # Northern's, with Lumière; the learner holds part of it
    reviewed: Pathway  # Lumière's; the learner's award waits for its approval
    draft: Pathway  # a Northern draft with no requirement yet
    award: PathwayAward

    @property
    def staff(self) -> User:
        return self.stacking.staff

    @property
    def lumiere_admin(self) -> User:
        return self.stacking.lumiere_admin

    @property
    def learner(self) -> User:
        return self.stacking.learner


def pathway_world_create() -> PathwayWorld:
    stacking = stacking_create()
    published = data_analytics_create(stacking)
    reviewed = business_analytics_create(stacking)
    hold(stacking, "python", "visualisation", "communication")
    draft = pathway_create(
        organization=stacking.northern,
        data={"name": {"en": "Draft", "fr": "Brouillon"}, "goal": stacking.goals["northern"]},
        created_by=stacking.staff,
    )
    return PathwayWorld(
        stacking, published, reviewed, draft, PathwayAward.objects.get(pathway=reviewed)
    )


PathwayPathOf = Callable[[PathwayWorld], str]


def _pathway(suffix: str, which: str = "published") -> PathwayPathOf:
    def path(w: PathwayWorld) -> str:
        pathway = getattr(w, which)
        return f"/manage/{pathway.organization.slug}/pathways/{pathway.uuid}/{suffix}"

    return path


def _first_step(w: PathwayWorld) -> str:
    step = w.published.groups.first().steps.first()
    return _pathway(f"steps/{step.pk}/equivalences/new/")(w)


PATHWAY_PAGES: dict[str, dict[str, PathwayPathOf]] = {
    "visitor": {
        "pathways": lambda w: "/pathways/",
        "pathway": lambda w: f"/pathways/{w.published.uuid}",
        "achievement-stacks-into": lambda w: (
            f"/achievements/{w.stacking.micro['visualisation'].uuid}"
        ),
    },
    "staff": {
        "pathways-manage": lambda w: f"/manage/{w.stacking.northern.slug}/pathways/",
        "pathway-new": lambda w: f"/manage/{w.stacking.northern.slug}/pathways/new/",
        "pathway-manage": _pathway(""),
        "pathway-edit": _pathway("edit/"),
        "pathway-group-new": _pathway("groups/new/"),
        "pathway-group-edit": lambda w: _pathway(f"groups/{w.published.groups.first().pk}/")(w),
        "pathway-equivalence": _first_step,
        "pathway-retire": _pathway("retire/"),
        "pathway-draft": _pathway("", "draft"),
        "pathway-publish-refused": _pathway("publish/", "draft"),
    },
    "lumiere_admin": {
        "pathway-awards": lambda w: f"/manage/{w.stacking.lumiere.slug}/pathway-awards/",
        "pathway-award-decline": lambda w: (
            f"/manage/{w.stacking.lumiere.slug}/pathway-awards/{w.award.pk}/decline/"
        ),
        # A partner institution manages the pathway under its own name.
        "pathway-partner": lambda w: (
            f"/manage/{w.stacking.lumiere.slug}/pathways/{w.published.uuid}/"
        ),
    },
    "learner": {
        "pathway-progress": lambda w: f"/pathways/{w.published.uuid}",
        "pathway-awaiting": lambda w: f"/pathways/{w.reviewed.uuid}",
        "wallet-pathways": lambda w: "/wallet/",
    },
}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("reader", list(PATHWAY_PAGES))
def test_pathway_pages_are_accessible(page, site, a11y, reader, language):
    world = pathway_world_create()
    if reader != "visitor":
        sign_in(page, site, getattr(world, reader))
    use_language(page, site, language)
    failures = []
    for name, path in PATHWAY_PAGES[reader].items():
        response = page.goto(path(world))
        if response is None or response.status != 200:
            failures.append(f"{name}: HTTP {response and response.status}")
            continue
        if page.locator("html").get_attribute("lang") != language:
            failures.append(f"{name}: not in {language}")
        failures.extend(f"{name}: {problem}" for problem in reference_problems(page))
        try:
            a11y.check(page, f"page-{name}-{language}")
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n\n".join(failures)
