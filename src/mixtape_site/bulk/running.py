"""The body of the bulk-issue task: issue each valid row and report progress as it goes.

Each credential is issued in its own transaction by ``credential_issue`` and the
counters are written in short separate statements, so a progress bar polling the
batch sees them move, and whatever was issued before a failure stays issued.
Running a batch again is safe: ``credential_issue`` never issues the same award
twice, so rows issued earlier come back as already issued.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape_site.bulk.csvparse import ValidRow, csv_parse
from mixtape_site.bulk.models import BulkIssue
from mixtape_site.credentials.services import credential_issue

logger = logging.getLogger(__name__)

BULK_STOPPED = _("Issuing stopped at row %(row)s: %(error)s")
BULK_UNEXPECTED_ERROR = _("an unexpected error occurred.")
FLUSH_EVERY_ROWS = 25
FLUSH_EVERY_SECONDS = 1.0


@dataclass
class _Progress:
    bulk_id: int
    processed: int = 0
    issued: int = 0
    skipped: int = 0
    flushed_at: float = field(default_factory=time.monotonic)

    def count(self, *, issued: bool) -> None:
        self.processed += 1
        if issued:
            self.issued += 1
        else:
            self.skipped += 1
        due = time.monotonic() - self.flushed_at >= FLUSH_EVERY_SECONDS
        if due or self.processed % FLUSH_EVERY_ROWS == 0:
            self.flush()

    def flush(self, **extra: Any) -> None:
        BulkIssue.objects.filter(pk=self.bulk_id).update(
            processed_rows=self.processed,
            issued_count=self.issued,
            skipped_count=self.skipped,
            **extra,
        )
        self.flushed_at = time.monotonic()


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
    row: ValidRow | None = None
    try:
        for row in _rows(bulk):
            outcome = credential_issue(
                achievement=bulk.achievement,
                recipient=row.recipient,
                issued_by=issued_by,
                batch=bulk,
            )
            # A row issued by this very batch in an earlier, interrupted run still
            # counts as issued by it; only awards made elsewhere count as skipped.
            progress.count(issued=outcome.created or outcome.credential.batch_id == bulk.pk)
    except Exception as error:
        logger.exception("Bulk issue %s stopped at row %s", bulk.uuid, row and row.row)
        progress.flush(
            state=BulkIssue.State.FAILED,
            failure=_failure(row, error),
            finished_at=timezone.now(),
        )
        raise
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
