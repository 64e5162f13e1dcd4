"""``manage.py import_framework concepts.csv --id noc2021 --name "NOC 2021"``.

The CSV format is described in ``mixtape/skills/csvio.py`` (and the README);
importing an id again replaces that framework.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mixtape_site.skills.csvcheck import csv_text
from mixtape_site.skills.registry import framework_build
from mixtape_site.skills.services import framework_import


def _read(path: str) -> str:
    try:
        return csv_text(Path(path).read_bytes())
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}") from error
    except ValidationError as error:
        raise CommandError(f"{path}: {' '.join(error.messages)}") from error


class Command(BaseCommand):
    help = "Import a skills framework (concepts and optional relations) from CSV files."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # --version is the framework's version here, not Django's.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("concepts", help="concepts CSV: uri,code,kind,label_en,label_fr,…")
        parser.add_argument("--id", required=True, help="short identifier, e.g. noc2021")
        parser.add_argument("--name", required=True, help="display name, e.g. 'NOC 2021'")
        parser.add_argument(
            "--version", dest="framework_version", default="", help="e.g. 2021 V1.0"
        )
        parser.add_argument("--relations", help="relations CSV: occupation_uri,skill_uri,relation")
        parser.add_argument("--attribution", default="", help="the sentence the site must show")
        parser.add_argument("--url", default="", help="where the framework is published")

    def handle(self, *args: Any, **options: Any) -> None:
        relations = _read(options["relations"]) if options["relations"] else ""
        try:
            row = framework_import(
                id=options["id"], name=options["name"], concepts_csv=_read(options["concepts"]),
                relations_csv=relations, version=options["framework_version"],
                attribution=options["attribution"], url=options["url"],
            )  # fmt: skip
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        size = len(framework_build(row).concepts)
        self.stdout.write(f"Imported {row.name} ({row.id}): {size} concepts.")
