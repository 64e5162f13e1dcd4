"""Badge images for downloads: the achievement's own picture or a generated one, baked.

An uploaded image is used when it is in the format asked for (PNG for the PNG
download, SVG for the SVG one); otherwise a badge is drawn from the achievement
and issuer names. Either way the signed credential is baked in (OB 3.0 §5.3),
so the file alone can be verified.

Generated badges use the issuer's primary language, like the credential's
primary ``name``: the same file for every reader, so caches can share it.
"""

from __future__ import annotations

import functools
import io
import re
from string import Template
from xml.etree.ElementTree import ParseError
from xml.sax.saxutils import escape

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image, ImageDraw, ImageFont

from mixtape import BakeError, bake_png, bake_svg
from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.web.bilingual import in_language

SIZE = 512
INSET = 24
BACKGROUND = "#1e3a8a"  # white text on it: contrast 10.4:1
FOREGROUND = "#ffffff"
ACCENT = "#fbbf24"
TITLE_SIZES = (44, 38, 32, 27, 23)  # tried in turn until the name fits
ISSUER_SIZE = 24
TEXT_WIDTH = SIZE - 2 * 64
MAX_TITLE_LINES = 5
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Characters XML 1.0 forbids even escaped; a name holding one must not break the SVG.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_SVG = Template("""\
<svg xmlns="http://www.w3.org/2000/svg" width="$size" height="$size" \
viewBox="0 0 $size $size" role="img" aria-labelledby="badge-title badge-desc">
  <title id="badge-title">$title</title>
  <desc id="badge-desc">$desc</desc>
  <rect x="$inset" y="$inset" width="$inner" height="$inner" rx="72" fill="$background"/>
  <rect x="$ring" y="$ring" width="$ring_size" height="$ring_size" rx="58" fill="none" \
stroke="$foreground" stroke-width="4"/>
  <circle cx="$center" cy="92" r="14" fill="$accent"/>
  <g fill="$foreground" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, \
sans-serif" text-anchor="middle">
$lines
  </g>
</svg>
""")


def badge_png(credential: IssuedCredential) -> bytes:
    """The PNG download: the badge picture with the signed credential baked in."""
    achievement = credential.achievement
    uploaded = _uploaded(achievement)
    if uploaded is not None and uploaded.startswith(_PNG_SIGNATURE):
        try:
            return bake_png(uploaded, credential.document)
        except BakeError:
            pass  # a damaged upload must not break the download: draw a badge instead
    return bake_png(generated_png(**_names(achievement)), credential.document)


def badge_svg(credential: IssuedCredential) -> str:
    """The SVG download: the badge picture with the signed credential baked in."""
    achievement = credential.achievement
    uploaded = _uploaded(achievement)
    if uploaded is not None and _is_svg(uploaded):
        try:
            return bake_svg(uploaded.decode("utf-8"), credential.document)
        except BakeError:
            pass  # as above
    return bake_svg(
        generated_svg(**_names(achievement), language=_language(achievement)),
        credential.document,
    )


def _uploaded(achievement: Achievement) -> bytes | None:
    """The uploaded image's bytes, or None when there is none or it cannot be read."""
    if not achievement.image:
        return None
    try:
        with achievement.image.open("rb") as file:
            data = file.read(MAX_UPLOAD_BYTES + 1)
    except OSError:
        return None  # a missing file should not break the download: draw one instead
    return data if len(data) <= MAX_UPLOAD_BYTES else None


def _is_svg(data: bytes) -> bool:
    try:
        root = SafeElementTree.fromstring(data)
        data.decode("utf-8")
    except (ParseError, DefusedXmlException, UnicodeDecodeError, ValueError):
        return False
    return root.tag in ("svg", "{http://www.w3.org/2000/svg}svg")


def _language(achievement: Achievement) -> str:
    return achievement.organization.primary_language


def _names(achievement: Achievement) -> dict[str, str]:
    language = _language(achievement)
    return {
        "title": in_language(achievement.name, language),
        "issuer": in_language(achievement.organization.name, language),
    }


# System fonts with accented Latin (Debian: fonts-dejavu-core); Pillow's built-in font
# has no "é", so it is only the last resort.
_FONT_FILES = {
    True: ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"),
    False: ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"),
}


