"""The public verifier in Chromium, signed out: a pasted credential, an uploaded baked
badge image, garbage (the message shows and the text stays), and the report in
French. Every state passes axe-core."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from playwright.sync_api import expect
from tests.browser.learner_scenario import LEARNER_EMAIL, PLATFORM_NAME, issue, issuing_create
from tests.browser.scenario import check, use_language

from mixtape_site.verifier.forms import INPUT_UNREADABLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GARBAGE = "{this is not a credential"


def test_verifier_reports_pasted_uploaded_and_unreadable_input(page, site, a11y):
    page.set_default_timeout(5000)
    issuing = issuing_create()
    credential = issue(issuing.achievement, issuing.staff, "Amélie Tremblay", LEARNER_EMAIL)
    baked = Client().get(f"/credentials/{credential.uuid}.png")
    assert baked.status_code == 200 and baked.content.startswith(b"\x89PNG")
    result = page.locator(".verifier-result [role=status] h3")

    page.goto("/verify/")
    check(page, a11y, "verifier-01-empty-en")
    page.get_by_label("Paste a credential or a presentation").fill(json.dumps(credential.document))
    page.get_by_role("button", name="Verify", exact=True).click()
    expect(result).to_contain_text(f"Verified: {PLATFORM_NAME}")
    expect(page.get_by_role("row", name="Signature")).to_contain_text("Passed")
    check(page, a11y, "verifier-02-pasted-en")

    page.get_by_label("Paste a credential or a presentation").clear()  # kept after a report
    page.get_by_label("Or upload a file").set_input_files(
        {"name": "badge.png", "mimeType": "image/png", "buffer": baked.content}
    )
    page.get_by_role("button", name="Verify", exact=True).click()
    expect(result).to_contain_text(f"Verified: {PLATFORM_NAME}")
    expect(page.locator(".verifier-result dl.facts")).to_contain_text("Northern College")
    check(page, a11y, "verifier-03-uploaded-png-en")

    text = page.get_by_label("Paste a credential or a presentation")
    text.fill(GARBAGE)
    page.get_by_role("button", name="Verify", exact=True).click()
    expect(page.locator("#id_text_error")).to_have_text(str(INPUT_UNREADABLE))
    expect(text).to_have_value(GARBAGE)
    expect(text).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".verifier-result")).to_have_count(0)
    check(page, a11y, "verifier-04-garbage-en")

    use_language(page, site, "fr")
    page.goto("/verify/")
    page.get_by_label("Collez un titre ou une présentation").fill(json.dumps(credential.document))
    page.get_by_role("button", name="Vérifier", exact=True).click()
    expect(result).to_contain_text("Vérifié: Fondements de l'analyse de données")
    signature = page.get_by_role("row", name="Signature")
    expect(signature).to_contain_text("Réussie")
    message = signature.locator("td").nth(1).locator("span").first
    expect(message).not_to_have_attribute("lang", "en")  # the core's own French
    expect(page.get_by_role("row", name="Format du titre")).to_be_visible()
    check(page, a11y, "verifier-05-pasted-fr")
