"""Public pages in both languages pass axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/", "/no-such-page"])
def test_public_page_is_accessible_in_both_languages(page, site, a11y, path, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == language
    a11y.check(page, f"{path.strip('/').replace('/', '-') or 'home'}-{language}")


def test_language_switcher_changes_the_language(page):
    page.goto("/")
    page.get_by_role("button", name="Français").click()
    assert page.locator("html").get_attribute("lang") == "fr"