@functools.cache
def _font(size: int, *, bold: bool = True) -> ImageFont.FreeTypeFont:
    for name in _FONT_FILES[bold]:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    font = ImageFont.load_default(size=size)
    assert isinstance(font, ImageFont.FreeTypeFont)  # Pillow is built with FreeType
    return font


def _pieces(word: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """A word too long for a line, cut into pieces that fit."""
    pieces = []
    while font.getlength(word) > width and len(word) > 1:
        low, high = 1, len(word) - 1  # the longest prefix that fits, by bisection
        while low < high:
            middle = (low + high + 1) // 2
            if font.getlength(word[:middle]) <= width:
                low = middle
            else:
                high = middle - 1
        pieces.append(word[:low])
        word = word[low:]
    return [*pieces, word]


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Break ``text`` into lines no wider than ``width``; shorten the last with "…"."""
    lines: list[str] = []
    for word in text.split():
        for piece in _pieces(word, font, width):
            if lines and font.getlength(f"{lines[-1]} {piece}") <= width:
                lines[-1] = f"{lines[-1]} {piece}"
            else:
                lines.append(piece)
        if len(lines) > max_lines:
            break  # the rest will not be shown
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and font.getlength(f"{last}…") > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], f"{last.rstrip()}…"]
    return lines


def _layout(title: str, issuer: str) -> list[tuple[str, int, int]]:
    """(text, font size, baseline y) for each line, centred vertically."""
    for size in TITLE_SIZES:
        title_lines = wrap(title, _font(size), TEXT_WIDTH, MAX_TITLE_LINES)
        if len(title_lines) <= 3:
            break
    issuer_lines = wrap(issuer, _font(ISSUER_SIZE, bold=False), TEXT_WIDTH, 2)
    step, issuer_step, gap = int(size * 1.2), int(ISSUER_SIZE * 1.3), 36
    height = step * len(title_lines) + gap + issuer_step * len(issuer_lines)
    y = (SIZE - height) // 2 + size + 16
    placed = []
    for line in title_lines:
        placed.append((line, size, y))
        y += step
    y += gap - step + issuer_step
    for line in issuer_lines:
        placed.append((line, ISSUER_SIZE, y))
        y += issuer_step
    return placed


def _clean(text: str) -> str:
    return " ".join(_NOT_XML.sub("", text).split())


def generated_png(*, title: str, issuer: str) -> bytes:
    """A rounded badge with the achievement and issuer names, white on dark blue."""
    title, issuer = _clean(title), _clean(issuer)
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((INSET, INSET, SIZE - INSET, SIZE - INSET), 72, fill=BACKGROUND)
    ring = INSET + 14
    draw.rounded_rectangle((ring, ring, SIZE - ring, SIZE - ring), 58, outline=FOREGROUND, width=4)
    draw.ellipse((SIZE / 2 - 14, 78, SIZE / 2 + 14, 106), fill=ACCENT)
    for line, size, baseline in _layout(title, issuer):
        font = _font(size, bold=size != ISSUER_SIZE)
        draw.text((SIZE / 2, baseline), line, font=font, fill=FOREGROUND, anchor="ms")
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def generated_svg(*, title: str, issuer: str, language: str = "en") -> str:
    """The same badge as SVG, names escaped, with an accessible title and description."""
    title, issuer = _clean(title), _clean(issuer)
    lines = "\n".join(
        f'    <text x="{SIZE // 2}" y="{baseline}" font-size="{size}"'
        f' font-weight="{400 if size == ISSUER_SIZE else 700}">{escape(line)}</text>'
        for line, size, baseline in _layout(title, issuer)
    )
    with translation.override(language):
        desc = gettext("Open Badge issued by %(issuer)s") % {"issuer": issuer}
    ring = INSET + 14
    return _SVG.substitute(
        size=SIZE,
        inset=INSET,
        inner=SIZE - 2 * INSET,
        ring=ring,
        ring_size=SIZE - 2 * ring,
        center=SIZE // 2,
        background=BACKGROUND,
        foreground=FOREGROUND,
        accent=ACCENT,
        title=escape(f"{title} — {issuer}"),
        desc=escape(desc),
        lines=lines,
    )
