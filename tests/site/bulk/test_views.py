"""Bulk issuing pages: upload, preview, confirm, progress polling, history, access."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from tests.site.bulk.conftest import MIXED_CSV, csv_file

from mixtape_site.achievements.models import Achievement
from mixtape_site.bulk.csvparse import (
    CSV_MISSING_COLUMN,
    CSV_NOT_TEXT,
    CSV_TOO_LARGE,
    MAX_FILE_BYTES,
    ROW_BAD_EMAIL,
    ROW_FUTURE_DATE,
)
from mixtape_site.bulk.models import BulkIssue
from mixtape_site.credentials.models import IssuedCredential


@pytest.fixture
def staff_client(client: Client, issuer_staff: Any) -> Client:
    client.force_login(issuer_staff)
    return client


def upload_url(achievement: Achievement) -> str:
    return reverse(
        "bulk:upload", kwargs={"org": achievement.organization.slug, "uuid": achievement.uuid}
    )


def bulk_url(name: str, bulk: BulkIssue) -> str:
    return reverse(f"bulk:{name}", kwargs={"org": bulk.organization.slug, "uuid": bulk.uuid})


def post_file(client: Client, achievement: Achievement, upload: Any) -> Any:
    return client.post(upload_url(achievement), {"file": upload})


def test_upload_page_offers_the_template_and_the_form(
    staff_client: Client, published_achievement: Achievement
) -> None:
    page = staff_client.get(upload_url(published_achievement)).content.decode()

    assert reverse("bulk:template", kwargs={"org": "northern-college"}) in page
    assert 'type="file"' in page
    assert 'enctype="multipart/form-data"' in page


def test_template_csv_has_the_english_header_row(staff_client: Client, college: Any) -> None:
    response = staff_client.get(reverse("bulk:template", kwargs={"org": college.slug}))

    assert response["Content-Type"] == "text/csv"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode("utf-8-sig").splitlines() == [
        "name,email,issue_date,result,evidence_url,external_id"
    ]


def test_bad_rows_are_listed_in_the_preview_and_nothing_is_issued(
    staff_client: Client, published_achievement: Achievement
) -> None:
    response = post_file(staff_client, published_achievement, csv_file(MIXED_CSV))
    bulk = BulkIssue.objects.get()
    assert response.status_code == 302
    assert response["Location"] == bulk_url("detail", bulk)

    page = staff_client.get(response["Location"]).content.decode()

    assert "Amélie Tremblay" in page
    assert '<th scope="row">5</th>' in page
    assert escape(ROW_BAD_EMAIL % {"value": "not-an-email"}) in page
    assert '<th scope="row">7</th>' in page
    assert escape(ROW_FUTURE_DATE % {"value": "2999-01-01"}) in page
    assert bulk_url("confirm", bulk) in page
    assert not IssuedCredential.objects.exists()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"nom;date\nAmelie;2025-01-15\n", CSV_MISSING_COLUMN % {"column": "email"}),
        (b"PK\x03\x04\x14\x00\x06\x00 a workbook", str(CSV_NOT_TEXT)),
        (b"name,email\n" + b"x" * MAX_FILE_BYTES, CSV_TOO_LARGE % {"limit": 2}),
    ],
    ids=["missing-column", "binary", "oversized"],
)
def test_an_unusable_file_is_refused_on_the_form(
    staff_client: Client, published_achievement: Achievement, raw: bytes, message: str
) -> None:
    response = post_file(staff_client, published_achievement, SimpleUploadedFile("f.csv", raw))

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [message]
    assert 'aria-invalid="true"' in response.content.decode()
    assert not BulkIssue.objects.exists()


def test_confirm_issues_the_valid_rows_and_shows_the_counts(
    staff_client: Client, published_achievement: Achievement
) -> None:
    post_file(staff_client, published_achievement, csv_file(MIXED_CSV))
    bulk = BulkIssue.objects.get()

    response = staff_client.post(bulk_url("confirm", bulk))

    assert response["Location"] == bulk_url("detail", bulk)
    assert IssuedCredential.objects.filter(batch=bulk).count() == 3
    page = staff_client.get(response["Location"]).content.decode()
    assert "<progress" in page and 'value="3"' in page
    assert "3 of 3" in page
    assert 'aria-live="polite"' in page
    assert 'hx-trigger="every 1s"' not in page  # done: no more polling
    credentials = reverse("credentials:list", kwargs={"org": "northern-college"})
    assert f"{credentials}?batch={bulk.uuid}" in page


def test_the_same_file_again_shows_a_notice_and_skips_every_row(
    staff_client: Client, published_achievement: Achievement
) -> None:
    post_file(staff_client, published_achievement, csv_file(MIXED_CSV))
    staff_client.post(bulk_url("confirm", BulkIssue.objects.get()))
    post_file(staff_client, published_achievement, csv_file(MIXED_CSV))
    again = BulkIssue.objects.filter(state=BulkIssue.State.PREVIEW).get()

    page = staff_client.get(bulk_url("detail", again)).content.decode()
    assert "This file was already issued on" in page

    staff_client.post(bulk_url("confirm", again))
    again.refresh_from_db()
    assert (again.issued_count, again.skipped_count) == (0, 3)
    assert IssuedCredential.objects.count() == 3


def test_progress_fragment_polls_while_running_and_stops_when_done(
    staff_client: Client, published_achievement: Achievement
) -> None:
    post_file(staff_client, published_achievement, csv_file(MIXED_CSV))
    bulk = BulkIssue.objects.get()
    BulkIssue.objects.filter(pk=bulk.pk).update(state=BulkIssue.State.RUNNING, processed_rows=2)

    running = staff_client.get(bulk_url("progress", bulk))
    page = staff_client.get(bulk_url("detail", bulk)).content.decode()

    assert running.status_code == 200
    assert "2 of 3" in running.content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert f'hx-get="{bulk_url("progress", bulk)}"' in page

    BulkIssue.objects.filter(pk=bulk.pk).update(
        state=BulkIssue.State.DONE, processed_rows=3, issued_count=2, skipped_count=1
    )
    done = staff_client.get(bulk_url("progress", bulk))
    assert done.status_code == 286  # tells htmx to stop polling
    assert "3 of 3" in done.content.decode()


def test_a_file_without_valid_rows_offers_no_confirm_button(
    staff_client: Client, published_achievement: Achievement
) -> None:
    post_file(staff_client, published_achievement, csv_file("name,email\nNobody,nope\n"))
    bulk = BulkIssue.objects.get()

    page = staff_client.get(bulk_url("detail", bulk)).content.decode()

    assert bulk_url("confirm", bulk) not in page
    assert bulk_url("cancel", bulk) in page


def test_cancel_forgets_the_upload(
    staff_client: Client, published_achievement: Achievement
) -> None:
    post_file(staff_client, published_achievement, csv_file(MIXED_CSV))

    response = staff_client.post(bulk_url("cancel", BulkIssue.objects.get()))

    assert response["Location"] == upload_url(published_achievement)
    assert not BulkIssue.objects.exists()


def test_list_shows_past_uploads(staff_client: Client, published_achievement: Achievement) -> None:
    post_file(staff_client, published_achievement, csv_file(MIXED_CSV, name="spring.csv"))

    page = staff_client.get(reverse("bulk:list", kwargs={"org": "northern-college"}))

    assert "spring.csv" in page.content.decode()


def test_another_organizations_member_gets_404_everywhere(
    client: Client, staff_client: Client, published_achievement: Achievement, employer_staff: Any
) -> None:
    post_file(staff_client, published_achievement, csv_file(MIXED_CSV))
    bulk = BulkIssue.objects.get()
    client.force_login(employer_staff)
    own_org = {"org": "maple-tech", "uuid": bulk.uuid}

    for url in [
        upload_url(published_achievement),
        bulk_url("detail", bulk),
        bulk_url("progress", bulk),
        reverse("bulk:list", kwargs={"org": "northern-college"}),
        reverse("bulk:detail", kwargs=own_org),  # their own org's URL, our batch
        reverse("bulk:progress", kwargs=own_org),
        reverse("bulk:upload", kwargs={"org": "maple-tech", "uuid": published_achievement.uuid}),
    ]:
        assert client.get(url).status_code == 404, url
    for name in ("confirm", "cancel", "resume"):
        assert client.post(bulk_url(name, bulk)).status_code == 404
        assert client.post(reverse(f"bulk:{name}", kwargs=own_org)).status_code == 404
    bulk.refresh_from_db()
    assert bulk.state == BulkIssue.State.PREVIEW
    assert not IssuedCredential.objects.exists()


def test_preview_table_shows_the_first_fifty_rows_and_the_total(
    staff_client: Client, published_achievement: Achievement
) -> None:
    rows = "".join(f"Learner {i},learner{i}@example.org\n" for i in range(1, 61))
    post_file(staff_client, published_achievement, csv_file("name,email\n" + rows))

    page = staff_client.get(bulk_url("detail", BulkIssue.objects.get())).content.decode()

    assert "learner50@example.org" in page
    assert "learner51@example.org" not in page
    assert "50 of 60 valid rows" in page
    assert "Issue 60 credentials" in page
