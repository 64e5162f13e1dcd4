"""Baking: Open Badges 3.0 credentials carried inside PNG and SVG images (OB 3.0 §5.3).

PNG: one uncompressed ``iTXt`` chunk, keyword ``openbadgecredential``, before
``IEND``; its text is the credential's JSON or a VC-JWT compact string.
SVG: an ``<openbadges:credential>`` element right after the root ``<svg>`` tag,
holding the JSON in CDATA, or the VC-JWT in its ``verify`` attribute.

Images are untrusted input: PNG chunks are read by hand with CRC checks and
size caps, and SVG is parsed with ``defusedxml`` (no entities, no external
resources). Edits are made to the original bytes so the picture is unchanged.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element
from xml.parsers import expat

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

from mixtape.errors import BakeError

__all__ = [
    "MAX_CREDENTIAL_BYTES",
    "MAX_IMAGE_BYTES",
    "OB_SVG_NAMESPACE",
    "PNG_KEYWORD",
    "bake_png",
    "bake_svg",
    "unbake",
    "unbake_png",
    "unbake_svg",
]

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_CREDENTIAL_BYTES = 1024 * 1024
PNG_KEYWORD = b"openbadgecredential"
OB_SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_OB2_PNG_KEYWORD = b"openbadges"
_JWT = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
_CREDENTIAL_TAG = f"{{{OB_SVG_NAMESPACE}}}credential"
_EXPAT_CREDENTIAL = f"{OB_SVG_NAMESPACE}}}credential"
# A start or empty-element tag: name, then attributes whose quoted values may hold '>'.
_START_TAG = re.compile(rb"""<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>""")
_TAG_NAME = re.compile(rb"[^\s/>]+")


def _credential_text(credential: Mapping[str, Any] | str) -> str:
    """The text to embed: compact JSON for a mapping, a str kept byte for byte."""
    if isinstance(credential, Mapping):
        text = json.dumps(credential, ensure_ascii=False, separators=(",", ":"))
    elif _JWT.fullmatch(credential.strip()):
        text = credential.strip()
    else:
        try:
            parsed = json.loads(credential)
        except ValueError as error:
            raise BakeError("the credential is neither JSON nor a VC-JWT") from error
        if not isinstance(parsed, dict):
            raise BakeError("the credential JSON is not an object")
        text = credential
    if len(text.encode("utf-8")) > MAX_CREDENTIAL_BYTES:
        raise BakeError(f"the credential is over {MAX_CREDENTIAL_BYTES // 1024} KB")
    return text


def _check_extracted(text: str, where: str) -> str:
    text = text.strip()
    if not text:
        raise BakeError(f"{where} holds an empty Open Badges credential")
    if len(text.encode("utf-8")) > MAX_CREDENTIAL_BYTES:
        raise BakeError(f"{where} holds a credential over {MAX_CREDENTIAL_BYTES // 1024} KB")
    return text


# --- PNG -------------------------------------------------------------------


@dataclass(frozen=True)
class _Chunk:
    kind: bytes
    data: bytes

    def serialize(self) -> bytes:
        crc = zlib.crc32(self.kind + self.data)
        return struct.pack(">I", len(self.data)) + self.kind + self.data + struct.pack(">I", crc)


def _png_chunks(png: bytes) -> Iterator[_Chunk]:
    """Yield every chunk up to IEND, checking lengths and CRCs."""
    if len(png) > MAX_IMAGE_BYTES:
        raise BakeError(f"the image is over {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
    if not png.startswith(_PNG_SIGNATURE):
        raise BakeError("this is not a PNG image (bad signature)")
    offset = len(_PNG_SIGNATURE)
    while True:
        if offset + 12 > len(png):
            raise BakeError("this PNG is truncated (no IEND chunk)")
        (length,) = struct.unpack_from(">I", png, offset)
        kind = png[offset + 4 : offset + 8]
        end = offset + 8 + length
        if end + 4 > len(png):
            raise BakeError(f"this PNG is truncated inside a {kind!r} chunk")
        data = png[offset + 8 : end]
        (crc,) = struct.unpack_from(">I", png, end)
        if zlib.crc32(kind + data) != crc:
            raise BakeError(f"this PNG is corrupt: bad CRC in a {kind!r} chunk")
        yield _Chunk(kind, data)
        if kind == b"IEND":
            return
        offset = end + 4


def _itxt_keyword(chunk: _Chunk) -> bytes | None:
    if chunk.kind != b"iTXt":
        return None
    return chunk.data.split(b"\0", 1)[0]


def _itxt_text(data: bytes) -> str:
    _keyword, rest = data.split(b"\0", 1)
    if len(rest) < 2 or rest[0] != 0:
        raise BakeError("this PNG's credential chunk is compressed, which OB 3.0 forbids")
    try:
        _language, _translated, text = rest[2:].split(b"\0", 2)
        return text.decode("utf-8")
    except (ValueError, UnicodeDecodeError) as error:
        raise BakeError("this PNG's credential chunk is malformed") from error


def bake_png(png: bytes, credential: Mapping[str, Any] | str) -> bytes:
    """Return ``png`` with the credential in an ``openbadgecredential`` iTXt chunk.

    Args:
        png: the image bytes.
        credential: a credential mapping (embedded as compact JSON), JSON text, or a VC-JWT.

    Returns:
        The baked PNG; an existing credential chunk is replaced.

    Raises:
        BakeError: not a valid PNG, too big, or the credential is not JSON/VC-JWT.
    """
    text = _credential_text(credential)
    # keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translation NUL
    itxt = _Chunk(b"iTXt", PNG_KEYWORD + b"\0\0\0\0\0" + text.encode("utf-8"))
    kept = [chunk for chunk in _png_chunks(png) if _itxt_keyword(chunk) != PNG_KEYWORD]
    chunks = [*kept[:-1], itxt, kept[-1]]  # kept[-1] is IEND
    return _PNG_SIGNATURE + b"".join(chunk.serialize() for chunk in chunks)


def unbake_png(png: bytes) -> str:
    """Return the credential text (JSON or VC-JWT) baked into ``png``.

    Raises:
        BakeError: not a valid PNG, or it holds no Open Badges 3.0 credential.
    """
    holds_ob2 = False
    # Read every chunk first: a damaged file is refused even after the credential.
    for chunk in list(_png_chunks(png)):
        keyword = _itxt_keyword(chunk)
        if keyword == PNG_KEYWORD:
            return _check_extracted(_itxt_text(chunk.data), "this PNG")
        holds_ob2 = holds_ob2 or keyword == _OB2_PNG_KEYWORD
    if holds_ob2:
        raise BakeError("this PNG holds an Open Badges 2.0 assertion, not an OB 3.0 credential")
    raise BakeError("this PNG holds no Open Badges credential")


# --- SVG -------------------------------------------------------------------


def _parse_svg(svg: str | bytes) -> Element:
    size = len(svg.encode("utf-8") if isinstance(svg, str) else svg)
    if size > MAX_IMAGE_BYTES:
        raise BakeError(f"the image is over {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
    try:
        root: Element = SafeElementTree.fromstring(svg)
    except DefusedXmlException as error:
        raise BakeError(f"this SVG is refused: {type(error).__name__}") from error
    except SafeElementTree.ParseError as error:
        raise BakeError(f"this SVG is not well-formed XML: {error}") from error
    if root.tag.rpartition("}")[2] != "svg":
        raise BakeError("this XML document is not an SVG (root is not <svg>)")
    return root


def unbake_svg(svg: str | bytes) -> str:
    """Return the credential text (JSON or VC-JWT) baked into ``svg``.

    Raises:
        BakeError: unsafe or malformed XML, not an SVG, or no credential inside.
    """
    element = _parse_svg(svg).find(f".//{_CREDENTIAL_TAG}")
    if element is None:
        raise BakeError("this SVG holds no Open Badges credential")
    jwt = element.get("verify")
    return _check_extracted(jwt if jwt is not None else element.text or "", "this SVG")


@dataclass
class _SvgLayout:
    """Where things are in the SVG bytes, found by a second, position-aware parse."""

    root_start: int = -1
    root_namespaces: dict[str, str] = field(default_factory=dict)
    credential_spans: list[tuple[int, int]] = field(default_factory=list)


def _svg_layout(data: bytes) -> _SvgLayout:
    """Locate the root start tag and every credential element in ``data``.

    Runs only after defusedxml accepted the document; entity declarations are
    refused here again so this parser can never expand one.
    """
    parser = expat.ParserCreate(encoding="utf-8", namespace_separator="}")
    layout = _SvgLayout()
    open_credentials: list[tuple[int, int]] = []

    def refuse_entity(*_: object) -> None:
        raise BakeError("this SVG declares entities; refused")

    def on_namespace(prefix: str | None, uri: str) -> None:
        if layout.root_start < 0:  # declarations made on the root element
            layout.root_namespaces[prefix or ""] = uri

    def on_start(name: str, _attributes: object) -> None:
        if layout.root_start < 0:
            layout.root_start = parser.CurrentByteIndex
        if name == _EXPAT_CREDENTIAL:
            start = parser.CurrentByteIndex
            start_tag_end = _tag_end(data, start)
            # An empty-element tag is the whole element; expat's position at its
            # end event is not the tag's, so its span is taken here.
            empty = data[start_tag_end - 2 : start_tag_end] == b"/>"
            open_credentials.append((start, start_tag_end if empty else -1))

    def on_end(name: str) -> None:
        if name == _EXPAT_CREDENTIAL:
            start, end = open_credentials.pop()
            if end < 0:
                end = _tag_end(data, parser.CurrentByteIndex)
            layout.credential_spans.append((start, end))

    parser.EntityDeclHandler = refuse_entity
    parser.StartNamespaceDeclHandler = on_namespace
    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.Parse(data, True)
    return layout


def _tag_end(data: bytes, tag_start: int) -> int:
    """Offset just past the tag that begins at ``tag_start`` (start, empty or end tag)."""
    if data.startswith(b"</", tag_start):
        return data.index(b">", tag_start) + 1
    match = _START_TAG.match(data, tag_start)
    if match is None:
        raise BakeError("this SVG has a tag that cannot be located")
    return match.end()


def _without_spans(data: bytes, spans: list[tuple[int, int]]) -> bytes:
    """Cut the given spans out; nested ones go with the element around them."""
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        if start >= cursor:
            pieces.append(data[cursor:start])
            cursor = end
    return b"".join([*pieces, data[cursor:]])


def _credential_element(text: str) -> bytes:
    if _JWT.fullmatch(text):
        return f'<openbadges:credential verify="{text}"></openbadges:credential>'.encode()
    # "]]>" can only sit inside a JSON string; splitting the CDATA keeps the text exact.
    cdata = text.replace("]]>", "]]]]><![CDATA[>")
    return f"<openbadges:credential><![CDATA[{cdata}]]></openbadges:credential>".encode()


def bake_svg(svg: str, credential: Mapping[str, Any] | str) -> str:
    """Return ``svg`` with the credential in an ``<openbadges:credential>`` element.

    The element goes directly after the root ``<svg>`` start tag, which gains the
    ``xmlns:openbadges`` declaration; any existing credential element is removed.
    The rest of the document is left byte for byte.

    Raises:
        BakeError: unsafe or malformed XML, not an SVG, or a bad credential.
    """
    text = _credential_text(credential)
    _parse_svg(svg)
    data = svg.encode("utf-8")
    layout = _svg_layout(data)
    declared = layout.root_namespaces.get("openbadges")
    if declared not in (None, OB_SVG_NAMESPACE):
        raise BakeError(f"this SVG binds the openbadges prefix to {declared!r}")
    data = _without_spans(data, layout.credential_spans)
    tag_end = _tag_end(data, layout.root_start)
    if data[tag_end - 2 : tag_end] == b"/>":
        raise BakeError("this SVG is an empty <svg/> element")
    name_end = layout.root_start + len(b"<") + len(_root_name(data, layout.root_start))
    declaration = b"" if declared else f' xmlns:openbadges="{OB_SVG_NAMESPACE}"'.encode()
    baked = (
        data[:name_end]
        + declaration
        + data[name_end:tag_end]
        + _credential_element(text)
        + data[tag_end:]
    )
    return baked.decode("utf-8")


def _root_name(data: bytes, tag_start: int) -> bytes:
    match = _TAG_NAME.match(data, tag_start + 1)
    if match is None:
        raise BakeError("this SVG has a root tag that cannot be located")
    return match.group()


def unbake(data: bytes) -> str:
    """Return the credential text baked into a PNG or SVG image, sniffing which.

    Raises:
        BakeError: neither PNG nor SVG, or no credential inside.
    """
    if data.startswith(_PNG_SIGNATURE):
        return unbake_png(data)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return unbake_svg(data)
    raise BakeError("this file is neither a PNG nor an SVG image")
