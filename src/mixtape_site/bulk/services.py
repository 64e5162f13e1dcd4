"""Bulk issuing: store an uploaded CSV as a preview, confirm it, resume it after a failure.

The issuing itself runs in the background (``tasks.py`` → ``running.py``).
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape_site.achievements.models import Achievement
from mixtape_site.bulk.csvparse import MAX_FILE_BYTES, csv_decode, csv_parse
from mixtape_site.bulk.models import BulkIssue
from mixtape_site.bulk.tasks import bulk_issue_run
from mixtape_site.organizations.models import Organization

ACHIEVEMENT_NOT_PUBLISHED = _("Only a published micro-credential can be issued.")
ACHIEVEMENT_OF_ANOTHER_ORGANIZATION = _("This micro-credential belongs to another organization.")
BULK_ALREADY_CONFIRMED = _("This upload was already confirmed.")
BULK_NOTHING_TO_ISSUE = _("The file has no valid rows: there is nothing to issue.")
BULK_NOT_RESUMABLE = _("Only an upload that stopped with an error can be resumed.")
BULK_NOT_CANCELLABLE = _("Only an upload waiting for confirmation can be cancelled.")


def bulk_preview_create(
    *,
    organization: Organization,
    achievement: Achievement,
    uploaded_file: UploadedFile,
    created_by: Any,
) -> BulkIssue:
    """Check an uploaded CSV and keep it, with its row errors, until it is confirmed.

    Raises ValidationError when the file as a whole cannot be used (nothing is stored).
    """
    if achievement.organization_id != organization.pk:
        raise ValidationError(ACHIEVEMENT_OF_ANOTHER_ORGANIZATION, code="organization")
    if achievement.status != Achievement.Status.PUBLISHED:
        raise ValidationError(ACHIEVEMENT_NOT_PUBLISHED, code="not_published")
    # One byte more than the limit is enough to know the file is too large.
    raw = uploaded_file.read(MAX_FILE_BYTES + 1)
    text = csv_decode(raw)
    today = timezone.localdate()
    preview = csv_parse(text, today=today)
    if preview.file_error:
        raise ValidationError(preview.file_error, code="file")
    bulk = BulkIssue(
        organization=organization,
        achievement=achievement,
        filename=os.path.basename(uploaded_file.name or "upload.csv")[-255:],
        content=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        total_rows=preview.total_rows,
        valid_rows=len(preview.rows),
        row_errors=[error.as_dict() for error in preview.errors],
        created_by=created_by,
    )
    bulk.full_clean()
    bulk.save()
    return bulk


def bulk_confirm(*, bulk: BulkIssue, confirmed_by: Any) -> BulkIssue:
    """Queue the issuing of every valid row of a previewed upload."""
    with transaction.atomic():
        locked = BulkIssue.objects.select_for_update().get(pk=bulk.pk)
        if locked.state != BulkIssue.State.PREVIEW:
            raise ValidationError(BULK_ALREADY_CONFIRMED, code="state")
        if locked.valid_rows == 0:
            raise ValidationError(BULK_NOTHING_TO_ISSUE, code="empty")
        return _enqueue(locked, issued_by=confirmed_by)


def bulk_resume(*, bulk: BulkIssue, resumed_by: Any) -> BulkIssue:
    """Queue a failed upload again: rows already issued are skipped, the rest issued."""
    with transaction.atomic():
        locked = BulkIssue.objects.select_for_update().get(pk=bulk.pk)
        if locked.state != BulkIssue.State.FAILED:
            raise ValidationError(BULK_NOT_RESUMABLE, code="state")
        return _enqueue(locked, issued_by=resumed_by)


def bulk_cancel(*, bulk: BulkIssue) -> None:
    """Forget an upload that was never confirmed (nothing was issued from it)."""
    with transaction.atomic():
        locked = BulkIssue.objects.select_for_update().get(pk=bulk.pk)
        if locked.state != BulkIssue.State.PREVIEW:
            raise ValidationError(BULK_NOT_CANCELLABLE, code="state")
        locked.delete()


def _enqueue(bulk: BulkIssue, *, issued_by: Any) -> BulkIssue:
    # Queued in the same transaction as the state change: with the database backend
    # the worker sees the task only once the batch is QUEUED, and never one without
    # the other.
    bulk.state = BulkIssue.State.QUEUED
    bulk.failure = ""
    bulk.save(update_fields=["state", "failure"])
    result = bulk_issue_run.enqueue(bulk_id=bulk.pk, issued_by_id=getattr(issued_by, "pk", None))
    BulkIssue.objects.filter(pk=bulk.pk).update(task_id=str(result.id)[:64])
    bulk.refresh_from_db()
    return bulk
