"""Background work: persist the closing of challenges whose deadline passed."""

from __future__ import annotations

from django_tasks import task

from mixtape_site.challenges.services import challenges_close_due


@task()
def challenges_close_due_task() -> int:
    return challenges_close_due()
