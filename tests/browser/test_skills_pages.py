"""The skills pages and the skill picker in Chromium: axe-clean in both languages, and
the picker works from the keyboard (Enter searches; it never saves the form)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.browser.scenario import check, college_create, member_create, sign_in, use_language
from tests.site.factories import PYTHON_SKILL

from mixtape_site.organizations.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_skills_pages_are_accessible(page, site, a11y, language):
    use_language(page, site, language)
    page.goto("/skills/?q=pyhton")
    check(page, a11y, f"skills-frameworks-{language}")
    page.locator("#skills-results a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Python")
    check(page, a11y, f"skills-concept-{language}")


def test_browse_search_updates_as_you_type(page, site):
    page.goto("/skills/")
    page.get_by_label("Search skills (English or French)").fill("pyhton")
    expect(page.locator("#skills-results")).to_contain_text("Python (computer programming)")


def test_picker_enter_searches_and_keyboard_ticks_a_skill(page, site, a11y):
    college = college_create()
    user = member_create(college, "staff@northern.example", Membership.Role.ISSUER)
    sign_in(page, site, user)
    page.goto(f"/manage/{college.slug}/achievements/new/")
    search = page.get_by_label("Find a skill")
    search.focus()
    page.keyboard.type("programmation pyt")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("New micro-credential")
    result = page.locator("#skill-results").get_by_label("Python (computer programming)")
    expect(result).to_be_visible()
    result.focus()
    page.keyboard.press("Space")
    # Typing then Enter must not leave a second, late search that would undo the tick.
    page.wait_for_timeout(500)
    expect(result).to_be_checked()
    page.get_by_role("button", name="Search").click()  # a new search moves it to "Selected"
    selected = page.get_by_role("group", name="Selected skills")
    expect(selected.get_by_label("Python (computer programming)")).to_be_checked()
    expect(selected.locator(f'input[value="{PYTHON_SKILL}"]')).to_have_count(1)
    check(page, a11y, "skills-picker-en")
