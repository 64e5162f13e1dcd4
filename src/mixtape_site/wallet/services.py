"""Writes to the learner's wallet: importing, adding claimed credentials, tags, removal."""

from __future__ import annotations

import re
import uuid as uuid_module
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mixtape_site.credentials.documents import credential_url
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.credentials.services import CLAIM_TAKEN, credential_claim, verified_emails
from mixtape_site.wallet.importing import (
    ALREADY_IN_WALLET,
    CODE_NOT_YOURS_EMAIL,
    NOT_YOURS_EMAIL,
    NOT_YOURS_ID,
    Candidate,
    candidate_from_bytes,
    candidate_from_text,
    candidate_from_url,
)
from mixtape_site.wallet.keys import learner_did
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.reading import RecipientMatch, content_hash, vc_summary
from mixtape_site.wallet.signals import credential_added

MAX_TAGS = 10
MAX_TAG_LENGTH = 30
TAGS_TOO_MANY = _("A credential can have at most 10 tags.")
TAG_TOO_LONG = _("A tag can be at most 30 characters long.")

_REFUSALS = {
    RecipientMatch.OTHER_EMAIL: (NOT_YOURS_EMAIL, CODE_NOT_YOURS_EMAIL),
    RecipientMatch.OTHER_ID: (NOT_YOURS_ID, "not_yours_id"),
}


def learner_language(user: Any) -> str:
    return getattr(user, "preferred_language", "") or get_language() or "en"


def wallet_import_file(*, user: Any, data: bytes) -> WalletCredential:
    """Import an uploaded file (JSON, VC-JWT, baked PNG or SVG, OB 2.0 assertion).

    Raises:
        ValidationError: unreadable, not a credential, someone else's, or held already.
    """
    return _import(user=user, candidate=candidate_from_bytes(data))


def wallet_import_text(*, user: Any, text: str) -> WalletCredential:
    """Import pasted JSON or a compact JWT. Raises ValidationError like the upload."""
    return _import(user=user, candidate=candidate_from_text(text))


def wallet_import_url(*, user: Any, url: str) -> WalletCredential:
    """Import the credential at a public http(s) URL (timeout, size cap, no private hosts)."""
    return _import(user=user, candidate=candidate_from_url(url))


def _import(*, user: Any, candidate: Candidate) -> WalletCredential:
    verdict = candidate.recipient(emails=verified_emails(user), did=learner_did(user=user))
    if verdict in _REFUSALS:
        message, code = _REFUSALS[verdict]
        raise ValidationError(message, code=code)
    if WalletCredential.objects.filter(owner=user, content_hash=candidate.content_hash).exists():
        raise ValidationError(ALREADY_IN_WALLET, code="duplicate")
    summary = candidate.summary(language=learner_language(user))
    row = WalletCredential(
        owner=user,
        source=WalletCredential.Source.IMPORTED,
        format=candidate.format,
        issued_credential=_platform_credential(candidate),
        document=candidate.document,
        content_hash=candidate.content_hash,
        name=summary.name,
        issuer_id=summary.issuer_id,
        issuer_name=summary.issuer_name,
        issued_on=summary.issued_on,
        valid_until=summary.valid_until,
        skills=summary.skills,
        achievement_id=summary.achievement_id,
    )
    return _save(row)


def _save(row: WalletCredential) -> WalletCredential:
    try:
        with transaction.atomic():
            row.full_clean(validate_constraints=False)
            row.save()
    except IntegrityError:  # the same credential imported twice at once
        raise ValidationError(ALREADY_IN_WALLET, code="duplicate") from None
    credential_added.send(sender=WalletCredential, user=row.owner, credential=row)
    return row


def _platform_credential(candidate: Candidate) -> IssuedCredential | None:
    """This platform's own record of an imported credential (its status is then exact)."""
    credential_id = candidate.credential.get("id")
    prefix = credential_url("")
    if not isinstance(credential_id, str) or not credential_id.startswith(prefix):
        return None
    try:
        uuid = uuid_module.UUID(credential_id.removeprefix(prefix))
    except ValueError:
        return None
    issued = IssuedCredential.objects.filter(uuid=uuid).first()
    if issued is None or content_hash(issued.document) != candidate.content_hash:
        return None
    return issued


def wallet_add_claimed(*, user: Any, issued_credential: IssuedCredential) -> WalletCredential:
    """Hold a credential the user claimed on this platform; adding it twice changes nothing."""
    if issued_credential.claimed_by_id != user.pk:
        raise ValidationError(CLAIM_TAKEN)
    digest = content_hash(issued_credential.document)
    existing = WalletCredential.objects.filter(owner=user, content_hash=digest).first()
    if existing is not None:
        if existing.issued_credential_id is None:
            existing.issued_credential = issued_credential
            existing.save(update_fields=["issued_credential"])
        return existing
    summary = vc_summary(issued_credential.document, language=learner_language(user))
    row = WalletCredential(
        owner=user,
        source=WalletCredential.Source.CLAIMED,
        format=WalletCredential.Format.OB3_JSON,
        issued_credential=issued_credential,
        document=issued_credential.document,
        content_hash=digest,
        name=summary.name,
        issuer_id=summary.issuer_id,
        issuer_name=summary.issuer_name,
        issued_on=summary.issued_on,
        valid_until=summary.valid_until,
        skills=summary.skills,
        achievement_id=summary.achievement_id,
    )
    try:
        return _save(row)
    except ValidationError:  # a concurrent twin was saved first
        return WalletCredential.objects.get(owner=user, content_hash=digest)


def wallet_claim_discovered(*, user: Any, issued_credential: IssuedCredential) -> WalletCredential:
    """Claim a credential found for one of the user's verified e-mails, and hold it.

    Raises:
        ValidationError: the claim service's refusals (revoked, someone else's…).
    """
    with transaction.atomic():
        claimed = credential_claim(token=issued_credential.claim_token, user=user)
        return wallet_add_claimed(user=user, issued_credential=claimed)


def wallet_remove(*, user: Any, credential: WalletCredential) -> None:
    """Drop the credential from the wallet (and its mixtapes); the issuer's record stays."""
    if credential.owner_id != user.pk:
        raise PermissionDenied
    credential.delete()


def tags_normalize(tags: str | list[str]) -> list[str]:
    """Comma-separated or a list; trimmed, single spaces, lowercase, each once, in order."""
    items = tags.split(",") if isinstance(tags, str) else tags
    normalized: list[str] = []
    for item in items:
        tag = re.sub(r"\s+", " ", str(item)).strip().lower()
        if tag and tag not in normalized:
            normalized.append(tag)
    return normalized


def wallet_set_tags(
    *, user: Any, credential: WalletCredential, tags: str | list[str]
) -> WalletCredential:
    """Replace the credential's tags (at most 10, each at most 30 characters)."""
    if credential.owner_id != user.pk:
        raise PermissionDenied
    normalized = tags_normalize(tags)
    if len(normalized) > MAX_TAGS:
        raise ValidationError({"tags": TAGS_TOO_MANY})
    if any(len(tag) > MAX_TAG_LENGTH for tag in normalized):
        raise ValidationError({"tags": TAG_TOO_LONG})
    credential.tags = normalized
    credential.save(update_fields=["tags"])
    return credential
