"""Bulk issuing services: preview, confirm (tasks run inline in tests), resume, cancel."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from tests.site.bulk.conftest import MIXED_CSV, csv_file

from mixtape_site.achievements.models import Achievement
from mixtape_site.bulk import running
from mixtape_site.bulk.csvparse import CSV_MISSING_COLUMN, ROW_BAD_EMAIL, csv_parse
from mixtape_site.bulk.models import BulkIssue
from mixtape_site.bulk.selectors import bulk_same_file_done
from mixtape_site.bulk.services import (
    ACHIEVEMENT_NOT_PUBLISHED,
    ACHIEVEMENT_OF_ANOTHER_ORGANIZATION,
    BULK_ALREADY_CONFIRMED,
    BULK_NOT_CANCELLABLE,
    BULK_NOTHING_TO_ISSUE,
    bulk_cancel,
    bulk_confirm,
    bulk_preview_create,
    bulk_resume,
)
from mixtape_site.credentials import bulk_issue
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.services import credential_issue

GOOD_CSV = "name,email,issue_date,external_id\n" + "".join(
    f"Learner {i},learner{i}@example.org,2025-01-15,S-{i}\n" for i in range(1, 6)
)


def preview(achievement: Any, user: Any, text: str = MIXED_CSV) -> BulkIssue:
    return bulk_preview_create(
        organization=achievement.organization,
        achievement=achievement,
        uploaded_file=csv_file(text),
        created_by=user,
    )


def confirm(bulk: BulkIssue, user: Any) -> BulkIssue:
    return bulk_confirm(bulk=bulk, confirmed_by=user)


def test_preview_stores_the_file_counts_and_row_errors_and_issues_nothing(
    published_achievement: Achievement, issuer_staff: Any
) -> None:
    bulk = preview(published_achievement, issuer_staff)

    assert bulk.state == BulkIssue.State.PREVIEW
    assert bulk.content == MIXED_CSV
    assert bulk.sha256 == hashlib.sha256(MIXED_CSV.encode()).hexdigest()
    assert (bulk.total_rows, bulk.valid_rows) == (6, 3)
    assert bulk.row_errors[0] == {
        "row": 5,
        "field": "email",
        "message": ROW_BAD_EMAIL % {"value": "not-an-email"},
    }
    assert len(bulk.row_errors) == 3
    assert not IssuedCredential.objects.exists()


def test_preview_refuses_an_unusable_file_and_stores_nothing(
    published_achievement: Achievement, issuer_staff: Any
) -> None:
    with pytest.raises(ValidationError) as caught:
        preview(published_achievement, issuer_staff, "nom,date\nAmélie,2025-01-15\n")

    assert caught.value.messages == [CSV_MISSING_COLUMN % {"column": "email"}]
    assert not BulkIssue.objects.exists()


def test_preview_refuses_a_draft_achievement(
    published_achievement: Achievement, issuer_staff: Any
) -> None:
    published_achievement.status = Achievement.Status.DRAFT
    published_achievement.save()

    with pytest.raises(ValidationError) as caught:
        preview(published_achievement, issuer_staff)

    assert caught.value.messages == [str(ACHIEVEMENT_NOT_PUBLISHED)]


def test_preview_refuses_another_organizations_achievement(
    published_achievement: Achievement, issuer_staff: Any, employer: Any
) -> None:
    with pytest.raises(ValidationError) as caught:
        bulk_preview_create(
            organization=employer,
            achievement=published_achievement,
            uploaded_file=csv_file(MIXED_CSV),
            created_by=issuer_staff,
        )

    assert caught.value.messages == [str(ACHIEVEMENT_OF_ANOTHER_ORGANIZATION)]


def test_confirm_issues_exactly_the_valid_rows(
    published_achievement: Achievement, issuer_staff: Any
) -> None:
    bulk = confirm(preview(published_achievement, issuer_staff), issuer_staff)

    assert bulk.state == BulkIssue.State.DONE
    assert bulk.finished_at is not None
    assert bulk.task_id
    assert (bulk.processed_rows, bulk.issued_count, bulk.skipped_count) == (3, 3, 0)
    issued = IssuedCredential.objects.filter(batch=bulk)
    assert sorted(issued.values_list("recipient_email", flat=True)) == [
        "amelie@example.org",
        "chloe@example.org",
        "omar@example.org",
    ]
    assert IssuedCredential.objects.count() == 3
    assert {c.issued_by for c in issued} == {issuer_staff}


def test_uploading_the_same_file_again_issues_nothing_new(
    published_achievement: Achievement, issuer_staff: Any
) -> None:
    first = confirm(preview(published_achievement, issuer_staff), issuer_staff)
    again = preview(published_achievement, issuer_staff)

    assert bulk_same_file_done(bulk=again) == first
    again = bulk_confirm(bulk=again, confirmed_by=issuer_staff)

    assert again.state == BulkIssue.State.DONE
    assert (again.issued_count, again.skipped_count) == (0, 3)
    assert IssuedCredential.objects.count() == 3
    assert not IssuedCredential.objects.filter(batch=again).exists()


def test_rows_issued_elsewhere_before_are_skipped(
    published_achievement: Achievement, issuer_staff: Any
) -> None:
    bulk = preview(published_achievement, issuer_staff, GOOD_CSV)
    earlier = csv_parse(GOOD_CSV, today=timezone.localdate(bulk.created_at)).recipients[0]
    credential_issue(achievement=published_achievement, recipient=earlier, issued_by=issuer_staff)

    bulk = bulk_confirm(bulk=bulk, confirmed_by=issuer_staff)

    assert (bulk.issued_count, bulk.skipped_count) == (4, 1)


def test_confirm_is_refused_twice(published_achievement: Achievement, issuer_staff: Any) -> None:
    bulk = confirm(preview(published_achievement, issuer_staff), issuer_staff)

    with pytest.raises(ValidationError) as caught:
        bulk_confirm(bulk=bulk, confirmed_by=issuer_staff)

    assert caught.value.messages == [str(BULK_ALREADY_CONFIRMED)]
    assert IssuedCredential.objects.count() == 3


def test_confirm_is_refused_without_valid_rows(
    published_achievement: Achievement, issuer_staff: Any
) -> None:
    bulk = preview(published_achievement, issuer_staff, "name,email\nNobody,nope\n")

    with pytest.raises(ValidationError) as caught:
        bulk_confirm(bulk=bulk, confirmed_by=issuer_staff)

    assert caught.value.messages == [str(BULK_NOTHING_TO_ISSUE)]
    bulk.refresh_from_db()
    assert bulk.state == BulkIssue.State.PREVIEW


def test_progress_is_saved_after_each_chunk(
    published_achievement: Achievement, issuer_staff: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    real_chunk = running._Progress.chunk

    def chunk_and_watch(self: Any, outcome: Any) -> None:
        real_chunk(self, outcome)
        seen.append(BulkIssue.objects.get(pk=self.bulk_id).processed_rows)

    monkeypatch.setattr(running, "BULK_CHUNK_ROWS", 2)
    monkeypatch.setattr(running._Progress, "chunk", chunk_and_watch)
    bulk = confirm(preview(published_achievement, issuer_staff, GOOD_CSV), issuer_staff)

    assert seen == [2, 4, 5]
    assert (bulk.processed_rows, bulk.issued_count) == (5, 5)


def test_a_failure_keeps_what_was_issued_and_resume_issues_the_rest(
    published_achievement: Achievement, issuer_staff: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    real_allocate = bulk_issue.status_slots_allocate

    def fail_in_second_chunk(**kwargs: Any) -> Any:
        calls["n"] += 1  # two purposes per chunk: the third call is the second chunk's
        if calls["n"] == 3:
            raise ValidationError("The signing service is unavailable.")
        return real_allocate(**kwargs)

    monkeypatch.setattr(running, "BULK_CHUNK_ROWS", 2)
    monkeypatch.setattr(bulk_issue, "status_slots_allocate", fail_in_second_chunk)
    bulk = bulk_confirm(
        bulk=preview(published_achievement, issuer_staff, GOOD_CSV), confirmed_by=issuer_staff
    )

    assert bulk.state == BulkIssue.State.FAILED
    assert bulk.failure == running.BULK_STOPPED % {
        "row": 4,
        "error": "The signing service is unavailable.",
    }
    assert (bulk.processed_rows, bulk.issued_count) == (2, 2)
    assert IssuedCredential.objects.filter(batch=bulk).count() == 2

    bulk = bulk_resume(bulk=bulk, resumed_by=issuer_staff)

    assert bulk.state == BulkIssue.State.DONE
    assert bulk.failure == ""
    # Rows issued by this batch before the failure still count as issued by it.
    assert (bulk.processed_rows, bulk.issued_count, bulk.skipped_count) == (5, 5, 0)
    assert IssuedCredential.objects.filter(batch=bulk).count() == 5


def test_cancel_forgets_a_preview_but_not_a_confirmed_batch(
    published_achievement: Achievement, issuer_staff: Any
) -> None:
    bulk_cancel(bulk=preview(published_achievement, issuer_staff))
    assert not BulkIssue.objects.exists()

    done = confirm(preview(published_achievement, issuer_staff), issuer_staff)
    with pytest.raises(ValidationError) as caught:
        bulk_cancel(bulk=done)

    assert caught.value.messages == [str(BULK_NOT_CANCELLABLE)]
