"""Reading untrusted input: size and nesting limits before any parsing.

Everything a user hands the library (a file, a pasted text, a fetched URL, a
baked image) goes through `read_credential`, so the limits live in one place.
"""

from __future__ import annotations

import json
from typing import Any

from mixtape.bake import unbake
from mixtape.errors import BakeError, InvalidInputError
from mixtape.vcjwt import is_jwt

MAX_DOCUMENT_BYTES = 2_000_000
MAX_NESTING = 64

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def read_credential(data: bytes | str) -> dict[str, Any] | str:
    """Return a credential as a JSON object, or a VC-JWT as its compact string.

    Accepts JSON text, a VC-JWT, or a baked PNG / SVG image holding either.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise InvalidInputError(
            f"input is too large ({len(raw):,} bytes; the limit is {MAX_DOCUMENT_BYTES:,})"
        )
    if raw.startswith(_PNG_SIGNATURE) or _looks_like_svg(raw):
        return _read_baked(raw)
    text = _decode_text(raw).strip()
    if not text:
        raise InvalidInputError("input is empty")
    if is_jwt(text):
        return text
    return parse_json_object(text)


def parse_json_object(text: str) -> dict[str, Any]:
    """Parse JSON text that must be an object, refusing deep nesting before parsing."""
    _check_nesting(text)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInputError(
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    if not isinstance(value, dict):
        raise InvalidInputError(f"expected a JSON object, got {type(value).__name__}")
    return value


def _check_nesting(text: str) -> None:
    # json.loads recurses per level; a hostile file could exhaust the stack.
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            escaped = not escaped and char == "\\"
            in_string = escaped or char != '"'
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                raise InvalidInputError(f"JSON is nested more than {MAX_NESTING} levels deep")
        elif char in "]}":
            depth -= 1


def _decode_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInputError("input is neither UTF-8 text nor a PNG or SVG image") from None


def _looks_like_svg(raw: bytes) -> bool:
    head = raw[:1024].lstrip().lower()
    return (head.startswith(b"<?xml") and b"<svg" in raw[:4096].lower()) or head.startswith(b"<svg")


def _read_baked(raw: bytes) -> dict[str, Any] | str:
    try:
        text = unbake(raw).strip()
    except BakeError as error:
        raise InvalidInputError(str(error)) from None
    return text if is_jwt(text) else parse_json_object(text)
