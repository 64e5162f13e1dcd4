"""The innovation space's other pages (issue 7), in English at a desktop width and in French
at a phone's: each passes axe-core (WCAG 2.1 AA), names no missing id, is in the chosen
language and scrolls no wider than the window. The journeys (test_challenges_journey,
test_project_journey) check the pages they pass through; this sweep checks the insight
dashboards, the funding programs, the city's challenge page with its suggestions of people
and institutions, the projects lists and an operator's read-only project page.

One test per language builds the data once (a completed project with credentials issued,
a second open challenge on the same skill) and visits every reader's pages, reporting
every failing page together.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from tests.browser.pathway_scenario import translated
from tests.browser.project_scenario import (
    DESKTOP,
    ProjectWorld,
    awarded_project_create,
    open_challenge_create,
    project_complete_and_issue,
)
from tests.browser.scenario import check, sign_in, use_language
from tests.browser.test_challenges_journey import PHONE

from mixtape_site.challenges import views_funding
from mixtape_site.challenges.models import Challenge

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PathOf = Callable[[ProjectWorld, Challenge], str]


def _project(org: Callable[[ProjectWorld], str]) -> PathOf:
    return lambda w, _: f"/manage/{org(w)}/projects/{w.project.uuid}/"


def _funder(suffix: str) -> PathOf:
    return lambda w, _: f"/manage/{w.cast.grant.funder.slug}/funding/{suffix}"


# reader (a ProjectWorld attribute, a Cast attribute, or "visitor") -> page name -> path
PAGES: dict[str, dict[str, PathOf]] = {
    "visitor": {
        "funding-program": lambda w, _: f"/funding/{w.cast.grant.slug}",
        "project-public": lambda w, _: f"/projects/{w.project.uuid}",
    },
    "operator": {
        "insight-platform": lambda w, _: "/insight/",
        "project-operator": _project(lambda w: w.cast.northern.slug),
    },
    "city_staff": {
        "insight-partner": lambda w, _: f"/manage/{w.cast.city.slug}/insight/",
        "challenge-suggestions": lambda w, c: f"/manage/{w.cast.city.slug}/challenges/{c.uuid}/",
        "projects-partner": lambda w, _: f"/manage/{w.cast.city.slug}/projects/",
    },
    "funder_staff": {
        "funding-list": _funder(""),
        "funding-new": _funder("new/"),
    },
    "researcher": {
        "projects-institution": lambda w, _: f"/manage/{w.cast.northern.slug}/projects/",
    },
}


def _reader(w: ProjectWorld, name: str):
    return getattr(w, name, None) or getattr(w.cast, name)


@pytest.mark.parametrize(("language", "viewport"), [("en", DESKTOP), ("fr", PHONE)],
                         ids=["en-desktop", "fr-phone"])  # fmt: skip
def test_innovation_pages_are_accessible(browser, site, a11y, language, viewport):
    w = awarded_project_create()
    project_complete_and_issue(w)
    challenge = open_challenge_create(w)
    context = browser.new_context(base_url=site, locale=f"{language}-CA", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(5000)
    failures: list[str] = []
    try:
        for reader, pages in PAGES.items():
            page.context.clear_cookies()
            use_language(page, site, language)
            if reader != "visitor":
                sign_in(page, site, _reader(w, reader))
            for name, path in pages.items():
                _visit(page, a11y, f"innovation-{name}-{language}", path(w, challenge), language,
                       failures)  # fmt: skip
        _suggestions_name_people_not_addresses(page, site, w, challenge)
        _funding_form_refusal(page, site, a11y, w, language, failures)
    finally:
        context.close()
    assert not failures, "\n\n".join(failures)


def _visit(page: Page, a11y, name: str, path: str, language: str, failures: list[str]) -> None:
    response = page.goto(path)
    if response is None or response.status != 200:
        failures.append(f"{name}: HTTP {response and response.status}")
        return
    if page.locator("html").get_attribute("lang") != language:
        failures.append(f"{name}: not in {language}")
    try:
        check(page, a11y, name)
    except AssertionError as error:
        failures.append(str(error))


def _suggestions_name_people_not_addresses(page, site, w: ProjectWorld, challenge) -> None:
    """The lead of the past project on the same skill is suggested, by name only."""
    sign_in(page, site, w.cast.city_staff)
    page.goto(f"/manage/{w.cast.city.slug}/challenges/{challenge.uuid}/")
    people = page.locator("section[aria-labelledby=people-matches-title]")
    expect(people.locator(".card h3")).to_contain_text(["Dr. Ada Lee"])
    assert "@" not in people.inner_text()


def _funding_form_refusal(page, site, a11y, w, language: str, failures: list[str]) -> None:
    """An empty program: refused with the errors next to the fields, still accessible."""
    sign_in(page, site, w.funder_staff)
    page.goto(_funder("new/")(w, None))
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator("main [role=alert]")).to_be_visible()
    expect(page.locator("main .errorlist").first).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(
        translated(views_funding.PROGRAM_SAVED, language)
    )
    try:
        check(page, a11y, f"innovation-funding-refused-{language}")
    except AssertionError as error:
        failures.append(str(error))
