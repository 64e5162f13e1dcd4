"""QR codes of share links, as inline SVG a screen reader can name."""

from __future__ import annotations

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, label: str) -> SafeString:
    """An inline ``<svg role="img">`` of ``url``, titled and labelled with ``label``."""
    code = segno.make(url, error="m")
    # segno escapes the title; the aria-label is escaped here.
    # A viewBox instead of a fixed size, so the stylesheet can make it large enough to scan.
    svg = code.svg_inline(scale=4, omitsize=True, title=label, svgclass="qr-code", lineclass=None)
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(labelled)  # noqa: S308 - built from segno output and escaped text
