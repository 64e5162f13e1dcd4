"""An issuer's day, end to end in Chromium: sign in, define a micro-credential, publish
it, award it, see it verified on its public page, revoke it, see it revoked; then the
same pages in French. Every page on the way passes axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from tests.browser.scenario import (
    PASSWORD,
    check,
    college_create,
    member_create,
    png_bytes,
)
from tests.site.factories import PYTHON_SKILL

from mixtape.skills import load_framework, suggest
from mixtape_site.organizations.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEFINITION = {
    "Name (English)": "Applied Python for Data",
    "Name (French)": "Python appliqué aux données",
    "Description (English)": "Write Python programs that load, clean and summarize data.",
    "Description (French)": "Écrire des programmes Python qui chargent et résument des données.",
    "Criteria (English)": "Pass three graded notebooks and a final project.",
    "Criteria (French)": "Réussir trois carnets notés et un projet final.",
    "Learning outcomes (English), one per line": "Load a CSV file\nSummarize a data set",
    "Learning outcomes (French), one per line": "Charger un fichier CSV\nRésumer un jeu de données",
    "Hours of learning": "30",
}


def test_issuer_defines_awards_and_revokes_a_credential(page, a11y):
    page.set_default_timeout(5000)
    college = college_create()
    member_create(college, "staff@northern.example", Membership.Role.ISSUER)

    page.goto("/accounts/login/")
    check(page, a11y, "journey-01-sign-in-en")
    page.get_by_label("Email").fill("staff@northern.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Manage").click()
    page.get_by_role("link", name="Northern College").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Northern College")
    check(page, a11y, "journey-02-dashboard-en")

    page.get_by_role("link", name="New micro-credential").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New micro-credential")
    check(page, a11y, "journey-03-form-en")
    for label, value in DEFINITION.items():
        page.get_by_label(label).fill(value)
    # The skill picker: a typo still finds Python; ticking it moves it to "Selected skills".
    # The live server shares this process: build the autocomplete index first, as the
    # platform's start-up thread does (tests turn that thread off).
    suggest(load_framework("esco"), "a", limit=1)
    page.get_by_label("Find a skill").fill("pyhton")
    page.get_by_label("Python (computer programming)").check()
    page.get_by_label("Find a skill").fill("statistics")
    selected = page.get_by_role("group", name="Selected skills")
    expect(selected.get_by_label("Python (computer programming)")).to_be_checked()
    check(page, a11y, "journey-03b-skill-picker-en")
    page.get_by_label("Delivery mode").select_option(label="Hybrid")
    page.get_by_label("English", exact=True).check()
    page.get_by_label("French", exact=True).check()
    page.get_by_label("Badge image").set_input_files(
        {"name": "badge.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status")).to_contain_text("saved as a draft")
    expect(page.get_by_role("heading", level=1)).to_have_text("Applied Python for Data")
    expect(page.get_by_role("link", name="Python (computer programming)")).to_have_attribute(
        "href", PYTHON_SKILL
    )
    check(page, a11y, "journey-04-draft-en")

    page.get_by_role("link", name="Publish").click()
    check(page, a11y, "journey-05-publish-en")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Status: Published")).to_be_visible()

    page.get_by_role("link", name="Award", exact=True).click()
    check(page, a11y, "journey-06-award-en")
    page.get_by_label("Recipient's name").fill("Léa Tremblay")
    page.get_by_label("Recipient's e-mail address").fill("lea@example.org")
    page.get_by_role("button", name="Issue the credential").click()
    expect(page.get_by_role("status")).to_contain_text("Credential issued")
    manage_url = page.url
    check(page, a11y, "journey-07-credential-manage-en")

    page.get_by_role("link", name="Public page of this credential").click()
    expect(page).to_have_url(re.compile(r"/credentials/[0-9a-f-]{36}$"))
    public_url = page.url
    expect(page.locator("#verification-title")).to_contain_text("Verified")
    check(page, a11y, "journey-08-public-verified-en")

    page.goto(manage_url)
    revoke = page.get_by_role("group", name="Revoke")
    revoke.get_by_label("Reason").fill("Awarded to the wrong learner.")
    revoke.get_by_role("button", name="Revoke this credential").click()
    expect(page.get_by_role("status")).to_contain_text("The credential is revoked")
    expect(page.get_by_role("cell", name="Awarded to the wrong learner.")).to_be_visible()
    check(page, a11y, "journey-09-credential-revoked-en")

    page.goto(public_url)
    expect(page.locator("#verification-title")).to_contain_text("Revoked")
    check(page, a11y, "journey-10-public-revoked-en")

    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    check(page, a11y, "journey-11-public-revoked-fr")
    page.locator('header a[href="/manage/"]').click()  # "Manage", in French
    page.get_by_role("link", name="Collège du Nord").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    check(page, a11y, "journey-12-dashboard-fr")
    page.goto(f"/manage/{college.slug}/achievements/new/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    check(page, a11y, "journey-13-form-fr")
