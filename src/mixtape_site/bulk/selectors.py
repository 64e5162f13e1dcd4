"""Reads for bulk issuing."""

from __future__ import annotations

from uuid import UUID

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mixtape_site.bulk.csvparse import ValidRow, csv_parse
from mixtape_site.bulk.models import BulkIssue
from mixtape_site.organizations.models import Organization

ACTIVE_STATES = (BulkIssue.State.QUEUED, BulkIssue.State.RUNNING)


def bulk_list(*, organization: Organization) -> QuerySet[BulkIssue]:
    return BulkIssue.objects.filter(organization=organization).select_related("achievement")


def bulk_get_or_404(*, organization: Organization, uuid: UUID) -> BulkIssue:
    """The organization's batch; another organization's batch is a 404 like a missing one."""
    return get_object_or_404(
        BulkIssue.objects.select_related("achievement"), uuid=uuid, organization=organization
    )


def bulk_first_rows(*, bulk: BulkIssue, count: int) -> list[ValidRow]:
    """The first ``count`` valid rows of the stored file (parsing all 10,000 takes seconds)."""
    today = timezone.localdate(bulk.created_at)
    return csv_parse(bulk.content, today=today, stop_after=count).rows


def bulk_same_file_done(*, bulk: BulkIssue) -> BulkIssue | None:
    """An earlier batch that already issued this very file for the same achievement."""
    return (
        BulkIssue.objects.filter(
            organization_id=bulk.organization_id,
            achievement_id=bulk.achievement_id,
            sha256=bulk.sha256,
            state=BulkIssue.State.DONE,
        )
        .exclude(pk=bulk.pk)
        .order_by("-finished_at", "-id")
        .first()
    )
