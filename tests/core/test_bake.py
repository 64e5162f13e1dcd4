"""Baking credentials into PNG and SVG images, and getting them back out."""

from __future__ import annotations

import json
import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from mixtape.bake import bake_png, bake_svg, unbake, unbake_png, unbake_svg
from mixtape.errors import BakeError

SAMPLES = Path(__file__).parent.parent / "conformance/examples/ob-v3p0/1edtech-validator"
OB_NS = "https://purl.imsglobal.org/ob/v3p0"
CREDENTIAL = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "id": "urn:uuid:7c0b7a3e-badge",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "name": "Café ]]> crème",  # non-ASCII, and the CDATA terminator inside a string
}
PLAIN_SVG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" data-note="a > b">'
    '<circle cx="5" cy="5" r="4"/></svg>\n'
)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def tiny_png() -> bytes:
    """A real 1x1 red RGB PNG, written by hand."""
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")  # filter byte 0, then R G B
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", pixels)
        + png_chunk(b"IEND", b"")
    )


def read_chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """An independent PNG reader: every CRC must hold and IEND must end the file."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = [], 8
    while offset < len(png):
        (length,) = struct.unpack_from(">I", png, offset)
        kind, data = png[offset + 4 : offset + 8], png[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack_from(">I", png, offset + 8 + length)
        assert crc == zlib.crc32(kind + data), kind
        chunks.append((kind, data))
        offset += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1] == (b"IEND", b"")
    return chunks


def test_baked_png_is_still_a_valid_png_with_the_same_picture() -> None:
    original = tiny_png()

    baked = bake_png(original, CREDENTIAL)

    chunks = read_chunks(baked)
    assert [kind for kind, _ in chunks] == [b"IHDR", b"IDAT", b"iTXt", b"IEND"]
    assert chunks[:2] == read_chunks(original)[:2]
    assert zlib.decompress(chunks[1][1]) == b"\x00\xff\x00\x00"


def test_png_itxt_chunk_follows_ob3_layout() -> None:
    baked = bake_png(tiny_png(), CREDENTIAL)

    itxt = dict(read_chunks(baked))[b"iTXt"]
    keyword, flags_and_rest = itxt.split(b"\0", 1)
    assert keyword == b"openbadgecredential"
    assert flags_and_rest[:2] == b"\0\0"  # uncompressed, compression method 0
    language, translated, text = flags_and_rest[2:].split(b"\0", 2)
    assert (language, translated) == (b"", b"")
    assert json.loads(text.decode("utf-8")) == CREDENTIAL


def test_png_round_trip_keeps_credential_text_exactly() -> None:
    text = json.dumps(CREDENTIAL, indent=2)

    assert unbake_png(bake_png(tiny_png(), text)) == text


def test_png_round_trip_of_a_vc_jwt() -> None:
    token = (SAMPLES / "simple.jwt").read_text(encoding="utf-8").strip()

    assert unbake(bake_png(tiny_png(), token)) == token


def test_baking_twice_replaces_the_credential() -> None:
    first = bake_png(tiny_png(), CREDENTIAL)

    second = bake_png(first, {**CREDENTIAL, "id": "urn:uuid:other"})

    assert [kind for kind, _ in read_chunks(second)].count(b"iTXt") == 1
    assert json.loads(unbake_png(second))["id"] == "urn:uuid:other"


def test_png_without_credential_says_so() -> None:
    with pytest.raises(BakeError, match="this PNG holds no Open Badges credential"):
        unbake_png(tiny_png())


def test_png_with_open_badges_2_assertion_is_told_apart() -> None:
    png = tiny_png()
    ob2 = png_chunk(b"iTXt", b"openbadges\0\0\0\0\0https://example.org/assertion")
    png = png[:-12] + ob2 + png[-12:]

    with pytest.raises(BakeError, match=r"Open Badges 2\.0"):
        unbake_png(png)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda png: png[:-5], "truncated"),
        (lambda png: png[:20], "truncated"),
        (lambda png: png[:30] + bytes([png[30] ^ 1]) + png[31:], "CRC"),
        (lambda png: b"GIF89a" + png[6:], "not a PNG"),
    ],
)
def test_damaged_png_is_refused(damage: Callable[[bytes], bytes], reason: str) -> None:
    baked = bake_png(tiny_png(), CREDENTIAL)

    with pytest.raises(BakeError, match=reason):
        unbake_png(damage(baked))


def test_oversized_image_and_credential_are_refused() -> None:
    with pytest.raises(BakeError, match="MB"):
        unbake_png(tiny_png() + bytes(20 * 1024 * 1024))
    with pytest.raises(BakeError, match="KB"):
        bake_png(tiny_png(), {**CREDENTIAL, "name": "x" * (1024 * 1024)})


def test_credential_must_be_json_object_or_jwt() -> None:
    with pytest.raises(BakeError, match="neither JSON nor a VC-JWT"):
        bake_png(tiny_png(), "hello")


def test_1edtech_json_svg_unbakes_to_its_credential() -> None:
    svg = (SAMPLES / "simple-json.svg").read_text(encoding="utf-8")
    cdata = svg.split("<![CDATA[", 1)[1].split("]]>", 1)[0]

    text = unbake_svg(svg)

    assert json.loads(text) == json.loads(cdata)
    assert json.loads(text)["type"] == ["VerifiableCredential", "OpenBadgeCredential"]


@pytest.mark.parametrize("name", ["simple-jwt.svg", "simple-jwt_v1.svg"])
def test_1edtech_jwt_svg_unbakes_to_its_token(name: str) -> None:
    data = (SAMPLES / name).read_bytes()
    match = re.search(rb'<openbadges:credential verify="([^"]+)"', data)
    assert match is not None

    assert unbake(data) == match.group(1).decode()


def test_svg_round_trip_keeps_the_credential_and_the_picture() -> None:
    baked = bake_svg(PLAIN_SVG, CREDENTIAL)

    assert json.loads(unbake_svg(baked)) == CREDENTIAL
    root = ElementTree.fromstring(baked)
    assert root[0].tag == f"{{{OB_NS}}}credential"
    assert root[1].tag == "{http://www.w3.org/2000/svg}circle"
    assert 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' in baked
    assert baked.endswith('<circle cx="5" cy="5" r="4"/></svg>\n')


def test_svg_round_trip_keeps_json_text_exactly() -> None:
    text = json.dumps(CREDENTIAL, indent=1, ensure_ascii=False)

    assert unbake_svg(bake_svg(PLAIN_SVG, text)) == text


def test_svg_jwt_goes_in_verify_attribute() -> None:
    token = (SAMPLES / "simple.jwt").read_text(encoding="utf-8").strip()

    baked = bake_svg(PLAIN_SVG, token)

    element = ElementTree.fromstring(baked)[0]
    assert element.get("verify") == token
    assert unbake_svg(baked) == token


def test_rebaking_1edtech_svg_replaces_its_credential() -> None:
    svg = (SAMPLES / "simple-json.svg").read_text(encoding="utf-8")

    baked = bake_svg(svg, CREDENTIAL)

    assert baked.count("<openbadges:credential") == 1
    assert baked.count("xmlns:openbadges=") == 1
    assert json.loads(unbake_svg(baked)) == CREDENTIAL
    assert baked.split("<g>", 1)[1] == svg.split("<g>", 1)[1]


def test_svg_without_credential_says_so() -> None:
    with pytest.raises(BakeError, match="this SVG holds no Open Badges credential"):
        unbake_svg(PLAIN_SVG)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE svg [
  <!ENTITY a "lol">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&c;</text></svg>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&secret;</text></svg>"""


@pytest.mark.parametrize("svg", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_xml_entity_attacks_are_refused(svg: str) -> None:
    with pytest.raises(BakeError, match="refused"):
        unbake_svg(svg)
    with pytest.raises(BakeError, match="refused"):
        bake_svg(svg, CREDENTIAL)


def test_non_svg_xml_and_garbage_are_refused() -> None:
    with pytest.raises(BakeError, match="not an SVG"):
        unbake_svg("<html/>")
    with pytest.raises(BakeError, match="not well-formed"):
        unbake_svg("<svg")
    with pytest.raises(BakeError, match="neither a PNG nor an SVG"):
        unbake(b"GIF89a...")


def test_rebaking_replaces_an_empty_element_credential_only() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">'
        '<openbadges:credential verify="a.b.c"/><g id="picture"/></svg>'
    )

    baked = bake_svg(svg, CREDENTIAL)

    assert baked.count("openbadges:credential") == 2  # one start tag, one end tag
    assert baked.endswith('</openbadges:credential><g id="picture"/></svg>')
    assert json.loads(unbake_svg(baked)) == CREDENTIAL
