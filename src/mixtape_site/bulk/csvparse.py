"""Read an uploaded CSV of recipients into valid rows and per-row errors.

Spreadsheets save CSV in many ways: Excel's "CSV UTF-8" adds a byte-order mark,
plain "CSV" on Windows writes Windows-1252, and French-locale Excel separates
fields with ``;``. We accept all of these, and header names in English or French.
Row numbers are those a spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixtape_site.credentials.services import Recipient

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10_000
MAX_NAME = 200
MAX_EMAIL = 254
MAX_RESULT = 100
MAX_EVIDENCE_URL = 500
MAX_EXTERNAL_ID = 100

COLUMNS = ("name", "email", "issue_date", "result", "evidence_url", "external_id")
REQUIRED_COLUMNS = ("name", "email")
# Normalized header (lower case, no accents, "_" for spaces and hyphens) → column.
HEADER_ALIASES = {
    "name": "name",
    "nom": "name",
    "recipient_name": "name",
    "email": "email",
    "e_mail": "email",
    "courriel": "email",
    "issue_date": "issue_date",
    "date": "issue_date",
    "date_d_emission": "issue_date",
    "result": "result",
    "resultat": "result",
    "evidence_url": "evidence_url",
    "evidence": "evidence_url",
    "preuve": "evidence_url",
    "external_id": "external_id",
    "identifiant": "external_id",
}
COLUMN_LABELS = {
    "name": _("name"),
    "email": _("e-mail"),
    "issue_date": _("issue date"),
    "result": _("result"),
    "evidence_url": _("evidence URL"),
    "external_id": _("external id"),
    "": _("whole row"),
}

CSV_EMPTY = _("The file is empty.")
CSV_TOO_LARGE = _("The file is larger than %(limit)s MB. Split it into smaller files.")
CSV_TOO_MANY_ROWS = _("The file has more than %(limit)s rows. Split it into smaller files.")
CSV_NOT_TEXT = _(
    "This is not a CSV text file. In your spreadsheet, choose “Save as” and the “CSV UTF-8” format."
)
CSV_UNREADABLE = _("The file could not be read as CSV (%(detail)s).")
CSV_MISSING_COLUMN = _(
    "The file has no “%(column)s” column. The first row must name the columns, "
    "for example: name, email, issue_date."
)
CSV_NO_ROWS = _("The file has a header row but no recipients.")
ROW_REQUIRED = _("This value is required.")
ROW_TOO_LONG = _("At most %(limit)s characters.")
ROW_BAD_EMAIL = _("“%(value)s” is not a valid e-mail address.")
ROW_BAD_DATE = _("“%(value)s” is not a date in the form YYYY-MM-DD (for example 2025-06-30).")
ROW_FUTURE_DATE = _("The issue date %(value)s is in the future.")
ROW_BAD_URL = _("“%(value)s” is not a web address starting with http:// or https://.")
ROW_DUPLICATE = _("Same e-mail, external id and issue date as row %(row)s.")

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_url_validator = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class RowError:
    row: int
    field: str  # a name in COLUMNS, or "" for the whole row
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class ValidRow:
    row: int
    recipient: Recipient


@dataclass
class Preview:
    rows: list[ValidRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    total_rows: int = 0
    file_error: str = ""  # set when the file as a whole cannot be used

    @property
    def recipients(self) -> list[Recipient]:
        return [row.recipient for row in self.rows]


def csv_decode(raw: bytes) -> str:
    """The text of an uploaded file, or ValidationError when it is not a text file."""
    if not raw.strip():
        raise ValidationError(CSV_EMPTY, code="empty")
    if len(raw) > MAX_FILE_BYTES:
        raise ValidationError(
            CSV_TOO_LARGE % {"limit": MAX_FILE_BYTES // (1024 * 1024)}, code="too_large"
        )
    # NUL bytes never occur in text; they mark spreadsheets (.xlsx), images, PDFs…
    if b"\x00" in raw:
        raise ValidationError(CSV_NOT_TEXT, code="not_text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(CSV_NOT_TEXT, code="not_text")


def csv_parse(text: str, *, today: date, stop_after: int | None = None) -> Preview:
    """Validate every row of ``text`` (or stop once ``stop_after`` rows are valid).

    ``today`` is the upload's date: it bounds the issue dates and dates the rows
    that give none, so parsing the stored file again later yields the same awards.
    """
    try:
        return _parse(text, today=today, stop_after=stop_after)
    except csv.Error as error:
        return Preview(file_error=CSV_UNREADABLE % {"detail": error})


def _parse(text: str, *, today: date, stop_after: int | None) -> Preview:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header = next(reader, None)
    if header is None:
        return Preview(file_error=str(CSV_EMPTY))
    positions = _column_positions(header)
    for column in REQUIRED_COLUMNS:
        if column not in positions:
            return Preview(file_error=CSV_MISSING_COLUMN % {"column": column})
    preview = Preview()
    first_seen: dict[tuple[str, str, datetime | None], int] = {}
    for number, values in _records(reader):
        preview.total_rows += 1
        if preview.total_rows > MAX_ROWS:
            return Preview(file_error=CSV_TOO_MANY_ROWS % {"limit": f"{MAX_ROWS:,}"})
        cells = {name: _cell(values, index) for name, index in positions.items()}
        recipient, errors = _row(cells, number=number, today=today)
        if recipient is not None:
            key = _dedupe_key(recipient)
            if key in first_seen:
                errors = [RowError(number, "", ROW_DUPLICATE % {"row": first_seen[key]})]
            else:
                first_seen[key] = number
                preview.rows.append(ValidRow(number, recipient))
        preview.errors.extend(errors)
        if stop_after is not None and len(preview.rows) >= stop_after:
            return preview
    if preview.total_rows == 0:
        return Preview(file_error=str(CSV_NO_ROWS))
    return preview


def _delimiter(text: str) -> str:
    # Header names contain neither separator, so the header line decides reliably
    # (csv.Sniffer guesses wrong on short files).
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _normalize_header(name: str) -> str:
    stripped = unicodedata.normalize("NFKD", name.strip().lower())
    ascii_name = "".join(c for c in stripped if not unicodedata.combining(c))
    return re.sub(r"[\s\-'’]+", "_", ascii_name).strip("_")


def _column_positions(header: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        column = HEADER_ALIASES.get(_normalize_header(name))
        if column is not None:
            positions.setdefault(column, index)
    return positions


def _records(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """Non-blank records, numbered as a spreadsheet numbers rows (header = 1)."""
    for number, values in enumerate(reader, start=2):
        if any(value.strip() for value in values):
            yield number, values


def _cell(values: list[str], index: int) -> str:
    return values[index].strip() if index < len(values) else ""


def _row(
    cells: dict[str, str], *, number: int, today: date
) -> tuple[Recipient | None, list[RowError]]:
    errors: list[RowError] = []

    def fail(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    name, email = cells.get("name", ""), cells.get("email", "")
    if not name:
        fail("name", str(ROW_REQUIRED))
    if not email:
        fail("email", str(ROW_REQUIRED))
    elif not _valid_email(email):
        fail("email", ROW_BAD_EMAIL % {"value": email})
    for column, limit in (
        ("name", MAX_NAME),
        ("result", MAX_RESULT),
        ("evidence_url", MAX_EVIDENCE_URL),
        ("external_id", MAX_EXTERNAL_ID),
    ):
        if len(cells.get(column, "")) > limit:
            fail(column, ROW_TOO_LONG % {"limit": limit})
    issued_on = _issue_date(cells.get("issue_date", ""), today=today, fail=fail)
    evidence_url = cells.get("evidence_url", "")
    if evidence_url and not _valid_url(evidence_url):
        fail("evidence_url", ROW_BAD_URL % {"value": evidence_url})
    if errors:
        return None, errors
    recipient = Recipient(
        name=name,
        email=email,
        issued_on=issued_on,
        result=cells.get("result", ""),
        evidence_url=evidence_url,
        external_id=cells.get("external_id", ""),
    )
    return recipient, []


def _issue_date(value: str, *, today: date, fail: Callable[[str, str], None]) -> datetime | None:
    if not value:
        return issue_datetime(today)
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError:
        fail("issue_date", ROW_BAD_DATE % {"value": value})
        return None
    if day > today:
        fail("issue_date", ROW_FUTURE_DATE % {"value": value})
        return None
    return issue_datetime(day)


def issue_datetime(day: date) -> datetime:
    """The moment a credential dated ``day`` is issued: the start of that local day."""
    return timezone.make_aware(datetime.combine(day, time()))


def _valid_email(value: str) -> bool:
    if len(value) > MAX_EMAIL:
        return False
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _valid_url(value: str) -> bool:
    try:
        _url_validator(value)
    except ValidationError:
        return False
    return True


def _dedupe_key(recipient: Recipient) -> tuple[str, str, datetime | None]:
    return (recipient.email.lower(), recipient.external_id, recipient.issued_on)
