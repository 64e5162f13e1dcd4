"""The bulk task through the real database task backend and ``manage.py db_worker``."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from tests.site.bulk.conftest import MIXED_CSV, csv_file

from mixtape_site.bulk.models import BulkIssue
from mixtape_site.bulk.services import bulk_confirm, bulk_preview_create
from mixtape_site.credentials.models import IssuedCredential


@pytest.fixture
def database_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def keep_signal_handlers() -> Iterator[None]:
    # The worker installs its own SIGINT/SIGTERM handlers; give pytest its own back.
    names = ("SIGINT", "SIGTERM", "SIGQUIT")
    saved = {name: signal.getsignal(getattr(signal, name)) for name in names}
    yield
    for name, handler in saved.items():
        signal.signal(getattr(signal, name), handler)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_tasks", "keep_signal_handlers")
def test_db_worker_issues_a_confirmed_upload(published_achievement: Any, issuer_staff: Any) -> None:
    bulk = bulk_preview_create(
        organization=published_achievement.organization,
        achievement=published_achievement,
        uploaded_file=csv_file(MIXED_CSV),
        created_by=issuer_staff,
    )
    bulk = bulk_confirm(bulk=bulk, confirmed_by=issuer_staff)

    assert bulk.state == BulkIssue.State.QUEUED  # waiting for a worker
    assert DBTaskResult.objects.filter(id=bulk.task_id).exists()
    assert not IssuedCredential.objects.exists()

    call_command(
        "db_worker", batch=True, startup_delay=False, interval=0, reload=False, verbosity=0
    )

    bulk.refresh_from_db()
    assert bulk.state == BulkIssue.State.DONE
    assert (bulk.issued_count, bulk.skipped_count) == (3, 0)
    assert IssuedCredential.objects.filter(batch=bulk).count() == 3
    assert DBTaskResult.objects.get(id=bulk.task_id).status == "SUCCESSFUL"
