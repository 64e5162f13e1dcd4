"""Badge images: checking uploads (PNG or sanitized SVG) and the default SVG badge."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Final
from xml.sax.saxutils import escape

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from mixtape_site.achievements.svg import InvalidSvgError, UnsafeSvgError, sanitize_svg

MAX_IMAGE_BYTES: Final = 1024 * 1024
MAX_PNG_SIDE: Final = 2048
PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
CONTENT_TYPES: Final = {"png": "image/png", "svg": "image/svg+xml"}

IMAGE_TOO_LARGE = _("The image is larger than 1 MB. Upload a smaller file.")
IMAGE_WRONG_TYPE = _("Upload a PNG or SVG image.")
PNG_INVALID = _("This file is not a valid PNG image.")
PNG_TOO_WIDE = _("The PNG image must be at most 2048 × 2048 pixels.")
SVG_INVALID = _("This file is not a valid SVG image.")
SVG_UNSAFE = _(
    "This SVG image cannot be used: it declares a DOCTYPE or entities. "
    "Export it again as plain SVG."
)


@dataclass(frozen=True)
class CheckedImage:
    """An upload that passed the checks: the bytes to store and their extension."""

    content: bytes
    extension: str  # "png" or "svg"


def image_check(upload: UploadedFile) -> CheckedImage:
    """The image to store for ``upload``: a real PNG, or an SVG with active content removed.

    Raises:
        ValidationError: with one of this module's messages.
    """
    if upload.size is not None and upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(IMAGE_TOO_LARGE, code="too_large")
    data = upload.read(MAX_IMAGE_BYTES + 1)
    if len(data) > MAX_IMAGE_BYTES:
        raise ValidationError(IMAGE_TOO_LARGE, code="too_large")
    if data.startswith(PNG_SIGNATURE):
        return CheckedImage(content=_png_checked(data), extension="png")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):  # XML, perhaps SVG
        return CheckedImage(content=_svg_checked(data), extension="svg")
    raise ValidationError(IMAGE_WRONG_TYPE, code="wrong_type")


def _png_checked(data: bytes) -> bytes:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                kind = image.format
                image.verify()
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise ValidationError(PNG_INVALID, code="invalid_png") from error
    if kind != "PNG":
        raise ValidationError(PNG_INVALID, code="invalid_png")
    if width > MAX_PNG_SIDE or height > MAX_PNG_SIDE:
        raise ValidationError(PNG_TOO_WIDE, code="png_too_wide")
    return data


def _svg_checked(data: bytes) -> bytes:
    try:
        return sanitize_svg(data)
    except UnsafeSvgError as error:
        raise ValidationError(SVG_UNSAFE, code="unsafe_svg") from error
    except InvalidSvgError as error:
        raise ValidationError(SVG_INVALID, code="invalid_svg") from error


def initials(name: str) -> str:
    """Up to two initials of the significant words of ``name`` (``"DA"``)."""
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    significant = [word for word in words if len(word) > 3] or words
    return "".join(word[0] for word in significant[:2]).upper() or "?"


def default_badge_svg(name: str) -> bytes:
    """A plain badge with the achievement's initials; ``<title>`` names it for screen readers."""
    title, letters = escape(name), escape(initials(name))
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256" role="img"'
        ' aria-labelledby="t"><title id="t">'
        f"{title}</title>"
        '<circle cx="128" cy="128" r="120" fill="#1d4ed8"/>'
        '<circle cx="128" cy="128" r="104" fill="none" stroke="#ffffff" stroke-width="6"/>'
        '<text x="128" y="128" fill="#ffffff" font-family="system-ui, sans-serif"'
        ' font-size="88" font-weight="700" text-anchor="middle" dominant-baseline="central">'
        f"{letters}</text></svg>"
    )
    return svg.encode("utf-8")
