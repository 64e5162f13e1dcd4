"""Badge images: hostile SVGs come out inert or are refused; only real PNG/SVG under
1 MB are kept; the image URL serves them so they can never run in our origin."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from mixtape_site.achievements import images
from mixtape_site.achievements.images import image_check
from mixtape_site.achievements.models import Achievement
from mixtape_site.achievements.svg import sanitize_svg

from .conftest import form_data, png_bytes

HOSTILE_SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 100 100" onload="alert('svg')">
  <title>Badge</title>
  <script type="text/javascript">alert(document.cookie)</script>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
  <a xlink:href="javascript:alert(1)"><text x="10" y="20">click</text></a>
  <rect width="100" height="100" fill="url(#g)" onclick="steal()" style="fill:url(https://evil.example/x)"/>
  <circle r="10" fill="url(https://evil.example/track)"/>
  <use xlink:href="https://evil.example/sprite.svg#icon"/>
  <use href="#g"/>
  <image href="javascript:alert(2)" width="10" height="10"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="10" height="10"/>
  <foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"/></foreignObject>
  <set attributeName="href" to="javascript:alert(3)"/>
  <path d="M0 0L10 10" stroke="black"/>
</svg>"""

XXE_SVG = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&secret;</text></svg>"""

LAUGHS_SVG = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>"""


def test_hostile_svg_comes_out_inert():
    clean = sanitize_svg(HOSTILE_SVG).decode()
    lowered = clean.lower()
    for forbidden in ("<script", "alert", "onload", "onclick", "javascript:", "foreignobject",
                      "iframe", "evil.example", "<set", "<a "):  # fmt: skip
        assert forbidden not in lowered, forbidden
    # The drawing itself survives, with local references.
    for kept in ("<title>Badge</title>", 'fill="url(#g)"', '<use href="#g"',
                 "data:image/png;base64", '<path d="M0 0L10 10"'):  # fmt: skip
        assert kept in clean, kept


@pytest.mark.parametrize("hostile", [XXE_SVG, LAUGHS_SVG])
def test_svg_with_doctype_or_entities_is_refused(hostile):
    with pytest.raises(ValidationError) as refused:
        image_check(SimpleUploadedFile("x.svg", hostile))
    assert refused.value.messages == [str(images.SVG_UNSAFE)]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"just some text", images.IMAGE_WRONG_TYPE),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", images.IMAGE_WRONG_TYPE),
        ("page.svg", b"<html><body>hi</body></html>", images.SVG_INVALID),
        ("broken.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>", images.SVG_INVALID),
        ("fake.png", images.PNG_SIGNATURE + b"not really a png", images.PNG_INVALID),
        ("big.png", b"\x89PNG" + b"0" * images.MAX_IMAGE_BYTES, images.IMAGE_TOO_LARGE),
    ],
)
def test_non_images_and_oversized_files_are_refused(name, content, message):
    with pytest.raises(ValidationError) as refused:
        image_check(SimpleUploadedFile(name, content))
    assert refused.value.messages == [str(message)]


def test_png_larger_than_2048_pixels_is_refused():
    buffer = io.BytesIO()
    Image.new("1", (2049, 10)).save(buffer, format="PNG")
    with pytest.raises(ValidationError) as refused:
        image_check(SimpleUploadedFile("wide.png", buffer.getvalue()))
    assert refused.value.messages == [str(images.PNG_TOO_WIDE)]


def test_refused_upload_shows_message_in_form_and_saves_nothing(client, college, issuer_staff):
    client.force_login(issuer_staff)
    upload = SimpleUploadedFile("x.svg", XXE_SVG, content_type="image/svg+xml")
    url = reverse("achievements:create", kwargs={"org": college.slug})
    response = client.post(url, form_data(image=upload))
    assert response.status_code == 400
    assert response.context["form"].errors["image"] == [str(images.SVG_UNSAFE)]
    assert not Achievement.objects.exists()


def test_uploaded_svg_is_stored_sanitized_and_served_safely(client, college, issuer_staff):
    client.force_login(issuer_staff)
    upload = SimpleUploadedFile("badge.svg", HOSTILE_SVG, content_type="image/svg+xml")
    client.post(reverse("achievements:create", kwargs={"org": college.slug}),
                form_data(image=upload))  # fmt: skip
    achievement = Achievement.objects.get()
    response = client.get(reverse("achievements:image", kwargs={"uuid": achievement.uuid}))
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"<script" not in response.content and b"onload" not in response.content


def test_published_png_is_public_and_cacheable(client, published_achievement):
    published_achievement.image.save("b.png", ContentFile(png_bytes()), save=True)
    response = client.get(
        reverse("achievements:image", kwargs={"uuid": published_achievement.uuid})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content == png_bytes()
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]


def test_without_upload_a_default_badge_with_initials_and_title_is_served(
    client, published_achievement
):
    response = client.get(
        reverse("achievements:image", kwargs={"uuid": published_achievement.uuid})
    )
    assert response["Content-Type"] == "image/svg+xml"
    assert (
        b"<title" in response.content and b"Data Analysis Fundamentals</title>" in response.content
    )
    assert b">DA</text>" in response.content
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


def test_default_badge_escapes_the_name():
    svg = images.default_badge_svg("<script>alert(1)</script> & Co")
    assert b"<script>" not in svg and b"&lt;script&gt;" in svg
    sanitize_svg(svg)  # well-formed


def test_draft_image_is_only_for_members(client, draft, issuer_staff, outsider):
    url = reverse("achievements:image", kwargs={"uuid": draft.uuid})
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(issuer_staff)
    response = client.get(url)
    assert response.status_code == 200 and "private" in response["Cache-Control"]
