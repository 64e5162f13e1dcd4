"""Run the web server and a background task worker together, for ``make demo``."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the platform on 127.0.0.1:8000 with a task worker for bulk issuing."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, addrport: str, **options: Any) -> None:
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker"])
        try:
            self.stdout.write(
                "Mixtape demo on http://localhost:8000 — sign in as "
                "issuer@northern.example / mixtape-demo (or see the README)."
            )
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
