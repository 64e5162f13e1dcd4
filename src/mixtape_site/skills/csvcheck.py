"""Check an operator's framework CSV line by line, with messages a person can act on.

The core's ``framework_from_csv`` (format in ``mixtape/skills/csvio.py``) raises
on the first bad row in English; operators get a translated message naming the
line instead, and nothing is saved.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from mixtape.skills.csvio import RELATION_COLUMNS
from mixtape.skills.model import KINDS

MAX_CSV_BYTES = 20 * 1024 * 1024

CSV_NOT_UTF8 = _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")
CSV_TOO_LARGE = _("The file is larger than 20 MB.")
CSV_EMPTY = _("The file has no concepts.")
CONCEPTS_HEADER = _(
    "The first line must name the columns: uri, kind and label_en or label_fr "
    "(optional: code, alt_en, alt_fr, broader)."
)
RELATIONS_HEADER = _("The first line must name the columns: occupation_uri, skill_uri, relation.")
CONCEPT_URI = _("Line %(line)s: the URI must be a web address starting with http:// or https://.")
CONCEPT_KIND = _(
    "Line %(line)s: the kind must be skill, knowledge, occupation or group, not “%(kind)s”."
)
CONCEPT_LABEL = _("Line %(line)s: give a label in English (label_en) or French (label_fr).")
CONCEPT_DUPLICATE = _("Line %(line)s: this URI is already on line %(first)s.")
CONCEPT_BROADER = _("Line %(line)s: the broader concept %(uri)s is not in the file.")
RELATION_UNKNOWN = _("Relations line %(line)s: %(uri)s is not a concept of the file.")
RELATION_KIND = _("Relations line %(line)s: the relation must be essential or optional.")
CSV_SYNTAX = _("Line %(line)s: the CSV is malformed (%(error)s).")

_url = URLValidator(schemes=["http", "https"])


def csv_text(data: bytes) -> str:
    """The uploaded bytes as text (a UTF-8 byte order mark is dropped)."""
    if len(data) > MAX_CSV_BYTES:
        raise ValidationError(CSV_TOO_LARGE, code="csv_too_large")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(CSV_NOT_UTF8, code="csv_encoding") from error


def _rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}
    except csv.Error as error:
        raise ValidationError(
            CSV_SYNTAX, code="csv_syntax", params={"line": reader.line_num, "error": error}
        ) from error


def _header(text: str) -> list[str]:
    first = next(csv.reader(io.StringIO(text)), [])
    return [column.strip() for column in first]


def concepts_check(text: str) -> set[str]:
    """The URIs of the concepts CSV ``text``.

    Raises:
        ValidationError: the first problem, with its line number.
    """
    columns = _header(text)
    if not {"uri", "kind"} <= set(columns) or not {"label_en", "label_fr"} & set(columns):
        raise ValidationError(CONCEPTS_HEADER, code="csv_header")
    seen: dict[str, int] = {}
    broader: list[tuple[int, str]] = []
    for line, row in _rows(text):
        _concept_row_check(line, row)
        if row["uri"] in seen:
            raise ValidationError(
                CONCEPT_DUPLICATE, code="csv_duplicate",
                params={"line": line, "first": seen[row["uri"]]},
            )  # fmt: skip
        seen[row["uri"]] = line
        broader += [(line, uri.strip()) for uri in row.get("broader", "").split("|") if uri.strip()]
    if not seen:
        raise ValidationError(CSV_EMPTY, code="csv_empty")
    for line, uri in broader:
        if uri not in seen:
            raise ValidationError(
                CONCEPT_BROADER, code="csv_broader", params={"line": line, "uri": uri}
            )
    return set(seen)


def _concept_row_check(line: int, row: dict[str, str]) -> None:
    try:
        _url(row.get("uri", ""))
    except ValidationError as error:
        raise ValidationError(CONCEPT_URI, code="csv_uri", params={"line": line}) from error
    if row.get("kind", "") not in KINDS:
        raise ValidationError(
            CONCEPT_KIND, code="csv_kind", params={"line": line, "kind": row.get("kind", "")}
        )
    if not (row.get("label_en") or row.get("label_fr")):
        raise ValidationError(CONCEPT_LABEL, code="csv_label", params={"line": line})


def relations_check(text: str, uris: set[str]) -> None:
    """Check the relations CSV ``text`` against the concepts' ``uris``.

    Raises:
        ValidationError: the first problem, with its line number.
    """
    if not set(RELATION_COLUMNS) <= set(_header(text)):
        raise ValidationError(RELATIONS_HEADER, code="csv_header")
    for line, row in _rows(text):
        for column in ("occupation_uri", "skill_uri"):
            if row.get(column, "") not in uris:
                raise ValidationError(
                    RELATION_UNKNOWN, code="csv_relation",
                    params={"line": line, "uri": row.get(column, "") or "—"},
                )  # fmt: skip
        if row.get("relation") not in ("essential", "optional"):
            raise ValidationError(RELATION_KIND, code="csv_relation", params={"line": line})
