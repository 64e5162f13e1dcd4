"""``manage.py demo_data``: the bilingual demo (run by ``make demo``; debug only)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mixtape_site.organizations.models import Organization
from mixtape_site.web.demo.build import demo_build
from mixtape_site.web.demo.content import DEMO_PASSWORD, PEOPLE


class Command(BaseCommand):
    help = "Create demo institutions, people, micro-credentials and credentials."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_data publishes known passwords: run it with MIXTAPE_DEBUG=1.")
        if Organization.objects.filter(slug="northern-college").exists():
            self.stdout.write("Demo data is already there.")
        else:
            counts = demo_build()
            self.stdout.write("Demo data created: " + ", ".join(
                f"{count} {name}" for name, count in counts.items()))  # fmt: skip
        self.stdout.write(f"Every demo account's password is {DEMO_PASSWORD!r}:")
        for email, name, slug, role, staff in PEOPLE:
            what = f"{role} of {slug}" if slug else "learner"
            if staff:
                what = "platform operator (/admin/)"
            self.stdout.write(f"  {email:<34} {name} – {what}")
