"""An award as an OB 3.0 ``OpenBadgeCredential`` (unsigned; services.py signs it).

Privacy: the learner is identified by a salted hash of their e-mail address
(``credentialSubject.identifier``). Their name stays in the database only: a
credential travels far and lives long, and the hash is enough for a verifier
who knows the address to check it.

Status: OB 3.0 allows at most ONE ``credentialStatus`` (CredentialStatus
[0..1]; the official JSON Schema requires an object), although VC 2.0 allows
several. Every credential still gets a revocation slot and a suspension slot,
both kept up to date, but only the suspension entry is published in the
document: a suspension bit can be cleared on reinstatement, a revocation bit
must never be (Bitstring Status List §2.1). Revoking sets both bits for good.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from mixtape import status_entry
from mixtape.model.credential import (
    AchievementCredential,
    AchievementSubject,
    CredentialSchema,
    Evidence,
    Result,
)
from mixtape.model.identity import IdentityObject
from mixtape_site.achievements.documents import achievement_model
from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.models import StatusList
from mixtape_site.credentials.statuslists import status_list_url
from mixtape_site.issuers.documents import issuer_profile
from mixtape_site.issuers.identity import absolute_url
from mixtape_site.web.bilingual import language_map

# The purposes whose entries go into the credential (see the module docstring).
PUBLISHED_PURPOSES = (StatusList.Purpose.SUSPENSION,)


@dataclass(frozen=True, kw_only=True)
class Award:
    """Everything a credential document says, already validated."""

    uuid: Any
    achievement: Achievement
    identity: IdentityObject
    issued_on: datetime
    valid_until: datetime | None
    result: str
    evidence_url: str
    slots: dict[str, tuple[StatusList, int]]  # purpose -> (list, index)
    evidence: tuple[Evidence, ...] = ()  # after the evidence URL's entry


def credential_url(uuid: Any) -> str:
    """``/credentials/<uuid>``: the public page, and the credential's ``id`` forever."""
    return absolute_url(f"/credentials/{uuid}")


def xsd_datetime(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def add_months(moment: datetime, months: int) -> datetime:
    """``moment`` plus whole months; the 31st becomes the month's last day."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def credential_document(award: Award) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential for ``award``."""
    achievement = award.achievement
    primary = achievement.organization.primary_language
    credential = AchievementCredential(
        id=credential_url(award.uuid),
        name=language_map(achievement.name, primary=primary),
        issuer=issuer_profile(achievement.organization),
        valid_from=xsd_datetime(award.issued_on),
        valid_until=xsd_datetime(award.valid_until) if award.valid_until else None,
        credential_subject=AchievementSubject(
            identifier=[award.identity],
            achievement=achievement_model(achievement),
            result=[Result(value=award.result)] if award.result else None,
        ),
        evidence=_evidence(award) or None,
        credential_schema=[CredentialSchema()],
    )
    document = credential.to_json()
    entries = [_entry(purpose, *award.slots[purpose]) for purpose in PUBLISHED_PURPOSES]
    document["credentialStatus"] = entries[0] if len(entries) == 1 else entries
    return document


def _evidence(award: Award) -> list[Evidence]:
    linked = [Evidence(id=award.evidence_url)] if award.evidence_url else []
    return [*linked, *award.evidence]


def _entry(purpose: str, status_list: StatusList, index: int) -> dict[str, Any]:
    return status_entry(
        list_credential_id=status_list_url(status_list), index=index, purpose=purpose
    )
