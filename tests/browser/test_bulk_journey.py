"""Bulk issuing in Chromium: upload a CSV with a bad row, read the preview, confirm, and
follow the progress to the end. The pages on the way pass axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.browser.scenario import (
    BULK_CSV,
    achievement_create,
    check,
    college_create,
    member_create,
    sign_in,
)

from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.organizations.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_issuer_issues_a_csv_file_skipping_its_bad_row(page, site, a11y):
    page.set_default_timeout(5000)
    college = college_create()
    staff = member_create(college, "staff@northern.example", Membership.Role.ISSUER)
    achievement_create(college, staff)
    sign_in(page, site, staff)

    page.goto(f"/manage/{college.slug}/achievements/")
    page.get_by_role("link", name="Data Analysis Fundamentals").click()
    page.get_by_role("link", name="Issue from a CSV file").click()
    check(page, a11y, "bulk-01-upload-en")
    page.get_by_label("CSV file").set_input_files(
        {"name": "learners.csv", "mimeType": "text/csv", "buffer": BULK_CSV.encode()}
    )
    page.get_by_role("button", name="Check the file").click()

    recipients = page.get_by_role("table").filter(has_text="Amélie Tremblay")
    expect(recipients.locator("tbody tr")).to_have_count(3)
    errors = page.get_by_role("table").filter(has_text="Problem")
    expect(errors.locator("tbody tr")).to_have_count(1)
    expect(errors.get_by_role("rowheader")).to_have_text("5")  # the header is row 1
    expect(errors.get_by_role("cell").first).to_contain_text("mail")
    check(page, a11y, "bulk-02-preview-en")

    page.get_by_role("button", name="Issue 3 credentials").click()
    progress = page.locator("#bulk-progress")
    expect(progress).to_contain_text("Done")
    expect(progress.locator("progress")).to_have_attribute("value", "3")
    expect(progress.get_by_role("listitem").first).to_have_text("3 issued")
    check(page, a11y, "bulk-03-done-en")
    assert IssuedCredential.objects.filter(organization=college).count() == 3

    progress.get_by_role("link", name="See the credentials of this upload").click()
    expect(page.locator("tbody tr")).to_have_count(3)
