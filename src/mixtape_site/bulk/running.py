"""The body of the bulk-issue task: issue the valid rows in chunks, reporting progress.

Rows go through ``credentials_issue_batch`` a chunk at a time: each chunk is one
transaction, and the counters are written after each, so a progress bar polling
the batch sees them move, and whatever was issued before a failure stays issued.
Running a batch again is safe: an award is never issued twice, so rows issued
earlier come back as already issued.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape_site.bulk.csvparse import ValidRow, csv_parse
from mixtape_site.bulk.models import BulkIssue
from mixtape_site.credentials.bulk_issue import BatchOutcome, credentials_issue_batch
from mixtape_site.credentials.models import IssuedCredential

logger = logging.getLogger(__name__)

BULK_STOPPED = _("Issuing stopped at row %(row)s: %(error)s")
BULK_UNEXPECTED_ERROR = _("an unexpected error occurred.")
BULK_ROWS_FAILED = _("%(count)s rows could not be issued; the first is row %(row)s: %(error)s")
# Rows per transaction and per progress update.
BULK_CHUNK_ROWS = 500


@dataclass
class _Progress:
    bulk_id: int
    processed: int = 0
    issued: int = 0
    skipped: int = 0
    first_failure: tuple[int, list[str]] | None = None  # (position, messages)
    failures: int = 0

    def chunk(self, outcome: BatchOutcome) -> None:
        # Rows this very batch issued in an earlier, interrupted run still count as
        # issued by it; only awards made elsewhere count as skipped.
        ours = IssuedCredential.objects.filter(pk__in=outcome.existing, batch_id=self.bulk_id)
        mine = ours.count() if outcome.existing else 0
        self.processed += len(outcome.created) + len(outcome.existing) + len(outcome.failed)
        self.issued += len(outcome.created) + mine
        self.skipped += len(outcome.existing) - mine
        if outcome.failed and self.first_failure is None:
            failure = outcome.failed[0]
            self.first_failure = (failure.position, failure.messages)
        self.failures += len(outcome.failed)
        self.flush()

    def flush(self, **extra: Any) -> None:
        BulkIssue.objects.filter(pk=self.bulk_id).update(
            processed_rows=self.processed,
            issued_count=self.issued,
            skipped_count=self.skipped,
            **extra,
        )


def bulk_run(*, bulk_id: int, issued_by_id: int | None = None) -> dict[str, int]:
    """Issue the valid rows of a QUEUED batch; returns the counts (empty if not queued)."""
    claimed = BulkIssue.objects.filter(pk=bulk_id, state=BulkIssue.State.QUEUED).update(
        state=BulkIssue.State.RUNNING, failure="", finished_at=None
    )
    if not claimed:
        return {}
    bulk = BulkIssue.objects.select_related("achievement", "created_by").get(pk=bulk_id)
    issued_by = _issuer(bulk, issued_by_id)
    progress = _Progress(bulk_id)
    progress.flush()
    rows = _rows(bulk)
    try:
        credentials_issue_batch(
            achievement=bulk.achievement,
            recipients=[row.recipient for row in rows],
            issued_by=issued_by,
            batch=bulk,
            chunk_rows=BULK_CHUNK_ROWS,
            on_chunk=progress.chunk,
        )
    except Exception as error:
        # Chunks are issued in order: the first row not processed is where it stopped.
        row = rows[progress.processed] if progress.processed < len(rows) else None
        logger.exception("Bulk issue %s stopped at row %s", bulk.uuid, row and row.row)
        progress.flush(
            state=BulkIssue.State.FAILED,
            failure=_failure(row, error),
            finished_at=timezone.now(),
        )
        raise
    if progress.first_failure is not None:
        position, messages = progress.first_failure
        failure = BULK_ROWS_FAILED % {
            "count": progress.failures,
            "row": rows[position].row,
            "error": " ".join(messages),
        }
        progress.flush(state=BulkIssue.State.FAILED, failure=failure, finished_at=timezone.now())
    else:
        progress.flush(state=BulkIssue.State.DONE, finished_at=timezone.now())
    return {"issued": progress.issued, "skipped": progress.skipped}


def _rows(bulk: BulkIssue) -> list[ValidRow]:
    # Parsed again with the upload's date, so the rows are exactly those previewed.
    return csv_parse(bulk.content, today=timezone.localdate(bulk.created_at)).rows


def _issuer(bulk: BulkIssue, issued_by_id: int | None) -> Any:
    if issued_by_id is None:
        return bulk.created_by
    return get_user_model().objects.filter(pk=issued_by_id).first() or bulk.created_by


def _failure(row: ValidRow | None, error: Exception) -> str:
    if isinstance(error, ValidationError):
        detail = " ".join(str(message) for message in error.messages)
    else:
        detail = str(BULK_UNEXPECTED_ERROR)
    return BULK_STOPPED % {"row": row.row if row else "—", "error": detail}
