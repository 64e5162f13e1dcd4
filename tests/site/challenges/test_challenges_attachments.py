"""Attachments: the type is sniffed from the content, the size and number are capped, and
the download is served only to those who may see the challenge, as a download."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from mixtape_site.challenges import attachments, services
from mixtape_site.challenges.models import Challenge

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _add(challenge: Challenge, user: Any, name: str, content: bytes) -> Any:
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return services.attachment_add(challenge=challenge, upload=upload, actor=user)


@pytest.mark.parametrize(("name", "content"), [
    ("brief.pdf", PDF), ("plan.docx", _docx()), ("data.csv", "rue,durée\nKing,3\n".encode()),
    ("photo.PNG", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16),
])  # fmt: skip
def test_allowed_types_are_kept(
    open_challenge: Challenge, city_staff: Any, name: str, content: bytes
) -> None:
    attachment = _add(open_challenge, city_staff, name, content)
    assert attachment.name == name and attachment.size == len(content)
    assert name not in attachment.file.name  # stored under a random name


@pytest.mark.parametrize("name", ["brief.pdf", "notes.txt", "plan.docx", "tool.exe"])
def test_a_renamed_executable_is_refused(
    open_challenge: Challenge, city_staff: Any, name: str
) -> None:
    with pytest.raises(ValidationError) as error:
        _add(open_challenge, city_staff, name, EXE)
    assert error.value.messages == [attachments.ATTACHMENT_TYPE]
    assert not open_challenge.attachments.exists()


def test_size_and_count_are_capped(
    open_challenge: Challenge, city_staff: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 100)  # keep the test fast
    with pytest.raises(ValidationError) as error:
        _add(open_challenge, city_staff, "big.txt", b"a" * 101)
    assert error.value.messages == [attachments.ATTACHMENT_TOO_LARGE]
    for n in range(services.MAX_ATTACHMENTS):
        _add(open_challenge, city_staff, f"note{n}.txt", b"hello")
    with pytest.raises(ValidationError):
        _add(open_challenge, city_staff, "one-too-many.txt", b"hello")


def test_upload_page_shows_the_refusal(
    client: Client, open_challenge: Challenge, city_staff: Any
) -> None:
    client.force_login(city_staff)
    kwargs = {"org": open_challenge.organization.slug, "uuid": open_challenge.uuid}
    url = reverse("challenges:attachment_add", kwargs=kwargs)
    response = client.post(url, {"file": SimpleUploadedFile("brief.pdf", EXE)})
    assert response.status_code == 400
    assert escape(str(attachments.ATTACHMENT_TYPE)) in response.content.decode()


def test_download_is_an_attachment_with_nosniff(
    client: Client, open_challenge: Challenge, city_staff: Any
) -> None:
    attachment = _add(open_challenge, city_staff, "brief.pdf", PDF)
    url = reverse("challenges:attachment",
                  kwargs={"uuid": open_challenge.uuid, "attachment": attachment.pk})  # fmt: skip
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_a_draft_attachment_is_served_only_to_the_partner(
    client: Client, open_challenge: Challenge, city_staff: Any, outsider: Any
) -> None:
    attachment = _add(open_challenge, city_staff, "brief.pdf", PDF)
    Challenge.objects.filter(pk=open_challenge.pk).update(status=Challenge.Status.DRAFT)
    url = reverse("challenges:attachment",
                  kwargs={"uuid": open_challenge.uuid, "attachment": attachment.pk})  # fmt: skip
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(city_staff)
    response = client.get(url)
    response.close()  # a file response holds the file open until closed
    assert response.status_code == 200
