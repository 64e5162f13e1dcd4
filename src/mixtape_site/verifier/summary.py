"""What a credential says about itself, read without trusting it, for the verifier page.

The checks say whether to believe it; this says what "it" is: the achievement's
name, the issuer, how the recipient is identified and the dates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mixtape.values import as_list
from mixtape.vcdm import parse_datetime
from mixtape_site.web.bilingual import in_language

# OB 3.0 IdentifierTypeEnum values a verifier meets most, in plain words.
IDENTITY_TYPE_LABELS: dict[str, Promise] = {
    "emailAddress": _("E-mail address"),
    "name": _("Name"),
    "sourcedId": _("Student information system id"),
    "lisSourcedId": _("Student information system id"),
    "studentId": _("Student id"),
    "telephone": _("Telephone number"),
    "url": _("Web address"),
    "nationalIdentityNumber": _("National identity number"),
    "identifier": _("Identifier"),
}
DID_LABEL = _("Decentralized identifier (DID)")
HASHED_LABEL = _("{kind}, hashed")


@dataclass(frozen=True)
class CredentialSummary:
    id: str
    name: str
    description: str
    issuer_name: str
    issuer_id: str
    recipient_types: tuple[str, ...]
    valid_from: datetime | None
    valid_until: datetime | None


def credential_summary(document: Mapping[str, Any] | None) -> CredentialSummary | None:
    """The credential's own claims, or None when it is not a JSON object."""
    if not isinstance(document, Mapping):
        return None
    subject = next((s for s in as_list(document.get("credentialSubject")) if _is_map(s)), {})
    achievement = subject.get("achievement")
    achievement = achievement if _is_map(achievement) else {}
    issuer = document.get("issuer")
    issuer = issuer if _is_map(issuer) else {"id": issuer}
    return CredentialSummary(
        id=_string(document.get("id")),
        name=localized(achievement, "name"),
        description=localized(achievement, "description"),
        issuer_name=localized(issuer, "name") or _string(issuer.get("id")),
        issuer_id=_string(issuer.get("id")),
        recipient_types=recipient_types(subject),
        valid_from=parse_datetime(document.get("validFrom") or document.get("issuanceDate")),
        valid_until=parse_datetime(document.get("validUntil") or document.get("expirationDate")),
    )


def recipient_types(subject: Mapping[str, Any]) -> tuple[str, ...]:
    """How the recipient is identified (never the identifier itself: it may be private)."""
    kinds: list[str] = []
    if _string(subject.get("id")).startswith("did:"):
        kinds.append(str(DID_LABEL))
    for identity in as_list(subject.get("identifier")):
        if not _is_map(identity):
            continue
        raw = _string(identity.get("identityType"))
        kind = str(IDENTITY_TYPE_LABELS.get(raw, raw)) or str(IDENTITY_TYPE_LABELS["identifier"])
        kinds.append(str(HASHED_LABEL).format(kind=kind) if identity.get("hashed") else kind)
    return tuple(dict.fromkeys(kinds))


def localized(item: Mapping[str, Any], key: str) -> str:
    """``<key>Map`` in the reader's language when there is one, else ``<key>``."""
    mapped = item.get(f"{key}Map")
    if _is_map(mapped):
        text = in_language({str(k): str(v) for k, v in mapped.items() if isinstance(v, str)})
        if text:
            return text
    return _string(item.get(key))


def _is_map(value: object) -> bool:
    return isinstance(value, Mapping)


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""
