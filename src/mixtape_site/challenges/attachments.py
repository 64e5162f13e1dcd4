"""Attachment checks: the type is sniffed from the content (magic bytes), not trusted from
the name or the browser, and must agree with the file's extension."""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Final

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_BYTES: Final = 10 * 1024 * 1024
ATTACHMENT_TOO_LARGE = _("Each attachment must be 10 MB or smaller.")
ATTACHMENT_EMPTY = _("The file is empty.")
ATTACHMENT_TYPE = _(
    "Attach a PDF, PNG, JPEG, Word (.docx), Excel (.xlsx), CSV or plain text file; "
    "the file's content must match its extension."
)

# extension → content type served
TYPES: Final = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
    ".txt": "text/plain",
}
ACCEPT: Final = ",".join(TYPES)
_OOXML_PART: Final = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


@dataclass(frozen=True)
class CheckedUpload:
    name: str  # the name shown and offered for download
    stored_name: str  # a random name on disk: the uploader's name never reaches the file system
    content_type: str
    size: int


def _head(upload: UploadedFile, size: int) -> bytes:
    upload.seek(0)
    data = upload.read(size)
    upload.seek(0)
    return data


def _is_text(upload: UploadedFile) -> bool:
    data = _head(upload, MAX_ATTACHMENT_BYTES + 1)
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            data.decode("cp1252")  # spreadsheets exported on Windows
        except UnicodeDecodeError:
            return False
    return True


def _is_ooxml(upload: UploadedFile, extension: str) -> bool:
    if _head(upload, 4) != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(_head(upload, MAX_ATTACHMENT_BYTES + 1))) as archive:
            return _OOXML_PART[extension] in archive.namelist()
    except zipfile.BadZipFile:
        return False


def content_matches(upload: UploadedFile, extension: str) -> bool:
    """True when the bytes are what the extension says."""
    head = _head(upload, 8)
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension == ".png":
        return head == b"\x89PNG\r\n\x1a\n"
    if extension in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension in _OOXML_PART:
        return _is_ooxml(upload, extension)
    return _is_text(upload)  # .csv, .txt: no magic number; refuse binaries


def checked_upload(upload: UploadedFile) -> CheckedUpload:
    """Raise ValidationError unless the upload is an allowed type of an allowed size."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(ATTACHMENT_EMPTY)
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(ATTACHMENT_TOO_LARGE)
    name = PurePath(upload.name or "file").name[-200:]
    extension = PurePath(name).suffix.lower()
    if extension not in TYPES or not content_matches(upload, extension):
        raise ValidationError(ATTACHMENT_TYPE)
    return CheckedUpload(
        name=name,
        stored_name=f"{uuid.uuid4().hex}{extension}",
        content_type=TYPES[extension],
        size=size,
    )
