"""Close every open challenge whose deadline has passed (each with an audit event).

Pages already treat such a challenge as closed; this records it. Run it from cron or let
the ``challenges_close_due_task`` do it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mixtape_site.challenges.services import challenges_close_due


class Command(BaseCommand):
    help = "Close the open challenges whose proposal deadline has passed."

    def handle(self, *args: Any, **options: Any) -> None:
        closed = challenges_close_due()
        self.stdout.write(f"Closed {closed} challenge(s).")
