"""What a held credential says: its summary, its recipient and its fingerprint.

A wallet row keeps the credential as received: a JSON object, or ``{"jwt": …}``
for a token. These functions read either shape (OB 3.0 / VC and OB 2.0 alike)
without verifying anything; ``status.py`` verifies.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import rfc8785

from mixtape.errors import InvalidInputError
from mixtape.model.identity import IdentityObject
from mixtape.vcjwt import decode_vc_jwt
from mixtape_site.web.bilingual import in_language

OB2_CONTEXT = "https://w3id.org/openbadges/v2"
_DID_PREFIX = "did:"
_MAILTO = "mailto:"


@dataclass(frozen=True)
class Summary:
    """The fields a wallet row keeps for listing, search and filters."""

    name: str = ""
    issuer_id: str = ""
    issuer_name: str = ""
    issued_on: datetime | None = None
    valid_until: datetime | None = None
    skills: list[dict[str, str]] = field(default_factory=list)
    achievement_id: str = ""


class RecipientMatch(StrEnum):
    YOURS = "yours"  # issued to one of the learner's verified e-mails or their DID
    UNKNOWN = "unknown"  # nothing says whom it was issued to (or nothing we can check)
    OTHER_EMAIL = "other_email"  # issued to an e-mail address the learner has not verified
    OTHER_ID = "other_id"  # issued to another DID or identifier


# --- shapes -------------------------------------------------------------------


def token_of(document: Mapping[str, Any]) -> str | None:
    """The compact token of a row stored as ``{"jwt": …}``, else None."""
    token = document.get("jwt")
    return token if len(document) == 1 and isinstance(token, str) else None


def jwt_payload(token: str) -> dict[str, Any]:
    """The payload of a compact JWS, unverified (OB 2.0 signed assertions)."""
    return _jwt_segment(token, 1)


def jwt_header(token: str) -> dict[str, Any]:
    return _jwt_segment(token, 0)


def _jwt_segment(token: str, index: int) -> dict[str, Any]:
    try:
        segment = token.strip().split(".")[index]
        value = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    except (IndexError, binascii.Error, ValueError) as error:
        raise InvalidInputError("a token segment is not base64url JSON") from error
    if not isinstance(value, dict):
        raise InvalidInputError("a token segment is not a JSON object")
    return value


def is_ob2(document: Mapping[str, Any]) -> bool:
    contexts = document.get("@context")
    contexts = contexts if isinstance(contexts, list) else [contexts]
    types = document.get("type")
    types = types if isinstance(types, list) else [types]
    in_context = any(isinstance(c, str) and c.rstrip("/") == OB2_CONTEXT for c in contexts)
    return in_context or "Assertion" in types


def credential_json(document: Mapping[str, Any]) -> dict[str, Any]:
    """The credential as JSON, whatever the stored shape (a token is decoded, not verified)."""
    token = token_of(document)
    if token is None:
        return dict(document)
    payload = jwt_payload(token)
    if is_ob2(payload):
        return payload
    return decode_vc_jwt(token).credential


def content_hash(value: Mapping[str, Any] | str) -> str:
    """sha256 of the JSON canonicalized (RFC 8785), or of the token as given."""
    if isinstance(value, str):
        data = value.strip().encode("utf-8")
    else:
        try:
            data = rfc8785.dumps(value)
        except (rfc8785.CanonicalizationError, TypeError):
            # Integers beyond 2**53 have no canonical form; sorted JSON is still stable.
            data = json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


# --- text and dates -----------------------------------------------------------


def text_of(item: Any, key: str, language: str | None = None) -> str:
    """``key`` of ``item`` in ``language`` (``nameMap``, a value object or a string)."""
    if not isinstance(item, Mapping):
        return ""
    mapped = item.get(f"{key}Map")
    if isinstance(mapped, dict) and (text := in_language(_strings(mapped), language)):
        return text
    value = item.get(key)
    if isinstance(value, str):
        return value
    values = value if isinstance(value, list) else [value]
    objects = {
        str(v.get("@language") or ""): v["@value"]
        for v in values
        if isinstance(v, Mapping) and isinstance(v.get("@value"), str)
    }
    return in_language(objects, language) if objects else ""


def _strings(mapping: Mapping[Any, Any]) -> dict[str, str]:
    return {str(k): v for k, v in mapping.items() if isinstance(v, str)}


def parse_date(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _cut(text: str, length: int) -> str:
    return text.strip()[:length]


# --- OB 3.0 / VC ----------------------------------------------------------------


def vc_summary(credential: Mapping[str, Any], *, language: str | None = None) -> Summary:
    subject = _first(credential.get("credentialSubject"))
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    issued = (
        credential.get("validFrom")
        or credential.get("issuanceDate")
        or credential.get("awardedDate")
    )
    alignments = achievement.get("alignment") if isinstance(achievement, Mapping) else None
    return Summary(
        name=_cut(
            text_of(achievement, "name", language) or text_of(credential, "name", language), 300
        ),
        issuer_id=_cut(issuer_id if isinstance(issuer_id, str) else "", 500),
        issuer_name=_cut(text_of(issuer, "name", language), 300),
        issued_on=parse_date(issued),
        valid_until=parse_date(credential.get("validUntil") or credential.get("expirationDate")),
        skills=skills_of(alignments),
        achievement_id=_cut(_id_of(achievement), 500),
    )


def _id_of(item: Any) -> str:
    value = item.get("id") if isinstance(item, Mapping) else item
    return value if isinstance(value, str) else ""


def skills_of(alignments: Any) -> list[dict[str, str]]:
    """``[{"url", "name", "framework"}]`` from OB alignments (OB 2.0 and 3.0 share the names)."""
    skills = []
    for item in alignments if isinstance(alignments, list) else []:
        if not isinstance(item, Mapping):
            continue
        skill = {
            "url": str(item.get("targetUrl") or ""),
            "name": str(item.get("targetName") or ""),
            "framework": str(item.get("targetFramework") or ""),
        }
        if skill["url"] or skill["name"]:
            skills.append(skill)
    return skills


def vc_recipient(credential: Mapping[str, Any], *, emails: list[str], did: str) -> RecipientMatch:
    subjects = credential.get("credentialSubject")
    subjects = subjects if isinstance(subjects, list) else [subjects]
    ids: list[str] = []
    identities: list[IdentityObject] = []
    for subject in (s for s in subjects if isinstance(s, Mapping)):
        if isinstance(subject.get("id"), str):
            ids.append(subject["id"])
        identities += _identities(subject.get("identifier"))
    return recipient_verdict(ids=ids, identities=identities, emails=emails, did=did)


def _identities(value: Any) -> list[IdentityObject]:
    found = []
    for item in value if isinstance(value, list) else [value]:
        if not isinstance(item, Mapping):
            continue
        try:
            found.append(IdentityObject.from_json(dict(item)))
        except InvalidInputError:
            continue
    return found


def recipient_verdict(
    *, ids: list[str], identities: list[IdentityObject], emails: list[str], did: str
) -> RecipientMatch:
    """Whose credential this is, from its subject ids and hashed or plain identifiers."""
    mailto = [i.removeprefix(_MAILTO) for i in ids if i.startswith(_MAILTO)]
    if did in ids or any(m.lower() in emails for m in mailto):
        return RecipientMatch.YOURS
    email_identities = [i for i in identities if i.identity_type == "emailAddress"]
    if any(i.matches(email) for i in email_identities for email in emails):
        return RecipientMatch.YOURS
    if email_identities or mailto:
        return RecipientMatch.OTHER_EMAIL
    if any(i.startswith(_DID_PREFIX) for i in ids):
        return RecipientMatch.OTHER_ID
    return RecipientMatch.UNKNOWN
