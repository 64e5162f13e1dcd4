"""From an API request to ``credential_issue``: which achievement, which recipient.

Requests name things the way VC-API clients do (URLs, ``validFrom``); this module
maps them onto the platform's rows, refusing with a 422 what it cannot accept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from django.urls import Resolver404, resolve
from django.utils import timezone

from mixtape_site.achievements.models import Achievement
from mixtape_site.api import errors
from mixtape_site.api.errors import ApiError
from mixtape_site.api.schemas import IssueOptions
from mixtape_site.api.selectors import achievement_of
from mixtape_site.credentials.services import Recipient
from mixtape_site.issuers.identity import organization_did
from mixtape_site.issuers.resolver import is_platform_url
from mixtape_site.organizations.models import Organization

UUID_PATTERN = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def refuse(code: str, message: Any) -> ApiError:
    return ApiError(422, code, message)


def issuable_achievement(*, organization: Organization, uuid: UUID | None) -> Achievement:
    """The organization's published achievement ``uuid``, or a 422."""
    if uuid is None:
        raise refuse("achievement_missing", errors.ACHIEVEMENT_MISSING)
    achievement = achievement_of(organization=organization, uuid=uuid)
    if achievement is None:
        raise refuse("achievement_unknown", errors.ACHIEVEMENT_UNKNOWN)
    if achievement.status != Achievement.Status.PUBLISHED:
        raise refuse("achievement_not_published", errors.ACHIEVEMENT_NOT_PUBLISHED)
    return achievement


def achievement_uuid_from_url(url: str) -> UUID | None:
    """The uuid in one of the platform's achievement URLs, else None."""
    if not is_platform_url(url):
        return None
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    if match.view_name != "achievements:detail":
        return None
    return UUID(str(match.kwargs["uuid"]))


def requested_achievement(
    *, organization: Organization, credential: Mapping[str, Any], options: IssueOptions
) -> Achievement:
    subject = credential.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    named = subject.get("achievement") if isinstance(subject, Mapping) else None
    url = named.get("id") if isinstance(named, Mapping) else None
    from_url = None
    if isinstance(url, str) and url:
        from_url = achievement_uuid_from_url(url)
        if from_url is None:
            raise refuse("achievement_unknown", errors.ACHIEVEMENT_UNKNOWN)
    if from_url and options.achievement and from_url != options.achievement:
        raise refuse("achievement_mismatch", errors.ACHIEVEMENT_MISMATCH)
    return issuable_achievement(organization=organization, uuid=from_url or options.achievement)


def check_issuer(*, organization: Organization, credential: Mapping[str, Any]) -> None:
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    if issuer_id is not None and issuer_id != organization_did(organization):
        raise refuse("issuer_mismatch", errors.ISSUER_MISMATCH)


def issue_date(value: Any) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise refuse("invalid_date", errors.INVALID_DATE) from None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def requested_recipient(*, credential: Mapping[str, Any], options: IssueOptions) -> Recipient:
    return Recipient(
        name=options.recipient.name.strip(),
        email=options.recipient.email,
        issued_on=issue_date(credential.get("validFrom")),
        result=options.result,
        evidence_url=options.evidenceUrl,
        external_id=options.externalId,
    )


def credential_uuid(credential_id: str) -> UUID | None:
    """The uuid in a credential URL (``…/credentials/<uuid>``) or ``urn:uuid:<uuid>``."""
    found = UUID_PATTERN.findall(credential_id)
    return UUID(found[-1]) if found else None
