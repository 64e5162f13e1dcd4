"""Background tasks of bulk issuing (run by ``manage.py db_worker`` in production)."""

from __future__ import annotations

from django_tasks import task

from mixtape_site.bulk.running import bulk_run


@task()
def bulk_issue_run(bulk_id: int, issued_by_id: int | None = None) -> dict[str, int]:
    """Issue every valid row of a confirmed upload; see :func:`running.bulk_run`."""
    return bulk_run(bulk_id=bulk_id, issued_by_id=issued_by_id)
