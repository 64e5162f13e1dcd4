"""What axe-core does not see: pages reflow on a phone, and the keyboard works
(the skip link reaches the content; the focused control is visibly outlined)."""

from __future__ import annotations

import pytest
from tests.browser.scenario import sign_in, world_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def phone(browser, site):
    context = browser.new_context(base_url=site, locale="en-CA", viewport=PHONE)
    yield context.new_page()
    context.close()


def test_pages_fit_a_phone_screen(phone, site, a11y):
    world = world_create()
    sign_in(phone, site, world.admin)
    org, achievement = world.college.slug, world.achievement.uuid
    pages = {
        "home": "/",
        "catalogue": "/achievements/",
        "achievement": f"/achievements/{achievement}",
        "credential": f"/credentials/{world.credential.uuid}",
        "api-docs": "/api/docs",
        "dashboard": f"/manage/{org}/",
        "form": f"/manage/{org}/achievements/new/",
        "achievement-manage": f"/manage/{org}/achievements/{achievement}/",
        "credentials": f"/manage/{org}/credentials/",
        "credential-manage": f"/manage/{org}/credentials/{world.credential.uuid}/",
        "credential-history": f"/manage/{org}/credentials/{world.revoked.uuid}/",
        "audit": f"/manage/{org}/revocations/",
        "bulk-preview": f"/manage/{org}/bulk/{world.bulk.uuid}/",
        "members": f"/manage/{org}/members/",
        "keys": f"/manage/{org}/keys/",
        "api-tokens": f"/manage/{org}/api-tokens/",
    }
    too_wide = {}
    for name, path in pages.items():
        phone.goto(path)
        a11y.check(phone, f"phone-{name}")
        overflow = phone.evaluate(OVERFLOW)
        if overflow > 0:
            too_wide[name] = overflow
    assert too_wide == {}, f"pages wider than a 390px screen (extra pixels): {too_wide}"


def test_skip_link_moves_the_keyboard_to_the_main_content(page):
    page.goto("/achievements/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0  # shown once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the content, not the header
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_focused_controls_are_visibly_outlined(page):
    page.goto("/achievements/")
    outlines = []
    for _ in range(8):  # skip link, brand, navigation, language switcher, search
        page.keyboard.press("Tab")
        outlines.append(
            page.evaluate(
                """() => { const s = getComputedStyle(document.activeElement);
                   return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth]; }"""
            )
        )
    hidden = [o for o in outlines if o[1] == "none" or float(o[2].rstrip("px")) < 2]
    assert hidden == [], outlines
