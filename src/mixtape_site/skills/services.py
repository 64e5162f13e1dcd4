"""Writes: import (or re-import) a skills framework from its CSV."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape.errors import InvalidInputError
from mixtape_site.skills.csvcheck import concepts_check, relations_check
from mixtape_site.skills.models import ImportedFramework
from mixtape_site.skills.registry import ESCO_ID, framework_build

FRAMEWORK_ID_RESERVED = _("“esco” is the bundled ESCO framework: choose another identifier.")
FRAMEWORK_UNREADABLE = _("The framework could not be read: %(error)s")


def framework_check(*, id: str, concepts_csv: str, relations_csv: str = "") -> None:
    """Check a framework before it is saved.

    Raises:
        ValidationError: keyed by field (``id``, ``concepts_csv``, ``relations_csv``);
            CSV messages name the line.
    """
    if id == ESCO_ID:
        raise ValidationError({"id": FRAMEWORK_ID_RESERVED}, code="framework_reserved")
    try:
        uris = concepts_check(concepts_csv)
    except ValidationError as error:
        raise ValidationError({"concepts_csv": error}) from error
    try:
        if relations_csv.strip():
            relations_check(relations_csv, uris)
        # The core's own reading, in case it refuses what the line checks let through.
        framework_build(ImportedFramework(
            id=id, name=id, concepts_csv=concepts_csv, relations_csv=relations_csv
        ))  # fmt: skip
    except InvalidInputError as error:
        raise ValidationError({"concepts_csv": ValidationError(
            FRAMEWORK_UNREADABLE, code="framework_unreadable", params={"error": error}
        )}) from error  # fmt: skip
    except ValidationError as error:
        raise ValidationError({"relations_csv": error}) from error


@transaction.atomic
def framework_import(
    *,
    id: str,
    name: str,
    concepts_csv: str,
    relations_csv: str = "",
    version: str = "",
    attribution: str = "",
    url: str = "",
    imported_by: Any = None,
) -> ImportedFramework:
    """Check the CSV and save the framework, replacing one with the same ``id``.

    Raises:
        ValidationError: the CSV or a field is invalid (see :func:`framework_check`);
            nothing is saved.
    """
    framework_check(id=id, concepts_csv=concepts_csv, relations_csv=relations_csv)
    row = ImportedFramework(
        id=id, name=name, version=version, attribution=attribution, url=url,
        concepts_csv=concepts_csv, relations_csv=relations_csv,
        imported_at=timezone.now(), imported_by=imported_by,
    )  # fmt: skip
    row.full_clean(validate_unique=False)  # the same id replaces the framework
    row.save()
    return row
