"""Reading uploaded CSV files: encodings, separators, headers, limits, per-row errors."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from tests.site.bulk.conftest import MIXED_CSV

from mixtape_site.bulk import csvparse
from mixtape_site.bulk.csvparse import (
    CSV_MISSING_COLUMN,
    CSV_NO_ROWS,
    CSV_NOT_TEXT,
    CSV_TOO_LARGE,
    CSV_TOO_MANY_ROWS,
    ROW_BAD_DATE,
    ROW_BAD_EMAIL,
    ROW_BAD_URL,
    ROW_DUPLICATE,
    ROW_FUTURE_DATE,
    ROW_REQUIRED,
    ROW_TOO_LONG,
    csv_decode,
    csv_parse,
    issue_datetime,
)

TODAY = date(2025, 3, 1)
HEADER = "name,email,issue_date,result,evidence_url,external_id\n"


def errors_of(text: str) -> list[tuple[int, str, str]]:
    return [(e.row, e.field, e.message) for e in csv_parse(text, today=TODAY).errors]


def test_parse_returns_valid_rows_as_recipients_with_their_details() -> None:
    preview = csv_parse(MIXED_CSV, today=TODAY)

    assert [row.row for row in preview.rows] == [2, 3, 4]
    first = preview.recipients[0]
    assert (first.name, first.email, first.result) == ("Amélie Tremblay", "amelie@example.org", "A")
    assert first.evidence_url == "https://portfolio.example.org/a"
    assert first.external_id == "S-1"
    assert first.issued_on == issue_datetime(date(2025, 1, 15))
    assert preview.total_rows == 6
    assert preview.file_error == ""


def test_parse_dates_rows_without_a_date_on_the_upload_day() -> None:
    preview = csv_parse(MIXED_CSV, today=TODAY)

    assert preview.recipients[2].issued_on == issue_datetime(TODAY)


def test_parse_lists_each_bad_row_with_its_column_and_message() -> None:
    assert errors_of(MIXED_CSV) == [
        (5, "email", ROW_BAD_EMAIL % {"value": "not-an-email"}),
        (6, "name", str(ROW_REQUIRED)),
        (7, "issue_date", ROW_FUTURE_DATE % {"value": "2999-01-01"}),
    ]


def test_parse_checks_dates_urls_and_lengths() -> None:
    text = HEADER + (
        "A,a@example.org,15/01/2025,,,\n"
        "B,b@example.org,2025-02-30,,,\n"
        "C,c@example.org,,,ftp://files.example.org/c,\n"
        f"D,d@example.org,,{'x' * 101},,{'y' * 101}\n"
        ",,,,,\n"  # a blank row is ignored, not an error
        "E,,,,,\n"
    )
    assert errors_of(text) == [
        (2, "issue_date", ROW_BAD_DATE % {"value": "15/01/2025"}),
        (3, "issue_date", ROW_BAD_DATE % {"value": "2025-02-30"}),
        (4, "evidence_url", ROW_BAD_URL % {"value": "ftp://files.example.org/c"}),
        (5, "result", ROW_TOO_LONG % {"limit": 100}),
        (5, "external_id", ROW_TOO_LONG % {"limit": 100}),
        (7, "email", str(ROW_REQUIRED)),
    ]


def test_parse_flags_a_row_repeated_in_the_file() -> None:
    text = HEADER + (
        "Amélie,amelie@example.org,2025-01-15,,,S-1\n"
        "Amélie T.,AMELIE@example.org,2025-01-15,,,S-1\n"
        "Amélie,amelie@example.org,2025-01-16,,,S-1\n"  # another day: another award
    )
    preview = csv_parse(text, today=TODAY)

    assert [row.row for row in preview.rows] == [2, 4]
    assert errors_of(text) == [(3, "", ROW_DUPLICATE % {"row": 2})]


def test_parse_names_the_missing_required_column() -> None:
    preview = csv_parse("name,issue_date\nAmélie,2025-01-15\n", today=TODAY)

    assert preview.file_error == CSV_MISSING_COLUMN % {"column": "email"}
    assert preview.rows == []


def test_parse_refuses_a_header_without_rows() -> None:
    assert csv_parse(HEADER + "\n,,\n", today=TODAY).file_error == str(CSV_NO_ROWS)


def test_parse_refuses_more_rows_than_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvparse, "MAX_ROWS", 3)
    text = HEADER + "".join(f"P{i},p{i}@example.org,,,,\n" for i in range(4))

    assert csv_parse(text, today=TODAY).file_error == CSV_TOO_MANY_ROWS % {"limit": "3"}


def test_french_excel_file_with_semicolons_and_windows_1252_is_read() -> None:
    raw = (
        "Nom;Courriel;Date;Résultat;Preuve;Identifiant\r\n"
        "Éloïse Gagnon;eloise@example.org;2025-01-15;Très bien;;É-7\r\n"
        "François Côté;francois@example.org;;;;\r\n"
    ).encode("cp1252")

    preview = csv_parse(csv_decode(raw), today=TODAY)

    assert preview.errors == []
    assert [r.name for r in preview.recipients] == ["Éloïse Gagnon", "François Côté"]
    assert preview.recipients[0].result == "Très bien"
    assert preview.recipients[0].external_id == "É-7"


def test_headers_are_matched_without_case_accents_or_spaces() -> None:
    text = "  NAME ,E-mail,Issue Date,resultat\nAmélie,amelie@example.org,2025-01-15,A\n"
    preview = csv_parse(text, today=TODAY)

    assert preview.errors == []
    assert preview.recipients[0].result == "A"


def test_decode_strips_the_utf8_byte_order_mark() -> None:
    text = csv_decode("\ufeffname,email\nZoë,zoe@example.org\n".encode())

    assert csv_parse(text, today=TODAY).recipients[0].name == "Zoë"


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",  # an image
        b"PK\x03\x04\x14\x00\x06\x00",  # an .xlsx workbook (a zip)
        b"name,email\n\x81\x8d\x8f\x90\x9d\n",  # bytes neither UTF-8 nor Windows-1252
    ],
)
def test_decode_refuses_a_file_that_is_not_text(raw: bytes) -> None:
    with pytest.raises(ValidationError) as caught:
        csv_decode(raw)

    assert caught.value.messages == [str(CSV_NOT_TEXT)]


def test_decode_refuses_a_file_over_the_size_limit() -> None:
    raw = HEADER.encode() + b"x" * csvparse.MAX_FILE_BYTES

    with pytest.raises(ValidationError) as caught:
        csv_decode(raw)

    assert caught.value.messages == [CSV_TOO_LARGE % {"limit": 2}]
