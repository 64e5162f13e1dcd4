"""Badge image downloads: real images, the signed credential baked in, names escaped."""

from __future__ import annotations

import io
import json
from typing import Any

import defusedxml.ElementTree as SafeElementTree
from django.core.files.base import ContentFile
from PIL import Image

from mixtape import unbake, verify
from mixtape_site.credentials.images import generated_svg
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.services import Recipient, credential_issue
from mixtape_site.issuers.resolver import platform_resolver

SVG = "{http://www.w3.org/2000/svg}"
UPLOADED_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">'
    '<title>Our own badge</title><circle cx="50" cy="50" r="40" fill="#166534"/></svg>'
)


def download(client: Any, credential: IssuedCredential, extension: str) -> Any:
    response = client.get(f"/credentials/{credential.uuid}.{extension}")
    assert response.status_code == 200
    return response


def png_bytes(width: int, height: int) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), "#991b1b").save(output, format="PNG")
    return output.getvalue()


def assert_carries_the_credential(data: bytes, credential: IssuedCredential) -> None:
    document = json.loads(unbake(data))
    assert document == credential.document
    assert verify(document, resolver=platform_resolver()).verified


def issue_named(achievement: Any, staff: Any, name: str) -> IssuedCredential:
    achievement.name = {"en": name}
    achievement.save()
    recipient = Recipient(name="Alex Martin", email="alex@example.org")
    outcome = credential_issue(achievement=achievement, recipient=recipient, issued_by=staff)
    return outcome.credential


def test_png_download_is_a_badge_that_carries_the_credential(client: Any, issued_credential: Any):
    response = download(client, issued_credential, "png")

    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size) == ("PNG", (512, 512))
    assert_carries_the_credential(response.content, issued_credential)


def test_svg_download_is_an_accessible_badge_that_carries_the_credential(
    client: Any, issued_credential: Any
):
    response = download(client, issued_credential, "svg")

    assert response["Content-Type"] == "image/svg+xml"
    root = SafeElementTree.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == "Data Analysis Fundamentals — Northern College"
    assert_carries_the_credential(response.content, issued_credential)


def test_images_are_cached_for_an_hour_and_svg_cannot_run_scripts(
    client: Any, issued_credential: Any
):
    png = download(client, issued_credential, "png")
    svg = download(client, issued_credential, "svg")

    assert "max-age=3600" in png["Cache-Control"]
    assert "attachment" not in png["Content-Disposition"]
    assert "sandbox" in svg["Content-Security-Policy"]
    assert "default-src 'none'" in svg["Content-Security-Policy"]


def test_hostile_achievement_name_stays_text_in_the_svg(
    client: Any, published_achievement: Any, issuer_staff: Any
):
    name = '<script>alert("x")</script> & Co'
    credential = issue_named(published_achievement, issuer_staff, name)

    response = download(client, credential, "svg")

    root = SafeElementTree.fromstring(response.content)
    assert not [e for e in root.iter() if str(e.tag).endswith("script")]
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "<script>" in texts
    assert root.find(f"{SVG}title").text.startswith(name)
    assert_carries_the_credential(response.content, credential)


def test_very_long_and_control_character_names_still_make_valid_images(
    client: Any, published_achievement: Any, issuer_staff: Any
):
    name = "Data\x07 " + "Supercalifragilistic" * 8 + " and more words " * 20
    credential = issue_named(published_achievement, issuer_staff, name)

    png = download(client, credential, "png")
    svg = download(client, credential, "svg")

    assert Image.open(io.BytesIO(png.content)).size == (512, 512)
    SafeElementTree.fromstring(svg.content)
    assert_carries_the_credential(svg.content, credential)


def test_generated_svg_escapes_the_issuer_name_too():
    svg = generated_svg(title="Welding", issuer='Evil "Corp" <b>')

    root = SafeElementTree.fromstring(svg)
    assert root.find(f"{SVG}desc").text == 'Open Badge issued by Evil "Corp" <b>'
    assert root.find(f"{SVG}b") is None


def test_uploaded_png_is_used_for_the_png_download(client: Any, issued_credential: Any):
    achievement = issued_credential.achievement
    achievement.image.save("badge.png", ContentFile(png_bytes(300, 200)))

    png = download(client, issued_credential, "png")
    svg = download(client, issued_credential, "svg")

    assert Image.open(io.BytesIO(png.content)).size == (300, 200)
    assert_carries_the_credential(png.content, issued_credential)
    assert SafeElementTree.fromstring(svg.content).get("width") == "512"  # drawn instead


def test_uploaded_svg_is_used_for_the_svg_download(client: Any, issued_credential: Any):
    achievement = issued_credential.achievement
    achievement.image.save("badge.svg", ContentFile(UPLOADED_SVG.encode()))

    svg = download(client, issued_credential, "svg")
    png = download(client, issued_credential, "png")

    root = SafeElementTree.fromstring(svg.content)
    assert root.find(f"{SVG}title").text == "Our own badge"
    assert_carries_the_credential(svg.content, issued_credential)
    assert Image.open(io.BytesIO(png.content)).size == (512, 512)  # drawn instead


def test_damaged_upload_falls_back_to_a_drawn_badge(client: Any, issued_credential: Any):
    achievement = issued_credential.achievement
    achievement.image.save("badge.png", ContentFile(png_bytes(64, 64)[:40]))

    png = download(client, issued_credential, "png")

    assert Image.open(io.BytesIO(png.content)).size == (512, 512)
    assert_carries_the_credential(png.content, issued_credential)
