"""Uploaded SVG badges, reduced to an allowlist of drawing elements and attributes.

An SVG is a document that can run scripts, load remote resources and read local
files through entities. Badge images are shown on public pages and copied into
wallets, so only static drawing survives: unknown elements (``script``,
``foreignObject``, ``a``, animation…) are dropped with their content, event
handlers and unknown attributes are dropped, links may only point inside the
image (``#id``) or to an embedded PNG/JPEG, and a DOCTYPE or entity refuses the
whole file (defusedxml), which also stops XXE and "billion laughs".
"""

from __future__ import annotations

import re
from typing import Final
from xml.etree.ElementTree import Element, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

SVG_NS: Final = "http://www.w3.org/2000/svg"
XLINK_NS: Final = "http://www.w3.org/1999/xlink"
XML_NS: Final = "http://www.w3.org/XML/1998/namespace"

ELEMENTS: Final = frozenset(
    [
        "svg", "g", "defs", "title", "desc", "path", "rect", "circle", "ellipse", "line",
        "polyline", "polygon", "text", "tspan", "linearGradient", "radialGradient", "stop",
        "clipPath", "mask", "pattern", "use", "image", "symbol"
    ]
)  # fmt: skip
ATTRIBUTES: Final = frozenset(
    [
        "id", "class", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "dx",
        "dy", "width", "height", "viewBox", "preserveAspectRatio", "version", "d", "points",
        "transform", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width",
        "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-dasharray",
        "stroke-dashoffset", "stroke-miterlimit", "opacity", "style", "font-family",
        "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline",
        "letter-spacing", "offset", "stop-color", "stop-opacity", "gradientUnits",
        "gradientTransform", "spreadMethod", "fx", "fy", "clip-path", "clip-rule",
        "clipPathUnits", "mask", "maskUnits", "maskContentUnits", "patternUnits",
        "patternContentUnits", "patternTransform", "visibility", "display", "role",
        "aria-label", "aria-hidden", "focusable", "href", "lang", "space"
    ]
)  # fmt: skip
_LOCAL_URL: Final = re.compile(r"^\s*url\(\s*['\"]?#[\w.:-]+['\"]?\s*\)\s*$")
_SAFE_HREF: Final = re.compile(r"^(#[\w.:-]+|data:image/(png|jpeg);base64,[A-Za-z0-9+/=\s]+)$")
_BAD_STYLE: Final = re.compile(r"url\(|expression|@import|javascript:", re.IGNORECASE)


class UnsafeSvgError(ValueError):
    """The file declares a DOCTYPE or entities, so it is refused outright."""


class InvalidSvgError(ValueError):
    """The file is not well-formed XML, or its root is not an SVG ``<svg>`` element."""


def sanitize_svg(data: bytes) -> bytes:
    """The drawing in ``data`` with everything active or external removed.

    Raises:
        UnsafeSvgError: a DOCTYPE, entity or external reference declaration.
        InvalidSvgError: not well-formed XML, or not an SVG document.
    """
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise UnsafeSvgError(str(error)) from error
    except (ParseError, ValueError) as error:
        raise InvalidSvgError(str(error)) from error
    if root.tag != f"{{{SVG_NS}}}svg":
        raise InvalidSvgError("the root element is not <svg>")
    _clean(root)
    root.set("xmlns", SVG_NS)
    return tostring(root, encoding="unicode").encode("utf-8")


def _clean(element: Element) -> None:
    _clean_attributes(element)
    # Plain tag names and one xmlns on the root: the output needs no prefixes.
    element.tag = _local_name(element.tag)
    for child in list(element):
        if _allowed_element(child):
            _clean(child)
        else:
            element.remove(child)


def _allowed_element(element: Element) -> bool:
    tag = element.tag
    # Comments and processing instructions are not elements: drop them too.
    if not isinstance(tag, str) or not tag.startswith(f"{{{SVG_NS}}}"):
        return False
    return _local_name(tag) in ELEMENTS


def _clean_attributes(element: Element) -> None:
    kept: dict[str, str] = {}
    for name, value in element.attrib.items():
        namespace, local = _split(name)
        if namespace not in ("", XLINK_NS, XML_NS) or local not in ATTRIBUTES:
            continue
        if namespace == XLINK_NS and local != "href":
            continue
        if not _safe_value(local, value):
            continue
        # SVG 2 reads a plain href; writing it so keeps the output free of prefixes.
        key = f"{{{XML_NS}}}{local}" if namespace == XML_NS else local
        kept[key] = value
    element.attrib.clear()
    element.attrib.update(kept)


def _safe_value(name: str, value: str) -> bool:
    if name == "href":
        return bool(_SAFE_HREF.match(value.strip()))
    if name == "style":
        return not _BAD_STYLE.search(value)
    if "url(" in value.lower():
        return bool(_LOCAL_URL.match(value))
    return "javascript:" not in value.lower()


def _split(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return namespace, local
    return "", name


def _local_name(tag: str) -> str:
    return _split(tag)[1]
