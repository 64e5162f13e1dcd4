"""API tokens: created for an organization, shown once, stored only as a hash."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from mixtape_site.api.models import ApiToken
from mixtape_site.organizations.models import Organization

TOKEN_PREFIX = "mxt_"  # noqa: S105 - a marker, not a secret: it lets scanners spot leaks
# Recording every request would turn each API read into a write; a minute is precise enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_hash(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


@transaction.atomic
def token_create(*, organization: Organization, name: str, created_by: Any) -> tuple[ApiToken, str]:
    """A new token and its plaintext (``mxt_…``), which is never stored and shown once."""
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        organization=organization,
        name=name,
        prefix=plaintext[:12],
        token_hash=token_hash(plaintext),
        created_by=created_by,
    )
    token.full_clean(exclude=["created_by"])  # None is allowed: the creator may be gone
    token.save()
    return token, plaintext


@transaction.atomic
def token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke ``token`` for good; revoking twice keeps the first date."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.full_clean()
        token.save(update_fields=["revoked_at"])
    return token


def token_touch(*, token: ApiToken) -> None:
    """Record that ``token`` was used, at most once per ``LAST_USED_RESOLUTION``."""
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
