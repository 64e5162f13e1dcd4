"""A learner's side, end to end in Chromium (issue 4): claim a credential, see it in
the wallet, import one from an outside issuer, make a mixtape of both, share it; an
employer plays it signed out; the issuer revokes one credential and the player says
so; the learner withdraws the link and it stops working. Then the wallet, the
mixtape and the player in French. Every page on the way passes axe-core."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect
from tests.browser.learner_scenario import (
    LEARNER_EMAIL,
    OUTSIDE_ISSUER,
    OUTSIDE_NAME,
    PLATFORM_NAME,
    issue,
    issuing_create,
    outside_credential,
)
from tests.browser.scenario import check, sign_in

from mixtape_site.credentials.services import credential_revoke
from mixtape_site.mixtapes.models import Mixtape
from mixtape_site.mixtapes.services import share_link_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "My capstone: a dashboard of the city's budget."


def test_learner_shares_a_mixtape_that_an_employer_plays(page, browser, site, a11y):
    page.set_default_timeout(5000)
    issuing = issuing_create()
    awarded = issue(issuing.achievement, issuing.staff, "Amélie Tremblay", LEARNER_EMAIL)
    sign_in(page, site, issuing.learner)

    # The claim link from the award e-mail, opened signed in.
    page.goto(f"/claim/{awarded.claim_token}")
    check(page, a11y, "learner-01-claim-en")
    page.get_by_role("button", name="Add to my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLATFORM_NAME)
    expect(page.locator("#status-title")).to_contain_text("Verified")
    check(page, a11y, "learner-02-wallet-detail-en")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My wallet").click()
    card = page.locator(".wallet-items .card", has_text=PLATFORM_NAME)
    expect(card).to_contain_text("Verified")
    check(page, a11y, "learner-03-wallet-en")

    # An outside academy's credential, uploaded as a file.
    page.get_by_role("link", name="Import a credential").click()
    check(page, a11y, "learner-04-import-en")
    page.get_by_label("Credential file").set_input_files(
        {
            "name": "statistics-101.json",
            "mimeType": "application/json",
            "buffer": json.dumps(outside_credential(LEARNER_EMAIL)).encode(),
        }
    )
    page.get_by_role("button", name="Import the file").click()
    expect(page.get_by_role("status").first).to_contain_text("now in your wallet")
    expect(page.get_by_role("heading", level=1)).to_have_text(OUTSIDE_NAME)
    expect(page.locator("#status-title")).to_contain_text("Verified")
    check(page, a11y, "learner-05-imported-en")

    # A mixtape of both, a note on one, the imported one moved first.
    page.get_by_role("link", name="Back to my wallet").click()
    expect(page.locator(".wallet-items .card")).to_have_count(2)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My mixtapes").click()
    check(page, a11y, "learner-06-mixtapes-empty-en")
    page.get_by_role("link", name="New mixtape").click()
    check(page, a11y, "learner-07-mixtape-new-en")
    page.get_by_label("Title").fill("Junior data analyst")
    page.get_by_label("Description").fill("What I can do with data.")
    page.get_by_role("button", name="Create mixtape").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Junior data analyst")
    check(page, a11y, "learner-08-mixtape-empty-en")
    adding = page.get_by_role("group", name="Choose the credentials to add")
    adding.get_by_label(re.compile(PLATFORM_NAME)).check()
    adding.get_by_label(re.compile(OUTSIDE_NAME)).check()
    page.get_by_role("button", name="Add to the mixtape").click()
    tracks = page.locator("ol.tracks > li")
    expect(tracks).to_have_count(2)
    expect(tracks.nth(0).get_by_role("heading")).to_have_text(OUTSIDE_NAME)  # newest first
    platform = tracks.filter(has_text=PLATFORM_NAME)
    platform.get_by_label("Note").fill(NOTE)
    platform.get_by_role("button", name="Save note").click()
    expect(page.get_by_role("status").first).to_contain_text("Note saved")
    expect(platform.get_by_label("Note")).to_have_value(NOTE)
    platform.get_by_role("button", name="Move up").click()
    expect(tracks.nth(0).get_by_role("heading")).to_have_text(PLATFORM_NAME)
    expect(tracks.nth(0).get_by_label("Note")).to_have_value(NOTE)

    # A share link, with its QR code.
    page.get_by_label("Label").fill("Maple Tech")
    page.get_by_role("button", name="Create link").click()
    expect(page.get_by_role("status").first).to_contain_text("Share link created")
    share_url = page.locator("input.share-url").input_value()
    assert re.fullmatch(re.escape(site) + r"/m/[A-Za-z0-9_-]{43}", share_url)
    page.locator("details.qr summary").click()
    expect(page.locator("details.qr svg")).to_be_visible()
    check(page, a11y, "learner-09-mixtape-shared-en")
    mixtape_url = page.url

    # An employer opens the link in another browser, signed out.
    employer = browser.new_context(base_url=site, locale="en-CA").new_page()
    employer.set_default_timeout(5000)
    try:
        employer.goto(share_url)
        expect(employer.locator("#summary-title")).to_have_text("2 credentials, 2 verified")
        played = employer.locator("li.played-track")
        expect(played.nth(0).locator(".track-note")).to_contain_text(NOTE)
        expect(played.nth(1)).to_contain_text(OUTSIDE_ISSUER)
        expect(played.locator(".badge-ok", has_text="Verified")).to_have_count(2)
        skills = employer.locator("table.skills-profile")
        for skill in ("statistics", "Python (computer programming)", "analyse big data"):
            expect(skills.get_by_role("rowheader", name=skill)).to_be_visible()
        expect(employer.get_by_role("link", name="Sign in")).to_be_visible()
        check(employer, a11y, "learner-10-player-en")

        # The college revokes its credential: the player says so at once.
        credential_revoke(credential=awarded, reason="Awarded in error.", actor=issuing.staff)
        employer.reload()
        expect(employer.locator("#summary-title")).to_have_text(
            "2 credentials, 1 verified, 1 revoked"
        )
        revoked = played.filter(has_text=PLATFORM_NAME)
        expect(revoked.locator("h3 + p .badge-bad")).to_contain_text("Revoked")
        expect(employer.locator("ul.unverified-skills")).to_contain_text("analyse big data")
        check(employer, a11y, "learner-11-player-revoked-en")

        # The learner withdraws the link; the employer's copy stops working.
        page.goto(mixtape_url)
        page.get_by_role("button", name="Withdraw").click()
        expect(page.get_by_role("status").first).to_contain_text("Share link withdrawn")
        check(page, a11y, "learner-12-link-withdrawn-en")
        response = employer.reload()
        assert response is not None and response.status == 410
        expect(employer.get_by_role("heading", level=1)).to_have_text("Link no longer available")
        expect(employer.locator("main")).not_to_contain_text(PLATFORM_NAME)
        check(employer, a11y, "learner-13-link-gone-en")

        # The same pages in French, switched with the language button.
        page.goto("/wallet/")
        page.get_by_role("button", name="Français").click()
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        expect(page.get_by_role("heading", level=1)).to_have_text("Mon portefeuille")
        check(page, a11y, "learner-14-wallet-fr")
        page.goto(mixtape_url)
        expect(page.get_by_role("heading", level=2, name="Partager")).to_be_visible()
        check(page, a11y, "learner-15-mixtape-fr")
        link = share_link_create(mixtape=Mixtape.objects.get(owner=issuing.learner))
        employer.goto(f"/m/{link.token}")
        # The player sends no Referer to other sites, but its own forms still pass
        # Django's CSRF origin check (with "no-referrer" this was a 403).
        employer.get_by_role("button", name="Français").click()
        expect(employer.locator("html")).to_have_attribute("lang", "fr")
        expect(employer.locator("#summary-title")).to_contain_text("1 révoqué")
        check(employer, a11y, "learner-16-player-fr")
    finally:
        employer.context.close()
