"""The catalogue and the goal-to-plan page in Chromium, axe-clean in both languages:
search, facets, a search with no results, a pasted job posting and an occupation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.browser.scenario import check, use_language

from mixtape.skills import load_framework, warm_up
from mixtape_site.web.demo.build import demo_build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POSTING = {
    "en": "Junior data analyst. You clean data sets in Python, write SQL queries against "
    "PostgreSQL and present statistics to managers.",
    "fr": "Analyste de données junior. Vous nettoyez des données avec Python, écrivez des "
    "requêtes SQL et présentez des statistiques aux gestionnaires.",
}


@pytest.fixture
def catalogue(site):
    demo_build()
    warm_up(load_framework("esco"))  # the live server shares this process's indexes


@pytest.mark.parametrize("language", ["en", "fr"])
def test_catalogue_search_facets_and_no_results(page, site, a11y, catalogue, language):
    use_language(page, site, language)
    page.goto("/achievements/?q=donnees")
    expect(page.locator(".cards li").first).to_be_visible()
    check(page, a11y, f"catalogue-search-{language}")
    page.goto("/achievements/?delivery=online")
    check(page, a11y, f"catalogue-facet-{language}")
    page.goto("/achievements/?q=zzqxv")
    check(page, a11y, f"catalogue-none-{language}")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_goal_from_a_posting_and_from_an_occupation(page, site, a11y, catalogue, language):
    use_language(page, site, language)
    page.goto("/goals/")
    check(page, a11y, f"goals-empty-{language}")
    page.locator("textarea").first.fill(POSTING[language])
    page.locator("#main form[method=post] button[type=submit]").click()
    expect(page.get_by_role("link", name="Python", exact=False).first).to_be_visible()
    check(page, a11y, f"goals-posting-{language}")
    page.goto(
        "/goals/?occupation_q=data+analyst" if language == "en" else "/goals/?occupation_q=analyste"
    )
    page.locator("#main fieldset").locator("xpath=..").locator("button[type=submit]").click()
    check(page, a11y, f"goals-occupation-{language}")
