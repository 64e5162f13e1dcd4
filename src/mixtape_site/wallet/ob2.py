"""Open Badges 2.0 assertions: many learners still hold them, so the wallet keeps them.

An OB 2.0 assertion is plain JSON (``"@context": "https://w3id.org/openbadges/v2"``)
whose badge and issuer are embedded objects or URLs. A *hosted* assertion is
checked by fetching its ``id`` and comparing; a *signed* one is a JWS whose key
lives on the issuer's site (not verified here: reported as an unknown issuer).
Baked OB 2.0 images carry the assertion in an ``openbadges`` PNG chunk or an
``<openbadges:assertion>`` SVG element.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Mapping
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings

from mixtape.model.identity import IdentityObject
from mixtape_site.wallet.reading import (
    RecipientMatch,
    Summary,
    parse_date,
    recipient_verdict,
    skills_of,
    text_of,
)
from mixtape_site.web.fetch import FetchError, guarded_fetch

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEYWORD = b"openbadges"
_SVG_ASSERTION = "{http://openbadges.org}assertion"
_JSON_TYPES = "application/ld+json, application/json"


class HostedCheck(StrEnum):
    VERIFIED = "verified"
    REVOKED = "revoked"
    EXPIRED = "expired"
    UNREACHABLE = "unreachable"  # the issuer's copy could not be fetched
    MISMATCH = "mismatch"  # the issuer's copy says something else
    SIGNED = "signed"  # a signed assertion: its key is not checked here


# --- reading ---------------------------------------------------------------------


def unbake(data: bytes) -> str | None:
    """The text baked into an OB 2.0 PNG or SVG, or None if there is none."""
    if data.startswith(_PNG_SIGNATURE):
        return _unbake_png(data)
    try:
        root = SafeElementTree.fromstring(data)
    except (DefusedXmlException, SafeElementTree.ParseError):
        return None
    element = root.find(f".//{_SVG_ASSERTION}")
    if element is None:
        return None
    # Hosted: the JSON inside and the assertion URL in ``verify``; signed: the JWS in ``verify``.
    return (element.text or "").strip() or element.get("verify") or None


def _unbake_png(data: bytes) -> str | None:
    position = len(_PNG_SIGNATURE)
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        if kind == b"iTXt" and body.startswith(_PNG_KEYWORD + b"\0"):
            return _itxt_text(body[len(_PNG_KEYWORD) + 1 :])
        if kind == b"IEND" or len(body) < length:
            return None
        position += 12 + length
    return None


def _itxt_text(rest: bytes) -> str | None:
    # compression flag, method, language tag NUL, translated keyword NUL, text
    if len(rest) < 2 or rest[0] != 0:
        return None  # compressed iTXt: OB 2.0 bakers write it uncompressed
    parts = rest[2:].split(b"\0", 2)
    if len(parts) != 3:
        return None
    try:
        return parts[2].decode("utf-8").strip() or None
    except UnicodeDecodeError:
        return None


def fetch_json(url: str) -> dict[str, Any] | None:
    """A linked OB 2.0 document (badge class, issuer, hosted assertion), or None."""
    try:
        fetched = guarded_fetch(url, accept=_JSON_TYPES)
        value = json.loads(fetched.body)
    except (FetchError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _linked(value: Any, *, fetch: bool) -> Mapping[str, Any]:
    if isinstance(value, Mapping):
        return value
    if fetch and isinstance(value, str) and value.startswith(("https://", "http://")):
        return fetch_json(value) or {"id": value}
    return {"id": value} if isinstance(value, str) else {}


def summary(assertion: Mapping[str, Any], *, language: str | None = None) -> Summary:
    """Name, issuer and dates of an assertion; linked badge and issuer fetched if allowed."""
    fetch = remote_allowed()
    badge = _linked(assertion.get("badge"), fetch=fetch)
    issuer = _linked(badge.get("issuer"), fetch=fetch)
    issuer_id = issuer.get("id")
    badge_id = badge.get("id") or assertion.get("badge")
    return Summary(
        name=text_of(badge, "name", language)[:300],
        issuer_id=(issuer_id if isinstance(issuer_id, str) else "")[:500],
        issuer_name=text_of(issuer, "name", language)[:300],
        issued_on=parse_date(assertion.get("issuedOn")),
        valid_until=parse_date(assertion.get("expires")),
        skills=skills_of(badge.get("alignment")),
        achievement_id=(badge_id if isinstance(badge_id, str) else "")[:500],
    )


def recipient(assertion: Mapping[str, Any], *, emails: list[str], did: str) -> RecipientMatch:
    value = assertion.get("recipient")
    if not isinstance(value, Mapping) or not isinstance(value.get("identity"), str):
        return RecipientMatch.UNKNOWN
    if value.get("type") != "email":
        # A URL or telephone recipient: nothing the wallet can compare.
        return RecipientMatch.UNKNOWN
    identity = IdentityObject(
        identity_hash=value["identity"],
        identity_type="emailAddress",
        hashed=bool(value.get("hashed")),
        salt=value.get("salt") if isinstance(value.get("salt"), str) else None,
    )
    return recipient_verdict(ids=[], identities=[identity], emails=emails, did=did)


# --- checking ----------------------------------------------------------------------


def remote_allowed() -> bool:
    return bool(getattr(settings, "MIXTAPE_VERIFY_FETCH_REMOTE", False))


def hosted_check(assertion: Mapping[str, Any], *, now: datetime | None = None) -> HostedCheck:
    """Compare the assertion with the issuer's hosted copy at its ``id``."""
    url = assertion.get("id")
    hosted = fetch_json(url) if remote_allowed() and isinstance(url, str) else None
    if hosted is None:
        return HostedCheck.UNREACHABLE
    if hosted.get("revoked") is True:
        return HostedCheck.REVOKED
    if not _same(hosted, assertion):
        return HostedCheck.MISMATCH
    expires = parse_date(hosted.get("expires"))
    if expires is not None and expires < (now or datetime.now(UTC)):
        return HostedCheck.EXPIRED
    return HostedCheck.VERIFIED


def _same(hosted: Mapping[str, Any], held: Mapping[str, Any]) -> bool:
    """The fields that make the award: who, which badge, when."""
    if any(_key(hosted.get(k)) != _key(held.get(k)) for k in ("recipient", "badge")):
        return False
    return parse_date(hosted.get("issuedOn")) == parse_date(held.get("issuedOn"))


def _key(value: Any) -> Any:
    """A badge may be embedded in one copy and linked in the other: compare by id."""
    if isinstance(value, Mapping) and "id" in value and "identity" not in value:
        return value["id"]
    return value
